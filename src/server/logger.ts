import pino from "pino";

/**
 * Structured logs. Personal data never goes into a log: we log ids, codes and counts only.
 * The redact list is a safety net for fields that must never appear even by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: {
      paths: [
        "password",
        "*.password",
        "email",
        "*.email",
        "name",
        "*.name",
        "token",
        "*.token",
        "cookie",
        "*.cookie",
        "authorization",
        "*.authorization",
        "req.headers",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type Logger = pino.Logger;

/**
 * What of an error may go into a log: its class, a database error code, and the stack frames.
 * The message line is dropped because messages of foreign errors can quote user input.
 */
export function errorForLog(err: unknown): { type: string; code?: string; frames?: string } {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  const frames = err.stack
    ?.split("\n")
    .filter((l) => l.trimStart().startsWith("at "))
    .slice(0, 15)
    .join("\n");
  return {
    type: err.name,
    ...(typeof code === "string" ? { code } : {}),
    ...(frames ? { frames } : {}),
  };
}

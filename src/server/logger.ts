import pino from "pino";

/**
 * Structured logs. Personal data never goes into a log: we log ids, codes and counts only.
 * The redact list is a safety net for fields that must never appear even by mistake.
 */
export function createLogger(level: string) {
  return pino({
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
  });
}
export type Logger = pino.Logger;

import { AppError, isAppError } from "./errors.ts";

/**
 * The SQL state of a database error, as node-postgres or PGlite report it; Drizzle wraps the
 * driver's error and puts it on `cause`.
 */
export function sqlStateOf(err: unknown): string | null {
  for (let cur = err, depth = 0; cur && typeof cur === "object" && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The safety net behind validation (decision 020): a database refusal that only input can cause
 * is the client's error, never a 500. Class 22 (data exception: invalid text representation,
 * numeric out of range, invalid byte sequence, string too long, bad date) and the integrity
 * checks a request can trip (a reference to a row that does not exist, a check constraint, a
 * duplicate) become 4xx. Everything else (connection, syntax, deadlock) stays a server error.
 */
export function refusalFromDatabase(err: unknown): AppError | null {
  const state = sqlStateOf(err);
  if (!state) return null;
  if (state.startsWith("22")) return new AppError("bad_request", { cause: err });
  switch (state) {
    case "23502": // not_null_violation
    case "23503": // foreign_key_violation
    case "23514": // check_violation
    case "54000": // program_limit_exceeded (e.g. an index row or tsvector too large)
      return new AppError("bad_request", { cause: err });
    case "23505": // unique_violation the service did not anticipate
      return new AppError("conflict", { cause: err });
    default:
      return null;
  }
}

/** An error that is the client's, as the AppError to answer with; null for a server fault. */
export function asClientError(err: unknown): AppError | null {
  if (isAppError(err)) return err.status < 500 ? err : null;
  return refusalFromDatabase(err);
}

/**
 * One-time link tokens (password reset, referral and survey answers, crisis acknowledgements, the
 * public welcome package's link) grant access on their
 * own: they never go into logs, and the outbox shows mails without them.
 */
const PATH_TOKEN =
  /(\/(?:referral|survey|surveys\/links|crisis-alert|welcome-package|date-poll)\/)[^/?#\s"'<>]+/g;
const QUERY_TOKEN = /([?&]token=)[^&#\s"'<>]+/g;

export const REDACTED = "[redacted]";

/** A request path with its one-time token replaced ("/de/survey/[redacted]"). */
export function redactPath(path: string): string {
  return path.replace(PATH_TOKEN, `$1${REDACTED}`);
}

/** Mail text or HTML with every one-time link token replaced. */
export function redactLinks(text: string): string {
  return text.replace(PATH_TOKEN, `$1${REDACTED}`).replace(QUERY_TOKEN, `$1${REDACTED}`);
}

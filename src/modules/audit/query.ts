import { parseInput } from "../../server/validation.ts";
import { type AuditQuery, auditQuery } from "./contracts.ts";
import { AUDIT_TIME_ZONE } from "./model.ts";
import type { AuditFilter } from "./repo.ts";

export type { AuditQuery, AuditQueryInput } from "./contracts.ts";
export { AUDIT_TIME_ZONE } from "./model.ts";
/** The search's contract under its earlier name. */
export const auditQuerySchema = auditQuery;

/** Start of a calendar day in a time zone, as an instant. */
export function startOfDay(date: string, timeZone = AUDIT_TIME_ZONE): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // Offset of the zone at that moment (midnight is never inside a DST switch in Europe).
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(utcMidnight);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asLocal = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return new Date(utcMidnight.getTime() - (asLocal - utcMidnight.getTime()));
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The repository's filter for a parsed query: calendar days become instants in Europe/Berlin. */
export function auditFilterOf(q: AuditQuery): AuditFilter {
  return {
    actorUserId: q.actor,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? startOfDay(q.from) : undefined,
    // "to" is inclusive: up to the start of the next day.
    to: q.to ? startOfDay(nextDay(q.to)) : undefined,
  };
}

/** Parses a raw query (e.g. the CLI or a test); bad input becomes per-field validation errors. */
export function parseAuditQuery(input: unknown): { query: AuditQuery; filter: AuditFilter } {
  const query = parseInput(auditQuery, input);
  return { query, filter: auditFilterOf(query) };
}

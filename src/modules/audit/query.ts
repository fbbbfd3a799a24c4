import { z } from "zod";
import { validationError } from "../../server/errors.problem.ts";
import type { AuditFilter } from "./repo.ts";

/** Lotse serves German municipalities: calendar dates in filters mean days in this zone. */
export const AUDIT_TIME_ZONE = "Europe/Berlin";

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** The audit log filter as it comes from a query string (API and the page's GET form). */
export const auditQuerySchema = z
  .object({
    actor: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.uuid().optional()),
    action: optionalText(60),
    entityType: optionalText(60),
    entityId: optionalText(200),
    from: optionalText(10).pipe(
      z
        .string()
        .regex(DATE_RE, { error: "code:invalid_date", abort: true })
        .refine(isRealDate, { error: "code:invalid_date" })
        .optional(),
    ),
    to: optionalText(10).pipe(
      z
        .string()
        .regex(DATE_RE, { error: "code:invalid_date", abort: true })
        .refine(isRealDate, { error: "code:invalid_date" })
        .optional(),
    ),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "code:date_range" });
    }
  });
export type AuditQueryInput = z.input<typeof auditQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;

function isRealDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
}

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

/** Parses a query; bad input becomes per-field validation errors. */
export function parseAuditQuery(input: unknown): { query: AuditQuery; filter: AuditFilter } {
  const parsed = auditQuerySchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const q = parsed.data;
  return {
    query: q,
    filter: {
      actorUserId: q.actor,
      action: q.action,
      entityType: q.entityType,
      entityId: q.entityId,
      from: q.from ? startOfDay(q.from) : undefined,
      // "to" is inclusive: up to the start of the next day.
      to: q.to ? startOfDay(nextDay(q.to)) : undefined,
    },
  };
}

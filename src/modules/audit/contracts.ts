/**
 * The audit module's contracts (decision 019): the log search as it comes from a query string
 * (API and the audit page's GET form), and the page of entries the API returns.
 * Browser-safe: no table definitions, no database.
 */
import { z } from "zod";

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
}

/** Empty means "no filter". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const calendarDay = (description: string) =>
  optionalText(10)
    .pipe(
      z
        .string()
        .regex(DATE_RE, { error: "code:invalid_date", abort: true })
        .refine(isRealDate, { error: "code:invalid_date" })
        .optional(),
    )
    .meta({ description });

/** GET /audit and the audit page: filters, then the page. */
export const auditQuery = z
  .object({
    actor: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.uuid().optional())
      .meta({ description: "Acting user's id" }),
    action: optionalText(60).meta({ description: "e.g. create, update, read, login" }),
    entityType: optionalText(60),
    entityId: optionalText(200),
    from: calendarDay("First day (YYYY-MM-DD, Europe/Berlin), inclusive"),
    to: calendarDay("Last day (YYYY-MM-DD, Europe/Berlin), inclusive"),
    limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "1–200, default 50" }),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "code:date_range" });
    }
  });
export type AuditQueryInput = z.input<typeof auditQuery>;
export type AuditQuery = z.output<typeof auditQuery>;

export const auditEntryView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorUserId: z.string().nullable(),
  actorKind: z.string().meta({ description: "user, system (jobs) or cli" }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z
    .record(
      z.string(),
      // A field's value before and after: any JSON value the entity had (ids, texts, lists).
      z.object({ old: z.unknown(), new: z.unknown() }),
    )
    .nullable()
    .meta({ description: "old → new per changed field; secrets are masked" }),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const auditPageView = z.object({
  items: z.array(auditEntryView),
  hasMore: z.boolean(),
  limit: z.number().int(),
  offset: z.number().int(),
});

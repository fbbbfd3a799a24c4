/** Contracts of the monthly statements (issue 17, What must work 5; decision 099). Browser-safe. */
import { z } from "zod";

export const statementPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "code:volunteers_period" });

/** POST /volunteer-statements/runs: issue (or correct) the statements of a month in a job. */
export const statementRunInput = z.object({ period: statementPeriod });
export const statementPeriodQuery = z.object({ period: statementPeriod });

export const statementView = z.object({
  id: z.uuid(),
  volunteerId: z.uuid().nullable(),
  volunteerName: z.string(),
  period: z.string(),
  seq: z.number().int(),
  replacesId: z.uuid().nullable(),
  lines: z.array(
    z.object({
      requestId: z.uuid(),
      date: z.string(),
      institution: z.string(),
      language: z.string(),
      mode: z.string(),
      minutes: z.number().int(),
      km: z.number().int(),
    }),
  ),
  minutes: z.number().int(),
  km: z.number().int(),
  hourlyRateCents: z.number().int(),
  kmRateCents: z.number().int(),
  hoursCents: z.number().int(),
  kmCents: z.number().int(),
  totalCents: z.number().int(),
  issuedAt: z.string(),
});
export type StatementView = z.output<typeof statementView>;
export const statementRunView = z.object({ period: z.string(), queued: z.boolean() });

const safe = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
/** GET /volunteer-pool/figures: the port's tables through the small-cell rule (decision 099). */
export const poolFiguresView = z.object({
  year: z.number().int(),
  minCount: z.number().int(),
  requests: z.array(
    z.object({ language: z.string(), area: z.string().nullable(), served: safe, unserved: safe }),
  ),
  hours: z.array(z.object({ language: z.string(), setting: z.string(), hours: safe })),
});
export const publishPoolFiguresInput = z.object({ year: z.number().int().min(2000).max(2100) });
export const publishPoolFiguresView = z.object({
  values: z.number().int(),
  level: z.string(),
  areas: z.number().int(),
  unassigned: z.number().int(),
});

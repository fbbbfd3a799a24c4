/** Contracts of the pool's numbers for steering (issue 17, What must work 6; decision 076). Browser-safe. */
import { z } from "zod";

const suppressed = z.enum(["primary", "secondary"]).nullable();
/** A count or hours figure after the small-cell rule: `value` null when hidden. */
const safe = z.object({ value: z.number().nullable(), suppressed });

export const volunteerNumbersView = z.object({
  year: z.number().int(),
  /** The tenant's smallest published count ("<5"). */
  minCount: z.number().int(),
  pool: z.object({ total: safe, active: safe, applicants: safe, inactive: safe }),
  activeByLanguage: z.array(z.object({ language: z.string(), count: safe })),
  activeByArea: z.array(z.object({ area: z.string(), count: safe })),
  /** Requests of the year per language: served, still open, unserved (date passed), cancelled. */
  requestsByLanguage: z.array(
    z.object({
      language: z.string(),
      requests: safe,
      served: safe,
      open: safe,
      unserved: safe,
      cancelled: safe,
    }),
  ),
  quarters: z.array(
    z.object({
      quarter: z.number().int(),
      requests: safe,
      served: safe,
      assignmentHours: safe,
      tandemHours: safe,
    }),
  ),
});
export type VolunteerNumbers = z.output<typeof volunteerNumbersView>;

/** The public volunteer application (issue 17, onboarding; decision 099). Browser-safe. */
import { z } from "zod";
import { requiredText } from "../../server/validation.ts";
import { languageCode } from "./contracts.ts";
import { LANGUAGE_LEVELS, LIMITS, MODES } from "./model.ts";

/** Rows the no-JavaScript form shows for languages. */
export const APPLICATION_LANGUAGE_ROWS = 5;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "code:hours_invalid_time" });
const checked = (code: string) =>
  z.preprocess((v) => v === "on" || v === true, z.literal(true, { error: `code:${code}` }));

/**
 * POST /:lang/volunteers/apply. The pool's rules (at least 18, good German, the two-day
 * training) are each confirmed; consent is required; `website` is a honeypot people do not see.
 */
export const applicationInput = z
  .object({
    name: requiredText(LIMITS.name),
    email: z.string().trim().max(254).pipe(z.email()),
    phone: z.string().trim().max(60).optional().default(""),
    languages: z
      .array(
        z.object({
          code: languageCode,
          level: z.enum(LANGUAGE_LEVELS, { error: "code:required" }),
          written: z.boolean().default(false),
        }),
      )
      .min(1, { error: "code:volunteers_application_language" })
      .max(APPLICATION_LANGUAGE_ROWS),
    /** Weekdays 1 (Monday) … 7 with one time window for all of them. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, { error: "code:required" }).max(7),
    from: time,
    to: time,
    /** Municipalities where the applicant would go on site. */
    areas: z.array(requiredText(100)).max(30),
    modes: z.array(z.enum(MODES)).min(1, { error: "code:required" }).max(MODES.length),
    adult: checked("volunteers_application_rule"),
    german: checked("volunteers_application_rule"),
    training: checked("volunteers_application_rule"),
    consent: checked("volunteers_application_consent"),
    website: z.string().max(500).optional(),
  })
  .refine((a) => a.from < a.to, { error: "code:hours_end_before_start", path: ["to"] });
export type ApplicationInput = z.output<typeof applicationInput>;

/**
 * Declining an application from the queue (decision 100): the pool page's form and
 * `POST /volunteer-applications/{id}/decline` both go through this one schema.
 */
export const applicationDeclineInput = z.object({ id: z.uuid() });
export type ApplicationDeclineInput = z.output<typeof applicationDeclineInput>;
export const applicationDeclineView = z.object({
  requestsUnlinked: z.number().int(),
  tandemsUnlinked: z.number().int(),
  claimsUnlinked: z.number().int(),
  statementsUnlinked: z.number().int(),
});

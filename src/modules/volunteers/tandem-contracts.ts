/** Contracts of language tandems and logged hours (issue 17, What must work 4; decision 068). Browser-safe. */
import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "../../i18n/languages.ts";
import { isoDate, optionalText, optionalUuid, version } from "../../server/validation.ts";
import { languageCode } from "./contracts.ts";
import {
  LIMITS,
  TANDEM_END_REASONS,
  TANDEM_OUTCOMES,
  TANDEM_REFERRAL_KINDS,
  TANDEM_REFERRAL_RESULTS,
  TANDEM_REFERRAL_TARGETS,
  TANDEM_STATES,
} from "./model.ts";

const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(254).pipe(z.email()).nullish(),
  )
  .transform((v) => v ?? null);
const languages = z.array(languageCode).min(1).max(10);

/**
 * POST /volunteer-tandems: a newcomer joins the waiting list, either from a case (case and person;
 * case work checks need-to-know and consent) or by name (self-registration at the VHS).
 */
export const registerTandemInput = z
  .object({
    caseId: optionalUuid(),
    personId: optionalUuid(),
    newcomerName: optionalText(LIMITS.name),
    newcomerEmail: optionalEmail,
    newcomerLanguage: z.enum(LANGUAGE_CODES as [Language, ...Language[]]).default("de"),
    offers: languages,
    wants: languages,
    area: optionalText(100),
  })
  .superRefine((v, ctx) => {
    if (v.caseId && !v.personId)
      ctx.addIssue({ code: "custom", message: "code:required", path: ["personId"] });
    if (!v.caseId && v.personId) ctx.addIssue({ code: "custom", message: "code:required", path: ["caseId"] });
    if (!v.caseId && !v.newcomerName)
      ctx.addIssue({ code: "custom", message: "code:required", path: ["newcomerName"] });
  });
export type RegisterTandem = z.output<typeof registerTandemInput>;

/** POST /volunteer-tandems/{id}/start: the first meeting took place with this volunteer. */
export const startTandemInput = z.object({ version: version(), volunteerId: z.uuid(), startedOn: isoDate() });
export type StartTandem = z.output<typeof startTandemInput>;
/** POST /volunteer-tandems/{id}/end: the tandem ends, with a reason. */
export const endTandemInput = z.object({
  version: version(),
  endedOn: isoDate(),
  reason: z.enum(TANDEM_END_REASONS),
});
export type EndTandem = z.output<typeof endTandemInput>;
/**
 * POST /volunteer-tandems/{id}/outcome: what an ended tandem led to (decision 127), recorded once.
 * "referred" names the kind of referral and its target (an offer, organization or office).
 */
export const tandemOutcomeInput = z
  .object({
    version: version(),
    outcome: z.enum(TANDEM_OUTCOMES),
    kind: z.enum(TANDEM_REFERRAL_KINDS).optional(),
    targetType: z.enum(TANDEM_REFERRAL_TARGETS).optional(),
    targetId: optionalUuid(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== "referred") return;
    for (const field of ["kind", "targetType", "targetId"] as const)
      if (!v[field]) ctx.addIssue({ code: "custom", message: "code:required", path: [field] });
  });
export type TandemOutcomeInput = z.output<typeof tandemOutcomeInput>;

const suppressedCount = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
export const tandemOutcomeCountsView = z.object({
  year: z.number().int(),
  outcomes: z.array(
    z.object({ outcome: z.enum([...TANDEM_OUTCOMES, "not_recorded"]), count: suppressedCount }),
  ),
});
export type TandemOutcomeCounts = z.output<typeof tandemOutcomeCountsView>;

/** POST /volunteer-tandems/{id}/hours: time the volunteer spent in the tandem on one day. */
export const logHoursInput = z.object({
  date: isoDate(),
  minutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(12 * 60),
});
export type LogHours = z.output<typeof logHoursInput>;

export const tandemView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  volunteerId: z.uuid().nullable(),
  volunteerName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  /** The case's reference for a newcomer from a case (no name leaves case work). */
  caseReference: z.string().nullable(),
  newcomerName: z.string().nullable(),
  newcomerEmail: z.string().nullable(),
  newcomerLanguage: z.string(),
  offers: z.array(z.string()),
  wants: z.array(z.string()),
  area: z.string().nullable(),
  state: z.enum(TANDEM_STATES),
  startedOn: isoDate().nullable(),
  endedOn: isoDate().nullable(),
  endReason: z.enum(TANDEM_END_REASONS).nullable(),
  checkInsSent: z.number().int(),
  outcome: z.enum(TANDEM_OUTCOMES).nullable(),
  /** What became of a "referred" outcome: a referral of case work, or why none was made. */
  referralResult: z.enum(TANDEM_REFERRAL_RESULTS).nullable(),
});
export type TandemView = z.output<typeof tandemView>;

/** GET /volunteer-tandems/{id}/proposals: active volunteers ranked for a waiting newcomer. */
export const tandemProposalView = z.object({
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  /** Languages the newcomer wants that the volunteer speaks well (native, C2, C1). */
  wanted: z.array(z.string()),
  /** Languages both speak (the newcomer's offers): a bridge for the first meetings. */
  shared: z.array(z.string()),
  sameArea: z.boolean(),
  /** Tandems the volunteer already runs (fair spread). */
  running: z.number().int(),
  score: z.number().int(),
});
export type TandemProposal = z.output<typeof tandemProposalView>;

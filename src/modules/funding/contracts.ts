/**
 * The funding module's contracts (decision 019): one zod schema per operation, shared by the API
 * route, the page action and the service. Amounts arrive as integer cents (API) or as typed text
 * ("1.234,56 €", pages) and leave every schema as integer cents.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import {
  isoDate,
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  version,
} from "#app/server/validation.ts";
import {
  APPLICATION_STATUSES,
  CALL_STATUSES,
  COST_TYPES,
  DECISION_OUTCOMES,
  MAX_AMOUNT_CENTS,
  MAX_BUDGET_LINES,
  MAX_CRITERIA,
  RATE_FULL_BP,
  SCORE_MAX,
  SCORE_MIN,
} from "./model.ts";

import { money } from "./money-input.ts";

export { money };

const checkbox = () =>
  z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false);

export const costRuleInput = z.object({
  type: z.enum(COST_TYPES),
  rateBp: z.number().int().min(0).max(RATE_FULL_BP),
  capCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS).nullable().default(null),
});
export const criterionInput = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_-]+$/, { error: "code:invalid_code" }),
  label: requiredText(200),
  weight: z.number().int().min(1).max(10),
});

export const createCallInput = z
  .object({
    title: requiredText(200),
    description: optionalText(4000),
    status: z.enum(CALL_STATUSES).default("open"),
    periodStart: isoDate(),
    periodEnd: isoDate(),
    deadline: optionalDate(),
    budgetPerYear: money(),
    projectCap: money(),
    ownContributionBp: z.number().int().min(0).max(RATE_FULL_BP).default(0),
    costRules: z.array(costRuleInput).min(1).max(COST_TYPES.length),
    criteria: z.array(criterionInput).min(1).max(MAX_CRITERIA),
    fieldOfActionIds: z.array(z.uuid()).max(50).default([]),
    /** Publish the funded projects of this call in the public list. */
    publishFunded: z.boolean().default(false),
    /** The proof of use is due this many months after the grant year. */
    proofMonths: z.number().int().min(1).max(24).default(6),
    /** Tolerance per cost line in the proof of use, basis points (2 000 = 20 %, ANBest-P). */
    deviationBp: z.number().int().min(0).max(RATE_FULL_BP).default(2000),
    /** A surveys questionnaire for the narrative report (decision 131); null: free text. */
    reportFormId: z.uuid().nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.periodEnd < c.periodStart)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "code:date_range" });
    if (c.projectCap > c.budgetPerYear)
      ctx.addIssue({ code: "custom", path: ["projectCap"], message: "code:funding_cap_above_budget" });
    const types = c.costRules.map((r) => r.type);
    types.forEach((t, i) => {
      if (types.indexOf(t) !== i)
        ctx.addIssue({ code: "custom", path: ["costRules", i, "type"], message: "code:funding_duplicate" });
    });
    const keys = c.criteria.map((r) => r.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i)
        ctx.addIssue({ code: "custom", path: ["criteria", i, "key"], message: "code:funding_duplicate" });
    });
  });
export type CreateCall = z.output<typeof createCallInput>;

export const callView = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: z.enum(CALL_STATUSES),
  periodStart: z.string(),
  periodEnd: z.string(),
  deadline: z.string().nullable(),
  budgetPerYearCents: z.number().int(),
  projectCapCents: z.number().int(),
  ownContributionBp: z.number().int(),
  costRules: z.array(
    z.object({ type: z.enum(COST_TYPES), rateBp: z.number().int(), capCents: z.number().int().nullable() }),
  ),
  criteria: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number().int() })),
  fieldOfActionIds: z.array(z.uuid()),
  proofMonths: z.number().int(),
  publishFunded: z.boolean(),
  deviationBp: z.number().int(),
  reportFormId: z.uuid().nullable(),
  version: z.number().int(),
});
export type CallView = z.output<typeof callView>;

/**
 * The year's pot (decision 112): planned (budget), committed (granted by decisions), available
 * (planned − committed), paid (instalments booked paid), reclaimed (repayments demanded after the
 * proof of use), returned (repayments received, decision 119) and net (paid − returned: what the
 * year's funding finally cost). Integer cents.
 */
export const potView = z.object({
  callId: z.uuid(),
  year: z.number().int(),
  plannedCents: z.number().int(),
  committedCents: z.number().int(),
  availableCents: z.number().int(),
  paidCents: z.number().int(),
  reclaimedCents: z.number().int(),
  returnedCents: z.number().int(),
  netCents: z.number().int(),
  decided: z.number().int(),
  pending: z.number().int(),
});
export type PotView = z.output<typeof potView>;

export const potQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** Public: ask for an application link by e-mail (no password, no account). */
export const startApplicationInput = z.object({
  callId: z.uuid(),
  email: z.email({ error: "code:invalid_email" }).max(254),
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]).default("de"),
});
export type StartApplication = z.output<typeof startApplicationInput>;

export const budgetLineInput = z.object({
  type: z.enum(COST_TYPES),
  amount: money(),
  description: optionalText(300).transform((v) => v ?? ""),
});
export const saveDraftInput = z.object({
  version: version(),
  organizationName: optionalText(200).transform((v) => v ?? ""),
  contactName: optionalText(200).transform((v) => v ?? ""),
  title: optionalText(200).transform((v) => v ?? ""),
  summary: optionalText(4000).transform((v) => v ?? ""),
  budget: z.array(budgetLineInput).max(MAX_BUDGET_LINES),
  /** Optional classification for the numbers: the area worked in, fields of action and target groups. */
  areaId: optionalUuid(),
  termIds: z.array(z.uuid()).max(30).default([]),
});
export type SaveDraft = z.output<typeof saveDraftInput>;
export const submitApplicationInput = z.object({ version: version() });

export const screenInput = z.object({
  version: version(),
  outcome: z.enum(["eligible", "ineligible"]),
  note: optionalText(2000),
});
export type Screen = z.output<typeof screenInput>;

export const reviewInput = z.object({
  conflict: checkbox(),
  scores: z.record(z.string().max(40), z.coerce.number().int().min(SCORE_MIN).max(SCORE_MAX)).default({}),
  comment: optionalText(2000).transform((v) => v ?? ""),
});
export type Review = z.output<typeof reviewInput>;

export const decideInput = z.object({
  version: version(),
  outcome: z.enum(DECISION_OUTCOMES),
  /** Required for granted and partly granted; ignored for refused. */
  amount: z.preprocess((v) => (v === "" ? undefined : v), money().optional()),
  reason: requiredText(2000),
});
export type Decide = z.output<typeof decideInput>;

const lineView = z.object({
  type: z.enum(COST_TYPES),
  amountCents: z.number().int(),
  description: z.string(),
});
export const eligibilityView = z.object({
  lines: z.array(
    z.object({
      type: z.enum(COST_TYPES),
      requestedCents: z.number().int(),
      rateBp: z.number().int(),
      eligibleCents: z.number().int(),
      reasons: z.array(z.enum(["not_eligible", "rate", "type_cap"])),
    }),
  ),
  requestedCents: z.number().int(),
  linesEligibleCents: z.number().int(),
  cappedCents: z.number().int(),
  eligibleCents: z.number().int(),
  projectCapApplied: z.boolean(),
  potLimited: z.boolean(),
});

export const applicationSummaryView = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  year: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  organizationName: z.string(),
  title: z.string(),
  requestedCents: z.number().int(),
  eligibleCents: z.number().int(),
  grantedCents: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ApplicationSummary = z.output<typeof applicationSummaryView>;
/** One page of applications: `next`/`prev` are the cursors of the neighbouring pages, or null. */
export const applicationPageView = z.object({
  items: z.array(applicationSummaryView),
  total: z.number().int(),
  next: z.string().nullable(),
  prev: z.string().nullable(),
});
export type ApplicationPage = z.output<typeof applicationPageView>;

export const applicationView = applicationSummaryView.extend({
  lang: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  summary: z.string(),
  budget: z.array(lineView),
  eligibility: eligibilityView,
  screeningNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ApplicationView = z.output<typeof applicationView>;

export const reviewView = z.object({
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  conflict: z.boolean(),
  scores: z.record(z.string(), z.number().int()),
  weighted: z.number().int(),
  comment: z.string(),
});
/** Reviews as the reader may see them: others' only once the reader has scored (or decides). */
export const reviewsView = z.object({
  mine: reviewView.nullable(),
  others: z.array(reviewView).nullable(),
  count: z.number().int(),
  averageWeighted: z.number().int().nullable(),
});
export type ReviewsView = z.output<typeof reviewsView>;

export const idParams = z.object({ id: z.uuid() });
/**
 * Keyset paging of a call's submitted applications (decision 102): the cursor is opaque to
 * clients — the submission instant in microseconds and the id of the row to continue after
 * (`after`) or before (`before`). New submissions sort last, so paging is stable under inserts.
 */
const CURSOR = /^\d{1,17}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const cursor = () => z.string().max(60).regex(CURSOR, { error: "code:funding_cursor_invalid" }).optional();
export const APPLICATION_PAGE_DEFAULT = 50;
export const applicationListQuery = z
  .object({
    callId: z.uuid(),
    after: cursor(),
    before: cursor(),
    limit: z.coerce.number().int().min(1).max(200).default(APPLICATION_PAGE_DEFAULT),
  })
  .superRefine((q, ctx) => {
    if (q.after && q.before)
      ctx.addIssue({ code: "custom", path: ["before"], message: "code:funding_cursor_both" });
  });
export type ApplicationListQuery = z.input<typeof applicationListQuery>;
export const okView = z.object({ ok: z.boolean() });

/** What the applicant sees through their link. */
export const applicantView = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  version: z.number().int(),
  organizationName: z.string(),
  contactName: z.string(),
  title: z.string(),
  summary: z.string(),
  budget: z.array(lineView),
  year: z.number().int(),
  call: callView,
  eligibility: eligibilityView,
  potLeftCents: z.number().int(),
  areaId: z.uuid().nullable(),
  termIds: z.array(z.uuid()),
  submittedAt: z.string().nullable(),
  letters: z.array(z.string()),
});
export const tokenParams = z.object({ token: z.string().max(200) });
export const letterParams = idParams.extend({ lang: z.enum(LANGUAGE_CODES as [string, ...string[]]) });
export const tokenLetterParams = tokenParams.extend({
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]),
});
export const erasureView = z.object({
  mode: z.enum(["deleted", "contact_erased"]),
  reviews: z.number().int(),
  letters: z.number().int(),
});

// Links to the goal tree and the directory (decision 086): links-contracts.ts.
export * from "./links-contracts.ts";
// Payments (instalments, the applicant's call of funds, the two-step approval): payments-contracts.ts.
export * from "./payments-contracts.ts";
// The council's year report (decision 112): year-report-contracts.ts.
export * from "./year-report-contracts.ts";

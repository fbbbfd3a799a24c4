/**
 * The two plans' contracts (decision 064): one zod schema per plan document, shared by the API,
 * the pages and the service; and the views. Browser-safe.
 */
import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "../../i18n/languages.ts";
import {
  isoDate,
  optionalDate,
  optionalNumber,
  optionalText,
  optionalUuid,
  requiredText,
} from "../../server/validation.ts";
import { PLAN_KINDS } from "./model.ts";
import { STATEMENT_PLACEHOLDERS, unknownPlaceholders } from "./statements.ts";

export const PLAN_LIMITS = { contacts: 30, scenarios: 20, steps: 40, measures: 60 } as const;

const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(254).pipe(z.email()).nullish(),
  )
  .transform((v) => v ?? null);
const phone = () => optionalText(50);

/** A UI language; empty (a form's "default") and absent (plans saved before round 4) mean German. */
const optionalLanguage = () =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(LANGUAGE_CODES as [Language, ...Language[]]).optional(),
  );

/**
 * A tenant-written public statement: placeholders in braces are filled from the crisis; one the
 * module does not know is refused at its field, so a typo never reaches the public.
 */
const statementText = () =>
  optionalText(4000).superRefine((text, ctx) => {
    const unknown = text ? unknownPlaceholders(text) : [];
    if (unknown.length)
      ctx.addIssue({
        code: "custom",
        params: {
          code: "conflict_unknown_placeholder",
          placeholders: unknown.map((p) => `{${p}}`).join(", "),
          allowed: STATEMENT_PLACEHOLDERS.map((p) => `{${p}}`).join(", "),
        },
      });
  });

/** The statement templates of one crisis type, one per UI language (none: the catalog's text). */
export const scenarioStatements = z.object(
  Object.fromEntries(LANGUAGE_CODES.map((l) => [l, statementText().optional()])) as Record<
    Language,
    z.ZodOptional<ReturnType<typeof statementText>>
  >,
);
export type ScenarioStatements = z.output<typeof scenarioStatements>;

/** One link of the alert chain: a role, who fills it (a user account or a partner's contact) and the deputy. */
export const chainContact = z.object({
  role: requiredText(200),
  name: requiredText(200),
  /** A staff account: its state is checked, so a disabled account is flagged before a crisis. */
  userId: optionalUuid(),
  organization: optionalText(200),
  phone: phone(),
  email: optionalEmail,
  deputyName: optionalText(200),
  deputyPhone: phone(),
  /** The language the alert mail is written in (decision 080). */
  language: optionalLanguage(),
});
export type ChainContact = z.output<typeof chainContact>;

/** What to do in one kind of crisis, step by step. */
export const crisisScenario = z.object({
  type: requiredText(200),
  steps: z.array(requiredText(500)).min(1).max(PLAN_LIMITS.steps),
  /** Public statement templates for this type, per language (decision 080). */
  statements: scenarioStatements.optional(),
});

/** Optimistic version: 0 creates the plan, any other the version read. */
const planVersion = () => z.number().int().min(0).max(2_147_483_647);

/** The crisis plan (Ablaufplan): the chain is alerted in the order given. */
export const crisisPlanInput = z.object({
  version: planVersion(),
  title: requiredText(200),
  purpose: optionalText(4000),
  reviewOn: isoDate(),
  contacts: z.array(chainContact).min(1).max(PLAN_LIMITS.contacts),
  scenarios: z.array(crisisScenario).max(PLAN_LIMITS.scenarios),
  /** Minutes without acknowledgement before the next link is alerted (decision 072; empty: 15). */
  escalateMinutes: optionalNumber(1, 1440).optional(),
  /** The language the plan is written in: its PDF's language and direction (decision 080). */
  language: optionalLanguage(),
});
export type CrisisPlanInput = z.output<typeof crisisPlanInput>;

/** A prevention measure: who is responsible, when it is reviewed, optionally a goal-tree measure. */
export const preventionMeasure = z.object({
  title: requiredText(200),
  description: optionalText(2000),
  responsible: requiredText(200),
  /** A measure of the goal tree (strategy, issue 16), checked through the `measures` port. */
  measureId: optionalUuid(),
  reviewOn: optionalDate(),
});

export const preventionPlanInput = z.object({
  version: planVersion(),
  title: requiredText(200),
  /** The structure: aims, bodies and how they work together. */
  structure: optionalText(8000),
  reviewOn: isoDate(),
  measures: z.array(preventionMeasure).max(PLAN_LIMITS.measures),
  language: optionalLanguage(),
});
export type PreventionPlanInput = z.output<typeof preventionPlanInput>;

export const planKindParams = z.object({ kind: z.enum(PLAN_KINDS) });

// Views ---------------------------------------------------------------------------------------

const revisionView = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string().nullable(),
});
const planMeta = {
  id: z.string(),
  version: z.number().int(),
  nextReviewOn: z.string(),
  reviewDue: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  revisions: z.array(revisionView),
};

export const crisisPlanView = z.object({
  ...planMeta,
  title: z.string(),
  purpose: z.string().nullable(),
  reviewOn: z.string(),
  contacts: z.array(
    chainContact.extend({
      /** The linked account is disabled or gone: fix the chain before a crisis. */
      accountInactive: z.boolean(),
    }),
  ),
  scenarios: z.array(
    z.object({ type: z.string(), steps: z.array(z.string()), statements: scenarioStatements.optional() }),
  ),
  escalateMinutes: z.number().int(),
  language: z.string().optional(),
  /** The tagged PDF of this version, once the job has rendered it. */
  pdf: z.object({ version: z.number().int(), createdAt: z.string() }).nullable(),
});
export type CrisisPlanView = z.output<typeof crisisPlanView>;

export const preventionPlanView = z.object({
  ...planMeta,
  title: z.string(),
  structure: z.string().nullable(),
  reviewOn: z.string(),
  measures: z.array(
    preventionMeasure.extend({
      /** The goal-tree measure's title, when linked and the strategy module knows it. */
      measureTitle: z.string().nullable(),
      reviewDue: z.boolean(),
    }),
  ),
  language: z.string().optional(),
  pdf: z.object({ version: z.number().int(), createdAt: z.string() }).nullable(),
});
export type PreventionPlanView = z.output<typeof preventionPlanView>;

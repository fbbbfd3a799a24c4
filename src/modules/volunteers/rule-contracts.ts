/** Contracts of the pool's rules and their acknowledgement (issue 17; decision 110). Browser-safe. */
import { z } from "zod";
import { LANGUAGE_CODES, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { optionalText, requiredText } from "../../server/validation.ts";

export const RULES_TITLE_MAX = 200;
export const RULES_BODY_MAX = 20_000;

/**
 * POST /volunteer-rules: publish the next version. `basedOn` is the number of the version the
 * coordinator saw (0 when there was none): anything newer meanwhile is a version conflict,
 * never a silent overwrite.
 */
/** The languages a version may be translated into: every UI language but German (decision 125). */
export const RULES_TRANSLATION_LANGUAGES = LANGUAGE_CODES.filter((l) => l !== SOURCE_LANGUAGE) as [
  Exclude<Language, "de">,
  ...Exclude<Language, "de">[],
];

/**
 * One translation of the version. Both fields blank means "no translation in this language"
 * (the form shows a pair per language); one without the other is a field error at the blank one.
 */
const translation = z
  .object({ title: optionalText(RULES_TITLE_MAX), body: optionalText(RULES_BODY_MAX) })
  .superRefine((t, ctx) => {
    if (t.title !== null && t.body === null)
      ctx.addIssue({ code: "custom", path: ["body"], message: "code:required" });
    if (t.body !== null && t.title === null)
      ctx.addIssue({ code: "custom", path: ["title"], message: "code:required" });
  });

export const publishRulesInput = z.object({
  title: requiredText(RULES_TITLE_MAX),
  body: requiredText(RULES_BODY_MAX),
  basedOn: z.number().int().min(0).max(2_147_483_647),
  /** The same version in other UI languages, keyed by language (decision 125). */
  translations: z
    .partialRecord(z.enum(RULES_TRANSLATION_LANGUAGES), translation)
    .default({})
    .transform((all) =>
      Object.entries(all).flatMap(([language, t]) =>
        t?.title && t.body ? [{ language: language as Language, title: t.title, body: t.body }] : [],
      ),
    ),
});
export type PublishRules = z.output<typeof publishRulesInput>;

/**
 * POST /volunteer-rules/mine/acknowledgement: the version the volunteer read and the language
 * of the text they were shown (German or one of the version's translations).
 */
export const acknowledgeRulesInput = z.object({
  versionId: z.uuid(),
  language: z.enum(LANGUAGE_CODES as [Language, ...Language[]]),
});
export type AcknowledgeRules = z.output<typeof acknowledgeRulesInput>;

export const ruleVersionView = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  /**
   * From this moment a volunteer who has not acknowledged the version gets no new offers
   * (published + the grace period; decision 125).
   */
  bindingFrom: z.string(),
  /** The languages the version reads in: German first, then its translations. */
  languages: z.array(z.string()),
  /** Volunteers (active now) who acknowledged this version. */
  acknowledged: z.number().int(),
});
export type RuleVersionView = z.output<typeof ruleVersionView>;

/** GET /volunteer-rules: every version, newest first, and who has not acknowledged the current one. */
export const rulesOverviewView = z.object({
  current: ruleVersionView.nullable(),
  versions: z.array(ruleVersionView),
  active: z.number().int(),
  /** The current version's translations, so the form for the next one starts from them. */
  currentTranslations: z.array(z.object({ language: z.string(), title: z.string(), body: z.string() })),
  /** Active volunteers without an acknowledgement of the current version. */
  missing: z.array(
    z.object({
      volunteerId: z.uuid(),
      name: z.string(),
      /** Their newest acknowledged version, if any: number and date. */
      lastSeq: z.number().int().nullable(),
      lastAt: z.string().nullable(),
    }),
  ),
});
export type RulesOverview = z.output<typeof rulesOverviewView>;

/** GET /volunteer-rules/mine: the current version and whether the signed-in volunteer acknowledged it. */
export const myRulesView = z.object({
  /** False when no profile of the pool is linked to the account. */
  linked: z.boolean(),
  /**
   * The current version in the reader's language where it has a translation, else in German
   * (`language` says which); `source` is the German text beside a translation.
   */
  current: ruleVersionView
    .omit({ acknowledged: true })
    .extend({
      language: z.string(),
      source: z.object({ title: z.string(), body: z.string() }).nullable(),
    })
    .nullable(),
  acknowledgedAt: z.string().nullable(),
  /** The language of the text acknowledged. */
  acknowledgedLanguage: z.string().nullable(),
  /** True once the grace period ended without an acknowledgement: no new offers (decision 125). */
  blocked: z.boolean(),
});
export type MyRules = z.output<typeof myRulesView>;

/**
 * The survey module's contracts (decision 019): one zod schema per operation, shared by the API
 * route (and so by the OpenAPI document), the pages (`parseInput`) and the typed service method,
 * and the views the routes answer with. Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { LANGUAGE_CODES } from "#app/i18n/languages.ts";
import { INT32_MAX, optionalUuid, requiredText } from "#app/server/validation.ts";
import {
  CONTACT_STATUSES,
  DIMENSIONS,
  FORM_TEMPLATE_KEYS,
  LINK_DAYS_MAX,
  MAX_SAMPLE,
  RESPONSE_CHANNELS,
  STRATIFY_BY,
} from "./model.ts";
import { LANGUAGE_LEVELS, QUESTION_TYPES } from "./types.ts";

/**
 * Numbers from JSON or from a form field ("12" → 12): pages post text, the API posts numbers,
 * both go through the same schema. An empty field is "not given".
 */
const fromText = (v: unknown) =>
  v === "" || v === null ? undefined : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
/** Text that is no number says so ("invalid_type"); a missing one is "required". */
const numberError = (iss: { code?: string; input?: unknown }) =>
  iss.code !== "invalid_type" ? undefined : iss.input === undefined ? "code:required" : "code:invalid_type";
const whole = (min: number, max: number) =>
  z.number({ error: numberError }).int({ error: "code:invalid_type" }).min(min).max(max);
const wholeNumber = (min: number, max: number) => z.preprocess(fromText, whole(min, max));
const optionalWholeNumber = (min: number, max: number) => z.preprocess(fromText, whole(min, max).optional());
/** An optimistic-locking version from JSON or from a hidden form field. */
const versionField = () => z.preprocess(fromText, whole(1, INT32_MAX));
const optionalVersionField = () => z.preprocess(fromText, whole(1, INT32_MAX).optional());
/** A form version number (1, 2, …). */
const formVersionNumber = () => wholeNumber(1, INT32_MAX);
/** A language the UI speaks (links, exports). */
const uiLanguage = () => z.enum(LANGUAGE_CODES as [string, ...string[]]);
/** Ids in paths stay text: an id that is no uuid is "not found" (404), as any unknown id. */
const pathId = () => z.string().max(100);
/** An id from a path that may be absent; empty → null. */
const optionalPathId = () =>
  z.preprocess((v) => (v === "" ? null : v), pathId().nullish()).transform((v) => v ?? null);

/** At most this many answer fields in one submission (a form has at most 500 questions). */
export const MAX_SUBMISSION_FIELDS = 5000;

// ---------------------------------------------------------------------------------------------
// Forms

export const formIdParams = z.object({ id: pathId() });
export const formVersionQuery = z.object({ version: optionalWholeNumber(1, INT32_MAX) });

/** POST /surveys/forms and the forms page: a questionnaire from one of the seed templates. */
export const createFormFromTemplateInput = z.object({ template: z.enum(FORM_TEMPLATE_KEYS) });
export type CreateFormFromTemplate = z.output<typeof createFormFromTemplateInput>;

/**
 * POST /surveys/forms/import and the import page, beside the file: with `formId` and the
 * `version` of the form that was read, a new version of that form; without, a new form.
 */
export const importXlsFormTarget = z.object({
  formId: optionalUuid(),
  version: optionalVersionField(),
});
export type ImportXlsFormTarget = z.output<typeof importXlsFormTarget>;

export const formSummaryView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
  currentVersion: z.number().int(),
  origin: z.string(),
  version: z.number().int(),
  responses: z.number().int(),
});
export const formListView = z.object({ items: z.array(formSummaryView) });
export const formCreatedView = z.object({ id: z.string(), code: z.string() });
export const formImportedView = z.object({
  id: z.string(),
  code: z.string(),
  number: z.number().int(),
  replaced: z.boolean(),
  /** Rows Lotse does not need (KoboToolbox metadata such as start/deviceid, or_other). */
  skipped: z.array(z.string()),
  /**
   * What the import changed or left out, row by row: skipped rows (`type_unknown`), renamed
   * questions (`name_renamed`), choices without a label (`label_missing`); `message` in the
   * caller's language.
   */
  warnings: z.array(
    z.object({
      code: z.string(),
      sheet: z.string(),
      row: z.number().int().nullable(),
      column: z.string().nullable(),
      detail: z.string(),
      message: z.string(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Responses: capture in a case, through a one-time link

/** Form fields as the HTML form sends them: "q.<name>" → value, or values for a repeated key. */
const answerFields = z
  .record(z.string().max(200), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(500)]))
  .superRefine((answers, ctx) => {
    let n = 0;
    for (const v of Object.values(answers)) n += Array.isArray(v) ? v.length : 1;
    if (n > MAX_SUBMISSION_FIELDS)
      ctx.addIssue({ code: "custom", params: { code: "too_big", max: MAX_SUBMISSION_FIELDS } });
  });

/**
 * A filled questionnaire, from a case worker (in a case) or a respondent (through a link); the
 * API body, the capture and link pages and the offline queue all send this.
 */
export const submissionInput = z.object({
  /** The form version the answers were given in (an offline queue may hold an older one). */
  formVersion: formVersionNumber(),
  submissionId: z.uuid().describe("Chosen by the client; the same id again returns the first response"),
  /** In a case: the person the answers are about (none: the household). */
  personId: optionalUuid(),
  /** The language the form was filled in (form messages in errors come in it). */
  lang: z.string().trim().min(2).max(12),
  answers: answerFields.describe('Form fields as the HTML form sends them: "q.<name>" → value(s)'),
  /** Files of image, audio and file questions (decision 116); the page posts them as multipart instead. */
  files: z
    .array(
      z.object({
        field: z
          .string()
          .max(200)
          .describe('The question\'s form field, as in answers: "q.<name>", "q.<repeat>.<i>.<name>"'),
        fileName: z.string().max(1000).default(""),
        content: z.string().max(12_000_000).describe("The file, base64"),
      }),
    )
    .max(10)
    .optional(),
});
export type Submission = z.output<typeof submissionInput>;

/** Form fields as posted (`[name, value]`, a name repeated for several values) → `answers`. */
export function answerFieldsOf(entries: Iterable<[string, string]>): Submission["answers"] {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of entries) {
    if (!k.startsWith("q.")) continue;
    const had = out[k];
    if (had === undefined) out[k] = v;
    else if (Array.isArray(had)) had.push(v);
    else out[k] = [had, v];
  }
  return out;
}

export const caseFormParams = z.object({ caseId: pathId(), formId: pathId() });
export const linkTokenParams = z.object({ token: z.string().max(200) });
export const responseIdParams = z.object({ id: pathId() });
export const responseFileParams = z.object({ id: pathId(), fileId: pathId() });

export const submissionResultView = z.object({
  responseId: z.string(),
  duplicate: z.boolean(),
  /** In a case: the life domains whose needs the answers opened. */
  needs: z.array(z.string()).optional(),
});

const languageLevelAnswer = z.object({ lang: z.string(), level: z.enum(LANGUAGE_LEVELS) });
const singleAnswer = z.union([z.string(), z.number(), z.array(z.string()), z.array(languageLevelAnswer)]);
/** A repeat's instances, each a record of answers, nesting `depth` more repeats. */
function instancesView(depth: number): z.ZodType {
  const inner = depth > 0 ? z.union([singleAnswer, instancesView(depth - 1)]) : singleAnswer;
  return z.array(z.record(z.string(), inner));
}
/** Typed answers by question name; a repeat holds one record per instance, repeats nest up to three deep. */
export const answersView = z.record(z.string(), z.union([singleAnswer, instancesView(2)]));
export type AnswersView = z.output<typeof answersView>;
export const responseView = z.object({
  id: z.string(),
  formId: z.string(),
  formVersion: z.number().int(),
  channel: z.enum(RESPONSE_CHANNELS),
  submittedAt: z.string(),
  /** An image, audio or file answer holds the id of one of `files`. */
  answers: answersView,
  files: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      byteSize: z.number().int(),
    }),
  ),
});

/** A one-time self-completion link for a person: in a case, or in a survey wave. */
export const createLinkInput = z.object({
  formId: pathId(),
  caseId: optionalPathId(),
  waveId: optionalPathId(),
  personId: optionalUuid(),
  /** The language the respondent gets first (they may switch). */
  lang: uiLanguage(),
  /** Valid for this many days (default 14). */
  days: optionalWholeNumber(1, LINK_DAYS_MAX),
});
export type CreateLink = z.output<typeof createLinkInput>;

// ---------------------------------------------------------------------------------------------
// Surveys, waves, samples

/** A survey (Befragung) and its population, drawn from Lotse's data. */
export const createSurveyInput = z.object({
  title: requiredText(200),
  formId: z.uuid(),
  /** Assigned to the municipality in this calendar year (Zuweisung). */
  assignedYear: optionalWholeNumber(1950, 2100),
  /** At least this age on the day a sample is drawn. */
  minAge: optionalWholeNumber(0, 120),
  areaIds: z.array(z.uuid()).max(200).optional(),
  openCasesOnly: z.boolean().optional(),
});
export type CreateSurvey = z.output<typeof createSurveyInput>;

/** A wave's sample: its size, the reserve, the strata and the seed that makes it repeatable. */
export const drawWaveInput = z.object({
  label: requiredText(200),
  size: wholeNumber(1, MAX_SAMPLE),
  reserve: z.preprocess(fromText, whole(0, MAX_SAMPLE).default(0)),
  stratifyBy: z.array(z.enum(STRATIFY_BY)).max(STRATIFY_BY.length),
  seed: requiredText(100),
});
export type DrawWave = z.output<typeof drawWaveInput>;

/** A contact outcome for a sample member, with the version of the member that was read. */
export const recordContactInput = z.object({
  status: z.enum(CONTACT_STATUSES),
  version: versionField(),
});
export type RecordContact = z.output<typeof recordContactInput>;

/** Links for every active member of a wave without an open one. */
export const createWaveLinksInput = z.object({
  lang: uiLanguage(),
  days: optionalWholeNumber(1, LINK_DAYS_MAX),
});
export type CreateWaveLinks = z.output<typeof createWaveLinksInput>;

// ---------------------------------------------------------------------------------------------
// Analysis

/** Frequencies (by "none") or a cross-tab of one categorical question by a dimension. */
export const crossTabInput = z.object({
  formId: z.uuid(),
  question: z.string().min(1).max(100),
  by: z.enum(DIMENSIONS).default("none"),
  /**
   * Columns from a second single-choice question instead of a dimension (by stays "none").
   * Two questions of one repeat are crossed instance by instance; a question in a repeat and
   * one outside count the repeat's instances (decision 128).
   */
  byQuestion: z.string().min(1).max(100).optional(),
  /** Only this survey's responses (required for by=wave). */
  surveyId: z.uuid().optional(),
});
export type CrossTabQuery = z.output<typeof crossTabInput>;

/** A page parameter: trimmed text; empty or too long counts as "not given" (the page picks). */
const pageParam = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().max(max).optional().catch(undefined),
  );

/**
 * The results page's query: the picked form, question, breakdown and survey; anything missing is
 * chosen by the service. `by` is a dimension or `q:<name>`, a second question (decision 128).
 */
export const resultsPageQuery = z.object({
  formId: pageParam(100),
  question: pageParam(100),
  by: pageParam(110),
  surveyId: pageParam(100),
});
export type ResultsPageQuery = z.output<typeof resultsPageQuery>;

/** GET /surveys/results: the cross-tab, as JSON or downloaded as the shown table. */
export const resultsQuery = crossTabInput.extend({ format: z.enum(["json", "csv", "xlsx"]).optional() });

/** GET /surveys/forms/{id}/responses.csv: with `repeat`, that repeat's instances, one row each. */
export const rawExportQuery = z.object({
  repeat: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\p{L}_][\p{L}\p{N}_.-]*$/u)
    .optional(),
});

/** The share of respondents giving one answer, per area and sex, published into monitoring. */
export const publishInput = z.object({
  formId: z.uuid(),
  question: z.string().min(1).max(100),
  answer: z.string().min(1).max(100),
  period: z.string().regex(/^\d{4}$/),
});
export type PublishSurveyFigure = z.output<typeof publishInput>;

const safeCount = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
/** A row or column heading: a catalog key, or text from the form or the tenant's data. */
const heading = z.object({ key: z.string(), labelKey: z.string().optional(), label: z.string().optional() });
export const crossTabView = z.object({
  formId: z.string(),
  question: z.object({ name: z.string(), type: z.enum(QUESTION_TYPES), label: z.string() }),
  /** The repeat whose instances are counted (the question's, or the deeper of two questions'). */
  repeat: z.object({ name: z.string(), label: z.string() }).nullable(),
  dimension: z.enum(DIMENSIONS),
  /** The second question giving the columns (decision 128), else null. */
  byQuestion: z
    .object({
      name: z.string(),
      label: z.string(),
      repeat: z.object({ name: z.string(), label: z.string() }).nullable(),
    })
    .nullable(),
  /** What a count counts: responses, or the instances of `repeat`. */
  unit: z.enum(["responses", "instances"]),
  multiple: z.boolean(),
  rows: z.array(heading),
  columns: z.array(heading),
  cells: z.array(z.array(safeCount)),
  columnTotals: z.array(safeCount),
  rowTotals: z.array(safeCount),
  total: safeCount,
  /** Two questions crossed: the distinct responses behind each count, hidden where it is. */
  responses: z
    .object({
      cells: z.array(z.array(safeCount)),
      rowTotals: z.array(safeCount),
      columnTotals: z.array(safeCount),
      total: safeCount,
    })
    .nullable(),
});
export type Heading = z.output<typeof heading>;
export type CrossTabView = z.output<typeof crossTabView>;

/** What the counts are, when they are not responses: a repeat's instances (decisions 106, 128). */
export function unitNoteOf(
  tab: Pick<CrossTabView, "repeat" | "byQuestion"> & { rule: { minCount: number } },
): { key: string; params: Record<string, string | number> } | null {
  if (!tab.repeat) return null;
  const params = { repeat: tab.repeat.label, min: tab.rule.minCount };
  return { key: tab.byQuestion ? "surveys.pair_unit_note" : "surveys.repeat_unit_note", params };
}

export const publishResultView = z.object({
  code: z.string(),
  values: z.number().int(),
  level: z.string(),
  areas: z.number().int(),
  unassigned: z.number().int(),
});

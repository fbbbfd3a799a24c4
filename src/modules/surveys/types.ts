/**
 * Fragebögen (issue 5): the form definition every part of the survey module shares — the form
 * engine (`engine.ts`, `expr.ts`), XLSForm import/export (`xlsform.ts`), the renderer, capture
 * and analysis. It follows the XLSForm model (survey / choices / settings) so forms from
 * KoboToolbox or ODK come in and go out without loss in the subset Lotse supports.
 *
 * Names are unique across the whole form inside Lotse, so answers are a flat record keyed by
 * question name; a repeat's answers are an array of such records. (XLSForm only asks names to
 * be unique among siblings; the reader renames the others, see `xlsform-names.ts`.)
 */

/** Language code → text. Keys are BCP-47 codes ("de", "ar", …); "default" holds an unlabelled column. */
export type LocalizedText = Record<string, string>;

export const QUESTION_TYPES = [
  "text",
  "integer",
  "decimal",
  "date",
  /** Time of day, "HH:MM" or "HH:MM:SS" (XLSForm `time`). */
  "time",
  /** A number between start and end in steps (XLSForm `range`, `parameters` start/end/step). */
  "range",
  /** A confirmation: the answer is "OK" when given (XLSForm `acknowledge`). */
  "acknowledge",
  /** A point, "lat lon" in WGS84 degrees (ODK's order; altitude and accuracy kept when given). */
  "geopoint",
  /** A photo or picture (XLSForm `image`; `parameters` max-pixels kept): the answer is the stored file's id. */
  "image",
  /** A recording (XLSForm `audio`; `parameters` quality kept): the answer is the stored file's id. */
  "audio",
  /** A document (XLSForm `file`): the answer is the stored file's id. */
  "file",
  "yes_no",
  "select_one",
  "select_multiple",
  /** A group of select_one rows sharing one choice list (XLSForm: group with appearance table-list). */
  "matrix",
  /** Languages spoken with a CEFR level each: answer `{ lang, level }[]`. */
  "language_level",
  "note",
  "group",
  "repeat",
  /** A hidden calculated value (XLSForm `calculate`). */
  "calculate",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types whose node holds children. */
export const CONTAINER_TYPES = ["group", "repeat", "matrix"] as const satisfies readonly QuestionType[];

export type FormNode = {
  type: QuestionType;
  /** XLSForm `name`: [A-Za-z_][A-Za-z0-9_.-]*, unique in the form. */
  name: string;
  label?: LocalizedText;
  hint?: LocalizedText;
  /** true, or an expression (XLSForm allows `required` to be an expression). */
  required?: boolean | string;
  requiredMessage?: LocalizedText;
  /** Expression: the node is shown (and its answer kept) only when this is true. */
  relevant?: string;
  /** Expression over `.` (the answer itself) that must be true. */
  constraint?: string;
  constraintMessage?: LocalizedText;
  /** For calculate: the expression giving the value. */
  calculation?: string;
  /** XLSForm `default`: a literal value given before the respondent answers. */
  default?: string;
  /** For select_one / select_multiple / matrix: the choice list name. */
  listName?: string;
  /** XLSForm `parameters`, kept as written (range: "start=1 end=10 step=1"). */
  parameters?: string;
  /**
   * For image/audio/file: XLSForm `body::accept`, kept as written (".pdf", "image/*"); it narrows
   * the types the question takes (`media.ts`, `readAccept`).
   */
  accept?: string;
  /** XLSForm `appearance`, kept as given (e.g. "minimal", "table-list", "multiline"). */
  appearance?: string;
  /**
   * For select_one / select_multiple: XLSForm `choice_filter` (cascading selects), an expression
   * evaluated per choice in which a bare name (`state`, `name`) reads that choice's column.
   */
  choiceFilter?: string;
  /** For repeat: an expression giving the number of instances (e.g. `${household_size}`). */
  repeatCount?: string;
  /**
   * Lotse extension (XLSForm column `lotse_need`): answers feed the case's needs (Bedarfe).
   * A life domain key ("language", "school", …): a yes answer (yes_no) or any non-empty answer
   * opens a need in that domain. "choices": the selected choice names are life-domain keys.
   */
  need?: string;
  /** group / repeat / matrix children. */
  children?: FormNode[];
};

export type Choice = {
  name: string;
  label: LocalizedText;
  /** Further columns of the choices sheet (what a `choice_filter` reads), column → text. */
  columns?: Record<string, string>;
};

export type FormDefinition = {
  /** XLSForm settings `form_id`. */
  formId: string;
  /** XLSForm settings `form_title` (per language via the survey's default language). */
  title: LocalizedText;
  /** XLSForm settings `version`, kept as text. */
  version?: string;
  /** XLSForm settings `default_language`; also the fallback for missing labels. */
  defaultLanguage: string;
  /** XLSForm settings `allow_choice_duplicates`: a list may hold one choice name twice. */
  allowChoiceDuplicates?: boolean;
  /** Languages the labels are given in, in column order. */
  languages: string[];
  nodes: FormNode[];
  choices: Record<string, Choice[]>;
};

/** CEFR levels used by language_level answers (same as casework's person languages). */
export const LANGUAGE_LEVELS = ["native", "C2", "C1", "B2", "B1", "A2", "A1", "none"] as const;

export type LanguageLevelAnswer = { lang: string; level: (typeof LANGUAGE_LEVELS)[number] };

/**
 * One answer. text/date/time/select_one/yes_no ("yes" | "no")/acknowledge ("OK") → string;
 * image/audio/file → the id of the uploaded file (`survey_files`, decision 116);
 * integer/decimal/range → number;
 * select_multiple → string[]; language_level → LanguageLevelAnswer[]; repeat → Answers[].
 * Matrix rows and group children are ordinary top-level entries (names are unique).
 */
export type AnswerValue = string | number | string[] | LanguageLevelAnswer[] | Answers[];
export type Answers = { [name: string]: AnswerValue };

/**
 * A problem with one answer. `path` is the question name, or `repeat[i].name` inside a repeat
 * (i from 0). `code` names the catalog message `surveys.answer_<code>`; a constraint or required
 * message from the form itself comes as `message` (shown in the respondent's language).
 */
export const ANSWER_ERROR_CODES = [
  "required",
  "integer",
  "decimal",
  "date",
  "time",
  "range",
  "geopoint",
  "choice",
  "constraint",
  "too_long",
  "language",
  "level",
  "too_many",
  /** image/audio/file: no upload of this submission behind the answer. */
  "file",
  /** image/audio/file: a kind of file the question does not take (sniffed from the bytes). */
  "file_type",
  /** image/audio/file: larger than MEDIA_MAX_BYTES. */
  "file_too_large",
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];
export type AnswerError = { path: string; code: AnswerErrorCode; message?: LocalizedText };

/** A problem in a form definition or an XLSForm file. Sheet/row/column when it came from a file. */
export const FORM_ERROR_CODES = [
  "file_unreadable",
  "sheet_missing",
  "column_missing",
  "type_unknown",
  "name_missing",
  "name_invalid",
  "name_duplicate",
  "name_ambiguous",
  "name_renamed",
  "list_missing",
  "list_unknown",
  "choice_duplicate",
  "choice_name_missing",
  "choice_name_spaces",
  "choice_file_missing",
  "choice_file_unsupported",
  "choice_file_column_missing",
  "choice_file_list_taken",
  "choice_file_xml_invalid",
  "choice_file_geojson_invalid",
  "choice_file_geometry_unsupported",
  "group_unclosed",
  "group_unopened",
  "group_empty",
  "repeat_nested",
  "expression_invalid",
  "expression_unknown_field",
  "calculation_missing",
  "calculation_cycle",
  "matrix_mixed",
  "need_unknown",
  "label_missing",
  /** A range's start, end and step. */
  "parameters_invalid",
  /** An image's, audio's or file's `parameters` (each type takes its own, decision 128). */
  "image_parameters_invalid",
  "audio_parameters_invalid",
  "file_parameters_invalid",
  /** The skipped `background-audio` row's quality (voice-only, low or normal). */
  "background_audio_parameters_invalid",
  /** image/audio/file: `body::accept` names no type the question can take. */
  "accept_unsupported",
  "too_many_questions",
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];
export type FormError = {
  code: FormErrorCode;
  sheet?: "survey" | "choices" | "settings";
  /** 1-based spreadsheet row. */
  row?: number;
  /** Column header as in the file, e.g. "relevant" or "label::Arabic (ar)". */
  column?: string;
  /** The offending name / type / expression detail, for the message. */
  detail?: string;
};

/** What the engine needs beside the answers. */
export type EvaluationContext = {
  /** today() as YYYY-MM-DD (from the clock, not the machine). */
  today: string;
};

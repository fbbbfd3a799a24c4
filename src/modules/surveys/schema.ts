import {
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import {
  CONTACT_STATUSES,
  FORM_STATUSES,
  type PopulationDefinition,
  RESPONSE_CHANNELS,
  type SampleDesign,
  type WaveFrame,
} from "./model.ts";
import type { Answers, FormDefinition } from "./types.ts";

/**
 * Fragebögen und Befragungen (issue 5, decision 017).
 *
 * - A form (Fragebogen) has numbered, immutable versions. Editing a form whose current version
 *   has answers creates a new version; answers always stay readable under the version they
 *   were given in.
 * - A response (Antwort) is one filled form: in a case (by a case worker), through a one-time
 *   link (by the respondent), or for a survey wave. It keeps a snapshot of the analysis
 *   dimensions as of submission (sex, age band, area, accommodation, phase), so results do not
 *   shift when a household moves and analysis needs no join with the case tables.
 *   Structured answers are stored as JSON for aggregation; free-text answers are encrypted
 *   (`text_answers_enc`, SecretBox purpose "surveys") like case notes.
 * - `submission_id` is chosen by the client (hidden field / offline queue): the same id twice
 *   is the same response (idempotent submission from a flaky connection).
 * - A survey (Befragung) defines its population from Lotse's data; each wave (Welle) draws a
 *   seeded sample (simple or stratified) with a reserve list and tracks contacts per member.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const surveyForms = pgTable(
  "survey_forms",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** XLSForm form_id; unique per tenant. */
    code: text("code").notNull(),
    /** Title in the form's default language (for lists; the version holds all languages). */
    title: text("title").notNull(),
    status: text("status", { enum: FORM_STATUSES }).notNull().default("active"),
    currentVersion: integer("current_version").notNull().default(1),
    /** Where it came from: "template:<key>", "xlsform", "copy". */
    origin: text("origin").notNull(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("survey_forms_code_uq").on(t.tenantId, t.code),
  ],
);

export const surveyFormVersions = pgTable(
  "survey_form_versions",
  {
    tenantId: tenantIdColumn(),
    formId: uuid("form_id").notNull(),
    number: integer("number").notNull(),
    definition: jsonb("definition").$type<FormDefinition>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.formId, t.number] })],
);

export const surveyResponses = pgTable(
  "survey_responses",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    formId: uuid("form_id").notNull(),
    formVersion: integer("form_version").notNull(),
    /** Client-chosen id of the submission (idempotency key). */
    submissionId: uuid("submission_id").notNull(),
    channel: text("channel", { enum: RESPONSE_CHANNELS }).notNull(),
    caseId: uuid("case_id"),
    personId: uuid("person_id"),
    waveId: uuid("wave_id"),
    linkId: uuid("link_id"),
    lang: text("lang").notNull(),
    answers: jsonb("answers").$type<Answers>().notNull(),
    textAnswersEnc: text("text_answers_enc"),
    // Analysis dimensions as of submission.
    sex: text("sex"),
    ageBand: text("age_band"),
    areaId: uuid("area_id"),
    accommodationKind: text("accommodation_kind"),
    phaseKey: text("phase_key"),
    submittedAt: ts("submitted_at").notNull(),
    submittedBy: uuid("submitted_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("survey_responses_submission_uq").on(t.tenantId, t.submissionId),
    index("survey_responses_form_idx").on(t.tenantId, t.formId, t.formVersion),
    index("survey_responses_case_idx").on(t.tenantId, t.caseId),
    index("survey_responses_wave_idx").on(t.tenantId, t.waveId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Image, audio and file answers (decision 116): the answer holds the file's id; name and bytes
 * are encrypted like case attachments (SecretBox, ciphertext of the base64 content). A file goes
 * with its response (Art. 17 erasure, retention): the foreign key cascades.
 */
export const surveyFiles = pgTable(
  "survey_files",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    responseId: uuid("response_id").notNull(),
    /** The question's name. */
    question: text("question").notNull(),
    fileNameEnc: text("file_name_enc").notNull(),
    mimeType: text("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    contentEnc: bytea("content_enc").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.responseId],
      foreignColumns: [surveyResponses.tenantId, surveyResponses.id],
    }).onDelete("cascade"),
    index("survey_files_response_idx").on(t.tenantId, t.responseId),
  ],
);

/** A one-time self-completion link. Only the SHA-256 of the token is stored. */
export const surveyLinks = pgTable(
  "survey_links",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    tokenHash: text("token_hash").notNull(),
    formId: uuid("form_id").notNull(),
    formVersion: integer("form_version").notNull(),
    waveId: uuid("wave_id"),
    personId: uuid("person_id"),
    caseId: uuid("case_id"),
    /** The language the respondent gets first (they may switch). */
    lang: text("lang").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    revokedAt: ts("revoked_at"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex("survey_links_token_uq").on(t.tokenHash)],
);

export const surveys = pgTable(
  "surveys",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    formId: uuid("form_id").notNull(),
    population: jsonb("population").$type<PopulationDefinition>().notNull(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const surveyWaves = pgTable(
  "survey_waves",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    surveyId: uuid("survey_id").notNull(),
    number: integer("number").notNull(),
    label: text("label").notNull(),
    formVersion: integer("form_version").notNull(),
    design: jsonb("design").$type<SampleDesign>().notNull(),
    /** Population size and per-stratum population/sample counts at the draw. */
    frame: jsonb("frame").$type<WaveFrame>(),
    drawnOn: date("drawn_on").notNull(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("survey_waves_number_uq").on(t.tenantId, t.surveyId, t.number),
  ],
);

export const surveySampleMembers = pgTable(
  "survey_sample_members",
  {
    tenantId: tenantIdColumn(),
    waveId: uuid("wave_id").notNull(),
    personId: uuid("person_id").notNull(),
    /** Stratum key, e.g. "area=…|sex=female|age=27-44"; "all" for a simple sample. */
    stratum: text("stratum").notNull(),
    /** Order of the draw (1 = first); the reserve follows the sample within its stratum. */
    rank: integer("rank").notNull(),
    reserve: boolean("reserve").notNull().default(false),
    /** A reserve member becomes active when someone in the stratum refuses or cannot be reached. */
    activated: boolean("activated").notNull().default(false),
    contactStatus: text("contact_status", { enum: CONTACT_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastContactOn: date("last_contact_on"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.waveId, t.personId] }),
    index("survey_sample_members_stratum_idx").on(t.tenantId, t.waveId, t.stratum),
  ],
);

/** Results published into monitoring as a Lotse data element (issue 5 → issue 6). */
export const surveyPublications = pgTable(
  "survey_publications",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    formId: uuid("form_id").notNull(),
    question: text("question").notNull(),
    /** The answer counted (choice name, or "yes"). */
    answer: text("answer").notNull(),
    /** Monitoring element code receiving the counts (numerator) and the respondents (denominator). */
    elementCode: text("element_code").notNull(),
    baseElementCode: text("base_element_code").notNull(),
    indicatorCode: text("indicator_code").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("survey_publications_indicator_uq").on(t.tenantId, t.indicatorCode),
  ],
);

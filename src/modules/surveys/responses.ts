import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import type { AnswersView, Submission } from "./contracts.ts";
import { type SurveyDeps, surveyToday } from "./deps.ts";
import { checkAnswers, labelFor, questions, readSubmission } from "./engine.ts";
import type { FormRow } from "./forms.repo.ts";
import { mediaRepo } from "./media.repo.ts";
import { MEDIA_MAX_BYTES, type MediaUpload, mediaIdsIn, type PreparedFile, prepareUploads } from "./media.ts";
import type { ResponseChannel } from "./model.ts";
import { type ResponseRow, responseRepo } from "./responses.repo.ts";
import { sampleRepo } from "./samples.repo.ts";
import { ageBandOn } from "./sampling.ts";
import { mergeSurveyAnswers } from "./subject-answers.ts";
import type { AnswerError, Answers, AnswerValue, FormDefinition } from "./types.ts";

/**
 * Storing a response, shared by capture in a case and the one-time links: answers read and
 * checked against their form version, the analysis dimensions as of submission, free text
 * encrypted apart from the structured answers, idempotent by submission id.
 */

/** Answer problems as field errors (`q.<path>`); the form's own message travels in `message`. */
export function answerErrorsToFields(errors: AnswerError[], def: FormDefinition, lang: string): FieldError[] {
  return errors.map((e) => {
    const message = e.message ? labelFor(e.message, lang, def) : "";
    return message
      ? { field: `q.${e.path}`, code: "answer_form_message", params: { message } }
      : e.code === "file_too_large"
        ? {
            field: `q.${e.path}`,
            code: "answer_file_too_large",
            params: { maxMb: MEDIA_MAX_BYTES / 2 ** 20 },
          }
        : { field: `q.${e.path}`, code: `answer_${e.code}` };
  });
}

/** The submitted form fields as the engine reads them: one entry per value, in order. */
export function entriesOf(answers: Submission["answers"]): [string, string][] {
  return Object.entries(answers).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
  );
}

/** The files of an API submission as uploads (base64 decoded; the type is sniffed later). */
export function uploadsOf(files: Submission["files"]): MediaUpload[] {
  return (files ?? [])
    .filter((f) => f.field.startsWith("q."))
    .map((f) => ({
      path: f.field.slice(2),
      fileName: f.fileName,
      content: new Uint8Array(Buffer.from(f.content, "base64")),
    }));
}

/** Free-text answers leave the JSON (encrypted separately); the rest stays for aggregation. */
export function splitTextAnswers(
  def: FormDefinition,
  answers: Answers,
): { structured: Answers; text: Answers } {
  const all = questions(def);
  const textNames = new Set(
    all
      // where someone lives or was met is as personal as free text
      .filter((q) => q.type === "text" || q.type === "geopoint")
      .map((q) => q.name),
  );
  // A calculation that reads free text (a child's name copied by indexed-repeat, a greeting built
  // from a name) holds free text too, also through other calculations.
  const calculations = all.filter((q) => q.type === "calculate" && q.node.calculation);
  for (let grew = true; grew; ) {
    grew = false;
    for (const q of calculations) {
      if (textNames.has(q.name)) continue;
      const refs = [...q.node.calculation!.matchAll(/\$\{([^}\s]+)\}/g)].map((m) => m[1]!);
      if (refs.some((r) => textNames.has(r))) {
        textNames.add(q.name);
        grew = true;
      }
    }
  }
  const split = (a: Answers): { structured: Answers; text: Answers } => {
    const structured: Answers = {};
    const text: Answers = {};
    for (const [k, v] of Object.entries(a)) {
      if (textNames.has(k)) text[k] = v;
      else if (
        Array.isArray(v) &&
        v.length > 0 &&
        typeof v[0] === "object" &&
        !("lang" in (v[0] as object))
      ) {
        // A repeat: split each instance.
        const inner = (v as Answers[]).map(split);
        structured[k] = inner.map((i) => i.structured);
        if (inner.some((i) => Object.keys(i.text).length > 0)) text[k] = inner.map((i) => i.text);
      } else structured[k] = v;
    }
    return { structured, text };
  };
  return split(answers);
}

export const mergeTextAnswers = mergeSurveyAnswers;

/** A repeat's answer: one record per instance (language rows are `{ lang, level }`, not instances). */
const isInstances = (v: AnswerValue): v is Answers[] =>
  Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null && !("lang" in v[0]);

/** Answers as the API shows them: a repeat holds one record per instance, repeats nest. */
export function answersView(answers: Answers): AnswersView {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(answers)) out[k] = isInstances(v) ? v.map(answersView) : v;
  return out as AnswersView;
}

/** The analysis dimensions of a response, as of submission. */
export type ResponseDimensions = {
  sex: string | null;
  ageBand: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  phaseKey: string | null;
};

export type NewResponse = {
  tenantId: string;
  form: FormRow;
  def: FormDefinition;
  formVersion: number;
  submissionId: string;
  channel: ResponseChannel;
  caseId: string | null;
  personId: string | null;
  waveId: string | null;
  linkId: string | null;
  lang: string;
  answers: Answers;
  /** The uploads behind the image, audio and file answers (from `validated`). */
  files?: readonly PreparedFile[];
  dims: ResponseDimensions;
  submittedBy: string | null;
};

/** Checked answers and the files their media answers name. */
export type ValidatedAnswers = { answers: Answers; files: PreparedFile[] };

export function createResponseStore(deps: Pick<SurveyDeps, "clock" | "casework">) {
  const { crypto } = deps.casework;
  const today = () => surveyToday(deps);

  return {
    /**
     * The answers read and checked against the form, every problem at its question. Uploads
     * (image, audio, file) are checked first and become answers holding their new ids; a file
     * whose question does not apply is dropped with the answer, and a media answer that names no
     * upload of this submission is refused (a caller cannot point at someone else's file).
     */
    validated(
      def: FormDefinition,
      s: Pick<Submission, "answers" | "lang" | "files">,
      uploads: readonly MediaUpload[] = [],
    ): ValidatedAnswers {
      // the page's multipart files, or the API body's base64 ones
      const media = prepareUploads(def, [...uploads, ...uploadsOf(s.files)]);
      const given = entriesOf(s.answers).filter(([k]) => !media.entries.some(([m]) => m === k));
      const read = readSubmission(def, [...given, ...media.entries]);
      const checked = checkAnswers(def, read.answers, { today: today() });
      const errors = [...media.errors];
      const add = (list: AnswerError[]) => {
        for (const e of list) if (!errors.some((r) => r.path === e.path)) errors.push(e);
      };
      add(read.errors);
      add(checked.errors);
      const ids = mediaIdsIn(def, checked.answers);
      const uploaded = new Set(media.files.map((f) => f.id));
      const foreign = [...ids].filter(([id]) => !uploaded.has(id));
      if (errors.length === 0 && foreign.length)
        throw AppError.validation(foreign.map(([, name]) => ({ field: `q.${name}`, code: "answer_file" })));
      if (errors.length) throw AppError.validation(answerErrorsToFields(errors, def, s.lang));
      return { answers: checked.answers, files: media.files.filter((f) => ids.has(f.id)) };
    },

    /** Dimensions of a response as of submission, from the person (and their household and case). */
    async dimensionsOf(
      tenantId: string,
      personId: string | null,
      fallback: Omit<ResponseDimensions, "sex" | "ageBand">,
    ): Promise<ResponseDimensions> {
      if (!personId) return { sex: null, ageBand: null, ...fallback };
      const [f] = await deps.casework.surveyPersonFacts(tenantId, { personIds: [personId] });
      if (!f) return { sex: null, ageBand: null, ...fallback };
      return {
        sex: f.sex,
        ageBand: ageBandOn(f.birthDate, today()),
        areaId: f.areaId ?? fallback.areaId,
        accommodationKind: f.accommodationKind ?? fallback.accommodationKind,
        phaseKey: f.phaseKey ?? fallback.phaseKey,
      };
    },

    /**
     * Stores the response unless its submission id is known. The same submission again (a flaky
     * connection, the offline queue) returns the first one, unless the id was used for something
     * else. A wave member who answers counts as responded.
     */
    async store(tx: DbOrTx, input: NewResponse): Promise<{ id: string; created: boolean }> {
      const { structured, text } = splitTextAnswers(input.def, input.answers);
      const now = deps.clock.now();
      const { row, created } = await responseRepo.insertResponse(tx, {
        tenantId: input.tenantId,
        formId: input.form.id,
        formVersion: input.formVersion,
        submissionId: input.submissionId,
        channel: input.channel,
        caseId: input.caseId,
        personId: input.personId,
        waveId: input.waveId,
        linkId: input.linkId,
        lang: input.lang,
        answers: structured,
        textAnswersEnc: Object.keys(text).length ? crypto.encrypt(JSON.stringify(text)) : null,
        ...input.dims,
        submittedAt: now,
        submittedBy: input.submittedBy,
        createdAt: now,
        updatedAt: now,
      });
      if (!created) {
        if (row.formId !== input.form.id || row.caseId !== input.caseId || row.linkId !== input.linkId)
          throw new AppError("survey_submission_reused");
      }
      if (created && input.files?.length) {
        await mediaRepo.insert(
          tx,
          input.files.map((f) => ({
            tenantId: input.tenantId,
            id: f.id,
            responseId: row.id,
            question: f.question,
            fileNameEnc: crypto.encrypt(f.fileName),
            mimeType: f.mimeType,
            byteSize: f.content.byteLength,
            contentEnc: Buffer.from(crypto.encrypt(Buffer.from(f.content).toString("base64")), "utf8"),
            createdAt: now,
          })),
        );
      }
      if (created && input.waveId && input.personId) {
        await sampleRepo.updateMemberIfVersion(
          tx,
          { tenantId: input.tenantId, waveId: input.waveId, personId: input.personId },
          null,
          { contactStatus: "responded", lastContactOn: today() },
          now,
        );
      }
      return { id: row.id, created };
    },

    /** A stored response's answers with its free text decrypted. */
    answersOf(r: ResponseRow): Answers {
      const text = r.textAnswersEnc ? (JSON.parse(crypto.decrypt(r.textAnswersEnc)) as Answers) : {};
      return mergeTextAnswers(r.answers, text);
    },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;

import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseAccess } from "../casework/model.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "../casework/overview.ts";
import type { CaseworkService } from "../casework/service.ts";
import { ancestorAt } from "../monitoring/lotse-figures.ts";
import { checkAnswers, checkDefinition, labelFor, needsFrom, questions, readSubmission } from "./engine.ts";
import { type FormRow, surveyRepo as repo } from "./repo.ts";
import { ageBandOn, ageOn, drawSample, type FrameMember } from "./sampling.ts";
import {
  CONTACT_STATUSES,
  type PopulationDefinition,
  type ResponseChannel,
  type SampleDesign,
  STRATIFY_BY,
} from "./schema.ts";
import { FORM_TEMPLATE_KEYS, FORM_TEMPLATES } from "./templates.ts";
import type { AnswerError, Answers, FormDefinition, FormError } from "./types.ts";
import { readXlsForm, writeXlsForm } from "./xlsform.ts";

export type SurveyDeps = CoreDeps & {
  audit: AuditService;
  casework: CaseworkService;
  areas: AreaService;
};

type Audited = { requestId?: string | null };

/** A self-completion link is valid this many days unless the sender says otherwise. */
export const LINK_DAYS_DEFAULT = 14;
export const LINK_DAYS_MAX = 90;
/** A population larger than this is refused (a sample frame, not a census register). */
export const MAX_POPULATION = 200_000;
/** An XLSForm file larger than this is refused before it is unpacked. */
export const XLSFORM_MAX_BYTES = 5 * 2 ** 20;

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The form's problems as field errors, one per problem, naming sheet, row and column. */
export function formErrorsToFields(errors: FormError[]): FieldError[] {
  return errors.map((e) => ({
    field: "file",
    code: `xlsform_${e.code}`,
    params: {
      sheet: e.sheet ?? "survey",
      row: e.row !== undefined ? String(e.row) : "–",
      column: e.column ?? "–",
      detail: e.detail ?? "",
    },
  }));
}

/** Answer problems as field errors (`q.<path>`); the form's own message travels in `message`. */
export function answerErrorsToFields(errors: AnswerError[], def: FormDefinition, lang: string): FieldError[] {
  return errors.map((e) => {
    const message = e.message ? labelFor(e.message, lang, def) : "";
    return message
      ? { field: `q.${e.path}`, code: "answer_form_message", params: { message } }
      : { field: `q.${e.path}`, code: `answer_${e.code}` };
  });
}

/** Free-text answers leave the JSON (encrypted separately); the rest stays for aggregation. */
export function splitTextAnswers(
  def: FormDefinition,
  answers: Answers,
): { structured: Answers; text: Answers } {
  const textNames = new Set(
    questions(def)
      .filter((q) => q.type === "text")
      .map((q) => q.name),
  );
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

export function mergeTextAnswers(structured: Answers, text: Answers): Answers {
  const out: Answers = { ...structured };
  for (const [k, v] of Object.entries(text)) {
    if (Array.isArray(out[k]) && Array.isArray(v)) {
      out[k] = (out[k] as Answers[]).map((inst, i) => ({ ...inst, ...((v as Answers[])[i] ?? {}) }));
    } else out[k] = v;
  }
  return out;
}

const submissionInput = z.object({
  formVersion: z.coerce.number().int().min(1),
  submissionId: z.string().uuid(),
  personId: z.string().uuid().nullable().optional(),
  lang: z.string().min(2).max(12),
  entries: z.array(z.tuple([z.string(), z.string()])).max(5000),
});

const populationInput = z.object({
  title: z.string().trim().min(1).max(200),
  formId: z.string().uuid(),
  assignedYear: z.coerce.number().int().min(1950).max(2100).optional(),
  minAge: z.coerce.number().int().min(0).max(120).optional(),
  areaIds: z.array(z.string().uuid()).max(200).optional(),
  openCasesOnly: z.boolean().optional(),
});

const waveInput = z.object({
  label: z.string().trim().min(1).max(200),
  size: z.coerce.number().int().min(1).max(10_000),
  reserve: z.coerce.number().int().min(0).max(10_000),
  stratifyBy: z.array(z.enum(STRATIFY_BY)).max(3),
  seed: z.string().trim().min(1).max(100),
});

const contactInput = z.object({
  status: z.enum(CONTACT_STATUSES),
  version: z.coerce.number().int().min(1),
});

export function createSurveyService(deps: SurveyDeps) {
  const { db } = deps;
  const crypto = deps.casework.crypto;
  const userActor = (principal: Principal) => ({ kind: "user" as const, principal });
  const today = () => todayIn(CASEWORK_TIME_ZONE, deps.clock.now());

  function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
    const r = schema.safeParse(input);
    if (!r.success) throw validationError(r.error.issues);
    return r.data;
  }

  async function loadForm(tenantId: string, formId: string): Promise<FormRow> {
    if (!isUuid(formId)) throw AppError.notFound();
    const form = await repo.form(db, tenantId, formId);
    if (!form) throw AppError.notFound();
    return form;
  }

  async function definitionOf(tenantId: string, formId: string, number: number): Promise<FormDefinition> {
    const v = await repo.version(db, tenantId, formId, number);
    if (!v) throw AppError.notFound();
    return v.definition;
  }

  /** The district-level ancestor of an area (the coarsest level below the city). */
  async function districtMapper(tenantId: string) {
    const tree = await deps.areas.list(tenantId);
    const levels = new Set(tree.map((a) => a.level));
    const level = levels.has("district") ? "district" : levels.has("social_area") ? "social_area" : "quarter";
    const map = ancestorAt(tree, level);
    return {
      level,
      areas: tree.filter((a) => a.level === level).map((a) => ({ id: a.id, name: a.name })),
      toDistrict: (areaId: string | null) => (areaId ? map(areaId) : null),
    };
  }

  /** Stores a new form (code from the definition; a taken code gets a number appended). */
  async function createForm(
    principal: Principal,
    def: FormDefinition,
    origin: string,
    requestId?: string | null,
  ) {
    const issues = checkDefinition(def);
    if (issues.length) throw AppError.validation(formErrorsToFields(issues));
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      let code = def.formId;
      for (let i = 2; await repo.formByCode(tx, principal.tenantId, code); i++) code = `${def.formId}_${i}`;
      const form = await repo.insertForm(tx, {
        tenantId: principal.tenantId,
        code,
        title: labelFor(def.title, def.defaultLanguage, def) || code,
        origin,
        currentVersion: 1,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertVersion(tx, {
        tenantId: principal.tenantId,
        formId: form.id,
        number: 1,
        definition: { ...def, formId: code },
        createdBy: principal.userId,
        createdAt: now,
      });
      await deps.audit.record(
        {
          actor: userActor(principal),
          action: "create",
          entityType: "survey_form",
          entityId: form.id,
          changes: { code: { old: null, new: code }, origin: { old: null, new: origin } },
          requestId: requestId ?? null,
        },
        tx,
      );
      return form;
    });
  }

  /** Dimensions of a response as of submission, from the person (and their household and case). */
  async function dimensionsOf(
    tenantId: string,
    personId: string | null,
    fallback: { areaId: string | null; accommodationKind: string | null; phaseKey: string | null },
  ) {
    const day = today();
    if (!personId) return { sex: null, ageBand: null, ...fallback };
    const [f] = await deps.casework.surveyPersonFacts(tenantId, { personIds: [personId] });
    if (!f) return { sex: null, ageBand: null, ...fallback };
    return {
      sex: f.sex,
      ageBand: ageBandOn(f.birthDate, day),
      areaId: f.areaId ?? fallback.areaId,
      accommodationKind: f.accommodationKind ?? fallback.accommodationKind,
      phaseKey: f.phaseKey ?? fallback.phaseKey,
    };
  }

  type Stored = { responseId: string; duplicate: boolean; needs: string[] };

  async function store(
    tx: DbOrTx,
    input: {
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
      dims: {
        sex: string | null;
        ageBand: string | null;
        areaId: string | null;
        accommodationKind: string | null;
        phaseKey: string | null;
      };
      submittedBy: string | null;
    },
  ): Promise<{ id: string; created: boolean }> {
    const { structured, text } = splitTextAnswers(input.def, input.answers);
    const now = deps.clock.now();
    const { row, created } = await repo.insertResponse(tx, {
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
      // The same submission again (a flaky connection, the offline queue): the first one stands,
      // unless the id was used for something else.
      if (row.formId !== input.form.id || row.caseId !== input.caseId || row.linkId !== input.linkId)
        throw new AppError("survey_submission_reused");
    }
    if (created && input.waveId && input.personId) {
      await repo.updateMemberIfVersion(
        tx,
        { tenantId: input.tenantId, waveId: input.waveId, personId: input.personId },
        null,
        { contactStatus: "responded", lastContactOn: today() },
        now,
      );
    }
    return { id: row.id, created };
  }

  function validated(def: FormDefinition, entries: [string, string][], lang: string) {
    const read = readSubmission(def, entries);
    const checked = checkAnswers(def, read.answers, { today: today() });
    const errors = [
      ...read.errors,
      ...checked.errors.filter((e) => !read.errors.some((r) => r.path === e.path)),
    ];
    if (errors.length) throw AppError.validation(answerErrorsToFields(errors, def, lang));
    return checked.answers;
  }

  return {
    // ---------------- forms ----------------

    templates() {
      return FORM_TEMPLATES.map((t) => ({ key: t.key, definition: t.definition }));
    },

    async listForms(principal: Principal) {
      authorize(principal, "surveys.forms.read");
      return repo.forms(db, principal.tenantId);
    },

    async getForm(principal: Principal, formId: string, versionNumber?: number) {
      authorize(principal, "surveys.forms.read");
      const form = await loadForm(principal.tenantId, formId);
      const number = versionNumber ?? form.currentVersion;
      const definition = await definitionOf(principal.tenantId, form.id, number);
      const versions = await repo.versions(db, principal.tenantId, form.id);
      return { form, number, definition, versions };
    },

    async createFromTemplate(principal: Principal, key: string, opts: Audited = {}) {
      authorize(principal, "surveys.forms.manage");
      const template = FORM_TEMPLATES.find((t) => t.key === key);
      if (!template || !(FORM_TEMPLATE_KEYS as readonly string[]).includes(key))
        throw AppError.validation([{ field: "template", code: "invalid_choice" }]);
      return createForm(principal, structuredClone(template.definition), `template:${key}`, opts.requestId);
    },

    /**
     * An XLSForm in: a new form, or — with `formId` — a new version of that form. When the
     * current version has no answers yet it is replaced instead (nothing to keep readable).
     * A malformed file creates nothing and lists every problem with sheet, row and column.
     */
    async importXlsForm(
      principal: Principal,
      bytes: Uint8Array,
      target: { formId?: string | null; version?: number | null } = {},
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.forms.manage");
      if (bytes.byteLength === 0) throw AppError.validation([{ field: "file", code: "required" }]);
      // exceljs unpacks the whole workbook in memory: a questionnaire never needs more than this.
      if (bytes.byteLength > XLSFORM_MAX_BYTES)
        throw AppError.validation([
          { field: "file", code: "import_file_too_large", params: { maxMb: XLSFORM_MAX_BYTES / 2 ** 20 } },
        ]);
      const read = await readXlsForm(bytes);
      if (!read.ok) throw AppError.validation(formErrorsToFields(read.errors));
      const def = read.definition;
      // Rows Lotse does not need (KoboToolbox metadata such as start/deviceid, or_other) were skipped.
      const skipped = [...new Set(read.warnings.map((w) => w.detail ?? w.code))];
      if (!target.formId) {
        const form = await createForm(principal, def, "xlsform", opts.requestId);
        return { form, number: 1, replaced: false, skipped };
      }
      const form = await loadForm(principal.tenantId, target.formId);
      if (target.version == null || target.version !== form.version)
        throw AppError.versionConflict(form.version);
      const issues = checkDefinition(def);
      if (issues.length) throw AppError.validation(formErrorsToFields(issues));
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const answered = await repo.responsesOfVersion(tx, principal.tenantId, form.id, form.currentVersion);
        const number = answered > 0 ? form.currentVersion + 1 : form.currentVersion;
        const updated = await repo.updateFormIfVersion(
          tx,
          principal.tenantId,
          form.id,
          form.version,
          { currentVersion: number, title: labelFor(def.title, def.defaultLanguage, def) || form.title },
          now,
        );
        if (!updated) throw AppError.versionConflict(form.version);
        const definition = { ...def, formId: form.code };
        if (answered > 0)
          await repo.insertVersion(tx, {
            tenantId: principal.tenantId,
            formId: form.id,
            number,
            definition,
            createdBy: principal.userId,
            createdAt: now,
          });
        else await repo.replaceVersionDefinition(tx, principal.tenantId, form.id, number, definition);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: answered > 0 ? "survey_form.new_version" : "update",
            entityType: "survey_form",
            entityId: form.id,
            changes: { currentVersion: { old: form.currentVersion, new: number } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return { form: updated, number, replaced: answered === 0, skipped };
      });
    },

    async exportXlsForm(principal: Principal, formId: string, versionNumber?: number) {
      authorize(principal, "surveys.forms.read");
      const form = await loadForm(principal.tenantId, formId);
      const number = versionNumber ?? form.currentVersion;
      const def = await definitionOf(principal.tenantId, form.id, number);
      return { fileName: `${form.code}-v${number}.xlsx`, bytes: await writeXlsForm(def) };
    },

    // ---------------- capture in a case ----------------

    /** What the capture page needs: the case's persons and the form (current version). */
    async captureContext(principal: Principal, caseId: string, formId: string, opts: Audited = {}) {
      authorize(principal, "surveys.capture");
      const ctx = await deps.casework.surveyContext(principal, caseId, "write", opts);
      const form = await loadForm(principal.tenantId, formId);
      if (form.status !== "active") throw AppError.notFound();
      const definition = await definitionOf(principal.tenantId, form.id, form.currentVersion);
      return { case: ctx, form, number: form.currentVersion, definition };
    },

    /**
     * A case worker's submission in a case. Idempotent by `submissionId`: the same submission
     * again returns the first response. Answers that name needs open them in the case, in the
     * same transaction.
     */
    async submitInCase(
      principal: Principal,
      caseId: string,
      formId: string,
      input: unknown,
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.capture");
      const s = parse(submissionInput, input);
      const ctx = await deps.casework.surveyContext(principal, caseId, "write", opts);
      const form = await loadForm(principal.tenantId, formId);
      const existing = await repo.responseBySubmission(db, principal.tenantId, s.submissionId);
      if (existing) {
        if (existing.caseId !== ctx.caseId || existing.formId !== form.id)
          throw new AppError("survey_submission_reused");
        return { responseId: existing.id, duplicate: true, needs: [] } satisfies Stored;
      }
      // Answers are checked against the version they were filled in (an offline queue may hold
      // answers to the version before an edit); that version stays readable.
      const def = await definitionOf(principal.tenantId, form.id, s.formVersion);
      if (s.personId && !ctx.persons.some((p) => p.id === s.personId))
        throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
      const answers = validated(def, s.entries, s.lang);
      const dims = await dimensionsOf(principal.tenantId, s.personId ?? null, {
        areaId: ctx.areaId,
        accommodationKind: ctx.accommodationKind,
        phaseKey: ctx.phaseKey,
      });
      return db.transaction(async (tx): Promise<Stored> => {
        const r = await store(tx, {
          tenantId: principal.tenantId,
          form,
          def,
          formVersion: s.formVersion,
          submissionId: s.submissionId,
          channel: "case",
          caseId: ctx.caseId,
          personId: s.personId ?? null,
          waveId: null,
          linkId: null,
          lang: s.lang,
          answers,
          dims,
          submittedBy: principal.userId,
        });
        if (!r.created) return { responseId: r.id, duplicate: true, needs: [] };
        const needs = await deps.casework.openNeedsFromSurvey(principal, ctx.access, {
          domains: needsFrom(def, answers),
          personId: s.personId ?? null,
          source: `survey:${r.id}`,
          requestId: opts.requestId ?? null,
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "survey_response",
            entityId: r.id,
            changes: {
              caseId: { old: null, new: ctx.caseId },
              formId: { old: null, new: form.id },
              formVersion: { old: null, new: s.formVersion },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return { responseId: r.id, duplicate: false, needs };
      });
    },

    /** The responses of a case, for the case page: it checked (and audited) the case once and hands its handle on. */
    async caseResponses(principal: Principal, access: CaseAccess) {
      authorize(principal, "surveys.forms.read");
      const { caseId } = deps.casework.checkAccess(principal, access, "read");
      return repo.responsesOfCase(db, principal.tenantId, caseId);
    },

    /**
     * One response with its answers, read under its own version. Case responses: whoever may
     * read the case; other responses: the analyst (raw answers). The read is audited.
     */
    async getResponse(principal: Principal, responseId: string, opts: Audited = {}) {
      if (!isUuid(responseId)) throw AppError.notFound();
      const r = await repo.response(db, principal.tenantId, responseId);
      if (!r) throw AppError.notFound();
      if (r.caseId) await deps.casework.surveyContext(principal, r.caseId, "read", opts);
      else authorize(principal, "surveys.raw_export");
      const form = await loadForm(principal.tenantId, r.formId);
      const definition = await definitionOf(principal.tenantId, r.formId, r.formVersion);
      await deps.audit.recordReads(principal, [{ entityType: "survey_response", entityId: r.id }], {
        requestId: opts.requestId ?? null,
      });
      const text = r.textAnswersEnc ? (JSON.parse(crypto.decrypt(r.textAnswersEnc)) as Answers) : {};
      return { response: r, form, definition, answers: mergeTextAnswers(r.answers, text) };
    },

    // ---------------- one-time links ----------------

    /**
     * A self-completion link for a person: in a case (case worker) or in a survey wave (survey
     * team). The token is returned once; only its hash is stored.
     */
    async createLink(
      principal: Principal,
      input: {
        formId: string;
        caseId?: string | null;
        personId?: string | null;
        waveId?: string | null;
        lang: string;
        days?: number;
      },
      opts: Audited = {},
    ) {
      const days = input.days ?? LINK_DAYS_DEFAULT;
      if (!Number.isInteger(days) || days < 1 || days > LINK_DAYS_MAX)
        throw AppError.validation([{ field: "days", code: "too_big", params: { max: LINK_DAYS_MAX } }]);
      const form = await loadForm(principal.tenantId, input.formId);
      const personId = input.personId ?? null;
      let caseId: string | null = null;
      let waveId: string | null = null;
      if (input.caseId) {
        authorize(principal, "surveys.capture");
        const ctx = await deps.casework.surveyContext(principal, input.caseId, "write", opts);
        if (personId && !ctx.persons.some((p) => p.id === personId))
          throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
        caseId = ctx.caseId;
      } else if (input.waveId) {
        authorize(principal, "surveys.manage");
        if (!isUuid(input.waveId) || !personId || !isUuid(personId)) throw AppError.notFound();
        const member = await repo.member(db, principal.tenantId, input.waveId, personId);
        if (!member) throw AppError.notFound();
        waveId = input.waveId;
      } else throw AppError.forbidden();
      const token = randomBytes(32).toString("base64url");
      const now = deps.clock.now();
      const link = await db.transaction(async (tx) => {
        const l = await repo.insertLink(tx, {
          tenantId: principal.tenantId,
          tokenHash: hashSurveyToken(token),
          formId: form.id,
          formVersion: form.currentVersion,
          waveId,
          personId,
          caseId,
          lang: input.lang,
          expiresAt: new Date(now.getTime() + days * 86_400_000),
          createdBy: principal.userId,
          createdAt: now,
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "survey_link",
            entityId: l.id,
            changes: {
              formId: { old: null, new: form.id },
              expiresAt: { old: null, new: l.expiresAt.toISOString() },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return l;
      });
      return { token, linkId: link.id, expiresAt: link.expiresAt };
    },

    /** What the public page shows for a token: the form, or why it cannot be used. */
    async linkForm(tenantId: string, token: string) {
      const link =
        token.length >= 20 && token.length <= 100
          ? await repo.linkByHash(db, hashSurveyToken(token))
          : undefined;
      if (!link || link.tenantId !== tenantId) return { state: "unknown" as const };
      if (link.usedAt) return { state: "used" as const };
      if (link.revokedAt || link.expiresAt <= deps.clock.now()) return { state: "expired" as const };
      const definition = await definitionOf(link.tenantId, link.formId, link.formVersion);
      return {
        state: "open" as const,
        definition,
        formVersion: link.formVersion,
        lang: link.lang,
        tenantId: link.tenantId,
      };
    },

    /**
     * The respondent's submission. One response per link; the same submission again (double
     * click, flaky connection, offline queue) returns the first one instead of an error.
     */
    async submitByLink(tenantId: string, token: string, input: unknown) {
      const s = parse(submissionInput, input);
      const tokenHash = hashSurveyToken(token);
      const peek =
        token.length >= 20 && token.length <= 100 ? await repo.linkByHash(db, tokenHash) : undefined;
      if (!peek || peek.tenantId !== tenantId) throw new AppError("invalid_token");
      const existing = await repo.responseBySubmission(db, peek.tenantId, s.submissionId);
      if (existing) {
        if (existing.linkId !== peek.id) throw new AppError("survey_submission_reused");
        return { responseId: existing.id, duplicate: true };
      }
      if (peek.usedAt) throw new AppError("survey_link_used");
      if (peek.revokedAt || peek.expiresAt <= deps.clock.now()) throw new AppError("survey_link_expired");
      if (s.formVersion !== peek.formVersion)
        throw AppError.validation([{ field: "formVersion", code: "invalid_choice" }]);
      const form = await loadForm(peek.tenantId, peek.formId);
      const def = await definitionOf(peek.tenantId, peek.formId, peek.formVersion);
      const answers = validated(def, s.entries, s.lang);
      const dims = await dimensionsOf(peek.tenantId, peek.personId, {
        areaId: null,
        accommodationKind: null,
        phaseKey: null,
      });
      return db.transaction(async (tx) => {
        const link = await repo.linkByHash(tx, tokenHash, true);
        if (!link) throw new AppError("invalid_token");
        const again = await repo.responseBySubmission(tx, link.tenantId, s.submissionId);
        if (again) return { responseId: again.id, duplicate: true };
        if (link.usedAt) throw new AppError("survey_link_used");
        const r = await store(tx, {
          tenantId: link.tenantId,
          form,
          def,
          formVersion: link.formVersion,
          submissionId: s.submissionId,
          channel: "link",
          caseId: link.caseId,
          personId: link.personId,
          waveId: link.waveId,
          linkId: link.id,
          lang: s.lang,
          answers,
          dims,
          submittedBy: null,
        });
        await repo.markLinkUsed(tx, link.tenantId, link.id, deps.clock.now());
        await deps.audit.record(
          {
            actor: { kind: "system" as const, tenantId: link.tenantId },
            action: "create",
            entityType: "survey_response",
            entityId: r.id,
            changes: { linkId: { old: null, new: link.id } },
            requestId: null,
          },
          tx,
        );
        return { responseId: r.id, duplicate: false };
      });
    },

    // ---------------- surveys, waves, samples ----------------

    async listSurveys(principal: Principal) {
      authorize(principal, "surveys.manage");
      return repo.surveys(db, principal.tenantId);
    },

    async createSurvey(principal: Principal, input: unknown, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      const s = parse(populationInput, input);
      await loadForm(principal.tenantId, s.formId);
      const population: PopulationDefinition = {
        ...(s.assignedYear !== undefined ? { assignedYear: s.assignedYear } : {}),
        ...(s.minAge !== undefined ? { minAge: s.minAge } : {}),
        ...(s.areaIds?.length ? { areaIds: s.areaIds } : {}),
        ...(s.openCasesOnly ? { openCasesOnly: true } : {}),
      };
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.insertSurvey(tx, {
          tenantId: principal.tenantId,
          title: s.title,
          formId: s.formId,
          population,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "survey",
            entityId: row.id,
            changes: { population: { old: null, new: population } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return row;
      });
    },

    /** The sampling frame: the population's persons with their strata facts (no names). */
    async frame(tenantId: string, population: PopulationDefinition): Promise<FrameMember[]> {
      const facts = await deps.casework.surveyPersonFacts(
        tenantId,
        population.assignedYear !== undefined ? { assignedYear: population.assignedYear } : {},
      );
      const districts = await districtMapper(tenantId);
      const day = today();
      const areaFilter = population.areaIds?.length ? new Set(population.areaIds) : null;
      const tree = areaFilter ? await deps.areas.list(tenantId) : [];
      const parents = new Map(tree.map((a) => [a.id, a.parentId]));
      const inAreas = (areaId: string | null) => {
        for (let a = areaId, guard = 0; a && guard < 10; a = parents.get(a) ?? null, guard++)
          if (areaFilter?.has(a)) return true;
        return false;
      };
      return facts
        .filter(
          (f) => population.minAge === undefined || (ageOn(f.birthDate, day) ?? -1) >= population.minAge,
        )
        .filter((f) => !population.openCasesOnly || f.openCase)
        .filter((f) => !areaFilter || inAreas(f.areaId))
        .map((f) => ({
          personId: f.personId,
          sex: f.sex,
          ageBand: ageBandOn(f.birthDate, day),
          districtId: districts.toDistrict(f.areaId),
        }));
    },

    async getSurvey(principal: Principal, surveyId: string) {
      authorize(principal, "surveys.manage");
      if (!isUuid(surveyId)) throw AppError.notFound();
      const survey = await repo.survey(db, principal.tenantId, surveyId);
      if (!survey) throw AppError.notFound();
      const form = await loadForm(principal.tenantId, survey.formId);
      const waves = await repo.waves(db, principal.tenantId, survey.id);
      const populationSize = (await this.frame(principal.tenantId, survey.population)).length;
      const districts = await districtMapper(principal.tenantId);
      return { survey, form, waves, populationSize, districts: districts.areas };
    },

    /** Draws a wave's sample from the population (seeded, reproducible). */
    async drawWave(principal: Principal, surveyId: string, input: unknown, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      const w = parse(waveInput, input);
      if (!isUuid(surveyId)) throw AppError.notFound();
      const survey = await repo.survey(db, principal.tenantId, surveyId);
      if (!survey) throw AppError.notFound();
      const form = await loadForm(principal.tenantId, survey.formId);
      const frame = await this.frame(principal.tenantId, survey.population);
      if (frame.length === 0) throw AppError.validation([{ field: "size", code: "survey_population_empty" }]);
      if (frame.length > MAX_POPULATION)
        throw AppError.validation([
          { field: "size", code: "survey_population_too_large", params: { max: MAX_POPULATION } },
        ]);
      if (w.size > frame.length)
        throw AppError.validation([
          { field: "size", code: "survey_sample_too_large", params: { population: frame.length } },
        ]);
      const design: SampleDesign = {
        size: w.size,
        reserve: w.reserve,
        stratifyBy: [...new Set(w.stratifyBy)],
        seed: w.seed,
      };
      const drawn = drawSample(frame, design);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const number = await repo.nextWaveNumber(tx, principal.tenantId, survey.id);
        const wave = await repo.insertWave(tx, {
          tenantId: principal.tenantId,
          surveyId: survey.id,
          number,
          label: w.label,
          formVersion: form.currentVersion,
          design,
          frame: {
            population: frame.length,
            strata: drawn.strata.map((s) => ({ key: s.key, population: s.population, sample: s.sample })),
          },
          drawnOn: today(),
          createdAt: now,
          updatedAt: now,
        });
        await repo.insertMembers(
          tx,
          drawn.members.map((m) => ({
            tenantId: principal.tenantId,
            waveId: wave.id,
            personId: m.personId,
            stratum: m.stratum,
            rank: m.rank,
            reserve: m.reserve,
            createdAt: now,
            updatedAt: now,
          })),
        );
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "survey.sample_drawn",
            entityType: "survey_wave",
            entityId: wave.id,
            changes: { design: { old: null, new: design }, population: { old: null, new: frame.length } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return wave;
      });
    },

    /**
     * The wave's contact list (names — the survey team must reach them; the read is audited)
     * and the response rates per stratum.
     */
    async getWave(principal: Principal, waveId: string, opts: Audited = {}) {
      authorize(principal, "surveys.manage");
      if (!isUuid(waveId)) throw AppError.notFound();
      const wave = await repo.wave(db, principal.tenantId, waveId);
      if (!wave) throw AppError.notFound();
      const survey = (await repo.survey(db, principal.tenantId, wave.surveyId))!;
      const members = await repo.members(db, principal.tenantId, wave.id);
      const names = await deps.casework.surveyPersonNames(
        principal,
        members.map((m) => m.personId),
        opts,
      );
      const byId = new Map(names.map((n) => [n.id, n]));
      const links = await repo.linksOfWave(db, principal.tenantId, wave.id);
      const linkOf = new Map(links.filter((l) => !l.revokedAt).map((l) => [l.personId, l]));
      const strata = new Map<
        string,
        {
          key: string;
          population: number;
          sample: number;
          active: number;
          contacted: number;
          responded: number;
          refused: number;
          unreachable: number;
        }
      >();
      for (const s of wave.frame?.strata ?? [])
        strata.set(s.key, {
          key: s.key,
          population: s.population,
          sample: s.sample,
          active: 0,
          contacted: 0,
          responded: 0,
          refused: 0,
          unreachable: 0,
        });
      for (const m of members) {
        const s = strata.get(m.stratum);
        if (!s || (m.reserve && !m.activated)) continue;
        s.active += 1;
        if (m.contactStatus !== "pending") s.contacted += 1;
        if (m.contactStatus === "responded") s.responded += 1;
        if (m.contactStatus === "refused") s.refused += 1;
        if (m.contactStatus === "unreachable") s.unreachable += 1;
      }
      return {
        survey,
        wave,
        members: members.map((m) => {
          const n = byId.get(m.personId);
          const l = linkOf.get(m.personId);
          return {
            ...m,
            name: n ? `${n.givenName} ${n.familyName}` : "—",
            householdLabel: n?.householdLabel ?? "",
            link: l ? { expiresAt: l.expiresAt, usedAt: l.usedAt } : null,
          };
        }),
        strata: [...strata.values()],
      };
    },

    /**
     * Records a contact outcome. A refusal or an unreachable person activates the next reserve
     * member of the same stratum, so the stratum keeps its planned size.
     */
    async recordContact(
      principal: Principal,
      waveId: string,
      personId: string,
      input: unknown,
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.manage");
      const c = parse(contactInput, input);
      if (!isUuid(waveId) || !isUuid(personId)) throw AppError.notFound();
      const member = await repo.member(db, principal.tenantId, waveId, personId);
      if (!member) throw AppError.notFound();
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const updated = await repo.updateMemberIfVersion(
          tx,
          { tenantId: principal.tenantId, waveId, personId },
          c.version,
          { contactStatus: c.status, attempts: member.attempts + 1, lastContactOn: today() },
          now,
        );
        if (!updated) throw AppError.versionConflict(member.version);
        let activated: string | null = null;
        const dropsOut = (s: string) => s === "refused" || s === "unreachable";
        if (dropsOut(c.status) && !dropsOut(member.contactStatus) && (!member.reserve || member.activated)) {
          const next = (await repo.members(tx, principal.tenantId, waveId)).find(
            (m) => m.stratum === member.stratum && m.reserve && !m.activated,
          );
          if (next) {
            await repo.updateMemberIfVersion(
              tx,
              { tenantId: principal.tenantId, waveId, personId: next.personId },
              next.version,
              { activated: true },
              now,
            );
            activated = next.personId;
          }
        }
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "survey.contact",
            entityType: "survey_sample_member",
            entityId: personId,
            changes: { contactStatus: { old: member.contactStatus, new: c.status } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return { member: updated, activated };
      });
    },

    /** Links for every active member of a wave without an open link; tokens are returned once. */
    async createWaveLinks(
      principal: Principal,
      waveId: string,
      input: { lang: string; days?: number },
      opts: Audited = {},
    ) {
      authorize(principal, "surveys.manage");
      const data = await this.getWave(principal, waveId, opts);
      const out: { personId: string; name: string; token: string; expiresAt: Date }[] = [];
      for (const m of data.members) {
        if ((m.reserve && !m.activated) || m.contactStatus === "responded" || m.contactStatus === "refused")
          continue;
        if (m.link && !m.link.usedAt && m.link.expiresAt > deps.clock.now()) continue;
        const l = await this.createLink(
          principal,
          {
            formId: data.survey.formId,
            waveId,
            personId: m.personId,
            lang: input.lang,
            ...(input.days ? { days: input.days } : {}),
          },
          opts,
        );
        out.push({ personId: m.personId, name: m.name, token: l.token, expiresAt: l.expiresAt });
      }
      return out;
    },

    /** Whether the principal may see raw answers (for pages that offer the export). */
    canExportRaw(principal: Principal) {
      return can(principal, "surveys.raw_export");
    },

    districtMapper,
    definitionOf,
    loadForm,
    /** today() for the form engine, in the municipality's time zone. */
    today,
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;

import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CaseAccess } from "../casework/model.ts";
import type { Submission } from "./contracts.ts";
import { type Audited, type CaseSurveyContext, type SurveyDeps, userActor } from "./deps.ts";
import { needsFrom } from "./engine.ts";
import type { FormRow } from "./forms.repo.ts";
import type { FormService } from "./forms.ts";
import { mediaRepo } from "./media.repo.ts";
import type { MediaUpload } from "./media.ts";
import { responseRepo } from "./responses.repo.ts";
import type { ResponseStore } from "./responses.ts";
import type { FormDefinition } from "./types.ts";

/** What the capture page shows and submits against: the case (loaded and audited once) and the form. */
export type CaptureContext = {
  case: CaseSurveyContext;
  form: FormRow;
  /** The form's current version, which the page renders. */
  number: number;
  definition: FormDefinition;
};

export type StoredInCase = { responseId: string; duplicate: boolean; needs: string[] };

/**
 * Capture in a case (issue 5): a case worker fills a questionnaire for the household or one of
 * its persons; answers that name needs open them in the case, in the same transaction. Reading
 * the case's responses takes the case work's `CaseAccess` handle, so the case page's one load
 * of the case is the only audited read of it.
 */
export function createCaptureService(
  deps: Pick<SurveyDeps, "db" | "audit" | "casework"> & { forms: FormService; store: ResponseStore },
) {
  const { db, forms, store } = deps;

  /**
   * One transaction for the whole submission: every lookup (the earlier submission, the form
   * version, the person's dimensions) runs on it (decision 018), so what is stored is what was read.
   */
  function storeInCase(
    principal: Principal,
    ctx: CaseSurveyContext,
    form: FormRow,
    s: Submission,
    uploads: readonly MediaUpload[],
    opts: Audited,
  ): Promise<StoredInCase> {
    const t = principal.tenantId;
    return db.transaction(async (tx) => {
      const existing = await responseRepo.responseBySubmission(tx, t, s.submissionId);
      if (existing) {
        if (existing.caseId !== ctx.caseId || existing.formId !== form.id)
          throw new AppError("survey_submission_reused");
        return { responseId: existing.id, duplicate: true, needs: [] };
      }
      // Answers are checked against the version they were filled in (an offline queue may hold
      // answers to the version before an edit); that version stays readable.
      const def = await forms.definitionOf(t, form.id, s.formVersion);
      if (s.personId && !ctx.persons.some((p) => p.id === s.personId))
        throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
      const { answers, files } = store.validated(def, s, uploads);
      const dims = await store.dimensionsOf(t, s.personId, {
        areaId: ctx.areaId,
        accommodationKind: ctx.accommodationKind,
        phaseKey: ctx.phaseKey,
      });
      const r = await store.store(tx, {
        tenantId: t,
        form,
        def,
        formVersion: s.formVersion,
        submissionId: s.submissionId,
        channel: "case",
        caseId: ctx.caseId,
        personId: s.personId,
        waveId: null,
        linkId: null,
        lang: s.lang,
        answers,
        files,
        dims,
        submittedBy: principal.userId,
      });
      if (!r.created) return { responseId: r.id, duplicate: true, needs: [] };
      const needs = await deps.casework.openNeedsFromSurvey(principal, ctx.access, {
        domains: needsFrom(def, answers),
        personId: s.personId,
        source: `survey:${r.id}`,
        requestId: opts.requestId ?? null,
      });
      await deps.audit.record({
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
      });
      return { responseId: r.id, duplicate: false, needs };
    });
  }

  /** The case's responses, newest first; `access` proves the case was loaded (and audited) already. */
  async function responsesOf(principal: Principal, access: CaseAccess) {
    authorize(principal, "surveys.forms.read");
    const checked = deps.casework.checkAccess(principal, access, "read");
    return responseRepo.responsesOfCase(db, principal.tenantId, checked.caseId);
  }

  return {
    /** What the capture page needs: the case's persons and the form (current version). */
    async captureContext(
      principal: Principal,
      caseId: string,
      formId: string,
      opts: Audited = {},
    ): Promise<CaptureContext> {
      authorize(principal, "surveys.capture");
      const ctx = await deps.casework.surveyContext(principal, caseId, "write", opts);
      const form = await forms.loadForm(principal.tenantId, formId);
      if (form.status !== "active") throw AppError.notFound();
      const definition = await forms.definitionOf(principal.tenantId, form.id, form.currentVersion);
      return { case: ctx, form, number: form.currentVersion, definition };
    },

    /**
     * A case worker's submission in a case (the API). Idempotent by `submissionId`: the same
     * submission again returns the first response.
     */
    async submitInCase(
      principal: Principal,
      caseId: string,
      formId: string,
      input: Submission,
      opts: Audited & { uploads?: readonly MediaUpload[] } = {},
    ): Promise<StoredInCase> {
      authorize(principal, "surveys.capture");
      const ctx = await deps.casework.surveyContext(principal, caseId, "write", opts);
      const form = await forms.loadForm(principal.tenantId, formId);
      return storeInCase(principal, ctx, form, input, opts.uploads ?? [], opts);
    },

    /** The capture page's submission, against the case and form it loaded for this request. */
    async submitCapture(
      principal: Principal,
      capture: CaptureContext,
      input: Submission,
      opts: Audited & { uploads?: readonly MediaUpload[] } = {},
    ): Promise<StoredInCase> {
      authorize(principal, "surveys.capture");
      return storeInCase(principal, capture.case, capture.form, input, opts.uploads ?? [], opts);
    },

    /**
     * The case's responses for the case page, which passes the `CaseAccess` handle of its one
     * load of the case. A case id instead is checked through case work here (transitional:
     * until the case page passes the handle it gets from `getCase`).
     */
    /** The responses given in a case the caller has loaded (its handle proves the audited read). */
    async caseResponses(principal: Principal, access: CaseAccess) {
      return responsesOf(principal, access);
    },

    /**
     * One response with its answers, read under its own version. Case responses: whoever may
     * read the case (with the case's handle when the caller has loaded it, else checked here);
     * other responses: the analyst (raw answers). The read of the response is audited.
     */
    async getResponse(
      principal: Principal,
      responseId: string,
      opts: Audited & { access?: CaseAccess } = {},
    ) {
      const r = await readableResponse(principal, responseId, opts);
      const form = await forms.loadForm(principal.tenantId, r.formId);
      const definition = await forms.definitionOf(principal.tenantId, r.formId, r.formVersion);
      await deps.audit.recordReads(principal, [{ entityType: "survey_response", entityId: r.id }], {
        requestId: opts.requestId ?? null,
      });
      const files = (await mediaRepo.metaOf(db, principal.tenantId, [r.id])).map((f) => ({
        id: f.id,
        question: f.question,
        fileName: deps.casework.crypto.decrypt(f.fileNameEnc),
        mimeType: f.mimeType,
        byteSize: f.byteSize,
      }));
      return { response: r, form, definition, answers: store.answersOf(r), files };
    },

    /**
     * The file of an image, audio or file answer, decrypted: under the response's own rule (case
     * access, else the analyst) and audited as a read of the file.
     */
    async responseFile(
      principal: Principal,
      responseId: string,
      fileId: string,
      opts: Audited & { access?: CaseAccess } = {},
    ) {
      if (!isUuid(fileId)) throw AppError.notFound();
      const r = await readableResponse(principal, responseId, opts);
      const f = await mediaRepo.file(db, principal.tenantId, r.id, fileId);
      if (!f) throw AppError.notFound();
      await deps.audit.recordReads(principal, [{ entityType: "survey_file", entityId: f.id }], {
        requestId: opts.requestId ?? null,
      });
      const { crypto } = deps.casework;
      return {
        fileName: crypto.decrypt(f.fileNameEnc),
        mimeType: f.mimeType,
        content: new Uint8Array(
          Buffer.from(crypto.decrypt(Buffer.from(f.contentEnc).toString("utf8")), "base64"),
        ),
      };
    },
  };

  /** A response the principal may read: case responses by case access, others by the analyst. */
  async function readableResponse(
    principal: Principal,
    responseId: string,
    opts: Audited & { access?: CaseAccess },
  ) {
    if (!isUuid(responseId)) throw AppError.notFound();
    const r = await responseRepo.response(db, principal.tenantId, responseId);
    if (!r) throw AppError.notFound();
    if (!r.caseId) authorize(principal, "surveys.raw_export");
    else {
      const access = opts.access
        ? deps.casework.checkAccess(principal, opts.access, "read")
        : await deps.casework.cases.access(principal, r.caseId, "read", opts);
      if (access.caseId !== r.caseId) throw AppError.notFound();
    }
    return r;
  }
}

export type CaptureService = ReturnType<typeof createCaptureService>;

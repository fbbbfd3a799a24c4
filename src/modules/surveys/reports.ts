import { AppError } from "../../server/errors.ts";
import type { Submission } from "./contracts.ts";
import type { SurveyDeps } from "./deps.ts";
import type { FormService } from "./forms.ts";
import { mediaRepo } from "./media.repo.ts";
import type { MediaUpload } from "./media.ts";
import { responseItems } from "./response-view.ts";
import { responseRepo } from "./responses.repo.ts";
import type { ResponseStore } from "./responses.ts";

/**
 * Responses another module keeps for its own record (decision 131): a questionnaire named by
 * that module (small-project funding's narrative report, the Sachbericht, named by the call) is
 * filled on that module's own tokened page. The response belongs to no case, person, wave or
 * link; the owning module keeps its id, decides who reads it and erases it with its record —
 * so nothing here authorizes or audits. The answers stay comparable across projects through
 * the form's analysis, as every response of a form is.
 */
export function createForeignResponses(
  deps: Pick<SurveyDeps, "db" | "clock" | "audit" | "casework"> & {
    forms: FormService;
    store: ResponseStore;
  },
) {
  const { db, forms, store } = deps;

  /** The form's current version for rendering; null when the form is unknown or archived. */
  async function openForm(tenantId: string, formId: string) {
    const form = await forms.loadForm(tenantId, formId).catch(() => null);
    if (form?.status !== "active") return null;
    const definition = await forms.definitionOf(tenantId, form.id, form.currentVersion);
    return { formId: form.id, title: form.title, formVersion: form.currentVersion, definition };
  }

  return {
    foreign: {
      openForm,

      /**
       * Checks and stores a submission to the form's current version; the same submission id again
       * returns the first response. A page loaded before the form changed gets a field error.
       */
      async submit(
        tenantId: string,
        formId: string,
        s: Submission,
        uploads: readonly MediaUpload[] = [],
      ): Promise<{ responseId: string; duplicate: boolean }> {
        const form = await forms.loadForm(tenantId, formId);
        if (s.formVersion !== form.currentVersion)
          throw AppError.validation([{ field: "formVersion", code: "invalid_choice" }]);
        const def = await forms.definitionOf(tenantId, form.id, form.currentVersion);
        const { answers, files } = store.validated(def, s, uploads);
        return db.transaction(async (tx) => {
          const r = await store.store(tx, {
            tenantId,
            form,
            def,
            formVersion: form.currentVersion,
            submissionId: s.submissionId,
            channel: "link",
            caseId: null,
            personId: null,
            waveId: null,
            linkId: null,
            lang: s.lang,
            answers,
            files,
            dims: { sex: null, ageBand: null, areaId: null, accommodationKind: null, phaseKey: null },
            submittedBy: null,
          });
          return { responseId: r.id, duplicate: !r.created };
        });
      },

      /** A response's answers as readable items (labels in `lang` where the form has it). */
      async items(tenantId: string, responseId: string, lang: string) {
        const r = await responseRepo.response(db, tenantId, responseId);
        if (!r) return null;
        const form = await forms.loadForm(tenantId, r.formId);
        const def = await forms.definitionOf(tenantId, r.formId, r.formVersion);
        const shown = def.languages.includes(lang) ? lang : def.defaultLanguage;
        const files = (await mediaRepo.metaOf(db, tenantId, [r.id])).map((f) => ({
          id: f.id,
          question: f.question,
          fileName: deps.casework.crypto.decrypt(f.fileNameEnc),
          mimeType: f.mimeType,
          byteSize: f.byteSize,
        }));
        return {
          formTitle: form.title,
          lang: shown,
          submittedAt: r.submittedAt.toISOString(),
          items: responseItems(def, store.answersOf(r), shown, files),
        };
      },

      /** Erases responses the owning module no longer keeps (retention, erasure, a new filing). */
      erase(tenantId: string, responseIds: readonly string[]): Promise<number> {
        return responseRepo.deleteResponses(db, tenantId, responseIds);
      },
    },
  };
}

import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { createCaptureService } from "./capture.ts";
import { createDemoResponses } from "./demo-seed.ts";
import { type SurveyDeps, surveyToday } from "./deps.ts";
import { createEditorService } from "./editor.ts";
import { createFormService } from "./forms.ts";
import { createLinkService } from "./links.ts";
import { mediaRepo } from "./media.repo.ts";
import { withFileNames } from "./media.ts";
import { createPopulation } from "./population.ts";
import { createForeignResponses } from "./reports.ts";
import type { ResponseRow } from "./responses.repo.ts";
import { createResponseStore } from "./responses.ts";
import { createSampleService } from "./samples.ts";
import { createSubjectHooks } from "./subject.ts";

export type { CaptureContext } from "./capture.ts";
export type { DemoRespondent, DemoResponse } from "./demo-seed.ts";
export type { Audited, CaseSurveyContext, SurveyCasework, SurveyDeps, SurveyPersonFacts } from "./deps.ts";
export { hashSurveyToken } from "./links.ts";
export { mergeTextAnswers, splitTextAnswers } from "./responses.ts";
export { seededRandom } from "./sampling.ts";

/**
 * Fragebögen und Befragungen (issue 5): the module's service, composed of one service per
 * sub-resource — forms (`forms.ts`), the questionnaire editor (`editor.ts`), capture in a case
 * (`capture.ts`), one-time links (`links.ts`), surveys with their waves and samples
 * (`samples.ts`) — over a shared response
 * store (`responses.ts`) and population (`population.ts`). Analysis is `analysis.ts`.
 */
export function createSurveyService(deps: SurveyDeps) {
  const forms = createFormService(deps);
  const store = createResponseStore(deps);
  const population = createPopulation(deps);
  const capture = createCaptureService({ ...deps, forms, store });
  const links = createLinkService({ ...deps, forms, store });
  const samples = createSampleService({ ...deps, forms, links, population });
  const editor = createEditorService({ ...deps, forms });
  return {
    ...forms,
    ...editor,
    ...capture,
    ...links,
    ...samples,
    ...population,
    /** Responses another module keeps (decision 131: funding's narrative report). */
    ...createForeignResponses({ ...deps, forms, store }),
    /** A stored response's answers with its free text decrypted. */
    answersOf: store.answersOf,
    /**
     * For the raw exports of a form: a response's answers with free text decrypted and image,
     * audio and file answers as the file's name (decision 116).
     */
    async exportAnswersOf(tenantId: string, formId: string) {
      const names = new Map(
        (await mediaRepo.namesOfForm(deps.db, tenantId, formId)).map((f) => [
          f.id,
          deps.casework.crypto.decrypt(f.fileNameEnc),
        ]),
      );
      return (r: ResponseRow) => withFileNames(store.answersOf(r), names);
    },
    /** Whether the principal may see raw answers (for pages that offer the export). */
    canExportRaw(principal: Principal) {
      return can(principal, "surveys.raw_export");
    },
    /** Its part of a data subject's rights: Art. 15 section, erasure (registered in module.ts). */
    dataSubject: createSubjectHooks(deps),
    /** An invented response of the demo tenant (the demo module seeds them). */
    seedDemoResponse: createDemoResponses(deps),
    /** today() for the form engine, in the municipality's time zone. */
    today: () => surveyToday(deps),
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;

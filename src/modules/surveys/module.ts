import { defineModule } from "#app/server/modules.ts";
import { registerSurveysApi } from "./api.ts";
import type { SurveyService } from "./service.ts";

/** The surveys module as the platform sees it (decision 026). */
export const surveysModule = defineModule({
  name: "surveys",
  namespaces: ["surveys"],
  actions: [
    "surveys.forms.read",
    "surveys.forms.manage",
    "surveys.capture",
    "surveys.manage",
    "surveys.analyse",
    "surveys.raw_export",
    "surveys.publish",
  ],
  pages: ["/staff/forms", "/staff/forms/import", "/staff/surveys", "/staff/survey-results"],
  http: { api: [registerSurveysApi] },
  // Responses, one-time links and sample memberships of a person or case (Art. 15, Art. 17, retention).
  dataSubject: (s: { surveys: SurveyService }) => s.surveys.dataSubject,
});

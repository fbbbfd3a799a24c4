import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";
import {
  attachQuestionnaireInput,
  questionnaireFormView,
  questionnaireQuery,
  questionnaireView,
} from "./questionnaire.contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const View = named(questionnaireView, "AccommodationQuestionnaire");
const tags = ["accommodation"];

/** The questionnaire per accommodation (decisions 081, 089). */
export function registerQuestionnaireApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/questionnaire-forms",
      permission: "accommodation.manage",
      tags,
      summary: "The survey forms that can be attached to an accommodation",
      responses: {
        200: ok(z.array(named(questionnaireFormView, "AccommodationQuestionnaireForm"))),
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.accommodation.questionnaire.forms(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/accommodations/{id}/questionnaire",
      permission: "accommodation.read",
      tags,
      summary:
        "The accommodation's questionnaire: a question's answers by every accommodation with the same form, small cells hidden",
      request: { params: idParams, query: questionnaireQuery },
      responses: { 200: ok(View), ...responses },
    }),
    async (c) => {
      const { services, principal, lang } = operationContext(c);
      const { id } = c.req.valid("param");
      const q = c.req.valid("query").question ?? null;
      return c.json(await services.accommodation.questionnaire.view(principal, id, q, lang), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/accommodations/{id}/questionnaire",
      permission: "accommodation.manage",
      tags,
      summary: "Attach a survey form to the accommodation (null detaches it)",
      request: {
        params: idParams,
        body: jsonBody(named(attachQuestionnaireInput, "AccommodationQuestionnaireAttach")),
      },
      responses: { 200: ok(View), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId, lang } = operationContext(c);
      const { id } = c.req.valid("param");
      const svc = services.accommodation.questionnaire;
      await svc.attach(principal, id, c.req.valid("json").formId, { requestId });
      return c.json(await svc.view(principal, id, null, lang), 200);
    },
  );
}

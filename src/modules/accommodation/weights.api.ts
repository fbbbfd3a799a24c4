import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { userContext } from "./api-context.ts";
import {
  adoptWeightsInput,
  dialogueFormView,
  linkDialogueInput,
  pairwiseInput,
  pairwiseView,
  weightSetView,
  weightsView,
} from "./weights.contracts.ts";

const View = named(weightsView, "AccommodationWeights");
const tags = ["accommodation"];

/** Site-selection weights from a citizens' dialogue (decision 114). */
export function registerWeightsApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/weights",
      permission: "accommodation.sites.read",
      tags,
      summary:
        "The dialogue's questionnaire, the weights its answers give now (medians, small counts hidden) and the adopted weight sets",
      responses: { 200: ok(View), ...problemResponses },
    }),
    async (c) => {
      const { services, actor, lang } = userContext(c);
      return c.json(await services.accommodation.weights.view(actor, lang), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/weights/forms",
      permission: "accommodation.sites.manage",
      tags,
      summary: "Survey forms with their numeric questions, to link one as the dialogue's questionnaire",
      responses: {
        200: ok(z.array(named(dialogueFormView, "AccommodationDialogueForm"))),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, actor, lang } = userContext(c);
      return c.json(await services.accommodation.weights.forms(actor, lang), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/weights/dialogue",
      permission: "accommodation.sites.manage",
      tags,
      summary:
        "Link the dialogue's questionnaire: the form, rating or ranking, the question per criterion (send the version you read, null for the first link)",
      request: { body: jsonBody(named(linkDialogueInput, "AccommodationDialogueLink")) },
      responses: { 200: ok(View), ...problemResponses },
    }),
    async (c) => {
      const { services, actor, requestId, lang } = userContext(c);
      await services.accommodation.weights.link(actor, c.req.valid("json"), { requestId });
      return c.json(await services.accommodation.weights.view(actor, lang), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/weights/sets",
      permission: "accommodation.sites.manage",
      tags,
      summary:
        "Adopt the weights the dialogue's answers give now as the next numbered weight set (send them as shown and the link's version)",
      request: { body: jsonBody(named(adoptWeightsInput, "AccommodationWeightsAdopt")) },
      responses: { 200: ok(named(weightSetView, "AccommodationWeightSet")), ...problemResponses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      return c.json(
        await services.accommodation.weights.adopt(actor, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/weights/pairwise",
      permission: "accommodation.sites.manage",
      tags,
      summary:
        "Compare the criteria in pairs (AHP, Saaty's 1–9 scale): the weights and the consistency ratio; with adopt, consistent weights (CR ≤ 0.1) become the next numbered weight set (send the number of the set in force as basis)",
      request: { body: jsonBody(named(pairwiseInput, "AccommodationPairwiseInput")) },
      responses: { 200: ok(named(pairwiseView, "AccommodationPairwise")), ...problemResponses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      return c.json(
        await services.accommodation.weights.pairwise(actor, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );
}

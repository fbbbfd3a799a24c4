import {
  type ApiRouter,
  defineRoute,
  operationContext,
  pdfDownload,
  pdfOk,
  problemResponses,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";

/** The internal minutes of a meeting as a tagged PDF (decision 111); the public one is a public route. */
export function registerMinutesApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/network/meetings/{id}/minutes/pdf",
      permission: "network.read",
      tags: ["network"],
      summary:
        "The meeting's minutes as a tagged PDF (PDF/UA): every agenda item, non-public ones marked, with the attendance",
      request: { params: idParams },
      responses: {
        200: pdfOk(),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, lang, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      const pdf = await services.network.minutesPdf(principal, id, lang, requestId);
      return pdfDownload(c, pdf, `protokoll-${id.slice(0, 8)}.pdf`);
    },
  );
}

import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { applicationLinksView, idParams, linkApplicationInput } from "./contracts.ts";

const tags = ["funding"];
const Links = named(applicationLinksView, "FundingApplicationLinks");

/** An application's links to a strategy measure and to directory offers (decision 086). */
export function registerFundingLinksApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/links",
      permission: "funding.read",
      tags,
      summary: "The strategy measure and the directory offers an application is linked to",
      request: { params: idParams },
      responses: { 200: ok(Links), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.links.get(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/funding/applications/{id}/links",
      permission: "funding.calls.manage",
      tags,
      summary: "Link an application to a strategy measure and directory offers (unknown ids: 422 per field)",
      request: {
        params: idParams,
        body: jsonBody(named(linkApplicationInput, "FundingApplicationLinksSet")),
      },
      responses: { 200: ok(Links), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.links.set(principal, id, c.req.valid("json"), requestId), 200);
    },
  );
}

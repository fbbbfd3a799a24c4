import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";

const erased = named(
  z.object({ members: z.number().int(), attendance: z.number().int() }),
  "NetworkMemberErased",
);

const contributionErased = named(z.object({ contributions: z.number().int() }), "NetworkContributionErased");

/** Erasure on request (Art. 17 GDPR): a member (decision 061), a contribution (decision 101). */
export function registerNetworkPrivacyApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "delete",
      path: "/network/members/{id}",
      permission: "network.erase",
      tags: ["network"],
      summary: "Erase a body member and their attendance (Art. 17 GDPR, data-protection officer)",
      request: { params: idParams },
      responses: { 200: ok(erased, "Erased, with the counts"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.network.privacy.erase(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/network/contributions/{id}/erase",
      permission: "network.erase",
      tags: ["network"],
      summary:
        "Erase a contribution's text and tracking link (Art. 17 GDPR); its handling and link to a measure stay",
      request: { params: idParams },
      responses: { 200: ok(contributionErased, "Erased, with the count"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.network.privacy.eraseContribution(principal, c.req.valid("param").id, requestId),
        200,
      );
    },
  );
}

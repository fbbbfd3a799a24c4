import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  acknowledgeRulesInput,
  myRulesView,
  publishRulesInput,
  rulesOverviewView,
  ruleVersionView,
} from "./rule-contracts.ts";

const tags = ["volunteers"];
const MyRules = named(myRulesView, "VolunteerRulesMine");

/** The pool's rules as versions and the volunteers' acknowledgements (decision 110). */
export function registerRulesApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-rules",
      permission: "volunteers.rules.manage",
      tags,
      summary:
        "Every version of the pool's rules and the active volunteers who have not acknowledged the current one",
      responses: { 200: ok(named(rulesOverviewView, "VolunteerRulesOverview")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.rulesOverview(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-rules",
      permission: "volunteers.rules.manage",
      tags,
      summary: "Publish the next version of the pool's rules (every active volunteer is asked again)",
      request: { body: jsonBody(named(publishRulesInput, "VolunteerRulesPublish")) },
      responses: { 201: ok(named(ruleVersionView, "VolunteerRulesVersion"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.publishRules(principal, c.req.valid("json"), { requestId }),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-rules/mine",
      permission: "volunteers.rules.acknowledge",
      tags,
      summary: "The current rules and whether the signed-in volunteer has acknowledged them",
      responses: { 200: ok(MyRules), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.myRules(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-rules/mine/acknowledgement",
      permission: "volunteers.rules.acknowledge",
      tags,
      summary: "Acknowledge the current rules (only the current version; a repeat keeps the first date)",
      request: { body: jsonBody(named(acknowledgeRulesInput, "VolunteerRulesAcknowledge")) },
      responses: { 200: ok(MyRules), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.acknowledgeRules(principal, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );
}

import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  ProblemSchema,
  pdfDownload,
  pdfOk,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { userContext } from "./api-context.ts";
import {
  createCriterionInput,
  createSiteInput,
  criterionView,
  idParams,
  runScenarioInput,
  scenarioSummary,
  scenarioView,
  siteView,
  updateSiteInput,
} from "./contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const Site = named(siteView, "AccommodationSite");
const Criterion = named(criterionView, "AccommodationCriterion");
const Scenario = named(scenarioView, "AccommodationScenario");
const tags = ["accommodation"];

export function registerAccommodationApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/sites",
      permission: "accommodation.sites.read",
      tags,
      summary: "Candidate sites with their quarter and criterion values",
      responses: { 200: ok(z.array(Site)), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      return c.json(await services.accommodation.listSites(actor), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/sites",
      permission: "accommodation.sites.manage",
      tags,
      summary: "Add a candidate site (point or polygon); a site outside the tenant's areas is refused",
      request: { body: jsonBody(named(createSiteInput, "AccommodationSiteCreate")) },
      responses: { 200: ok(Site), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      return c.json(await services.accommodation.createSite(actor, c.req.valid("json"), requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/accommodation/sites/{id}",
      permission: "accommodation.sites.manage",
      tags,
      summary: "Change a site (optimistic locking: send the version you read)",
      request: { params: idParams, body: jsonBody(named(updateSiteInput, "AccommodationSiteUpdate")) },
      responses: { 200: ok(Site), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      const site = await services.accommodation.updateSite(
        actor,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(site, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/criteria",
      permission: "accommodation.sites.read",
      tags,
      summary: "The tenant's site criteria",
      responses: { 200: ok(z.array(Criterion)), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      return c.json(await services.accommodation.listCriteria(actor), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/criteria",
      permission: "accommodation.sites.manage",
      tags,
      summary: "Add a criterion with direction and missing-data handling",
      request: { body: jsonBody(named(createCriterionInput, "AccommodationCriterionCreate")) },
      responses: { 200: ok(Criterion), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      return c.json(await services.accommodation.createCriterion(actor, c.req.valid("json"), requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/scenarios",
      permission: "accommodation.sites.read",
      tags,
      summary: "Saved selection scenarios, newest first",
      responses: { 200: ok(z.array(named(scenarioSummary, "AccommodationScenarioSummary"))), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      return c.json(await services.accommodation.listScenarios(actor), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/accommodation/scenarios",
      permission: "accommodation.sites.manage",
      tags,
      summary: "Run the optimal site selection (MILP) under weights and rules and save it as a scenario",
      request: { body: jsonBody(named(runScenarioInput, "AccommodationScenarioRun")) },
      responses: { 200: ok(Scenario), ...responses },
    }),
    async (c) => {
      const { services, actor, requestId } = userContext(c);
      return c.json(await services.accommodation.runScenario(actor, c.req.valid("json"), requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/scenarios/{id}",
      permission: "accommodation.sites.read",
      tags,
      summary: "One scenario with its chosen set, scores, rankings and robustness",
      request: { params: idParams },
      responses: { 200: ok(Scenario), ...responses },
    }),
    async (c) => {
      const { services, actor } = userContext(c);
      return c.json(await services.accommodation.scenario(actor, c.req.valid("param").id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/accommodation/scenarios/{id}/scorecard",
      permission: "accommodation.sites.read",
      tags,
      summary:
        "The scenario's scorecard for the council: per site criteria, weights, scores and rank (tagged PDF)",
      request: { params: idParams },
      responses: {
        200: pdfOk(),
        ...responses,
      },
    }),
    async (c) => {
      const { services, actor, t, lang } = userContext(c);
      const pdf = await services.accommodation.scorecardPdf(actor, c.req.valid("param").id, { t, lang });
      return pdfDownload(c, pdf, "standort-scorecard.pdf");
    },
  );
}

import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  pdfOk,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  crisisPlanInput,
  crisisPlanView,
  planKindParams,
  preventionPlanInput,
  preventionPlanView,
} from "./plan-contracts.ts";

const tags = ["conflicts"];
const Saved = z.object({ id: z.string(), version: z.number().int() });

/** The crisis plan and the prevention plan (decision 064). */
export function registerConflictPlanApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/plans/crisis",
      permission: "conflicts.plans_view",
      tags,
      summary:
        "The crisis plan: roles, alert chain, steps per scenario (null until written; the read is audited)",
      responses: {
        200: ok(z.object({ plan: named(crisisPlanView, "ConflictCrisisPlan").nullable() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json({ plan: await services.conflicts.crisisPlan(principal, requestId) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/conflicts/plans/crisis",
      permission: "conflicts.plans",
      tags,
      summary: "Save the crisis plan (version 0 writes the first; otherwise send the version you read)",
      request: { body: jsonBody(named(crisisPlanInput, "ConflictCrisisPlanInput")) },
      responses: { 200: ok(Saved), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.conflicts.saveCrisisPlan(principal, c.req.valid("json"), requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/plans/prevention",
      permission: "conflicts.plans_view",
      tags,
      summary: "The prevention plan for social cohesion: structure, measures, responsibilities, review dates",
      responses: {
        200: ok(z.object({ plan: named(preventionPlanView, "ConflictPreventionPlan").nullable() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json({ plan: await services.conflicts.preventionPlan(principal, requestId) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/conflicts/plans/prevention",
      permission: "conflicts.plans",
      tags,
      summary: "Save the prevention plan (version 0 writes the first; otherwise send the version you read)",
      request: { body: jsonBody(named(preventionPlanInput, "ConflictPreventionPlanInput")) },
      responses: { 200: ok(Saved), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.conflicts.savePreventionPlan(principal, c.req.valid("json"), requestId),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "delete",
      path: "/conflicts/plans/{kind}/revisions",
      permission: "conflicts.erase",
      tags,
      summary: "Erase a plan's superseded versions (Art. 17 GDPR, data-protection officer)",
      request: { params: planKindParams },
      responses: { 200: ok(z.object({ erased: z.number().int() })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const erased = await services.conflicts.erasePlanHistory(
        principal,
        c.req.valid("param").kind,
        requestId,
      );
      return c.json({ erased }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/conflicts/plans/{kind}/pdf",
      permission: "conflicts.plans_view",
      tags,
      summary: "The plan as a tagged PDF (PDF/UA), rendered by a job after each save (audited read)",
      request: { params: planKindParams },
      responses: {
        200: pdfOk(),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const kind = c.req.valid("param").kind;
      const { pdf, version } = await services.conflicts.planPdf(principal, kind, requestId);
      return pdfDownload(c, pdf, `${kind === "crisis" ? "krisenplan" : "praeventionsplan"}-v${version}.pdf`);
    },
  );
}

import {
  type ApiRouter,
  defineRoute,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { overviewQuery, overviewTableParam, overviewView } from "./overview.contracts.ts";

const Query = named(overviewQuery, "CaseOverviewQuery");

export function registerOverviewApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/case-overview",
      permission: "cases.overview",
      tags: ["case work"],
      summary:
        "Case-work overviews (caseload, overdue tasks, phases, open needs, referrals), small cells suppressed",
      request: { query: Query },
      responses: { 200: ok(named(overviewView, "CaseOverview")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.caseOverview.overview(principal, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/case-overview/{table}/csv",
      permission: "cases.overview",
      tags: ["case work"],
      summary: "One overview table as CSV (small cells suppressed)",
      request: { params: overviewTableParam, query: Query },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: { type: "string" as const } } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, t } = operationContext(c);
      const { table } = c.req.valid("param");
      const csv = await services.caseOverview.csv(principal, table, c.req.valid("query"), t);
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${table}.csv"`,
      });
    },
  );
}

import { type ApiRouter, defineRoute, ok, problemResponses, z } from "#app/server/http/api.ts";
import { OVERVIEW_TABLES } from "./overview.ts";

const Cell = z
  .object({
    value: z.number().int().nullable().openapi({ description: "null when suppressed" }),
    suppressed: z.enum(["primary", "secondary"]).nullable(),
    display: z.string().openapi({ description: 'As shown to readers, e.g. "12", "<5", "•"' }),
  })
  .openapi("OverviewCell");
const Line = z.object({ key: z.string(), name: z.string().optional(), labelKey: z.string().optional() });
const Table = z
  .object({
    id: z.enum(OVERVIEW_TABLES),
    titleKey: z.string(),
    rowHeaderKey: z.string(),
    oneWay: z.boolean(),
    rows: z.array(Line),
    columns: z.array(Line),
    cells: z.array(z.array(Cell)),
    rowTotals: z.array(Cell),
    columnTotals: z.array(Cell),
    total: Cell,
  })
  .openapi("OverviewTable");
const Overview = z
  .object({
    scope: z.enum(["tenant", "offices"]),
    officeCount: z.number().int(),
    minCount: z.number().int(),
    year: z.number().int().nullable(),
    today: z.string(),
    tables: z.array(Table),
  })
  .openapi("CaseOverview");
const Query = z.object({
  year: z.string().optional().openapi({ description: "Referrals sent in this year only (YYYY)" }),
});

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
      responses: { 200: ok(Overview), ...problemResponses },
    }),
    async (c) => {
      const o = await c.get("services").caseOverview.overview(c.get("principal")!, c.req.valid("query"));
      return c.json(o, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/case-overview/{table}/csv",
      permission: "cases.overview",
      tags: ["case work"],
      summary: "One overview table as CSV (small cells suppressed)",
      request: { params: z.object({ table: z.string() }), query: Query },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { table } = c.req.valid("param");
      const csv = await c
        .get("services")
        .caseOverview.csv(c.get("principal")!, table, c.req.valid("query"), c.get("t"));
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${table}.csv"`,
      });
    },
  );
}

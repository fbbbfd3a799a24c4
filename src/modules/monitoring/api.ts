import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  ok,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { AREA_LEVELS } from "../areas/levels.ts";
import { resultsCsv } from "./export.ts";
import { INDICATOR_UNITS, POLARITIES } from "./schema.ts";
import { DYNAMICS_CLASSES, STATUS_CLASSES } from "./types.ts";

/**
 * The monitoring engine's JSON API (issue 6): releases, results per period, time series and the
 * status/dynamics index. Everything here comes from services.monitoring, i.e. from approved
 * releases through the tenant's small-cell rule: a suppressed figure has value null and says why.
 */

const tags = ["monitoring"];
const notFound = {
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

const Cell = z
  .object({
    value: z.number().nullable().openapi({ description: "null when suppressed or not computable" }),
    suppressed: z.enum(["primary", "secondary"]).nullable(),
    missing: z.enum(["no_data", "zero_denominator"]).nullable(),
    synthetic: z.boolean().openapi({ description: "Drawn on invented demo history" }),
  })
  .openapi("MonitoringCell");
const AgeLimit = z.object({ from: z.number().int(), to: z.number().int().nullable() });
const Indicator = z
  .object({
    code: z.string(),
    labelKey: z.string().nullable(),
    name: z.string(),
    numerator: z.string(),
    denominator: z.string().nullable(),
    factor: z.number(),
    unit: z.enum(INDICATOR_UNITS),
    decimals: z.number().int(),
    polarity: z.enum(POLARITIES),
    inStatusIndex: z.boolean(),
    source: z.string().nullable(),
    notes: z.string().nullable(),
    template: z.string().nullable(),
    public: z.boolean(),
    sortOrder: z.number(),
    ageLimits: z.object({ numerator: z.array(AgeLimit), denominator: z.array(AgeLimit) }),
    elements: z.array(z.string()),
  })
  .openapi("MonitoringIndicator");
const Area = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.enum(AREA_LEVELS),
    population: z.number().nullable(),
    sparse: z.boolean(),
    approximate: z.boolean(),
  })
  .openapi("MonitoringArea");
const Rule = z
  .object({
    minCount: z.number().int(),
    minDenominator: z.number().int(),
    minNumerator: z.number().int(),
    suppressZero: z.boolean(),
  })
  .openapi("SmallCellRule");
const byArea = <T extends z.ZodType>(schema: T) =>
  z.record(z.string(), schema).openapi({ description: "Keyed by area id" });

const PeriodResults = z
  .object({
    period: z.string(),
    previousPeriod: z.string().nullable(),
    dataVersion: z.number().int(),
    releasedAt: z.string(),
    level: z.enum(AREA_LEVELS),
    areas: z.array(Area),
    city: Area.nullable(),
    indicators: z.array(
      z.object({
        indicator: Indicator,
        byArea: byArea(Cell),
        city: Cell,
        change: byArea(Cell),
        cityChange: Cell,
        rank: byArea(z.number().int().nullable()),
      }),
    ),
    rule: Rule,
    synthetic: z.boolean(),
  })
  .openapi("MonitoringResults");
const SeriesResults = z
  .object({
    indicator: Indicator,
    periods: z.array(z.string()),
    dataVersion: z.number().int(),
    areas: z.array(Area),
    byArea: byArea(z.array(Cell)),
    city: z.array(Cell),
    rule: Rule,
  })
  .openapi("MonitoringSeries");
const IndexResults = z
  .object({
    period: z.string(),
    previousPeriod: z.string().nullable(),
    dataVersion: z.number().int(),
    indicators: z.array(Indicator),
    areas: z.array(
      z.object({
        area: Area,
        status: z.number().nullable(),
        statusClass: z.enum(STATUS_CLASSES).nullable(),
        dynamics: z.number().nullable(),
        dynamicsClass: z.enum(DYNAMICS_CLASSES).nullable(),
        components: z.record(z.string(), z.object({ z: z.number().nullable(), dz: z.number().nullable() })),
      }),
    ),
  })
  .openapi("MonitoringIndex");
const Release = z
  .object({
    number: z.number().int(),
    period: z.string(),
    createdAt: z.string(),
    valueCount: z.number().int(),
    note: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi("MonitoringRelease");

const period = z.string().max(20).openapi({ description: "Year, YYYY", example: "2018" });
const version = z.coerce
  .number()
  .int()
  .min(1)
  .max(2_000_000_000)
  .optional()
  .openapi({ description: "Data version (release number); default: the latest" });
const level = z
  .enum(AREA_LEVELS)
  .optional()
  .openapi({ description: "Default: the finest level with values" });

export function registerMonitoringApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/export.csv",
      permission: "monitoring.view",
      tags,
      summary: "All areas × indicators of one period as CSV, cells exactly as shown (small cells suppressed)",
      request: { query: z.object({ period, version, level }) },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const q = c.req.valid("query");
      const results = await c.get("services").monitoring.results(principal, principal.tenantId, q);
      return c.body(resultsCsv(results, c.get("t"), c.get("lang")), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="monitoring-${results.period}-v${results.dataVersion}.csv"`,
      });
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/releases",
      permission: "monitoring.view",
      tags,
      summary: "Approved releases (data versions), newest first",
      responses: { 200: ok(z.object({ items: z.array(Release) })), ...problemResponses },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const items = await c.get("services").monitoring.releases(principal, principal.tenantId);
      return c.json({ items }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/results",
      permission: "monitoring.view",
      tags,
      summary: "Every indicator per area and for the city in one period, small cells suppressed",
      request: { query: z.object({ period, version, level }) },
      responses: { 200: ok(PeriodResults), ...problemResponses, ...notFound },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const q = c.req.valid("query");
      const r = await c.get("services").monitoring.results(principal, principal.tenantId, q);
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/series",
      permission: "monitoring.view",
      tags,
      summary: "One indicator over all published periods, per area and for the city",
      request: { query: z.object({ indicator: z.string().min(1).max(100), version, level }) },
      responses: { 200: ok(SeriesResults), ...problemResponses, ...notFound },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const q = c.req.valid("query");
      const r = await c.get("services").monitoring.series(principal, principal.tenantId, q);
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/index",
      permission: "monitoring.view",
      tags,
      summary: "Status and dynamics index (mean of polarity-signed z-scores) per area",
      request: { query: z.object({ period, version, level }) },
      responses: { 200: ok(IndexResults), ...problemResponses, ...notFound },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const q = c.req.valid("query");
      const r = await c.get("services").monitoring.index(principal, principal.tenantId, q);
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/lotse-figures",
      permission: "monitoring.data.manage",
      tags,
      summary:
        "Compute Lotse's own figures (open cases by phase, open needs by domain, referrals by status) into the period's working values",
      request: { body: jsonBody(z.object({ period })) },
      responses: {
        200: ok(
          z.object({
            values: z.number().int(),
            level: z.enum(AREA_LEVELS),
            areas: z.number().int(),
            unassigned: z.number().int(),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const principal = c.get("principal")!;
      const { period } = c.req.valid("json");
      const r = await c.get("services").monitoring.refreshLotseFigures(principal, principal.tenantId, period);
      return c.json(r, 200);
    },
  );
}

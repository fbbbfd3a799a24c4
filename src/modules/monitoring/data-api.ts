import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { int32, version } from "#app/server/validation.ts";
import {
  approveInput,
  plausibilitySettingsInput,
  plausibilitySettingsView,
  plausibilityView,
} from "./contracts.ts";
import { INDICATOR_UNITS, POLARITIES } from "./schema.ts";

/**
 * The data steward's JSON API (issue 6): periods and their approval, template definitions,
 * indicator definitions. Working values come in through import-api.ts (file, dataValueSets).
 */
const tags = ["monitoring"];

const Period = z
  .object({
    period: z.string(),
    status: z.enum(["open", "approved"]),
    releaseNumber: z.number().int().nullable(),
    version: z.number().int(),
    valueCount: z.number().int(),
    approvedAt: z.string().nullable(),
  })
  .openapi("MonitoringPeriod");

const IndicatorBody = z
  .object({
    code: z.string(),
    name: z.string(),
    numerator: z.string(),
    denominator: z.string().nullable(),
    factor: z.number(),
    unit: z.enum(INDICATOR_UNITS),
    decimals: int32(),
    polarity: z.enum(POLARITIES),
    inStatusIndex: z.boolean(),
    public: z.boolean(),
    source: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .openapi("MonitoringIndicatorInput");

const IndicatorRow = IndicatorBody.extend({ version: z.number().int() }).openapi(
  "MonitoringIndicatorDefinition",
);
const periodParam = z.object({ period: z.string().max(20) });
const Plausibility = named(plausibilityView, "MonitoringPlausibility");
const PlausibilitySettings = named(plausibilitySettingsView, "MonitoringPlausibilitySettings");
/** 409 of an approval with unconfirmed findings (decision 133): the problem plus the findings. */
const ImplausibleProblem = ProblemSchema.extend({ plausibility: Plausibility }).openapi(
  "MonitoringImplausibleValues",
);

export function registerMonitoringDataApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/periods",
      permission: "monitoring.data.manage",
      tags,
      summary: "Periods with their status (open/approved) and release",
      responses: { 200: ok(z.object({ items: z.array(Period) })), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      return c.json({ items: await c.get("services").monitoringData.listPeriods(p, p.tenantId) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/periods/{period}/plausibility",
      permission: "monitoring.approve",
      tags,
      summary:
        "Implausible values of a period before approval: negative counts, counts above the population, shares outside 0–100 %, jumps from the previous period beyond the tenant's factor",
      request: { params: periodParam },
      responses: { 200: ok(Plausibility), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      const r = await c
        .get("services")
        .monitoringData.plausibility(p, p.tenantId, c.req.valid("param").period);
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/periods/{period}/approve",
      permission: "monitoring.approve",
      tags,
      summary:
        "Approve a period: freezes its values as the next release (Datenstand). With implausible values it answers 409 monitoring_implausible_values listing them, unless confirmFindings equals their number",
      request: { params: periodParam, body: jsonBody(named(approveInput, "MonitoringApprove")) },
      responses: {
        200: ok(z.object({ releaseNumber: z.number().int(), findings: z.number().int() })),
        ...problemResponses,
        409: {
          description:
            "Version conflict, an empty period, or implausible values not confirmed (code monitoring_implausible_values, with `plausibility`)",
          content: { "application/problem+json": { schema: ImplausibleProblem } },
        },
      },
    }),
    async (c) => {
      const p = c.get("principal")!;
      const { period } = c.req.valid("param");
      const body = c.req.valid("json");
      const r = await c
        .get("services")
        .monitoringData.approve(p, p.tenantId, period, body.version, body.note, body.confirmFindings);
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/periods/{period}/reopen",
      permission: "monitoring.approve",
      tags,
      summary: "Reopen an approved period for corrections (its last release stays published)",
      request: { params: periodParam, body: jsonBody(z.object({ version: version() })) },
      responses: { 200: ok(z.object({ ok: z.literal(true) })), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      await c
        .get("services")
        .monitoringData.reopen(p, p.tenantId, c.req.valid("param").period, c.req.valid("json").version);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/plausibility-settings",
      permission: "monitoring.data.manage",
      tags,
      summary: "The plausibility rule checked before approval (version 0: the defaults)",
      responses: { 200: ok(PlausibilitySettings), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      return c.json(await c.get("services").monitoringData.plausibilitySettings(p, p.tenantId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/monitoring/plausibility-settings",
      permission: "monitoring.definitions.manage",
      tags,
      summary: "Set the plausibility rule: jump factor and the smallest base judged (send the version read)",
      request: { body: jsonBody(named(plausibilitySettingsInput, "MonitoringPlausibilitySettingsInput")) },
      responses: { 200: ok(PlausibilitySettings), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      const r = await c
        .get("services")
        .monitoringData.savePlausibilitySettings(p, p.tenantId, c.req.valid("json"));
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/monitoring/templates",
      permission: "monitoring.definitions.manage",
      tags,
      summary: "Add the template data elements and indicators the tenant lacks",
      responses: {
        200: ok(z.object({ elements: z.number().int(), indicators: z.number().int() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = c.get("principal")!;
      return c.json(await c.get("services").monitoringData.installTemplates(p, p.tenantId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/monitoring/indicators",
      permission: "monitoring.view",
      tags,
      summary: "Indicator definitions (formulas, unit, polarity, source)",
      responses: { 200: ok(z.object({ items: z.array(IndicatorRow) })), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      const rows = await c.get("services").monitoringData.listIndicators(p, p.tenantId);
      return c.json({ items: rows.map(indicatorJson) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/monitoring/indicators/{code}",
      permission: "monitoring.definitions.manage",
      tags,
      summary:
        "Create (no version) or update (version read) an indicator; formulas are checked against the elements",
      request: {
        params: z.object({ code: z.string().max(64) }),
        body: jsonBody(IndicatorBody.partial({ code: true }).extend({ version: version().optional() })),
      },
      responses: { 200: ok(IndicatorRow), ...problemResponses },
    }),
    async (c) => {
      const p = c.get("principal")!;
      const { version, ...body } = c.req.valid("json");
      const row = await c
        .get("services")
        .monitoringData.saveIndicator(p, p.tenantId, { ...body, code: c.req.valid("param").code }, version);
      return c.json(indicatorJson(row), 200);
    },
  );
}

type Row = z.infer<typeof IndicatorBody> & { version: number };
const indicatorJson = (r: Row) => ({
  code: r.code,
  name: r.name,
  numerator: r.numerator,
  denominator: r.denominator,
  factor: r.factor,
  unit: r.unit,
  decimals: r.decimals,
  polarity: r.polarity,
  inStatusIndex: r.inStatusIndex,
  public: r.public,
  source: r.source,
  notes: r.notes,
  version: r.version,
});

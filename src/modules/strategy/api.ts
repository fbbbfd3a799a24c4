import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  pdfDownload,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  addMilestoneInput,
  addValueInput,
  adoptInput,
  adoptionView,
  approveValueInput,
  createIndicatorInput,
  createNodeInput,
  gapSettingsInput,
  gapsQuery,
  gapsView,
  indicatorView,
  matrixCellQuery,
  matrixCellView,
  matrixQuery,
  matrixView,
  nodeIdParams,
  nodeView,
  reportQueued,
  requestReportInput,
  strategySettingsInput,
  treeView,
  updateNodeInput,
} from "./contracts.ts";
import type { NodeRow } from "./repo.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const saved = z.object({ id: z.string(), version: z.number().int() });
const NodeSaved = named(saved, "StrategyNodeSaved");
const savedOf = (n: Pick<NodeRow, "id" | "version">) => ({ id: n.id, version: n.version });

export function registerStrategyApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/tree",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "The goal tree (Zielbaum) with each node's rolled-up progress and its source",
      responses: { 200: ok(named(treeView, "StrategyTree")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const tree = await services.strategy.tree(principal, tenant.id);
      return c.json({ ...tree, nodes: tree.nodes.map((n) => nodeView.parse(n)) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/nodes",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Add a node (goal, measure or project) under a parent, or a new root",
      request: { body: jsonBody(named(createNodeInput, "StrategyNodeCreate")) },
      responses: { 201: ok(NodeSaved, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const node = await services.strategy.createNode(principal, tenant.id, c.req.valid("json"), requestId);
      return c.json(savedOf(node), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "patch",
      path: "/strategy/nodes/{id}",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Change or move a node (optimistic locking: send the version you read; a cycle is refused)",
      request: { params: nodeIdParams, body: jsonBody(named(updateNodeInput, "StrategyNodeUpdate")) },
      responses: { 200: ok(NodeSaved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const node = await services.strategy.updateNode(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(savedOf(node), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/nodes/{id}/milestones",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Add a dated milestone to a measure or project",
      request: { params: nodeIdParams, body: jsonBody(named(addMilestoneInput, "StrategyMilestoneCreate")) },
      responses: { 201: ok(NodeSaved, "Created"), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const m = await services.strategy.addMilestone(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(savedOf(m), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/nodes/{id}/indicators",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "A goal's indicators with baseline, targets and the current figure with its source",
      request: { params: nodeIdParams },
      responses: { 200: ok(z.array(named(indicatorView, "StrategyIndicator"))), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const list = await services.strategy.indicators(principal, tenant.id, c.req.valid("param").id);
      return c.json(
        list.map(({ values: _v, ...i }) => i),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/nodes/{id}/indicators",
      permission: "strategy.indicators",
      tags: ["strategy"],
      summary: "Link an indicator to a goal: typed, a monitoring indicator, or a Lotse figure",
      request: {
        params: nodeIdParams,
        body: jsonBody(named(createIndicatorInput, "StrategyIndicatorCreate")),
      },
      responses: { 201: ok(NodeSaved, "Created"), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const row = await services.strategy.createIndicator(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(savedOf(row), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/indicators/{id}/values",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "Type in an actual value with its source (counts after approval)",
      request: { params: nodeIdParams, body: jsonBody(named(addValueInput, "StrategyValueCreate")) },
      responses: { 201: ok(NodeSaved, "Created"), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const row = await services.strategy.addValue(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(savedOf(row), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/values/{id}/approve",
      permission: "strategy.approve",
      tags: ["strategy"],
      summary: "Approve a typed value (optimistic locking)",
      request: { params: nodeIdParams, body: jsonBody(named(approveValueInput, "StrategyValueApprove")) },
      responses: { 200: ok(NodeSaved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const row = await services.strategy.approveValue(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json").version,
      );
      return c.json(savedOf(row), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/strategy/settings",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary:
        "How deep the goal tree may grow and whether the public matrix is on (version 0 when none was saved yet)",
      request: { body: jsonBody(named(strategySettingsInput, "StrategySettings")) },
      responses: {
        200: ok(
          named(
            z.object({ maxDepth: z.number().int(), publicMatrix: z.boolean(), version: z.number().int() }),
            "StrategySettingsSaved",
          ),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.saveSettings(principal, tenant.id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/adoptions",
      permission: "strategy.adopt",
      tags: ["strategy"],
      summary: "Store the tree as the council adopted it (an immutable snapshot)",
      request: { body: jsonBody(named(adoptInput, "StrategyAdopt")) },
      responses: { 201: ok(named(adoptionView, "StrategyAdoption"), "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      return c.json(await services.strategy.adopt(principal, tenant.id, c.req.valid("json"), requestId), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/matrix",
      permission: "strategy.matrix",
      tags: ["strategy"],
      summary: "Published offers cross-tabulated by two framework axes, through the small-cell rule",
      request: { query: matrixQuery },
      responses: { 200: ok(named(matrixView.nullable(), "StrategyMatrix")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, lang } = operationContext(c);
      return c.json(await services.strategy.matrix(principal, tenant.id, lang, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/matrix/cell",
      permission: "strategy.matrix",
      tags: ["strategy"],
      summary: "The published offers of one matrix cell",
      request: { query: matrixCellQuery },
      responses: { 200: ok(named(matrixCellView, "StrategyMatrixCell")), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, lang } = operationContext(c);
      const { row, col } = c.req.valid("query");
      const cell = await services.strategy.cell(principal, tenant.id, lang, row, col);
      return c.json({ offers: cell.offers, total: cell.total }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/gaps",
      permission: "strategy.matrix",
      tags: ["strategy"],
      summary: "Gap analysis: open case needs per area and framework term against published offer-hours",
      request: { query: gapsQuery },
      responses: { 200: ok(named(gapsView, "StrategyGaps")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, lang } = operationContext(c);
      return c.json(await services.strategy.gaps(principal, tenant.id, lang, c.req.valid("query")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/strategy/gaps/settings",
      permission: "strategy.edit",
      tags: ["strategy"],
      summary: "The gap rule (factor × city median, minimum need) and the life-domain mapping",
      request: { body: jsonBody(named(gapSettingsInput, "StrategyGapSettings")) },
      responses: {
        200: ok(named(z.object({ version: z.number().int() }), "StrategyGapSettingsSaved")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      return c.json(await services.strategy.saveGapSettings(principal, tenant.id, c.req.valid("json")), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/strategy/reports",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "Queue the year's implementation report (Umsetzungsbericht) as a tagged PDF",
      request: { body: jsonBody(named(requestReportInput, "StrategyReportRequest")) },
      responses: { 202: ok(named(reportQueued, "StrategyReportQueued"), "Queued"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const body = c.req.valid("json");
      return c.json(
        await services.strategy.requestReport(principal, tenant.id, body.year, {
          withMissing: body.withMissing,
        }),
        202,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/strategy/reports/{id}/pdf",
      permission: "strategy.read",
      tags: ["strategy"],
      summary: "A rendered implementation report (404 while it is still queued)",
      request: { params: nodeIdParams },
      responses: {
        200: {
          description: "PDF",
          content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal, tenant } = operationContext(c);
      const r = await services.strategy.reportPdf(principal, tenant.id, c.req.valid("param").id);
      return pdfDownload(c, r.pdf, `${r.file}`);
    },
  );
}

import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { StrategyDeps } from "./deps.ts";
import type { EvaluationInput, EvaluationsQuery, UpdateEvaluation } from "./evaluation.contracts.ts";
import { type Light, type RolledLight, rollUpLights } from "./evaluation.model.ts";
import { type EvaluationRow, evaluationRepo } from "./evaluation.repo.ts";
import { type IndicatorView, isMeasureKind } from "./model.ts";
import { type NodeRow, treeRepo } from "./repo.ts";

const NONE: RolledLight = { light: "none", counts: { red: 0, amber: 0, green: 0 } };
/** The conference's default window: the two years up to today (Herdecke reviews every two years). */
const DEFAULT_WINDOW_YEARS = 2;

const viewOf = (r: EvaluationRow) => ({
  id: r.id,
  nodeId: r.nodeId,
  reviewDate: r.reviewDate,
  kind: r.kind,
  evaluator: r.evaluator,
  questions: r.questions,
  findings: r.findings,
  recommendations: r.recommendations,
  rating: r.rating,
  version: r.version,
});
export type EvaluationView = ReturnType<typeof viewOf>;

const auditView = (r: EvaluationRow) => {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ...rest } = r;
  return rest;
};

/**
 * Evaluation (issue 16, 5; decision 071): the traffic lights of the indicators rolled up
 * through the tree, and per measure one evaluation record per review date.
 */
export function createEvaluations(
  deps: StrategyDeps,
  indicatorsOf: (p: Principal, tenantId: string, nodeIds: string[]) => Promise<IndicatorView[]>,
) {
  const { db } = deps;

  async function lightsOf(principal: Principal, tenantId: string, nodes: NodeRow[]) {
    const own = new Map<string, Light[]>();
    for (const i of await indicatorsOf(
      principal,
      tenantId,
      nodes.map((n) => n.id),
    ))
      own.set(i.nodeId, [...(own.get(i.nodeId) ?? []), i.light]);
    return rollUpLights(nodes, own);
  }

  async function checked(tenantId: string, nodeId: string, input: EvaluationInput, selfId: string | null) {
    const node = await treeRepo.node(db, tenantId, nodeId);
    if (!node) throw AppError.notFound();
    const errors: FieldError[] = [];
    if (!isMeasureKind(node.kind))
      errors.push({ field: "reviewDate", code: "strategy_evaluation_measures_only" });
    if (node.periodFrom && input.reviewDate < node.periodFrom)
      errors.push({
        field: "reviewDate",
        code: "strategy_review_before_start",
        params: { from: node.periodFrom },
      });
    const same = await evaluationRepo.onDate(db, tenantId, nodeId, input.reviewDate);
    if (same && same.id !== selfId) errors.push({ field: "reviewDate", code: "strategy_evaluation_exists" });
    if (errors.length) throw AppError.validation(errors);
  }

  const audited = (principal: Principal, requestId: string | undefined) => ({
    actor: { kind: "user" as const, principal },
    requestId: requestId ?? null,
  });

  return {
    /** Every node's light, rolled up from its indicators and its subtree. */
    async treeLights(principal: Principal, tenantId: string): Promise<Map<string, RolledLight>> {
      authorize(principal, "strategy.read");
      return lightsOf(principal, tenantId, await treeRepo.nodes(db, tenantId));
    },

    /** A measure's evaluation records (newest first) and its measured light. */
    async nodeEvaluations(principal: Principal, tenantId: string, nodeId: string) {
      authorize(principal, "strategy.read");
      const nodes = await treeRepo.nodes(db, tenantId);
      if (!nodes.some((n) => n.id === nodeId)) throw AppError.notFound();
      const [lights, rows] = await Promise.all([
        lightsOf(principal, tenantId, nodes),
        evaluationRepo.ofNode(db, tenantId, nodeId),
      ]);
      return { measured: lights.get(nodeId) ?? NONE, evaluations: rows.map(viewOf) };
    },

    /** Herdecke's conference: every evaluation of the period side by side, with each measure's path. */
    async evaluations(principal: Principal, tenantId: string, query: EvaluationsQuery) {
      authorize(principal, "strategy.read");
      const today = deps.clock.now().toISOString().slice(0, 10);
      const to = query.to ?? today;
      const from = query.from ?? `${Number(to.slice(0, 4)) - DEFAULT_WINDOW_YEARS}${to.slice(4)}`;
      if (from > to) throw AppError.validation([{ field: "from", code: "strategy_period_order" }]);
      const nodes = await treeRepo.nodes(db, tenantId);
      const [rows, lights] = await Promise.all([
        evaluationRepo.inPeriod(db, tenantId, from, to),
        lightsOf(principal, tenantId, nodes),
      ]);
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const pathOf = (n: NodeRow) => {
        const path: string[] = [];
        const seen = new Set<string>();
        for (let p = n.parentId; p && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
          seen.add(p);
          const anc = byId.get(p);
          if (anc) path.unshift(anc.title);
        }
        return path;
      };
      const items = rows.flatMap((r) => {
        const n = byId.get(r.nodeId);
        return n
          ? [{ ...viewOf(r), title: n.title, path: pathOf(n), measured: lights.get(n.id) ?? NONE }]
          : [];
      });
      return { from, to, items };
    },

    async addEvaluation(
      principal: Principal,
      tenantId: string,
      nodeId: string,
      input: EvaluationInput,
      requestId?: string,
    ) {
      authorize(principal, "strategy.edit");
      await checked(tenantId, nodeId, input, null);
      return db.transaction(async (tx) => {
        const row = await evaluationRepo.insert(tx, {
          tenantId,
          nodeId,
          ...input,
          createdBy: principal.userId,
        });
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "create",
            entityType: "strategy_evaluation",
            entityId: row.id,
            changes: diff(null, auditView(row)),
          },
          tx,
        );
        return row;
      });
    },

    /** Saves only if nobody saved since `input.version` was read. */
    async updateEvaluation(
      principal: Principal,
      tenantId: string,
      id: string,
      input: UpdateEvaluation,
      requestId?: string,
    ) {
      authorize(principal, "strategy.edit");
      const before = await evaluationRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const { version, ...patch } = input;
      await checked(tenantId, before.nodeId, patch, id);
      return db.transaction(async (tx) => {
        const after = await evaluationRepo.updateIfVersion(
          tx,
          tenantId,
          id,
          version,
          patch,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "update",
            entityType: "strategy_evaluation",
            entityId: id,
            changes: diff(auditView(before), auditView(after)),
          },
          tx,
        );
        return after;
      });
    },
  };
}

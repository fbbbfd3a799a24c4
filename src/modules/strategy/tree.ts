import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { AddMilestone, Adopt, CreateNode, UpdateNode } from "./contracts.ts";
import type { StrategyDeps } from "./deps.ts";
import {
  DEPTH_LIMITS,
  depthOf,
  isMeasureKind,
  type MeasureRef,
  type Progress,
  rollUp,
  subtreeHeight,
  wouldCycle,
} from "./model.ts";
import { responsibleCandidates } from "./people.ts";
import { type NodeRow, treeRepo } from "./repo.ts";
import { createRoundJoin } from "./rounds-join.ts";

export type TreeNode = Omit<NodeRow, "tenantId" | "createdAt" | "updatedAt" | "sort"> & {
  rolledUp: Progress;
};
export type AdoptedSnapshot = { nodes: TreeNode[]; maxDepth: number };

const audited = (principal: Principal, requestId: string | undefined) => ({
  actor: { kind: "user" as const, principal },
  requestId: requestId ?? null,
});

const auditView = (n: NodeRow) => {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, version: _v, ...rest } = n;
  return rest;
};

/** The node as pages and the API see it, with its rolled-up progress. */
function view(nodes: NodeRow[]): TreeNode[] {
  const progress = rollUp(nodes);
  return nodes.map(({ tenantId: _t, createdAt: _c, updatedAt: _u, sort: _s, ...n }) => ({
    ...n,
    rolledUp: progress.get(n.id) ?? { value: null, source: { kind: "error", code: "no_progress" } },
  }));
}

/** The goal tree: nodes, moves (cycle-checked), milestones, depth setting, adoptions (decision 048). */
export function createTree(deps: StrategyDeps) {
  const { db } = deps;
  const askNewlyResponsible = createRoundJoin(deps);

  async function maxDepthOf(tenantId: string) {
    const s = await treeRepo.settings(db, tenantId);
    return {
      maxDepth: s?.maxDepth ?? DEPTH_LIMITS.default,
      publicMatrix: s?.publicMatrix ?? false,
      version: s?.version ?? 0,
    };
  }

  async function knownTerms(tenantId: string): Promise<Set<string>> {
    const axes = await deps.framework.list(tenantId, "de");
    return new Set(axes.flatMap((a) => a.terms.map((t) => t.id)));
  }

  /** Every rule a node's new state must keep; one field error per broken rule. */
  async function check(
    tenantId: string,
    nodes: NodeRow[],
    id: string | null,
    next: Pick<
      NodeRow,
      "parentId" | "periodFrom" | "periodTo" | "termIds" | "weight" | "status" | "responsibleUserIds"
    >,
    before?: NodeRow,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const parent = next.parentId ? nodes.find((n) => n.id === next.parentId) : undefined;
    // A parent that is missing or below the node makes every other parent rule meaningless.
    if (next.parentId && !parent) return [{ field: "parentId", code: "strategy_unknown_parent" }];
    if (id && wouldCycle(nodes, id, next.parentId)) return [{ field: "parentId", code: "strategy_cycle" }];
    {
      const { maxDepth } = await maxDepthOf(tenantId);
      const height = id ? subtreeHeight(nodes, id) : 1;
      if (depthOf(nodes, next.parentId) + height - 1 > maxDepth)
        errors.push({ field: "parentId", code: "strategy_too_deep", params: { max: maxDepth } });
    }
    if (next.periodFrom && next.periodTo && next.periodFrom > next.periodTo)
      errors.push({ field: "periodTo", code: "date_range" });
    if (parent) {
      const outside = (d: string | null) =>
        d !== null &&
        ((parent.periodFrom !== null && d < parent.periodFrom) ||
          (parent.periodTo !== null && d > parent.periodTo));
      const range = { from: parent.periodFrom ?? "…", to: parent.periodTo ?? "…" };
      if (outside(next.periodFrom))
        errors.push({ field: "periodFrom", code: "strategy_period_outside_parent", params: range });
      if (outside(next.periodTo))
        errors.push({ field: "periodTo", code: "strategy_period_outside_parent", params: range });
      // The parent's progress is the weighted mean of its children: their weights must not sum to 0.
      const siblings = nodes.filter((n) => n.parentId === parent.id && n.id !== id && n.status !== "dropped");
      const sum = siblings.reduce((a, n) => a + n.weight, 0) + (next.status === "dropped" ? 0 : next.weight);
      if (sum === 0 && next.status !== "dropped")
        errors.push({ field: "weight", code: "strategy_weight_sum_zero" });
    }
    // Only people who may write narratives can be asked for one; ids kept from before stay.
    const added = next.responsibleUserIds.filter((u) => !before?.responsibleUserIds.includes(u));
    if (added.length) {
      const known = new Set((await responsibleCandidates(deps, tenantId)).map((u) => u.id));
      next.responsibleUserIds.forEach((u, i) => {
        if (added.includes(u) && !known.has(u))
          errors.push({ field: `responsibleUserIds.${i}`, code: "strategy_not_responsible_candidate" });
      });
    }
    if (next.termIds.length) {
      const known = await knownTerms(tenantId);
      next.termIds.forEach((t, i) => {
        if (!known.has(t)) errors.push({ field: `termIds.${i}`, code: "strategy_unknown_term" });
      });
    }
    return errors;
  }

  const tree = {
    async tree(principal: Principal, tenantId: string) {
      authorize(principal, "strategy.read");
      const [nodes, settings] = await Promise.all([treeRepo.nodes(db, tenantId), maxDepthOf(tenantId)]);
      return {
        maxDepth: settings.maxDepth,
        publicMatrix: settings.publicMatrix,
        settingsVersion: settings.version,
        nodes: view(nodes),
      };
    },

    /** One node with its path (ancestors' titles), children and milestones. */
    async node(principal: Principal, tenantId: string, id: string) {
      authorize(principal, "strategy.read");
      const nodes = await treeRepo.nodes(db, tenantId);
      const all = view(nodes);
      const node = all.find((n) => n.id === id);
      if (!node) throw AppError.notFound();
      const path: { id: string; title: string }[] = [];
      const seen = new Set<string>();
      for (let p = node.parentId; p && !seen.has(p); ) {
        seen.add(p);
        const anc = all.find((n) => n.id === p);
        if (!anc) break;
        path.unshift({ id: anc.id, title: anc.title });
        p = anc.parentId;
      }
      const milestones = await treeRepo.milestones(db, tenantId, [id]);
      return {
        node,
        path,
        children: all.filter((n) => n.parentId === id),
        milestones: milestones.map((m) => ({ id: m.id, title: m.title, due: m.due, done: m.done })),
        /** Where it may move: every node that is not itself or below it. */
        parents: all
          .filter((n) => !wouldCycle(nodes, id, n.id))
          .map((n) => ({ id: n.id, title: n.title, kind: n.kind })),
      };
    },

    async createNode(principal: Principal, tenantId: string, given: CreateNode, requestId?: string) {
      authorize(principal, "strategy.edit");
      const input = { ...given, responsibleUserIds: given.responsibleUserIds ?? [] };
      const nodes = await treeRepo.nodes(db, tenantId);
      const errors = await check(tenantId, nodes, null, input);
      if (errors.length) throw AppError.validation(errors);
      const sort = nodes.filter((n) => n.parentId === input.parentId).length;
      return db.transaction(async (tx) => {
        const node = await treeRepo.insert(tx, { tenantId, ...input, sort });
        await askNewlyResponsible(tx, tenantId, node);
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "create",
            entityType: "strategy_node",
            entityId: node.id,
            changes: diff(null, auditView(node)),
          },
          tx,
        );
        return node;
      });
    },

    /** Saves only if nobody saved since `input.version` was read (two editors → 409). */
    async updateNode(
      principal: Principal,
      tenantId: string,
      id: string,
      input: UpdateNode,
      requestId?: string,
    ) {
      authorize(principal, "strategy.edit");
      const nodes = await treeRepo.nodes(db, tenantId);
      const before = nodes.find((n) => n.id === id);
      if (!before) throw AppError.notFound();
      const { version, ...patch } = input;
      const next = { ...before, ...patch };
      const errors = await check(tenantId, nodes, id, next, before);
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const after = await treeRepo.updateIfVersion(tx, tenantId, id, version, patch, deps.clock.now());
        if (!after) throw AppError.versionConflict(before.version);
        await askNewlyResponsible(tx, tenantId, after);
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "update",
            entityType: "strategy_node",
            entityId: id,
            changes: diff(auditView(before), auditView(after)),
          },
          tx,
        );
        return after;
      });
    },

    async addMilestone(principal: Principal, tenantId: string, nodeId: string, input: AddMilestone) {
      authorize(principal, "strategy.edit");
      const node = await treeRepo.node(db, tenantId, nodeId);
      if (!node) throw AppError.notFound();
      if (!isMeasureKind(node.kind))
        throw AppError.validation([{ field: "title", code: "strategy_measures_only" }]);
      if ((node.periodFrom && input.due < node.periodFrom) || (node.periodTo && input.due > node.periodTo)) {
        throw AppError.validation([
          {
            field: "due",
            code: "strategy_period_outside_parent",
            params: { from: node.periodFrom ?? "…", to: node.periodTo ?? "…" },
          },
        ]);
      }
      return treeRepo.insertMilestone(db, { tenantId, nodeId, ...input });
    },

    /** The depth limit and the public matrix switch (absent: stays as it is). */
    async saveSettings(
      principal: Principal,
      tenantId: string,
      input: { maxDepth: number; version: number; publicMatrix?: boolean | undefined },
    ) {
      authorize(principal, "strategy.edit");
      const nodes = await treeRepo.nodes(db, tenantId);
      const deepest = Math.max(0, ...nodes.map((n) => depthOf(nodes, n.parentId)));
      if (input.maxDepth < deepest)
        throw AppError.validation([
          { field: "maxDepth", code: "strategy_depth_below_tree", params: { depth: deepest } },
        ]);
      const publicMatrix = input.publicMatrix ?? (await maxDepthOf(tenantId)).publicMatrix;
      const row = await treeRepo.saveSettings(
        db,
        tenantId,
        { maxDepth: input.maxDepth, publicMatrix },
        input.version,
        deps.clock.now(),
      );
      if (!row) throw AppError.versionConflict();
      return { maxDepth: row.maxDepth, publicMatrix: row.publicMatrix, version: row.version };
    },

    /** Stores the whole tree as the council adopted it; later edits never change it. */
    async adopt(principal: Principal, tenantId: string, input: Adopt, requestId?: string) {
      authorize(principal, "strategy.adopt");
      const [nodes, settings] = await Promise.all([treeRepo.nodes(db, tenantId), maxDepthOf(tenantId)]);
      const snapshot: AdoptedSnapshot = { nodes: view(nodes), maxDepth: settings.maxDepth };
      return db.transaction(async (tx) => {
        const row = await treeRepo.insertAdoption(tx, {
          tenantId,
          title: input.title,
          adoptedOn: input.adoptedOn,
          snapshot,
          createdBy: principal.userId,
        });
        await deps.audit.record(
          {
            ...audited(principal, requestId),
            action: "strategy.adopt",
            entityType: "strategy_adoption",
            entityId: row.id,
            changes: diff(null, { title: input.title, adoptedOn: input.adoptedOn, nodes: nodes.length }),
          },
          tx,
        );
        return { id: row.id, title: row.title, adoptedOn: row.adoptedOn, nodeCount: nodes.length };
      });
    },

    async adoptions(principal: Principal, tenantId: string) {
      authorize(principal, "strategy.read");
      const rows = await treeRepo.adoptions(db, tenantId);
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        adoptedOn: r.adoptedOn,
        nodeCount: (r.snapshot as AdoptedSnapshot).nodes.length,
      }));
    },

    async adoption(principal: Principal, tenantId: string, id: string) {
      authorize(principal, "strategy.read");
      const row = await treeRepo.adoption(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return {
        id: row.id,
        title: row.title,
        adoptedOn: row.adoptedOn,
        snapshot: row.snapshot as AdoptedSnapshot,
      };
    },

    /** The port other modules validate and display their measure links through. */
    measures: {
      exists: async (tenantId: string, id: string): Promise<boolean> => {
        const node = await treeRepo.node(db, tenantId, id);
        return node !== undefined && isMeasureKind(node.kind);
      },
      refs: async (tenantId: string, ids: readonly string[]): Promise<MeasureRef[]> => {
        if (ids.length === 0) return [];
        const nodes = await treeRepo.nodes(db, tenantId);
        const byId = new Map(nodes.map((n) => [n.id, n]));
        return ids.flatMap((id) => {
          const n = byId.get(id);
          if (!n || !isMeasureKind(n.kind)) return [];
          const path: string[] = [];
          const seen = new Set<string>();
          for (let p = n.parentId; p && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
            seen.add(p);
            const anc = byId.get(p);
            if (anc) path.unshift(anc.title);
          }
          return [{ id: n.id, kind: n.kind, title: n.title, path }];
        });
      },
    },
  };
  return tree;
}

// Strategy at county scale (issue 16): a county tenant with Unna's framework, 50,000 published
// offers (each tagged with a life phase, a field of action and a target group; tags written to
// entry_terms so the directory's own triggers derive offers.term_ids), and 520 goals in a tree of
// 20 municipalities × (1 Leitbild + 5 fields × (1 + 4 measures)). Timed at the service layer on a throwaway PostgreSQL
// cluster: the framework matrix (services.strategy.matrix, life phase × field of action, with the
// small-cell rule) and the goal tree with its roll-up (services.strategy.tree), each beside a bare
// count of the same rows in the same run, and the tree page's data (tree and traffic lights).
// Targets: matrix (with gaps) ≤ 300 ms p95; the report's data ≤ 2 s. `--quick` for a tenth of the size.
import { sql } from "drizzle-orm";
import type { Principal } from "../src/server/policy/roles.ts";
import { fmt, measure, onPostgres, SCALE } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

const OFFERS = Math.round(50_000 * SCALE);
const MUNICIPALITIES = 20;
const FIELDS = 5;
const MEASURES = 4;
const GOALS = MUNICIPALITIES * (1 + FIELDS * (1 + MEASURES));
const RUNS = Math.max(20, Math.round(100 * Math.min(1, SCALE * 2)));
/** The harness's timing with this bench's run count. */
const timed = (fn: () => Promise<unknown>, runs = RUNS) => measure(fn, { runs, warmup: 5 });

const bench: Bench = {
  title: "strategy",
  async run(log) {
    return onPostgres(
      log,
      async ({ db, services, tenantId: tid }) => {
        const rows: BenchRow[] = [];
        const coordinator: Principal = {
          userId: "00000000-0000-7000-8000-000000000001",
          tenantId: tid,
          sessionId: "bench",
          grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
          mfaSatisfied: true,
        };
        const axes = await services.framework.list(tid, "de");
        const termsOf = (kind: string) => axes.find((a) => a.kind === kind)?.terms.map((t) => t.id) ?? [];
        const phases = termsOf("life_phase");
        const fields = termsOf("field_of_action");
        const groups = termsOf("target_group");
        const t0 = performance.now();
        await db.execute(sql`INSERT INTO organizations (tenant_id, id, name, status)
        VALUES (${tid}, '00000000-0000-7000-8000-0000000000aa', 'Träger (Bench)', 'published')`);
        await db.execute(sql`INSERT INTO offers (tenant_id, id, organization_id, title, status)
        SELECT ${tid}, gen_random_uuid(), '00000000-0000-7000-8000-0000000000aa', 'Angebot ' || i, 'published'
        FROM generate_series(1, ${OFFERS}) i`);
        const arr = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;
        // Tags through entry_terms: the directory's triggers keep offers.term_ids.
        await db.execute(sql`INSERT INTO entry_terms (tenant_id, entity_type, entity_id, term_id)
        SELECT o.tenant_id, 'offer', o.id, t.term
        FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) AS n FROM offers WHERE tenant_id = ${tid}) o
        CROSS JOIN LATERAL (VALUES
          ((${arr(phases)})[1 + (o.n % ${phases.length})]),
          ((${arr(fields)})[1 + ((o.n / 7) % ${fields.length})]),
          ((${arr(groups)})[1 + ((o.n / 3) % ${groups.length})])) t(term)`);
        // 500 goals: 20 municipalities × 5 fields × 4 measures (+ one Leitbild per municipality).
        await db.execute(sql`WITH m AS (
          INSERT INTO strategy_nodes (tenant_id, id, parent_id, kind, title, weight)
          SELECT ${tid}, gen_random_uuid(), NULL, 'leitbild', 'Gemeinde ' || i, 1 FROM generate_series(1, ${MUNICIPALITIES}) i
          RETURNING id),
        f AS (
          INSERT INTO strategy_nodes (tenant_id, id, parent_id, kind, title, weight)
          SELECT ${tid}, gen_random_uuid(), m.id, 'leitziel', 'Handlungsfeld ' || j, j FROM m, generate_series(1, ${FIELDS}) j
          RETURNING id)
        INSERT INTO strategy_nodes (tenant_id, id, parent_id, kind, title, status, progress, weight)
        SELECT ${tid}, gen_random_uuid(), f.id, 'massnahme', 'Maßnahme ' || k, 'running', (k * 23) % 101, 1
        FROM f, generate_series(1, ${MEASURES}) k`);
        await db.execute(sql`ANALYZE`);
        log(`data: ${OFFERS} offers, ${GOALS} goals in ${fmt((performance.now() - t0) / 1000)} s`);

        const matrix = await services.strategy.matrix(coordinator, tid, "de", {});
        const cells = (matrix?.rows.terms.length ?? 0) * (matrix?.cols.terms.length ?? 0);
        log(
          `matrix: ${matrix?.rows.terms.length} × ${matrix?.cols.terms.length} cells, total ${matrix?.total.value}`,
        );
        const bareOffers = await timed(() =>
          db.execute(sql`SELECT count(*) FROM offers WHERE tenant_id = ${tid} AND status = 'published'`),
        );
        const m = await timed(() => services.strategy.matrix(coordinator, tid, "de", {}));
        rows.push(
          { metric: "matrix p50 (ms)", value: fmt(m.p50), note: `${cells} cells, ${OFFERS} offers` },
          { metric: "matrix p95 (ms)", value: fmt(m.p95), note: "target with gaps ≤ 300 ms" },
          { metric: "baseline: count published offers p95 (ms)", value: fmt(bareOffers.p95) },
        );
        const bareNodes = await timed(() =>
          db.execute(sql`SELECT count(*) FROM strategy_nodes WHERE tenant_id = ${tid}`),
        );
        const tree = await timed(() => services.strategy.tree(coordinator, tid));
        rows.push(
          { metric: "goal tree with roll-up p50 (ms)", value: fmt(tree.p50), note: `${GOALS} goals` },
          {
            metric: "goal tree with roll-up p95 (ms)",
            value: fmt(tree.p95),
            note: "part of the report's data (≤ 2 s)",
          },
          { metric: "baseline: count goals p95 (ms)", value: fmt(bareNodes.p95) },
        );
        // The tree page's data: the tree with its roll-up and every node's traffic light.
        const page = await timed(() =>
          Promise.all([
            services.strategy.tree(coordinator, tid),
            services.strategy.treeLights(coordinator, tid),
          ]),
        );
        rows.push(
          { metric: "tree page (tree + lights) p50 (ms)", value: fmt(page.p50), note: `${GOALS} goals` },
          { metric: "tree page (tree + lights) p95 (ms)", value: fmt(page.p95) },
        );
        return rows;
      },
      { name: "Kreis (Bench)", frameworkTemplate: "unna" },
    );
  },
};
export default bench;

// Small-project funding at scale (issue 19): one call with 10,000 submitted applications in one
// year, on a throwaway PostgreSQL cluster. Applications are inserted in bulk by SQL after one real
// call created through the service.
//
// Timed (each: 20 warm-up runs, then 50 runs; p50 and p95):
// - the pot overview: services.funding.pot (what GET /api/v1/funding/calls/{id}/pot calls: the
//   call, then one aggregate over the year's applications);
// - the list of applications: services.funding.listApplications (GET /api/v1/funding/applications);
// - baseline in the same run on the same connection: `select count(*)` of the same rows.
// Target (issue 19): ≤ 50 ms p95 for both. Set BENCH_SCALE=0.01 for a quick run (100 applications).
import os from "node:os";
import { sql } from "drizzle-orm";
import { createServices } from "../src/composition/services.ts";
import { UNNA_COST_RULES } from "../src/modules/funding/model.ts";
import { systemClock } from "../src/server/clock.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import type { CoreDeps } from "../src/server/deps.ts";
import { createLogger } from "../src/server/logger.ts";
import type { Principal } from "../src/server/policy/roles.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import type { Bench, BenchRow } from "./types.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const APPLICATIONS = Math.max(1, Math.round(10_000 * SCALE));
const WARMUP = 20;
const RUNS = 50;
const TARGET_MS = 50;
const STATUSES = ["submitted", "in_review", "granted", "partly_granted", "refused", "ineligible"] as const;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95) };
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

const bench: Bench = {
  title: "funding",
  async run(log) {
    const bin = findPostgresBin();
    if (!bin) {
      log("PostgreSQL binaries not found: skipped (install the Debian package postgresql).");
      return [{ metric: "skipped", value: "—", note: "no PostgreSQL binaries" }];
    }
    const cluster = await startCluster(bin);
    try {
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query("CREATE DATABASE lotse_bench");
      await admin.end();
      const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 4 });
      await handle.migrate();
      const config = loadConfig({
        NODE_ENV: "test",
        BASE_URL: "http://lotse.bench",
        SECRET_KEY: "bench-secret-key-bench-secret-key-0123456789",
        DATA_DIR: "/nonexistent",
      });
      const core: CoreDeps = {
        db: handle.db,
        dbKind: "postgres",
        config,
        logger: createLogger("silent"),
        clock: systemClock,
      };
      const services = createServices(core);
      const tenant = await services.tenants.create({
        slug: config.defaultTenant,
        name: "Bench",
        kind: "county",
      });
      const tid = tenant.id;
      const coordinator: Principal = {
        userId: "00000000-0000-7000-8000-000000000001",
        tenantId: tid,
        sessionId: "bench",
        grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      };
      const year = new Date().getUTCFullYear();
      const call = await services.funding.createCall(coordinator, {
        title: "Bench call",
        description: null,
        status: "open",
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        deadline: null,
        budgetPerYear: 2_000_000,
        projectCap: 500_000,
        ownContributionBp: 0,
        costRules: UNNA_COST_RULES,
        criteria: [{ key: "teilhabe", label: "Teilhabe", weight: 1 }],
        fieldOfActionIds: [],
        proofMonths: 6,
        publishFunded: false,
        deviationBp: 2000,
      });
      const t0 = performance.now();
      await handle.db.execute(sql`
        INSERT INTO funding_applications (tenant_id, id, call_id, year, status, lang, organization_name,
          contact_name, contact_email, title, budget, requested_cents, eligible_cents, granted_cents, submitted_at)
        SELECT ${tid}::uuid, gen_random_uuid(), ${call.id}::uuid, ${year},
          (ARRAY[${sql.join(
            STATUSES.map((s) => sql`${s}`),
            sql`, `,
          )}])[1 + (i % ${STATUSES.length})],
          'de', 'Verein ' || i, 'Kontakt ' || i, 'kontakt' || i || '@bench.example', 'Projekt ' || i,
          '[{"type":"material","amountCents":300000,"description":""}]'::jsonb, 300000, 300000,
          CASE WHEN i % ${STATUSES.length} IN (2, 3) THEN 1000 ELSE NULL END,
          now() - (i || ' minutes')::interval
        FROM generate_series(1, ${APPLICATIONS}) AS i`);
      log(`${APPLICATIONS.toLocaleString("en-US")} applications inserted in ${ms(performance.now() - t0)}`);
      await handle.db.execute(sql`ANALYZE funding_applications`);
      log(
        `load average before: ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(", ")}`,
      );

      const listed = await services.funding.listApplications(coordinator, call.id);
      if (listed.length !== APPLICATIONS)
        throw new Error(`listed ${listed.length}, expected ${APPLICATIONS}`);
      const baseline = await measure(() =>
        handle.db.execute(
          sql`SELECT count(*) FROM funding_applications WHERE tenant_id = ${tid} AND call_id = ${call.id} AND year = ${year}`,
        ),
      );
      const pot = await measure(() => services.funding.pot(coordinator, call.id, year));
      const list = await measure(() => services.funding.listApplications(coordinator, call.id));
      log(
        `load average after: ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(", ")}`,
      );
      const note = (p95: number) => `p95 ${p95 <= TARGET_MS ? "within" : "ABOVE"} the ${TARGET_MS} ms target`;
      const rows: BenchRow[] = [
        {
          metric: `bare count of ${APPLICATIONS} rows p50 / p95`,
          value: `${ms(baseline.p50)} / ${ms(baseline.p95)}`,
          note: "baseline",
        },
        { metric: "pot overview p50 / p95", value: `${ms(pot.p50)} / ${ms(pot.p95)}`, note: note(pot.p95) },
        {
          metric: `list of ${APPLICATIONS} applications p50 / p95`,
          value: `${ms(list.p50)} / ${ms(list.p95)}`,
          note: note(list.p95),
        },
      ];
      await handle.close();
      return rows;
    } finally {
      await cluster.stop();
    }
  },
};
export default bench;

// Conflict management at scale: 50,000 conflicts over three years in 40 areas, on a throwaway
// PostgreSQL cluster. Reports p50/p95 of the contact point's queue (services.conflicts.queue, what
// GET /api/v1/conflicts calls) and of the quarterly aggregate (services.conflicts.statistics,
// through the small-cell rule), each beside a bare count of the same rows measured in the same run.
// Targets (issue 20): queue ≤ 50 ms p95, aggregate ≤ 200 ms. CONFLICTS_BENCH_N overrides the size
// (a smoke run at a small size).
import { sql } from "drizzle-orm";
import { createServices } from "../src/composition/services.ts";
import { systemClock } from "../src/server/clock.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import type { CoreDeps } from "../src/server/deps.ts";
import { createLogger } from "../src/server/logger.ts";
import type { Principal } from "../src/server/policy/roles.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import type { Bench, BenchRow } from "./types.ts";

const CONFLICTS = Number(process.env.CONFLICTS_BENCH_N) || 50_000;
const AREAS = 40;
const RUNS = 200;

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function measure(fn: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 10; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95) };
}

const bench: Bench = {
  title: "conflicts",
  async run(log) {
    const bin = findPostgresBin();
    if (!bin) {
      log("PostgreSQL binaries not found: skipped (install the Debian package postgresql).");
      return [{ metric: "skipped", value: "—", note: "no PostgreSQL binaries" }];
    }
    const cluster = await startCluster(bin);
    const rows: BenchRow[] = [];
    try {
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query("CREATE DATABASE lotse_bench");
      await admin.end();
      const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 8 });
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
      const db = handle.db;
      const tenant = await services.tenants.create({
        slug: config.defaultTenant,
        name: "Bench",
        kind: "county",
      });
      const tid = tenant.id;
      const t0 = performance.now();
      for (let i = 0; i < AREAS; i++) {
        await db.execute(sql`INSERT INTO areas (tenant_id, id, level, code, name, geometry, min_lon, min_lat, max_lon, max_lat)
          VALUES (${tid}, gen_random_uuid(), 'quarter', ${`Q${i}`}, ${`Quartier ${i + 1}`},
          '{"type":"Polygon","coordinates":[[[7,51],[7.1,51],[7.1,51.1],[7,51]]]}'::jsonb, 7, 51, 7.1, 51.1)`);
      }
      const handlers: string[] = [];
      for (let i = 0; i < 6; i++) {
        const u = await services.users.create(
          { kind: "system", tenantId: tid },
          {
            email: `ks${i}@bench.example`,
            displayName: `Anlaufstelle ${i}`,
            password: "bench-password-123456",
            preferredLanguage: null,
            grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
          },
        );
        handlers.push(u.id);
      }
      const areaIds = (
        (await db.execute(sql`SELECT id FROM areas WHERE tenant_id = ${tid} ORDER BY code`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows.map((r) => r.id);
      const arr = (ids: string[]) => `ARRAY[${ids.map((id) => `'${id}'::uuid`).join(",")}]`;
      await db.execute(sql`SELECT setseed(0.42)`);
      // Bulk rows through SQL (the encrypted columns hold a placeholder: the queue never reads them).
      await db.execute(
        sql.raw(`INSERT INTO conflicts (tenant_id, id, reference, channel, area_id, kind, urgency, severity, state, outcome,
          handler_user_id, parties, description_enc, status_token_hash, reported_at, due_at, first_contact_at, closed_at)
        SELECT '${tid}', gen_random_uuid(), 'K-' || lpad(g::text, 7, '0'), 'phone', (${arr(areaIds)})[1 + (g % ${AREAS})],
          (ARRAY['neighbourhood','noise','public_space','school','religious_site','discrimination','threat','other'])[1 + floor(random() * 8)::int],
          CASE WHEN random() < 0.1 THEN 'urgent' ELSE 'normal' END, 'medium', s.state,
          CASE WHEN s.state = 'closed' THEN (ARRAY['resolved','closed_not_resolved','referred'])[1 + floor(random() * 3)::int] END,
          (${arr(handlers)})[1 + floor(random() * 6)::int], ARRAY['Partei A','Partei B'], 'x', md5(g::text),
          s.at, s.at + interval '2 days', CASE WHEN random() < 0.85 THEN s.at + random() * interval '4 days' END,
          CASE WHEN s.state = 'closed' THEN s.at + interval '30 days' END
        FROM generate_series(1, ${CONFLICTS}) g,
          LATERAL (SELECT CASE WHEN random() < 0.9 THEN 'closed' ELSE
            (ARRAY['reported','triaged','local_handling','mediation','no_agreement'])[1 + floor(random() * 5)::int] END AS state,
            now() - random() * interval '1095 days' AS at, g AS k) s`),
      );
      await db.execute(sql`ANALYZE`);
      log(`${CONFLICTS.toLocaleString("en-US")} conflicts in ${fmt((performance.now() - t0) / 1000)} s`);
      const grants = await services.users.credentials.grants(tid, handlers[0]!);
      const p: Principal = {
        userId: handlers[0]!,
        tenantId: tid,
        sessionId: "b",
        grants,
        mfaSatisfied: true,
      };
      const year = new Date().getUTCFullYear();

      const bareOpen = await measure(() =>
        db.execute(sql`SELECT count(*) FROM conflicts WHERE tenant_id = ${tid} AND state <> 'closed'`),
      );
      const queue = await measure(() => services.conflicts.queue(p, {}));
      const bareYear = await measure(() =>
        db.execute(
          sql`SELECT count(*) FROM conflicts WHERE tenant_id = ${tid} AND extract(year from reported_at AT TIME ZONE 'Europe/Berlin')::int = ${year}`,
        ),
      );
      const stats = await measure(() => services.conflicts.statistics(p, year), 50);
      const note = (x: { p50: number }) => `p50 ${fmt(x.p50)} ms`;
      rows.push(
        {
          metric: "bare count of open conflicts p95",
          value: `${fmt(bareOpen.p95)} ms`,
          note: note(bareOpen),
        },
        {
          metric: "contact point's queue p95 (target ≤ 50 ms)",
          value: `${fmt(queue.p95)} ms`,
          note: note(queue),
        },
        {
          metric: "bare count of the year's conflicts p95",
          value: `${fmt(bareYear.p95)} ms`,
          note: note(bareYear),
        },
        {
          metric: "quarterly aggregate p95 (target ≤ 200 ms)",
          value: `${fmt(stats.p95)} ms`,
          note: note(stats),
        },
      );
      for (const r of rows) log(`${r.metric}: ${r.value} (${r.note})`);
      await handle.close();
    } finally {
      await cluster.stop();
    }
    return rows;
  },
};
export default bench;

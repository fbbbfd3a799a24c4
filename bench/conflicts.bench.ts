// Conflict management at scale: 50,000 conflicts over three years in 40 areas, on a throwaway
// PostgreSQL cluster. Reports p50/p95 of the contact point's queue (services.conflicts.queue, what
// GET /api/v1/conflicts calls) and of the quarterly aggregate (services.conflicts.statistics,
// through the small-cell rule), each beside a bare count of the same rows measured in the same run.
// Targets (issue 20): queue ≤ 50 ms p95, aggregate ≤ 200 ms. `--quick` runs at a tenth of the size.
import { sql } from "drizzle-orm";
import type { Principal } from "../src/server/policy/roles.ts";
import { fmt, measure, onPostgres, scaled } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

const CONFLICTS = scaled(50_000);
const AREAS = 40;

const bench: Bench = {
  title: "conflicts",
  async run(log) {
    return onPostgres(log, async ({ db, services, tenantId: tid }) => {
      const rows: BenchRow[] = [];
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
      const queue = await measure(() => services.conflicts.queue(p, {}), { warmup: 10 });
      const bareYear = await measure(() =>
        db.execute(
          sql`SELECT count(*) FROM conflicts WHERE tenant_id = ${tid} AND extract(year from reported_at AT TIME ZONE 'Europe/Berlin')::int = ${year}`,
        ),
      );
      const stats = await measure(() => services.conflicts.statistics(p, year), { runs: 50, warmup: 10 });
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
      return rows;
    });
  },
};
export default bench;

// Network and participation at scale: 200 bodies with 10,000 meetings, 30,000 agenda items and
// 20,000 action items (half of them open) on a throwaway PostgreSQL cluster, generated with bulk
// SQL. Reports p50/p95 of
// - the Beschlusskontrolle (services.network.openActionItems, what GET
//   /api/v1/network/action-items/open calls): open action items across all bodies, overdue first;
// - an OParl meeting list page (services.network.oparl.meetings, what GET
//   /api/oparl/v1.1/body/{id}/meeting calls), the first page and one deep in the list (keyset);
// each beside a bare query of the same rows in the same run. Targets: both ≤ 50 ms p95.
// `--quick` runs at a tenth of the size.
import { sql } from "drizzle-orm";
import type { Principal } from "../src/server/policy/roles.ts";
import { fmt, measure, onPostgres, scaled } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

const BODIES = scaled(200, 4);
const MEETINGS = scaled(10_000, 50);

const bench: Bench = {
  title: "network",
  async run(log) {
    return onPostgres(log, async ({ db, services, tenant, tenantId: tid }) => {
      const rows: BenchRow[] = [];
      const t0 = performance.now();
      const run = (q: string) => db.execute(sql.raw(q));
      await run(`SELECT setseed(0.42)`);
      await run(`INSERT INTO network_bodies (tenant_id, id, name, kind, public_body)
        SELECT '${tid}', gen_random_uuid(), 'Gremium ' || g, 'working_group', g % 10 <> 0
        FROM generate_series(1, ${BODIES}) g`);
      await run(`INSERT INTO network_meetings (tenant_id, id, body_id, title, starts_at, state, minutes_state)
        SELECT '${tid}', gen_random_uuid(), b.id, 'Sitzung ' || g,
               now() - (random() * 730 || ' days')::interval, 'held',
               (ARRAY['draft','published'])[1 + (g % 2)]
        FROM generate_series(1, ${MEETINGS}) g
        JOIN LATERAL (SELECT id FROM network_bodies WHERE tenant_id = '${tid}' OFFSET (g % ${BODIES}) LIMIT 1) b ON true`);
      await run(`INSERT INTO network_agenda_items (tenant_id, id, meeting_id, position, number, title, public)
        SELECT '${tid}', gen_random_uuid(), m.id, p, (p + 1)::text, 'Punkt ' || (p + 1), p <> 2
        FROM network_meetings m, generate_series(0, 2) p WHERE m.tenant_id = '${tid}'`);
      await run(`INSERT INTO network_decisions (tenant_id, id, meeting_id, agenda_item_id, text, votes_yes, votes_no)
        SELECT '${tid}', gen_random_uuid(), a.meeting_id, a.id, 'Beschluss zu ' || a.title, 5, 1
        FROM network_agenda_items a WHERE a.tenant_id = '${tid}' AND a.position = 0`);
      await run(`INSERT INTO network_action_items (tenant_id, id, body_id, meeting_id, agenda_item_id, title, owner, due_date, status)
        SELECT '${tid}', gen_random_uuid(), m.body_id, a.meeting_id, a.id, 'Aufgabe ' || a.title, 'Amt ' || (random() * 60)::int,
               (now() + ((random() * 400 - 200)::int || ' days')::interval)::date,
               (ARRAY['open','in_progress','done','dropped'])[1 + (random() * 3)::int]
        FROM network_agenda_items a JOIN network_meetings m ON m.tenant_id = a.tenant_id AND m.id = a.meeting_id
        WHERE a.tenant_id = '${tid}' AND a.position < 2`);
      await run(`ANALYZE`);
      const count = async (table: string) =>
        Number(
          ((await run(`SELECT count(*) AS n FROM ${table}`)) as unknown as { rows: { n: string }[] }).rows[0]!
            .n,
        );
      const open = Number(
        (
          (await run(
            `SELECT count(*) AS n FROM network_action_items WHERE status IN ('open','in_progress')`,
          )) as unknown as {
            rows: { n: string }[];
          }
        ).rows[0]!.n,
      );
      log(
        `generated ${BODIES} bodies, ${await count("network_meetings")} meetings, ${await count("network_agenda_items")} agenda items, ${await count("network_action_items")} action items (${open} open) in ${fmt((performance.now() - t0) / 1000)} s`,
      );

      const principal: Principal = {
        userId: "00000000-0000-7000-8000-000000000001",
        tenantId: tid,
        sessionId: "bench",
        grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      };
      const follow = await measure(() =>
        services.network.openActionItems(principal, { limit: 100, offset: 0 }),
      );
      const followBare = await measure(() =>
        run(`SELECT * FROM network_action_items WHERE tenant_id = '${tid}' AND status IN ('open','in_progress')
             ORDER BY due_date ASC NULLS LAST, id LIMIT 100`),
      );
      rows.push(
        {
          metric: "open action items, first 100: p50",
          value: `${fmt(follow.p50)} ms`,
          note: `${open} open of ${MEETINGS} meetings`,
        },
        {
          metric: "open action items, first 100: p95",
          value: `${fmt(follow.p95)} ms`,
          note: "target ≤ 50 ms",
        },
        {
          metric: "  bare query of the same rows: p95",
          value: `${fmt(followBare.p95)} ms`,
          note: "no join, no mapping",
        },
      );

      const origin = "http://lotse.bench";
      const self = `${origin}/api/oparl/v1.1/body/${tid}/meeting`;
      const first = await measure(() =>
        services.network.oparl.meetings(origin, tenant, { self, after: null, limit: 100, filter: {} }),
      );
      const mid = (
        (await run(
          `SELECT id FROM network_meetings WHERE tenant_id = '${tid}' ORDER BY id OFFSET ${Math.floor(MEETINGS / 2)} LIMIT 1`,
        )) as unknown as {
          rows: { id: string }[];
        }
      ).rows[0]!.id;
      const deep = await measure(() =>
        services.network.oparl.meetings(origin, tenant, { self, after: mid, limit: 100, filter: {} }),
      );
      const oparlBare = await measure(() =>
        run(
          `SELECT * FROM network_meetings WHERE tenant_id = '${tid}' AND id > '${mid}' ORDER BY id LIMIT 100`,
        ),
      );
      rows.push(
        {
          metric: "OParl meeting page (100), first: p50",
          value: `${fmt(first.p50)} ms`,
          note: "with public agenda items and published results",
        },
        {
          metric: "OParl meeting page (100), first: p95",
          value: `${fmt(first.p95)} ms`,
          note: "target ≤ 50 ms",
        },
        {
          metric: "OParl meeting page (100), middle: p95",
          value: `${fmt(deep.p95)} ms`,
          note: "keyset: as fast deep in the list",
        },
        {
          metric: "  bare query of the same meetings: p95",
          value: `${fmt(oparlBare.p95)} ms`,
          note: "meetings only",
        },
      );
      return rows;
    });
  },
};
export default bench;

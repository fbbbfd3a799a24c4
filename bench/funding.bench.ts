// Small-project funding at scale (issue 19): one call with 10,000 submitted applications in one
// year, on a throwaway PostgreSQL cluster (bench/harness.ts). Applications are inserted in bulk by
// SQL after one real call created through the service.
//
// Timed (each: 20 warm-up runs, then 50 runs; p95 as the value, p50 in the note):
// - the pot overview: services.funding.pot (what GET /api/v1/funding/calls/{id}/pot calls: the
//   call, then one aggregate over the year's applications with their paid instalments, the
//   repayments demanded by proofs of use and the repayments received, decisions 112 and 119).
//   Every grant has two paid instalments and a proof; about half the proofs demand a repayment,
//   received in one or two bookings. Before timing, the pot's figures are checked against plain
//   sums over each table: the joins must not multiply a sum;
// - the list of applications: services.funding.listApplications (GET /api/v1/funding/applications),
//   keyset-paged (decision 102): the first page of 50 with the total, and a page from the middle
//   (after a cursor half-way through), which costs the same as the first;
// - baseline in the same run on the same connection: `select count(*)` of the same rows.
// Target (issue 19): ≤ 50 ms p95 for both. `npm run bench -- --quick funding` runs at scale 0.1.
import { sql } from "drizzle-orm";
import { UNNA_COST_RULES } from "../src/modules/funding/model.ts";
import type { Principal } from "../src/server/policy/roles.ts";
import { fmt, int, measure, onPostgres, scaled, timingRow } from "./harness.ts";
import type { Bench } from "./types.ts";

const APPLICATIONS = scaled(10_000);
const TIMING = { warmup: 20, runs: 50 };
const TARGET_MS = 50;
const STATUSES = ["submitted", "in_review", "granted", "partly_granted", "refused", "ineligible"] as const;

const bench: Bench = {
  title: "funding",
  run: (log) =>
    onPostgres(log, async ({ db, services, tenantId: tid }) => {
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
        reportFormId: null,
      });
      const t0 = performance.now();
      await db.execute(sql`
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
      log(`${int(APPLICATIONS)} applications inserted in ${fmt(performance.now() - t0)} ms`);
      // The money behind the pot: two paid instalments per grant, a proof per grant (about half
      // demanding 1 €), and one or two bookings of 0.50 € received per demand.
      const granted = sql`SELECT tenant_id, id FROM funding_applications
        WHERE tenant_id = ${tid} AND call_id = ${call.id} AND granted_cents IS NOT NULL`;
      await db.execute(sql`
        INSERT INTO funding_payments (tenant_id, id, application_id, amount_cents, due_date, paid_date, status)
        SELECT g.tenant_id, gen_random_uuid(), g.id, part.cents, current_date, current_date, 'paid'
        FROM (${granted}) g CROSS JOIN (VALUES (400), (600)) AS part(cents)`);
      await db.execute(sql`
        INSERT INTO funding_proofs (tenant_id, application_id, status, report, participants, lines,
          receipts, due_cents, repayment_cents, submitted_at)
        SELECT g.tenant_id, g.id, CASE WHEN hashtext(g.id::text) % 2 = 0 THEN 'repayment' ELSE 'accepted' END,
          '', 10, '[]'::jsonb, '[]'::jsonb, 900, CASE WHEN hashtext(g.id::text) % 2 = 0 THEN 100 ELSE 0 END, now()
        FROM (${granted}) g`);
      await db.execute(sql`
        INSERT INTO funding_repayments (tenant_id, id, application_id, amount_cents, received_date, booked_by)
        SELECT p.tenant_id, gen_random_uuid(), p.application_id, 50, current_date, ${coordinator.userId}::uuid
        FROM funding_proofs p CROSS JOIN generate_series(1, 1 + abs(hashtext(p.application_id::text) / 2) % 2)
        WHERE p.tenant_id = ${tid} AND p.status = 'repayment'`);
      await db.execute(sql`ANALYZE funding_applications`);
      await db.execute(sql`ANALYZE funding_payments`);
      await db.execute(sql`ANALYZE funding_proofs`);
      await db.execute(sql`ANALYZE funding_repayments`);
      const plain = async (q: ReturnType<typeof sql>) =>
        Number(((await db.execute(q)) as unknown as { rows: { s: string | null }[] }).rows[0]?.s ?? 0);
      const expected = {
        paidCents: await plain(
          sql`SELECT sum(amount_cents)::text AS s FROM funding_payments WHERE tenant_id = ${tid} AND status = 'paid'`,
        ),
        reclaimedCents: await plain(
          sql`SELECT sum(repayment_cents)::text AS s FROM funding_proofs WHERE tenant_id = ${tid} AND status = 'repayment'`,
        ),
        returnedCents: await plain(
          sql`SELECT sum(amount_cents)::text AS s FROM funding_repayments WHERE tenant_id = ${tid}`,
        ),
      };
      const figures = await services.funding.pot(coordinator, call.id, year);
      for (const [k, v] of Object.entries(expected))
        if (figures[k as keyof typeof expected] !== v)
          throw new Error(`pot ${k} ${figures[k as keyof typeof expected]}, plain sum ${v}`);
      log(
        `pot checked against plain sums: paid ${int(expected.paidCents)}, reclaimed ${int(expected.reclaimedCents)}, returned ${int(expected.returnedCents)} cents`,
      );

      // Walk every page once: each submitted application exactly once, in order.
      const seen = new Set<string>();
      let middle: string | null = null;
      for (let after: string | null | undefined, pages = 0; after !== null; pages++) {
        const page = await services.funding.listApplications(coordinator, {
          callId: call.id,
          after: after ?? undefined,
          limit: 200,
        });
        for (const a of page.items) seen.add(a.id);
        if (pages === Math.floor(APPLICATIONS / 400)) middle = page.next;
        after = page.next;
      }
      if (seen.size !== APPLICATIONS) throw new Error(`paged ${seen.size}, expected ${APPLICATIONS}`);
      if (!middle) throw new Error("no cursor half-way through");
      const from = middle;
      const baseline = await measure(
        () =>
          db.execute(
            sql`SELECT count(*) FROM funding_applications WHERE tenant_id = ${tid} AND call_id = ${call.id} AND year = ${year}`,
          ),
        TIMING,
      );
      const pot = await measure(() => services.funding.pot(coordinator, call.id, year), TIMING);
      const first = await measure(
        () => services.funding.listApplications(coordinator, { callId: call.id }),
        TIMING,
      );
      const mid = await measure(
        () => services.funding.listApplications(coordinator, { callId: call.id, after: from }),
        TIMING,
      );
      const target = (p95: number) =>
        `; p95 ${p95 <= TARGET_MS ? "within" : "ABOVE"} the ${TARGET_MS} ms target`;
      const withTarget = (row: ReturnType<typeof timingRow>, p95: number) => ({
        ...row,
        note: `${row.note}${target(p95)}`,
      });
      return [
        {
          ...timingRow(`bare count of ${int(APPLICATIONS)} rows`, baseline),
          note: `${timingRow("", baseline).note}; baseline`,
        },
        withTarget(timingRow("pot overview", pot), pot.p95),
        withTarget(
          timingRow(`list of ${int(APPLICATIONS)} applications: first page of 50`, first),
          first.p95,
        ),
        withTarget(
          timingRow(`list of ${int(APPLICATIONS)} applications: page from the middle`, mid),
          mid.p95,
        ),
      ];
    }),
};
export default bench;

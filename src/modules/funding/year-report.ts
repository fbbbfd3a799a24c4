import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import { potViewOf } from "./calls.ts";
import type { FundingDeps } from "./deps.ts";
import { translatorFor } from "./letter.ts";
import { potRepo } from "./pot-repo.ts";
import { fundingRepo } from "./repo.ts";
import type { YearReportStatus } from "./year-report-contracts.ts";
import { renderYearReportPdf, type YearReportModel } from "./year-report-pdf.ts";
import { yearReportRepo } from "./year-report-repo.ts";

export const YEAR_REPORT_JOB = "funding.year-report";

/**
 * The council's year report (decision 112): where a year's funding went and what came of it —
 * each call with its applications and approvals (counts through the small-cell rule) and its
 * sums approved, paid, returned and free; the funded projects by goal-tree measure (labels
 * through the strategy module's `measures` port); the list of funded projects of calls whose list
 * is public. Rendered as a tagged PDF by a job (several calls and projects: not in a request).
 */
export function createYearReports(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  async function model(tenantId: string, year: number, at: Date): Promise<YearReportModel> {
    const tenant = await deps.tenants.byId(tenantId);
    const rule = smallCellRuleFor(tenant?.settings.smallCells);
    const [calls, pots, measures] = await Promise.all([
      fundingRepo.calls(db, tenantId),
      potRepo.figures(db, tenantId, { fromYear: year, toYear: year }),
      yearReportRepo.byMeasure(db, tenantId, year),
    ]);
    const potOf = new Map(pots.map((p) => [p.callId, p]));
    // The year's calls: those whose period covers it, and any other with applications in it.
    const inYear = calls
      .filter(
        (c) =>
          potOf.has(c.id) ||
          (Number(c.periodStart.slice(0, 4)) <= year && year <= Number(c.periodEnd.slice(0, 4))),
      )
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.title.localeCompare(b.title));
    const listed = inYear.filter((c) => c.publishFunded);
    const refs = new Map(
      (
        await (deps.measures?.refs(
          tenantId,
          measures.flatMap((m) => (m.measureId ? [m.measureId] : [])),
        ) ?? Promise.resolve([]))
      ).map((r) => [r.id, [...r.path, r.title].join(" › ")]),
    );
    const projects = await yearReportRepo.fundedProjects(
      db,
      tenantId,
      year,
      listed.map((c) => c.id),
    );
    const titleOf = new Map(calls.map((c) => [c.id, c.title]));
    // A measure deleted since the link was set counts with the projects without a measure.
    const perMeasure = new Map<string | null, { funded: number; granted: bigint }>();
    for (const m of measures) {
      const label = m.measureId ? (refs.get(m.measureId) ?? null) : null;
      const acc = perMeasure.get(label) ?? { funded: 0, granted: 0n };
      acc.funded += m.funded;
      acc.granted += BigInt(m.granted);
      perMeasure.set(label, acc);
    }
    return {
      tenantName: tenant?.name ?? "",
      year,
      createdAt: at,
      minCount: rule.minCount,
      calls: inYear.map((c) => {
        const r = potOf.get(c.id);
        const pot = potViewOf(c, year, r);
        const funded = safeCount(r?.funded ?? 0, rule);
        // A sum over fewer grants than the rule allows would come close to one grant (decision
        // 070) — unless the call publishes its grants one by one anyway.
        const show = funded.value !== null || c.publishFunded;
        return {
          title: c.title,
          budgetCents: c.budgetPerYearCents,
          filed: safeCount(r?.filed ?? 0, rule),
          funded,
          committedCents: show ? pot.committedCents : null,
          paidCents: show ? pot.paidCents : null,
          returnedCents: show ? pot.returnedCents : null,
          availableCents: show ? pot.availableCents : null,
        };
      }),
      measures: [...perMeasure]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, "de")))
        .map(([label, m]) => {
          const funded = safeCount(m.funded, rule);
          return { label, funded, grantedCents: funded.value === null ? null : Number(m.granted) };
        }),
      projects: projects.map((p) => ({
        callTitle: titleOf.get(p.callId) ?? "",
        title: p.title,
        organizationName: p.organizationName,
        grantedCents: p.grantedCents ?? 0,
        measure: p.measureId ? (refs.get(p.measureId) ?? null) : null,
      })),
      unlistedCalls: inYear.length - listed.length,
    };
  }

  async function render(tenantId: string, year: number): Promise<boolean> {
    const row = await yearReportRepo.row(db, tenantId, year);
    if (!row || row.pdf) return false;
    const pdf = await renderYearReportPdf(await model(tenantId, year, row.requestedAt), translatorFor("de"));
    return yearReportRepo.store(db, tenantId, year, row.requestedAt, pdf, now());
  }

  deps.jobs.register(YEAR_REPORT_JOB, async (payload, ctx) => {
    const stored = await render(ctx.tenantId, Number(payload.year));
    // Figures only: no names in the log.
    deps.logger.info({ tenantId: ctx.tenantId, year: payload.year, stored }, "funding year report rendered");
  });

  const statusOf = (r: { year: number; requestedAt: Date; renderedAt: Date | null; ready: boolean }) =>
    ({
      year: r.year,
      ready: r.ready,
      requestedAt: r.requestedAt.toISOString(),
      renderedAt: r.renderedAt?.toISOString() ?? null,
    }) satisfies YearReportStatus;

  return {
    model,
    render,
    /** Asks for the year's report: the job renders it; an earlier one of that year is replaced. */
    async request(principal: Principal, year: number, requestId?: string): Promise<YearReportStatus> {
      authorize(principal, "funding.calls.manage");
      const at = now();
      return db.transaction(async (tx: DbOrTx) => {
        await yearReportRepo.request(tx, principal.tenantId, year, principal.userId, at);
        await deps.jobs.enqueue(
          YEAR_REPORT_JOB,
          { year },
          {
            tenantId: principal.tenantId,
            maxAttempts: 3,
            dedupeKey: `year-report-${year}-${at.toISOString()}`,
          },
          tx,
        );
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "funding_year_report",
            entityId: String(year),
            changes: diff(null, { year }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { year, ready: false, requestedAt: at.toISOString(), renderedAt: null };
      });
    },
    /** The years asked for, newest first, each ready or still being rendered. */
    async list(principal: Principal): Promise<YearReportStatus[]> {
      authorize(principal, "funding.read");
      return (await yearReportRepo.list(db, principal.tenantId)).map(statusOf);
    },
    /** The PDF; not found until the job has rendered it. Figures and titles only: no audited read. */
    async pdf(principal: Principal, year: number): Promise<Buffer> {
      authorize(principal, "funding.read");
      const r = await yearReportRepo.row(db, principal.tenantId, year);
      if (!r?.pdf) throw AppError.notFound();
      return Buffer.from(r.pdf);
    },
  };
}

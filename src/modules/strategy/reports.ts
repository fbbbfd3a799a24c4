import { catalogs } from "#app/i18n/catalogs.server.ts";
import { SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { errorClass } from "../jobs/queue.ts";
import type { StrategyDeps } from "./deps.ts";
import { reportsRepo } from "./gaps.repo.ts";
import { REPORT_YEARS, type ReportModel } from "./report.ts";
import { renderStrategyReportPdf } from "./report-pdf.ts";
import { isMissing } from "./rounds.model.ts";
import { roundsRepo } from "./rounds.repo.ts";

export const REPORT_JOB = "strategy.report";

/**
 * The implementation report as a job (decision 063): a request stores a queued row and the job
 * in one transaction; the job renders the tagged PDF and stores its bytes. The job reads with
 * the rights of a board member (read-only, everything a council member may read), since the
 * requester was authorized when asking and the job has no session.
 */
export function createReports(
  deps: StrategyDeps,
  reportData: (p: Principal, tenantId: string, year: number) => Promise<ReportModel>,
) {
  const { db } = deps;
  const german = () => {
    const all = catalogs();
    return createTranslator(SOURCE_LANGUAGE, all.get(SOURCE_LANGUAGE) ?? {});
  };

  deps.jobs.register(REPORT_JOB, async (payload, ctx) => {
    const id = typeof payload.reportId === "string" ? payload.reportId : "";
    const row = id ? await reportsRepo.byId(db, ctx.tenantId, id) : undefined;
    if (row?.status !== "queued") return;
    const reader: Principal = {
      userId: row.requestedBy ?? "00000000-0000-0000-0000-000000000000",
      tenantId: ctx.tenantId,
      sessionId: "job",
      grants: [{ role: "board_member", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    try {
      const pdf = await renderStrategyReportPdf(await reportData(reader, ctx.tenantId, row.year), german());
      await reportsRepo.finish(db, ctx.tenantId, id, pdf, deps.clock.now());
    } catch (err) {
      deps.logger.warn(
        { tenantId: ctx.tenantId, reportId: id, error: errorClass(err) },
        "strategy report failed",
      );
      if (ctx.lastAttempt) await reportsRepo.finish(db, ctx.tenantId, id, null, deps.clock.now());
      throw err;
    }
  });

  return {
    /** Queues the year's PDF; the list shows it when the job has rendered it. */
    async requestReport(
      principal: Principal,
      tenantId: string,
      year: number,
      opts: { withMissing?: boolean | undefined } = {},
    ) {
      authorize(principal, "strategy.read");
      if (!Number.isInteger(year) || year < REPORT_YEARS.min || year > REPORT_YEARS.max)
        throw AppError.validation([{ field: "year", code: "invalid" }]);
      // Published only when the year's round is closed, or explicitly with the missing narratives
      // listed in the report (decision 098). A year without a round has no narratives to wait for.
      const round = await roundsRepo.byYear(db, tenantId, year);
      if (round?.status === "open" && !opts.withMissing) {
        const missing = (await roundsRepo.ofRound(db, tenantId, round.id)).filter((n) => isMissing(n.status));
        throw AppError.validation([
          { field: "withMissing", code: "strategy_round_open", params: { missing: missing.length } },
        ]);
      }
      return db.transaction(async (tx) => {
        const row = await reportsRepo.insert(tx, { tenantId, year, requestedBy: principal.userId });
        await deps.jobs.enqueue(REPORT_JOB, { reportId: row.id }, { tenantId, maxAttempts: 3 }, tx);
        return { id: row.id, year: row.year, status: row.status };
      });
    },
    async reports(principal: Principal, tenantId: string) {
      authorize(principal, "strategy.read");
      return reportsRepo.list(db, tenantId);
    },
    /** The rendered PDF with a file name; not found while it is still queued. */
    async reportPdf(principal: Principal, tenantId: string, id: string) {
      authorize(principal, "strategy.read");
      const row = await reportsRepo.byId(db, tenantId, id);
      if (!row?.pdf) throw AppError.notFound();
      // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
      return { pdf: Buffer.from(row.pdf), file: `umsetzungsbericht-${row.year}.pdf` };
    },
  };
}

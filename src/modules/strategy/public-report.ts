import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { StrategyDeps } from "./deps.ts";
import { reportsRepo } from "./gaps.repo.ts";
import type { ReportModel } from "./report.ts";

/**
 * The public edition of the implementation report (issue 16, 4; decision 087): a year is public
 * once the coordinator has produced its council report (a rendered PDF). It is read with a
 * board member's rights, like the PDF job, and without the names of the people responsible:
 * the public sees goals, progress, lights, indicators, measures, gaps and sources, all
 * aggregates already through the small-cell rule.
 */
export function createPublicReport(
  deps: StrategyDeps,
  reportData: (p: Principal, tenantId: string, year: number) => Promise<ReportModel>,
) {
  const years = async (tenantId: string) =>
    [
      ...new Set(
        (await reportsRepo.list(deps.db, tenantId)).filter((r) => r.status === "done").map((r) => r.year),
      ),
    ].sort((a, b) => b - a);
  return {
    /** The years whose report has been produced, newest first. */
    publicReportYears: years,
    async publicReport(tenantId: string, year: number): Promise<ReportModel> {
      if (!(await years(tenantId)).includes(year)) throw AppError.notFound();
      const reader: Principal = {
        userId: "00000000-0000-0000-0000-000000000000",
        tenantId,
        sessionId: "public",
        grants: [{ role: "board_member", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      };
      const m = await reportData(reader, tenantId, year);
      return { ...m, nodes: m.nodes.map((n) => ({ ...n, responsible: null })) };
    },
  };
}

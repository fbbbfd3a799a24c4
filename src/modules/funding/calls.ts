import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { CallView, CreateCall, PotView } from "./contracts.ts";
import type { FundingDeps } from "./deps.ts";
import { type PotRow, potRepo } from "./pot-repo.ts";
import { type CallRow, fundingRepo } from "./repo.ts";

export const callViewOf = (c: CallRow): CallView => ({
  id: c.id,
  title: c.title,
  description: c.description,
  status: c.status,
  periodStart: c.periodStart,
  periodEnd: c.periodEnd,
  deadline: c.deadline,
  budgetPerYearCents: c.budgetPerYearCents,
  projectCapCents: c.projectCapCents,
  ownContributionBp: c.ownContributionBp,
  costRules: c.costRules,
  criteria: c.criteria,
  fieldOfActionIds: c.fieldOfActionIds,
  proofMonths: c.proofMonths,
  publishFunded: c.publishFunded,
  deviationBp: c.deviationBp,
  reportFormId: c.reportFormId,
  version: c.version,
});

/** Is the call taking applications on `today` (ISO date)? Rolling intake: within the period. */
export function callAccepts(
  c: Pick<CallRow, "status" | "periodStart" | "periodEnd" | "deadline">,
  today: string,
) {
  return c.status === "open" && c.periodStart <= today && today <= (c.deadline ?? c.periodEnd);
}

/** Calls (Förderaufrufe) and the pot of a call's year. */
export function createCallService(deps: FundingDeps) {
  const { db } = deps;
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  async function checkFieldsOfAction(tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return;
    const axes = await deps.framework.list(tenantId, "de");
    const known = new Set(
      axes.filter((a) => a.kind === "field_of_action").flatMap((a) => a.terms.map((t) => t.id)),
    );
    const fields = ids.flatMap((id, i) =>
      known.has(id) ? [] : [{ field: `fieldOfActionIds.${i}`, code: "invalid_choice" }],
    );
    if (fields.length) throw AppError.validation(fields);
  }

  /** One pot view per year from `fromYear` to `toYear` (years without applications: all free). */
  async function pots(tenantId: string, call: CallRow, fromYear: number, toYear: number): Promise<PotView[]> {
    const rows = await potRepo.figures(db, tenantId, { callId: call.id, fromYear, toYear });
    const byYear = new Map(rows.map((r) => [r.year, r]));
    const out: PotView[] = [];
    for (let year = fromYear; year <= toYear; year++) {
      const r = byYear.get(year);
      out.push(potViewOf(call, year, r));
    }
    return out;
  }
  const pot = async (tenantId: string, call: CallRow, year: number) =>
    (await pots(tenantId, call, year, year))[0]!;

  return {
    today,
    async createCall(principal: Principal, input: CreateCall, requestId?: string): Promise<CallView> {
      authorize(principal, "funding.calls.manage");
      await checkFieldsOfAction(principal.tenantId, input.fieldOfActionIds);
      // The report questionnaire must be an active form of the surveys module (decision 131).
      if (input.reportFormId && !(await deps.reports?.openForm(principal.tenantId, input.reportFormId)))
        throw AppError.validation([{ field: "reportFormId", code: "invalid_choice" }]);
      return db.transaction(async (tx) => {
        const row = await fundingRepo.insertCall(tx, {
          tenantId: principal.tenantId,
          title: input.title,
          description: input.description ?? "",
          status: input.status,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          deadline: input.deadline,
          budgetPerYearCents: input.budgetPerYear,
          projectCapCents: input.projectCap,
          ownContributionBp: input.ownContributionBp,
          costRules: input.costRules,
          criteria: input.criteria,
          fieldOfActionIds: input.fieldOfActionIds,
          proofMonths: input.proofMonths,
          publishFunded: input.publishFunded,
          deviationBp: input.deviationBp,
          reportFormId: input.reportFormId,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "funding_call",
            entityId: row.id,
            changes: diff(null, { title: row.title, budgetPerYearCents: row.budgetPerYearCents }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return callViewOf(row);
      });
    },

    async listCalls(principal: Principal): Promise<CallView[]> {
      authorize(principal, "funding.read");
      return (await fundingRepo.calls(db, principal.tenantId)).map(callViewOf);
    },

    async getCall(principal: Principal, id: string): Promise<CallView> {
      authorize(principal, "funding.read");
      const c = await fundingRepo.call(db, principal.tenantId, id);
      if (!c) throw AppError.notFound();
      return callViewOf(c);
    },

    /** The year's pot; default year: the current one, within the call's period. */
    async pot(principal: Principal, callId: string, year?: number): Promise<PotView> {
      authorize(principal, "funding.read");
      const c = await fundingRepo.call(db, principal.tenantId, callId);
      if (!c) throw AppError.notFound();
      return pot(principal.tenantId, c, year ?? defaultYear(c, today()));
    },

    /** The pot of every year of the call's period (decision 112), oldest first. */
    async pots(principal: Principal, callId: string): Promise<PotView[]> {
      authorize(principal, "funding.read");
      const c = await fundingRepo.call(db, principal.tenantId, callId);
      if (!c) throw AppError.notFound();
      const [first, last] = periodYears(c);
      return pots(principal.tenantId, c, first, last);
    },

    /** Public: calls taking applications today (title, rules, dates; no figures of others). */
    async openCalls(tenantId: string): Promise<CallView[]> {
      const d = today();
      return (await fundingRepo.calls(db, tenantId)).filter((c) => callAccepts(c, d)).map(callViewOf);
    },

    potOf: pot,
  };
}

/**
 * A pot from its aggregate row: sums are exact decimal text, turned into numbers (far inside
 * the safe integers: at most €1,000,000 an amount). Returned money flows back to the treasury and
 * does not refill the pot (decision 112), so available is planned − committed, as the decision's
 * check under the call's row lock computes it (review.ts).
 */
export function potViewOf(
  call: Pick<CallRow, "id" | "budgetPerYearCents">,
  year: number,
  r?: PotRow,
): PotView {
  const committed = Number(r?.committed ?? 0);
  const paid = Number(r?.paid ?? 0);
  const returned = Number(r?.returned ?? 0);
  const reclaimed = Number(r?.reclaimed ?? 0);
  return {
    callId: call.id,
    year,
    plannedCents: call.budgetPerYearCents,
    committedCents: committed,
    availableCents: call.budgetPerYearCents - committed,
    paidCents: paid,
    reclaimedCents: reclaimed,
    returnedCents: returned,
    netCents: paid - returned,
    decided: r?.decided ?? 0,
    pending: r?.pending ?? 0,
  };
}

/** The calendar years of a call's period (a pot each), at most 20 (a longer period shows its last 20). */
export function periodYears(c: Pick<CallRow, "periodStart" | "periodEnd">): [number, number] {
  const first = Number(c.periodStart.slice(0, 4));
  const last = Number(c.periodEnd.slice(0, 4));
  return [Math.max(first, last - 19), last];
}

/** The pot year: today's year if inside the call's period, else the period's last year. */
export function defaultYear(c: Pick<CallRow, "periodStart" | "periodEnd">, today: string): number {
  const y = Number(today.slice(0, 4));
  const first = Number(c.periodStart.slice(0, 4));
  const last = Number(c.periodEnd.slice(0, 4));
  return Math.min(Math.max(y, first), last);
}

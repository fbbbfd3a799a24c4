/**
 * The proof of use (Verwendungsnachweis) in integer cents: each cost type's actual costs against
 * the approved plan, the deviation rule (ANBest-P no. 1.2: a line may exceed its estimate by up
 * to 20 % where savings elsewhere cover it; the plan binds in total), and the settlement: what
 * the grant comes to under the actual costs and what is to be paid back. Browser-safe, pure.
 */
import {
  applyRate,
  type BudgetLine,
  type CostRule,
  type CostType,
  computeEligibility,
  RATE_FULL_BP,
  sum,
} from "./model.ts";

/**
 * submitted: filed, awaiting examination; more_requested: staff asked questions (the applicant
 * files again); accepted: closed; repayment: closed with an amount to be paid back.
 */
export const PROOF_STATUSES = ["submitted", "more_requested", "accepted", "repayment"] as const;
export type ProofStatus = (typeof PROOF_STATUSES)[number];
export const PROOF_OUTCOMES = ["accepted", "more_requested", "repayment"] as const;
export type ProofOutcome = (typeof PROOF_OUTCOMES)[number];
export const MAX_RECEIPTS = 200;
/**
 * Days the applicant has to pay a demanded repayment back (decision 131): a month from the
 * examination, the usual term of a Rückforderungsbescheid.
 */
export const REPAYMENT_DAYS = 30;

/** The day a repayment demanded on `examinedOn` (ISO date) is due. */
export function repaymentDueDate(examinedOn: string): string {
  return new Date(Date.parse(`${examinedOn}T00:00:00Z`) + REPAYMENT_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** What the applicant writes on the transfer, so the treasury can match it to the demand. */
export const repaymentPurpose = (reference: string) => `Rückzahlung ${reference}`;
/** Empty receipt rows the no-JavaScript form offers beyond those already listed. */
export const RECEIPT_ROWS_EXTRA = 5;

/** Actual costs of one cost type, with the reason for a deviation beyond the call's tolerance. */
export type ProofLine = { type: CostType; actualCents: number; reason: string };
/** One entry of the receipts list (Belegliste). */
export type Receipt = { date: string; payee: string; type: CostType; amountCents: number };

export type LineCheck = {
  type: CostType;
  plannedCents: number;
  actualCents: number;
  /** actual − planned (negative: savings). */
  deviationCents: number;
  /** Highest actual cost recognized for this line: planned plus the tolerance. */
  allowedCents: number;
  /** The deviation (either way) exceeds the tolerance: a reason is required. */
  needsReason: boolean;
  /** Actual costs above the tolerance, not recognized. */
  overspendCents: number;
};

/** The approved plan summed per cost type, in the order of the call's rules. */
export function planByType(budget: readonly BudgetLine[], rules: readonly CostRule[]) {
  return rules.map((r) => ({
    type: r.type,
    plannedCents: sum(budget.filter((l) => l.type === r.type).map((l) => l.amountCents)),
  }));
}

/** The ±tolerance rule per line (tolerance in basis points of the planned amount, rounded down). */
export function checkLines(
  plan: readonly { type: CostType; plannedCents: number }[],
  actual: readonly { type: CostType; actualCents: number }[],
  deviationBp: number,
): LineCheck[] {
  return plan.map((p) => {
    const actualCents = sum(actual.filter((a) => a.type === p.type).map((a) => a.actualCents));
    const tolerance = applyRate(p.plannedCents, Math.min(deviationBp, RATE_FULL_BP * 10));
    const allowedCents = p.plannedCents + tolerance;
    const deviationCents = actualCents - p.plannedCents;
    return {
      type: p.type,
      plannedCents: p.plannedCents,
      actualCents,
      deviationCents,
      allowedCents,
      needsReason: Math.abs(deviationCents) > tolerance,
      overspendCents: Math.max(0, actualCents - allowedCents),
    };
  });
}

export type Settlement = {
  lines: LineCheck[];
  plannedCents: number;
  actualCents: number;
  /** Σ min(actual, allowed), and never above the planned total (the plan binds in total). */
  recognizedCents: number;
  /** What the grant comes to under the recognized costs. */
  dueCents: number;
  paidCents: number;
  /** Paid beyond what is due: to be paid back. */
  repaymentCents: number;
  /** Due but not yet paid. */
  outstandingCents: number;
};

/**
 * The settlement of a grant (Anteilfinanzierung): the recognized actual costs go through the
 * call's rates and caps like the plan did; the grant's share of the plan's eligible amount
 * applies to them, so a grant cut to part of the plan is cut by the same share; never more than
 * granted. Products and quotients in BigInt, rounded down.
 */
export function computeSettlement(input: {
  budget: readonly BudgetLine[];
  actual: readonly { type: CostType; actualCents: number }[];
  rules: readonly CostRule[];
  projectCapCents: number;
  deviationBp: number;
  grantedCents: number;
  paidCents: number;
}): Settlement {
  const plan = planByType(input.budget, input.rules);
  const lines = checkLines(plan, input.actual, input.deviationBp);
  const plannedCents = sum(plan.map((p) => p.plannedCents));
  const actualCents = sum(lines.map((l) => l.actualCents));
  // Overspends within the tolerance are covered by savings on other lines only up to the plan's total.
  let room = plannedCents;
  const recognized: BudgetLine[] = lines.map((l) => {
    const cents = Math.min(Math.min(l.actualCents, l.allowedCents), room);
    room -= cents;
    return { type: l.type, amountCents: cents, description: "" };
  });
  const recognizedCents = sum(recognized.map((l) => l.amountCents));
  const planEligible = computeEligibility(
    input.budget,
    input.rules,
    input.projectCapCents,
    null,
  ).eligibleCents;
  const actualEligible = computeEligibility(
    recognized,
    input.rules,
    input.projectCapCents,
    null,
  ).eligibleCents;
  const dueCents =
    planEligible === 0
      ? 0
      : Math.min(
          input.grantedCents,
          Number((BigInt(actualEligible) * BigInt(input.grantedCents)) / BigInt(planEligible)),
        );
  return {
    lines,
    plannedCents,
    actualCents,
    recognizedCents,
    dueCents,
    paidCents: input.paidCents,
    repaymentCents: Math.max(0, input.paidCents - dueCents),
    outstandingCents: Math.max(0, dueCents - input.paidCents),
  };
}

/** The proof is due on the last day of the `months`-th month after the grant year. */
export function proofDueDate(year: number, months: number): string {
  const y = year + 1 + Math.floor((months - 1) / 12);
  const m = ((months - 1) % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

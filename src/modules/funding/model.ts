/**
 * The funding module's public model (Kleinprojektförderung, issue 19): cost types, statuses,
 * limits, the stored JSON shapes, and the money arithmetic. Money is integer cents throughout;
 * rates are basis points (10 000 = 100 %). No floating point touches an amount: products are
 * taken in BigInt and rounded down, so an eligible amount is never a cent above the rule.
 * Browser-safe: no table definitions, no database.
 */

/** Unna's eligible cost types (Förderrichtlinie 2020, seed 001). */
export const COST_TYPES = [
  "volunteer_allowance",
  "personnel",
  "travel",
  "rent",
  "board_lodging",
  "material",
  "insurance",
] as const;
export type CostType = (typeof COST_TYPES)[number];

export const CALL_STATUSES = ["draft", "open", "closed"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * draft: the applicant is still writing; submitted: filed, awaiting screening; in_review: screened
 * as complete and eligible, the board scores; ineligible: screening refused it; granted /
 * partly_granted / refused: decided.
 */
export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "in_review",
  "ineligible",
  "granted",
  "partly_granted",
  "refused",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const DECIDED: readonly ApplicationStatus[] = ["granted", "partly_granted", "refused"];
export const DECISION_OUTCOMES = ["granted", "partly_granted", "refused"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const RATE_FULL_BP = 10_000;
/** One million euros: above any small-project amount, far below integer limits. */
export const MAX_AMOUNT_CENTS = 100_000_000;
export const MAX_BUDGET_LINES = 30;
export const MAX_CRITERIA = 12;
export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
/** How long an applicant's e-mail link stays valid. */
export const APPLICANT_LINK_DAYS = 60;
/** After the decision the status link stays open this long: the letter, later the proof of use. */
export const STATUS_LINK_DAYS = 550;

/** One cost type of a call: its funding rate and an optional cap on the eligible amount. */
export type CostRule = { type: CostType; rateBp: number; capCents: number | null };
/** A review criterion with its weight (1–10). */
export type Criterion = { key: string; label: string; weight: number };
/** One line of an applicant's finance plan. */
export type BudgetLine = { type: CostType; amountCents: number; description: string };

/** Unna's 2020 guideline: personnel at 50 %, every other type at 100 %, no per-type caps. */
export const UNNA_COST_RULES: CostRule[] = COST_TYPES.map((type) => ({
  type,
  rateBp: type === "personnel" ? 5_000 : RATE_FULL_BP,
  capCents: null,
}));

/** Why a line or the total came out below what was asked (shown in plain words). */
export type LineReason = "not_eligible" | "rate" | "type_cap";
export type EligibleLine = {
  type: CostType;
  requestedCents: number;
  rateBp: number;
  eligibleCents: number;
  reasons: LineReason[];
};
export type Eligibility = {
  lines: EligibleLine[];
  requestedCents: number;
  /** Σ over lines of min(cost × rate, type cap). */
  linesEligibleCents: number;
  /** After the project cap. */
  cappedCents: number;
  /** After what is left of the year's pot (null: not checked). */
  eligibleCents: number;
  projectCapApplied: boolean;
  potLimited: boolean;
};

/** amount × rate / 10 000, rounded down, in exact integer arithmetic. */
export function applyRate(amountCents: number, rateBp: number): number {
  return Number((BigInt(amountCents) * BigInt(rateBp)) / BigInt(RATE_FULL_BP));
}

/**
 * The eligible amount of a finance plan under a call's rules: per cost type Σ cost × rate within
 * that type's cap, then the project cap, then what is left of the year's pot. Lines of a type the
 * call does not fund count 0. Pure; every figure an integer number of cents.
 */
export function computeEligibility(
  budget: readonly BudgetLine[],
  rules: readonly CostRule[],
  projectCapCents: number,
  potLeftCents: number | null,
): Eligibility {
  const byType = new Map(rules.map((r) => [r.type, r]));
  const perType = new Map<CostType, number>();
  const lines: EligibleLine[] = budget.map((line) => {
    const rule = byType.get(line.type);
    if (!rule) {
      return {
        type: line.type,
        requestedCents: line.amountCents,
        rateBp: 0,
        eligibleCents: 0,
        reasons: line.amountCents > 0 ? ["not_eligible"] : [],
      };
    }
    const reasons: LineReason[] = [];
    let eligible = applyRate(line.amountCents, rule.rateBp);
    if (eligible < line.amountCents) reasons.push("rate");
    // A type cap applies to all lines of that type together.
    const used = perType.get(line.type) ?? 0;
    if (rule.capCents !== null && used + eligible > rule.capCents) {
      eligible = Math.max(0, rule.capCents - used);
      reasons.push("type_cap");
    }
    perType.set(line.type, used + eligible);
    return {
      type: line.type,
      requestedCents: line.amountCents,
      rateBp: rule.rateBp,
      eligibleCents: eligible,
      reasons,
    };
  });
  const requestedCents = sum(budget.map((l) => l.amountCents));
  const linesEligibleCents = sum(lines.map((l) => l.eligibleCents));
  const cappedCents = Math.min(linesEligibleCents, projectCapCents);
  const left = potLeftCents === null ? cappedCents : Math.max(0, potLeftCents);
  const eligibleCents = Math.min(cappedCents, left);
  return {
    lines,
    requestedCents,
    linesEligibleCents,
    cappedCents,
    eligibleCents,
    projectCapApplied: cappedCents < linesEligibleCents,
    potLimited: eligibleCents < cappedCents,
  };
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export type MoneyParse =
  | { ok: true; cents: number }
  | { ok: false; code: "money_format" | "money_negative" | "money_too_large" };

/**
 * An amount as people type it: "1.234,56 €", "1234,5", "1 234", "1.234", "EUR 80", "1,234.56".
 * Money has at most two decimals, so a separator followed by exactly three digits always groups
 * thousands ("1.234" and "1,234" are 1 234 €) and one followed by one or two digits is the
 * decimal separator: no ambiguity to guess. Parsed as text into integer cents, never as a float.
 */
export function parseMoney(input: string): MoneyParse {
  let s = input
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/€|eur$|^eur/gi, "");
  if (s === "") return { ok: false, code: "money_format" };
  if (/^[-−]/.test(s)) return { ok: false, code: "money_negative" };
  if (s.startsWith("+")) s = s.slice(1);
  const m = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false, code: "money_format" };
  const [, intPart = "", group, decimal, frac = ""] = m;
  if (group && decimal && group === decimal) return { ok: false, code: "money_format" };
  const euros = intPart.replace(/[.,]/g, "");
  if (euros.length > 9) return { ok: false, code: "money_too_large" };
  const cents = Number(euros) * 100 + Number(frac.padEnd(2, "0") || "0");
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, code: "money_too_large" };
  return { ok: true, cents };
}

/** Cents as a plain decimal string ("123456" → "1234.56"), for Intl and for form fields. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${(abs - (abs % 100)) / 100}.${String(abs % 100).padStart(2, "0")}`;
}

/** "1.234,56 €" in German, "€1,234.56" in English: Intl formats the exact decimal string. */
export function formatMoney(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === "de" ? "de-DE" : lang, { style: "currency", currency: "EUR" }).format(
    centsToDecimal(cents) as unknown as number,
  );
}

/** A German-style editable amount ("1234,56"), what the budget editor shows back. */
export function moneyInput(cents: number): string {
  return centsToDecimal(cents).replace(".", ",");
}

/** Weighted score of one review: Σ score × weight (integers). */
export function weightedScore(criteria: readonly Criterion[], scores: Record<string, number>): number {
  return sum(criteria.map((c) => (scores[c.key] ?? 0) * c.weight));
}

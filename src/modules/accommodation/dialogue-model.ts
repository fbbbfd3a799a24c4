/**
 * Site-selection weights from a citizens' dialogue (issue 21, decision 114). Pure: the surveys
 * module summarises the answers per question (count and quartiles, small counts hidden); this
 * turns them into one weight per criterion.
 *
 * - `rating`: each participant rates each criterion's importance (e.g. 1–5, or points given);
 *   the weight is the median rating.
 * - `rank`: each participant ranks the k asked criteria, 1 = most important; rank r gives
 *   k + 1 − r points (rank-sum weights), and the weight is the median of the points. Because the
 *   conversion is linear and decreasing, the median of the points is k + 1 − the median rank,
 *   and the quartiles swap ends.
 * A criterion not asked in the dialogue gets the weight 0, shown as such. A negative median (a
 * scale from −2 to 2) counts as 0: a weight is never negative.
 */
import type { DialogueMethod } from "./model.ts";

export type Summary = {
  name: string;
  n: { value: number | null; suppressed: "primary" | "secondary" | null };
  q1: number | null;
  median: number | null;
  q3: number | null;
};

export type DerivedRow = {
  criterionId: string;
  /** The question asked for this criterion; null = not asked (weight 0). */
  question: string | null;
  /** Answers counted; null when hidden by the small-cell rule. */
  answers: number | null;
  suppressed: boolean;
  /** Quartiles in weight terms (points for a ranking). */
  q1: number | null;
  median: number | null;
  q3: number | null;
  weight: number | null;
  /** weight ÷ the sum of weights, 0–1. */
  share: number | null;
};

/** `ok`: every asked criterion has a weight; otherwise why no weight set can be adopted. */
export type DerivedStatus = "ok" | "unmapped" | "suppressed" | "no_answers" | "sum_zero";

export type Derived = { status: DerivedStatus; rows: DerivedRow[]; weights: Record<string, number> | null };

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function deriveWeights(
  criteria: readonly { id: string }[],
  mapping: Readonly<Record<string, string>>,
  method: DialogueMethod,
  summaries: readonly Summary[],
): Derived {
  const byName = new Map(summaries.map((s) => [s.name, s]));
  const asked = criteria.filter((c) => mapping[c.id]);
  const k = asked.length;
  const toWeight = (v: number | null) =>
    v === null ? null : round(Math.max(0, method === "rank" ? k + 1 - v : v));
  const rows: DerivedRow[] = criteria.map((c) => {
    const question = mapping[c.id] ?? null;
    if (!question)
      return {
        criterionId: c.id,
        question: null,
        answers: null,
        suppressed: false,
        q1: null,
        median: null,
        q3: null,
        weight: 0,
        share: null,
      };
    const s = byName.get(question);
    const [lo, hi] = method === "rank" ? [s?.q3 ?? null, s?.q1 ?? null] : [s?.q1 ?? null, s?.q3 ?? null];
    return {
      criterionId: c.id,
      question,
      answers: s ? s.n.value : 0,
      suppressed: s?.n.suppressed != null,
      q1: toWeight(lo),
      median: toWeight(s?.median ?? null),
      q3: toWeight(hi),
      weight: toWeight(s?.median ?? null),
      share: null,
    };
  });
  const status: DerivedStatus =
    k === 0
      ? "unmapped"
      : rows.some((r) => r.suppressed)
        ? "suppressed"
        : rows.some((r) => r.question && r.weight === null)
          ? "no_answers"
          : rows.reduce((a, r) => a + (r.weight ?? 0), 0) > 0
            ? "ok"
            : "sum_zero";
  if (status !== "ok") return { status, rows, weights: null };
  const sum = rows.reduce((a, r) => a + r.weight!, 0);
  for (const r of rows) r.share = round(r.weight! / sum);
  return { status, rows, weights: Object.fromEntries(rows.map((r) => [r.criterionId, r.weight!])) };
}

/** Two weight sets are the same when every criterion's weight agrees to 6 decimals. */
export function sameWeights(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => Math.abs((a[k] ?? 0) - (b[k] ?? 0)) < 1e-6);
}

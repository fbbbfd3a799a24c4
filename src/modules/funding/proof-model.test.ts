import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BudgetLine, COST_TYPES, MAX_AMOUNT_CENTS, UNNA_COST_RULES } from "./model.ts";
import { checkLines, computeSettlement, proofDueDate } from "./proof-model.ts";

const plan: BudgetLine[] = [
  { type: "material", amountCents: 100_000, description: "" },
  { type: "rent", amountCents: 50_000, description: "" },
  { type: "personnel", amountCents: 200_000, description: "" },
];
const base = {
  budget: plan,
  rules: UNNA_COST_RULES,
  projectCapCents: 500_000,
  deviationBp: 2000,
};
// Eligible under the plan: 1 000 + 500 + 50 % of 2 000 = 2 500 €.

describe("the ±20 % rule per cost line", () => {
  it("20 % over the plan is within; one cent more needs a reason and is not recognized", () => {
    const [within] = checkLines(
      [{ type: "material", plannedCents: 100_000 }],
      [{ type: "material", actualCents: 120_000 }],
      2000,
    );
    expect(within).toMatchObject({ needsReason: false, overspendCents: 0, allowedCents: 120_000 });
    const [over] = checkLines(
      [{ type: "material", plannedCents: 100_000 }],
      [{ type: "material", actualCents: 120_001 }],
      2000,
    );
    expect(over).toMatchObject({ needsReason: true, overspendCents: 1, deviationCents: 20_001 });
  });

  it("a saving beyond the tolerance needs a reason too, and is no overspend", () => {
    const [l] = checkLines(
      [{ type: "rent", plannedCents: 50_000 }],
      [{ type: "rent", actualCents: 30_000 }],
      2000,
    );
    expect(l).toMatchObject({ needsReason: true, overspendCents: 0, deviationCents: -20_000 });
  });

  it("the tenant's tolerance applies (10 %)", () => {
    const [l] = checkLines(
      [{ type: "rent", plannedCents: 50_000 }],
      [{ type: "rent", actualCents: 56_000 }],
      1000,
    );
    expect(l).toMatchObject({ needsReason: true, allowedCents: 55_000, overspendCents: 1_000 });
  });
});

describe("the settlement and the repayment", () => {
  it("spent as planned and paid in full: nothing to pay back", () => {
    const s = computeSettlement({
      ...base,
      actual: plan.map((l) => ({ type: l.type, actualCents: l.amountCents })),
      grantedCents: 250_000,
      paidCents: 250_000,
    });
    expect(s).toMatchObject({ dueCents: 250_000, repaymentCents: 0, outstandingCents: 0 });
  });

  it("an overspend within 20 % is covered by savings elsewhere, up to the plan's total", () => {
    const s = computeSettlement({
      ...base,
      actual: [
        { type: "material", actualCents: 120_000 },
        { type: "rent", actualCents: 30_000 },
        { type: "personnel", actualCents: 200_000 },
      ],
      grantedCents: 250_000,
      paidCents: 250_000,
    });
    expect(s.recognizedCents).toBe(350_000);
    expect(s.dueCents).toBe(250_000);
    expect(s.repaymentCents).toBe(0);
  });

  it("less spent than planned: the grant shrinks and the difference is reclaimed", () => {
    const s = computeSettlement({
      ...base,
      actual: [
        { type: "material", actualCents: 60_000 },
        { type: "rent", actualCents: 50_000 },
        { type: "personnel", actualCents: 200_000 },
      ],
      grantedCents: 250_000,
      paidCents: 250_000,
    });
    // 600 + 500 + 1 000 = 2 100 € due of 2 500 € paid.
    expect(s.dueCents).toBe(210_000);
    expect(s.repaymentCents).toBe(40_000);
  });

  it("a partial grant keeps its share: 2 000 of 2 500 € eligible, costs 10 % lower → 1 800 €", () => {
    const s = computeSettlement({
      ...base,
      actual: plan.map((l) => ({ type: l.type, actualCents: (l.amountCents * 9) / 10 })),
      grantedCents: 200_000,
      paidCents: 150_000,
    });
    expect(s.dueCents).toBe(180_000);
    expect(s.repaymentCents).toBe(0);
    expect(s.outstandingCents).toBe(30_000);
  });

  it("property: integer cents, never more due than granted, repayment = max(0, paid − due)", () => {
    const actual = fc.array(
      fc.record({
        type: fc.constantFrom(...COST_TYPES),
        actualCents: fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(
        actual,
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, granted, paid, bp) => {
          const s = computeSettlement({
            ...base,
            deviationBp: bp,
            actual: a,
            grantedCents: granted,
            paidCents: paid,
          });
          expect(Number.isInteger(s.dueCents)).toBe(true);
          expect(s.dueCents).toBeLessThanOrEqual(granted);
          expect(s.dueCents).toBeGreaterThanOrEqual(0);
          expect(s.recognizedCents).toBeLessThanOrEqual(s.plannedCents);
          expect(s.repaymentCents).toBe(Math.max(0, paid - s.dueCents));
        },
      ),
    );
  });
});

describe("the deadline from the call", () => {
  it("six months after the grant year is 30 June; eighteen months is 30 June two years on", () => {
    expect(proofDueDate(2026, 6)).toBe("2027-06-30");
    expect(proofDueDate(2026, 2)).toBe("2027-02-28");
    expect(proofDueDate(2026, 12)).toBe("2027-12-31");
    expect(proofDueDate(2026, 18)).toBe("2028-06-30");
  });
});

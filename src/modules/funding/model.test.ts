import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COST_TYPES,
  type CostRule,
  computeEligibility,
  formatMoney,
  MAX_AMOUNT_CENTS,
  moneyInput,
  parseMoney,
  RATE_FULL_BP,
  UNNA_COST_RULES,
} from "./model.ts";

const cents = fc.integer({ min: 0, max: MAX_AMOUNT_CENTS });
const line = fc.record({
  type: fc.constantFrom(...COST_TYPES),
  amountCents: cents,
  description: fc.constant(""),
});
const rule = (type: (typeof COST_TYPES)[number]) =>
  fc.record({
    type: fc.constant(type),
    rateBp: fc.integer({ min: 0, max: RATE_FULL_BP }),
    capCents: fc.option(fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }), { nil: null }),
  });
const rules = fc
  .subarray([...COST_TYPES], { minLength: 1 })
  .chain((types) => fc.tuple(...types.map(rule))) as fc.Arbitrary<CostRule[]>;

describe("eligible amount (Σ cost × rate within caps)", () => {
  it("never exceeds a line's rate, a type's cap, the project cap or the pot, and is an integer", () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        rules,
        cents,
        fc.option(fc.integer({ min: -MAX_AMOUNT_CENTS, max: MAX_AMOUNT_CENTS }), { nil: null }),
        (budget, rs, projectCap, pot) => {
          const e = computeEligibility(budget, rs, projectCap, pot);
          expect(Number.isSafeInteger(e.eligibleCents)).toBe(true);
          expect(e.eligibleCents).toBeGreaterThanOrEqual(0);
          expect(e.eligibleCents).toBeLessThanOrEqual(projectCap);
          if (pot !== null) expect(e.eligibleCents).toBeLessThanOrEqual(Math.max(0, pot));
          expect(e.eligibleCents).toBeLessThanOrEqual(e.requestedCents);
          for (const r of rs) {
            const ofType = e.lines.filter((l) => l.type === r.type);
            const total = ofType.reduce((s, l) => s + l.eligibleCents, 0);
            if (r.capCents !== null) expect(total).toBeLessThanOrEqual(r.capCents);
            for (const l of ofType) {
              expect(l.eligibleCents * RATE_FULL_BP).toBeLessThanOrEqual(l.requestedCents * r.rateBp);
            }
          }
          for (const l of e.lines) if (!rs.some((r) => r.type === l.type)) expect(l.eligibleCents).toBe(0);
        },
      ),
    );
  });

  it("Unna 2020: personnel at 50 %, the rest at 100 %, capped at €5,000 with the reasons named", () => {
    const e = computeEligibility(
      [
        { type: "personnel", amountCents: 400_000, description: "Honorar Projektleitung" },
        { type: "material", amountCents: 150_050, description: "" },
        { type: "rent", amountCents: 180_000, description: "" },
      ],
      UNNA_COST_RULES,
      500_000,
      2_000_000,
    );
    expect(e.lines.map((l) => l.eligibleCents)).toEqual([200_000, 150_050, 180_000]);
    expect(e.lines[0]!.reasons).toEqual(["rate"]);
    expect(e.linesEligibleCents).toBe(530_050);
    expect(e.eligibleCents).toBe(500_000);
    expect(e.projectCapApplied).toBe(true);
    expect(e.potLimited).toBe(false);
    // Only €1,200 left in the year's pot.
    expect(
      computeEligibility(
        [{ type: "material", amountCents: 300_000, description: "" }],
        UNNA_COST_RULES,
        500_000,
        120_000,
      ),
    ).toMatchObject({ eligibleCents: 120_000, potLimited: true });
  });

  it("rounds a half cent down, never up", () => {
    const e = computeEligibility(
      [{ type: "personnel", amountCents: 101, description: "" }],
      UNNA_COST_RULES,
      500_000,
      null,
    );
    expect(e.eligibleCents).toBe(50);
  });
});

describe("money as people type it", () => {
  it.each([
    ["1.234,56 €", 123_456],
    ["1234,56", 123_456],
    ["1 234,5", 123_450],
    ["1.234", 123_400],
    ["1,234.56", 123_456],
    ["EUR 80", 8_000],
    ["0,99", 99],
    ["5.000,00 €", 500_000],
    ["12.345.678", 1_234_567_800],
  ])("%s → %i cents", (input, expected) => {
    const r = parseMoney(input);
    if (expected > MAX_AMOUNT_CENTS) expect(r).toEqual({ ok: false, code: "money_too_large" });
    else expect(r).toEqual({ ok: true, cents: expected });
  });

  it.each([
    ["-5", "money_negative"],
    ["abc", "money_format"],
    ["1,2,3", "money_format"],
    ["1.234.5", "money_format"],
    ["12,345", "money_ok"],
    ["", "money_format"],
    ["1,234,56", "money_format"],
    ["99999999999", "money_too_large"],
  ])("%s → %s", (input, code) => {
    const r = parseMoney(input);
    if (code === "money_ok") expect(r).toEqual({ ok: true, cents: 1_234_500 });
    else expect(r).toEqual({ ok: false, code });
  });

  it("round-trips every amount through the editor's text and formats exactly", () => {
    fc.assert(
      fc.property(cents, (c) => {
        expect(parseMoney(moneyInput(c))).toEqual({ ok: true, cents: c });
      }),
    );
    expect(formatMoney(123_456, "de")).toBe("1.234,56\u00a0€");
    expect(formatMoney(5, "en")).toBe("€0.05");
  });
});

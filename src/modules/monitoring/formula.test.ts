import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageLimitsOf,
  checkFormula,
  evaluateFormula,
  type Formula,
  parseBreakdownKey,
  parseFormula,
  printFormula,
  termKeys,
} from "./formula.ts";

const parsed = (text: string): Formula => {
  const r = parseFormula(text);
  if (!r.ok) throw new Error(`did not parse: ${text} (${r.error.code})`);
  return r.formula;
};

describe("parseFormula", () => {
  it("reads terms, filters with several options, offsets and signs", () => {
    const f = parsed(" population{age: 0-14 | 15-19} - population@-1 + sozialgeld_u15{sex:f, age:0-14} ");
    expect(f.terms).toEqual([
      { sign: 1, element: "population", filters: [{ dim: "age", options: ["0-14", "15-19"] }], offset: 0 },
      { sign: -1, element: "population", filters: [], offset: -1 },
      {
        sign: 1,
        element: "sozialgeld_u15",
        filters: [
          { dim: "sex", options: ["f"] },
          { dim: "age", options: ["0-14"] },
        ],
        offset: 0,
      },
    ]);
  });

  it("puts filters in the canonical dimension order", () => {
    expect(printFormula(parsed("population{age:65+,sex:f}"))).toBe("population{sex:f,age:65+}");
  });

  it.each([
    ["", "empty", 0],
    ["   ", "empty", 0],
    ["population +", "expected_element", 12],
    ["population{colour:red}", "unknown_dimension", 11],
    ["population{age 65+}", "expected_colon", 15],
    ["population{age:}", "expected_option", 15],
    ["population{age:65+", "expected_close", 18],
    ["population{age:65+,age:0-14}", "duplicate_dimension", 19],
    ["population@1", "bad_offset", 11],
    ["population@-99", "bad_offset", 14],
    ["population * 2", "unexpected_char", 11],
    ["Population", "unexpected_char", 0],
  ])("%j gives %s at %i", (text, code, position) => {
    const r = parseFormula(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.position).toBe(position);
    }
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.anything()), (input) => {
        const r = parseFormula(input);
        if (!r.ok) {
          expect(typeof r.error.code).toBe("string");
          expect(r.error.position).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on strings made of the formula's own characters", () => {
    const alphabet = fc.constantFrom(..."abpop_{}:|,@-+ 0123456789agesexf".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const r = parseFormula(chars.join(""));
        if (r.ok) expect(parseFormula(printFormula(r.formula))).toEqual(r);
      }),
      { numRuns: 3000 },
    );
  });

  it("parse → print → parse is the identity for generated formulas", () => {
    const code = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    const option = fc.stringMatching(/^[a-z0-9][a-z0-9+-]{0,5}$/);
    const filter = fc.record({
      dim: fc.constantFrom("sex", "age", "nationality", "category"),
      options: fc.uniqueArray(option, { minLength: 1, maxLength: 3 }),
    });
    const term = fc.record({
      sign: fc.constantFrom(1 as const, -1 as const),
      element: code,
      filters: fc.uniqueArray(filter, { maxLength: 3, selector: (f) => f.dim }),
      offset: fc.integer({ min: -5, max: 0 }),
    });
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 5 }), (terms) => {
        const text = printFormula({ terms });
        const r = parseFormula(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(printFormula(r.formula)).toBe(printFormula(parsed(printFormula(r.formula))));
      }),
    );
  });
});

describe("evaluateFormula", () => {
  const values = new Map<string, number>([
    ["population||0", 1000],
    ["population|age:0-14|0", 150],
    ["population|age:15-19|0", 50],
    ["population|age:65+|0", 364],
    ["population||-1", 980],
    ["population|sex:f;age:0-14|0", 70],
  ]);
  const lookup = (el: string, key: string, off: number) => values.get(`${el}|${key}|${off}`);

  it("sums options and applies signs and offsets (hand-computed)", () => {
    // Old-age ratio as Unna defines it: 364 / (150 + 50) × 100 = 182.
    const num = evaluateFormula(parsed("population{age:65+}"), lookup)!;
    const den = evaluateFormula(parsed("population{age:0-14|15-19}"), lookup)!;
    expect((num / den) * 100).toBe(182);
    expect(evaluateFormula(parsed("population - population@-1"), lookup)).toBe(20);
    expect(evaluateFormula(parsed("population{age:0-14,sex:f}"), lookup)).toBe(70);
  });

  it("is undefined when any value is missing, never a partial sum", () => {
    expect(evaluateFormula(parsed("population{age:0-14|20-64}"), lookup)).toBeUndefined();
    expect(evaluateFormula(parsed("population@-2"), lookup)).toBeUndefined();
  });

  it("expands filters into every combination", () => {
    const t = parsed("population{sex:f|m,age:0-14|65+}").terms[0]!;
    expect(termKeys(t)).toEqual(["sex:f;age:0-14", "sex:f;age:65+", "sex:m;age:0-14", "sex:m;age:65+"]);
    expect(parseBreakdownKey("sex:f;age:65+")).toEqual([
      { dim: "sex", option: "f" },
      { dim: "age", option: "65+" },
    ]);
    expect(parseBreakdownKey("sex:f;sex:m")).toBeNull();
  });
});

describe("checkFormula and age limits", () => {
  const elements = [
    { code: "population", dimensions: { age: ["0-14", "15-19", "20-64", "65+"], sex: ["f", "m"] } },
  ];

  it("names a missing data element and an option the element lacks", () => {
    expect(checkFormula(parsed("population + refugees"), elements)).toEqual([
      { code: "unknown_element", position: 0, params: { code: "refugees" } },
    ]);
    expect(checkFormula(parsed("population{age:18-64}"), elements)).toEqual([
      { code: "unknown_option", position: 0, params: { code: "population", dim: "age", option: "18-64" } },
    ]);
    expect(checkFormula(parsed("population{age:65+}"), elements)).toEqual([]);
  });

  it("merges adjacent age bands into the limits shown to readers", () => {
    expect(ageLimitsOf(parsed("population{age:0-14|15-19}"))).toEqual([{ from: 0, to: 19 }]);
    expect(ageLimitsOf(parsed("population{age:65+}"))).toEqual([{ from: 65, to: null }]);
    expect(ageLimitsOf(parsed("population{age:0-14|15-19|20-64}"))).toEqual([{ from: 0, to: 64 }]);
    expect(ageLimitsOf(parsed("population"))).toEqual([]);
  });
});

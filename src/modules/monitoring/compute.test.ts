import { describe, expect, it } from "vitest";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import { computePeriod, parseIndicators, type ValueIndex, valueKey } from "./compute.ts";
import type { ReleaseDefinitions } from "./schema.ts";

const indicator = (
  code: string,
  numerator: string,
  denominator: string | null,
  factor = 100,
): ReleaseDefinitions["indicators"][number] => ({
  code,
  labelKey: null,
  name: code,
  numerator,
  denominator,
  factor,
  unit: denominator ? "percent" : "count",
  decimals: 1,
  polarity: "neutral",
  inStatusIndex: false,
  source: null,
  notes: null,
  template: null,
  public: true,
  sortOrder: 0,
});

function index(period: string, rows: [string, string, string, number][]): ValueIndex {
  return new Map([
    [
      period,
      new Map(rows.map(([el, area, key, value]) => [valueKey(el, area, key), { value, synthetic: false }])),
    ],
  ]);
}

const dims = new Map([["pop", { sex: ["f", "m", "d"] }]]);

describe("computePeriod", () => {
  it("computes rates and the city as Σ numerators / Σ denominators (hand-computed)", () => {
    const values = index("2020", [
      ["pop", "a", "", 400],
      ["pop", "b", "", 600],
      ["sgb", "a", "", 40],
      ["sgb", "b", "", 90],
    ]);
    const r = computePeriod(
      parseIndicators([indicator("rate", "sgb", "pop")]),
      values,
      "2020",
      ["a", "b"],
      dims,
      DEFAULT_SMALL_CELL_RULE,
    );
    const rate = r.byIndicator.get("rate")!;
    expect(rate.byArea.get("a")!.value).toBe(10);
    expect(rate.byArea.get("b")!.value).toBe(15);
    expect(rate.city.value).toBe(13); // (40 + 90) / (400 + 600) × 100
  });

  it("says 'denominator 0' and 'no data' instead of a number", () => {
    const values = index("2020", [
      ["pop", "a", "", 0],
      ["sgb", "a", "", 0],
    ]);
    const r = computePeriod(
      parseIndicators([
        indicator("rate", "sgb", "pop"),
        indicator("missing", "refugees", "pop"),
        indicator("broken", "sgb", "pop{"),
      ]),
      values,
      "2020",
      ["a"],
      dims,
      DEFAULT_SMALL_CELL_RULE,
    );
    expect(r.byIndicator.get("rate")!.byArea.get("a")).toMatchObject({
      value: null,
      missing: "zero_denominator",
    });
    expect(r.byIndicator.get("missing")!.byArea.get("a")).toMatchObject({ value: null, missing: "no_data" });
    expect(r.byIndicator.get("broken")!.byArea.get("a")).toMatchObject({ value: null, missing: "no_data" });
  });

  it("never lets total − female − male reveal a small 'diverse' count", () => {
    const values = index("2020", [
      ["pop", "a", "", 1003],
      ["pop", "a", "sex:f", 520],
      ["pop", "a", "sex:m", 480],
      ["pop", "a", "sex:d", 3],
      ["pop", "b", "", 900],
      ["pop", "b", "sex:f", 450],
      ["pop", "b", "sex:m", 450],
      ["pop", "b", "sex:d", 0],
    ]);
    const r = computePeriod(
      parseIndicators([
        indicator("total", "pop", null, 1),
        indicator("female", "pop{sex:f}", null, 1),
        indicator("male", "pop{sex:m}", null, 1),
      ]),
      values,
      "2020",
      ["a", "b"],
      dims,
      DEFAULT_SMALL_CELL_RULE,
    );
    const shown = (code: string, area: string | null) => {
      const e = r.byIndicator.get(code)!;
      return (area === null ? e.city : e.byArea.get(area)!).value;
    };
    const total = shown("total", "a");
    const f = shown("female", "a");
    const m = shown("male", "a");
    // At least one of the three must be hidden in area a …
    expect([total, f, m].filter((v) => v === null).length).toBeGreaterThanOrEqual(1);
    // … and not recoverable through the city either.
    const cityParts = ["total", "female", "male"].map((c) => shown(c, null));
    const bParts = ["total", "female", "male"].map((c) => shown(c, "b"));
    const derivable = [0, 1, 2].map((k) => {
      const own = [total, f, m][k];
      if (own !== null) return own;
      const city = cityParts[k];
      const other = bParts[k];
      return city !== null && other !== null ? city! - other! : null;
    });
    const [dt, df, dm] = derivable;
    expect(dt !== null && df !== null && dm !== null).toBe(false);
  });
});

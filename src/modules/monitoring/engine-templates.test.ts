import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import { computePeriod, parseIndicators, type ValueIndex, valueKey } from "./compute.ts";
import { checkFormula, FORMULA_ERROR_CODES, formulaErrorKey, parseFormula } from "./formula.ts";
import type { ReleaseDefinitions } from "./schema.ts";
import {
  ageLimitLabel,
  DIMENSION_LABEL_KEYS,
  OPTION_LABEL_KEYS,
  POLARITY_LABEL_KEYS,
  TEMPLATE_ELEMENTS,
  TEMPLATE_INDICATORS,
  UNIT_LABEL_KEYS,
} from "./templates.ts";

const LANGS = ["de", "en", "ar", "tr", "ru", "uk", "fa"];
const catalog = (lang: string): Record<string, string> =>
  JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, `../../../locales/${lang}/monitoring_catalog.json`),
      "utf8",
    ),
  );

const definitions = TEMPLATE_INDICATORS as unknown as ReleaseDefinitions["indicators"];
const dimensions = new Map(TEMPLATE_ELEMENTS.map((e) => [e.code, e.dimensions]));

/** Stored values: period → [element, area, breakdown, value]. */
function values(rows: Record<string, [string, string, string, number][]>): ValueIndex {
  return new Map(
    Object.entries(rows).map(([period, list]) => [
      period,
      new Map(list.map(([el, area, key, v]) => [valueKey(el, area, key), { value: v, synthetic: false }])),
    ]),
  );
}

/** A full population breakdown (each dimension sums to the total). */
function population(
  area: string,
  p: {
    sex: [number, number, number];
    age: [number, number, number, number];
    nat: [number, number, number];
  },
): [string, string, string, number][] {
  const total = p.sex[0] + p.sex[1] + p.sex[2];
  expect(p.age.reduce((a, b) => a + b)).toBe(total);
  expect(p.nat.reduce((a, b) => a + b)).toBe(total);
  return [
    ["population", area, "", total],
    ...(["f", "m", "d"] as const).map((o, i): [string, string, string, number] => [
      "population",
      area,
      `sex:${o}`,
      p.sex[i]!,
    ]),
    ...["0-14", "15-19", "20-64", "65+"].map((o, i): [string, string, string, number] => [
      "population",
      area,
      `age:${o}`,
      p.age[i]!,
    ]),
    ...["german", "dual", "foreign"].map((o, i): [string, string, string, number] => [
      "population",
      area,
      `nationality:${o}`,
      p.nat[i]!,
    ]),
  ];
}

// Two areas, constructed so that the figures can be worked out by hand.
const DATA = values({
  "2017": [
    ["population", "A", "", 9800],
    ["population", "A", "nationality:foreign", 1000],
    ["population", "B", "", 5100],
    ["population", "B", "nationality:foreign", 240],
  ],
  "2018": [
    // A: 10,000 residents; under 20: 1,000 + 500; 65+: 2,730 (182 per 100 under 20).
    ...population("A", { sex: [5100, 4880, 20], age: [1000, 500, 5770, 2730], nat: [8800, 300, 900] }),
    // B: 5,000 residents; under 20: 1,000; 65+: 980 (98 per 100 under 20).
    ...population("B", { sex: [2520, 2480, 0], age: [600, 400, 3020, 980], nat: [4600, 150, 250] }),
    ["sgb2_recipients_u65", "A", "", 840],
    ["sgb2_recipients_u65", "B", "", 151],
    ["sozialgeld_u15", "A", "", 195],
    ["sozialgeld_u15", "B", "", 19],
    ["naturalisations", "A", "", 18],
    ["naturalisations", "B", "", 6],
  ],
});

describe("template indicators against hand-computed values", () => {
  const r = computePeriod(
    parseIndicators(definitions),
    DATA,
    "2018",
    ["A", "B"],
    dimensions,
    DEFAULT_SMALL_CELL_RULE,
  );
  const cell = (code: string, area: string | null) => {
    const e = r.byIndicator.get(code)!;
    return area === null ? e.city : e.byArea.get(area)!;
  };
  const value = (code: string, area: string | null) => cell(code, area).value;

  it("counts: population total, female, male, and the city as their sum", () => {
    expect(value("population_total", "A")).toBe(10000);
    expect(value("population_total", "B")).toBe(5000);
    expect(value("population_total", null)).toBe(15000);
    expect(value("population_female", "A")).toBe(5100);
    expect(value("population_male", "B")).toBe(2480);
    expect(value("population_female", null)).toBe(7620);
  });

  it("old-age ratios (Unna and NRW) and the youth ratio", () => {
    expect(value("old_age_ratio_unna", "A")).toBeCloseTo(182, 10); // 2730 / 1500 × 100
    expect(value("old_age_ratio_unna", "B")).toBeCloseTo(98, 10); // 980 / 1000 × 100
    expect(value("old_age_ratio_unna", null)).toBeCloseTo(148.4, 10); // 3710 / 2500 × 100
    expect(value("old_age_ratio_nrw", "A")).toBeCloseTo((2730 / 5770) * 100, 10);
    expect(value("youth_ratio", "B")).toBeCloseTo((1000 / 3020) * 100, 10);
    expect(value("youth_ratio", null)).toBeCloseTo((2500 / 8790) * 100, 10);
  });

  it("shares, SGB-II rate under 65 and children on Sozialgeld", () => {
    expect(value("foreign_share", "A")).toBeCloseTo(9, 10);
    expect(value("foreign_share", null)).toBeCloseTo((1150 / 15000) * 100, 10);
    expect(value("dual_share", "B")).toBeCloseTo(3, 10);
    expect(value("sgb2_rate", "A")).toBeCloseTo((840 / 7270) * 100, 10); // under 65: 1000 + 500 + 5770
    expect(value("sgb2_rate", null)).toBeCloseTo((991 / 11290) * 100, 10);
    expect(value("sozialgeld_u15_share", "A")).toBeCloseTo(19.5, 10);
    expect(value("sozialgeld_u15_share", null)).toBeCloseTo(13.375, 10); // 214 / 1600
  });

  it("reads the previous period for the change and the naturalisation rate", () => {
    expect(value("population_change", "A")).toBeCloseTo((200 / 9800) * 100, 10);
    expect(value("population_change", "B")).toBeCloseTo((-100 / 5100) * 100, 10);
    expect(value("population_change", null)).toBeCloseTo((100 / 14900) * 100, 10);
    expect(value("naturalisation_rate", "A")).toBeCloseTo(1.8, 10); // 18 / 1000
    expect(value("naturalisation_rate", "B")).toBeCloseTo(2.5, 10); // 6 / 240
    expect(value("naturalisation_rate", null)).toBeCloseTo((24 / 1240) * 100, 10);
  });

  it("has no figure for Lotse's own elements when none were computed", () => {
    expect(cell("lotse_open_cases", "A")).toMatchObject({ value: null, missing: "no_data" });
    expect(cell("lotse_open_needs_housing", null)).toMatchObject({ value: null, missing: "no_data" });
  });

  it("gives no_data, never a number, for @-1 without a previous period", () => {
    const first = computePeriod(
      parseIndicators(definitions),
      DATA,
      "2017",
      ["A", "B"],
      dimensions,
      DEFAULT_SMALL_CELL_RULE,
    );
    expect(first.byIndicator.get("population_change")!.byArea.get("A")).toMatchObject({
      value: null,
      missing: "no_data",
    });
    expect(first.byIndicator.get("naturalisation_rate")!.city).toMatchObject({
      value: null,
      missing: "no_data",
    });
  });

  it("gives zero_denominator for an area without children, never NaN or Infinity", () => {
    const data = values({
      "2018": [
        ...population("A", { sex: [60, 40, 0], age: [0, 0, 70, 30], nat: [100, 0, 0] }),
        ["sozialgeld_u15", "A", "", 0],
      ],
    });
    const z = computePeriod(
      parseIndicators(definitions),
      data,
      "2018",
      ["A"],
      dimensions,
      DEFAULT_SMALL_CELL_RULE,
    );
    for (const code of ["sozialgeld_u15_share", "old_age_ratio_unna"])
      expect(z.byIndicator.get(code)!.byArea.get("A")).toMatchObject({
        value: null,
        suppressed: null,
        missing: "zero_denominator",
      });
  });
});

describe("template definitions", () => {
  it("every formula parses and refers only to template elements and their options", () => {
    for (const ind of TEMPLATE_INDICATORS) {
      for (const text of [ind.numerator, ind.denominator]) {
        if (text === null) continue;
        const parsed = parseFormula(text);
        expect(parsed.ok, `${ind.code}: ${text}`).toBe(true);
        if (parsed.ok) expect(checkFormula(parsed.formula, TEMPLATE_ELEMENTS), ind.code).toEqual([]);
      }
    }
  });

  it("codes are unique; Lotse's figures are internal; only the two benefit rates form the status index", () => {
    const codes = TEMPLATE_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of TEMPLATE_INDICATORS) if (i.code.startsWith("lotse_")) expect(i.public).toBe(false);
    expect(TEMPLATE_INDICATORS.filter((i) => i.inStatusIndex).map((i) => i.code)).toEqual([
      "sgb2_rate",
      "sozialgeld_u15_share",
    ]);
  });

  it("every catalog key the templates and helpers name exists in all seven languages", () => {
    const keys = [
      ...TEMPLATE_ELEMENTS.map((e) => e.labelKey),
      ...TEMPLATE_INDICATORS.map((i) => i.labelKey),
      ...Object.values(UNIT_LABEL_KEYS),
      ...Object.values(POLARITY_LABEL_KEYS),
      ...Object.values(DIMENSION_LABEL_KEYS),
      ...Object.values(OPTION_LABEL_KEYS).flatMap((o) => Object.values(o ?? {})),
      ...FORMULA_ERROR_CODES.map(formulaErrorKey),
      formulaErrorKey("something_else"),
      ageLimitLabel({ from: 65, to: null }).key,
      ageLimitLabel({ from: 0, to: 19 }).key,
      ageLimitLabel({ from: 20, to: 64 }).key,
    ];
    for (const lang of LANGS) {
      const cat = catalog(lang);
      for (const key of keys) {
        const [ns, name] = key.split(/\.(.*)/s) as [string, string];
        expect(ns).toBe("monitoring_catalog");
        expect(cat[name], `${lang}: ${key}`).toBeTruthy();
      }
    }
  });

  it("reads age limits as the report writes them", () => {
    expect(ageLimitLabel({ from: 0, to: 19 })).toEqual({
      key: "monitoring_catalog.age_under",
      params: { below: 20 },
    });
    expect(ageLimitLabel({ from: 65, to: null })).toEqual({
      key: "monitoring_catalog.age_from",
      params: { from: 65 },
    });
    expect(ageLimitLabel({ from: 20, to: 64 }).params).toEqual({ from: 20, to: 64 });
  });

  it("every error parseFormula gives on arbitrary input has a catalog message", () => {
    const de = catalog("de");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(fc.constantFrom(..."population{}sex:age|65+,@-1 +-xyz0".split("")), { maxLength: 40 }),
        ),
        (input) => {
          const r = parseFormula(typeof input === "string" ? input : input.join(""));
          if (r.ok) return;
          expect((FORMULA_ERROR_CODES as readonly string[]).includes(r.error.code)).toBe(true);
          expect(de[formulaErrorKey(r.error.code).slice("monitoring_catalog.".length)]).toBeTruthy();
        },
      ),
      { numRuns: 500 },
    );
  });
});

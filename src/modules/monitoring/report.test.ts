import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import {
  ageLimitsLine,
  assembleReport,
  cellText,
  chooseKeyIndicator,
  definitionText,
  formulaText,
  parseReportQuery,
} from "./report.ts";
import type {
  IndexResults,
  IndicatorDefinition,
  MonitoringArea,
  MonitoringCell,
  PeriodResults,
  SeriesResults,
} from "./types.ts";

const de = createTranslator("de", catalogs().get("de") ?? {});
const en = createTranslator("en", catalogs().get("en") ?? {});
const rule = DEFAULT_SMALL_CELL_RULE;

const cell = (value: number | null, extra: Partial<MonitoringCell> = {}): MonitoringCell => ({
  value,
  suppressed: null,
  missing: value === null ? "no_data" : null,
  synthetic: false,
  ...extra,
});

function def(code: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition {
  return {
    code,
    labelKey: null,
    name: code,
    numerator: "population",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: null,
    notes: null,
    template: null,
    public: true,
    sortOrder: 0,
    ageLimits: { numerator: [], denominator: [] },
    elements: ["population"],
    ...extra,
  };
}

function area(id: string, name: string): MonitoringArea {
  return { id, code: id, name, level: "social_area", population: 1000, sparse: false, approximate: true };
}

describe("figures as readers see them", () => {
  const rate = def("rate", { unit: "percent", decimals: 1 });
  it("formats by the indicator's decimals in the reader's language, signs changes, marks synthetic values", () => {
    expect(cellText(cell(24.6999), rate, "de", rule)).toBe("24,7");
    expect(cellText(cell(24.6999), rate, "en", rule)).toBe("24.7");
    expect(cellText(cell(61098), def("pop"), "de", rule)).toBe("61.098");
    expect(cellText(cell(0.25), rate, "de", rule, { signed: true })).toBe("+0,3");
    expect(cellText(cell(-0.25), rate, "de", rule, { signed: true })).toBe("-0,3");
    expect(cellText(cell(12, { synthetic: true }), def("pop"), "de", rule)).toBe("12*");
    expect(cellText(cell(12, { synthetic: true }), def("pop"), "de", rule, { synthetic: false })).toBe("12");
  });

  it("shows hidden and missing figures only as their legend symbols", () => {
    expect(cellText(cell(null, { suppressed: "primary", missing: null }), rate, "de", rule)).toBe("<5");
    expect(cellText(cell(null, { suppressed: "secondary", missing: null }), rate, "de", rule)).toBe("•");
    expect(cellText(cell(null), rate, "de", rule)).toBe("–");
    expect(cellText(cell(null, { missing: "zero_denominator" }), rate, "de", rule)).toBe("÷0");
    expect(
      cellText(cell(null, { suppressed: "primary", missing: null }), rate, "de", { ...rule, minCount: 10 }),
    ).toBe("<10");
  });
});

describe("definitions in words", () => {
  it("spells out formulas with element names, options and earlier years", () => {
    expect(formulaText("population{age:65+}", de)).toBe("Einwohnerinnen und Einwohner (65 Jahre und älter)");
    expect(formulaText("population{age:0-14|15-19}", de)).toBe(
      "Einwohnerinnen und Einwohner (unter 15 Jahren oder 15 bis 19 Jahre)",
    );
    expect(formulaText("population - population@-1", de)).toBe(
      "Einwohnerinnen und Einwohner − Einwohnerinnen und Einwohner im Vorjahr",
    );
    expect(formulaText("population{sex:f,nationality:foreign}", en)).toContain("(female; foreign");
    // Unknown elements keep their code; text that does not parse is shown as it is.
    expect(formulaText("own_count", de)).toBe("own_count");
    expect(formulaText("a +", de)).toBe("a +");
  });

  it("always states the age limits, per side, and the factor", () => {
    const unna = def("old_age_ratio_unna", {
      numerator: "population{age:65+}",
      denominator: "population{age:0-14|15-19}",
      factor: 100,
      unit: "per_100",
      ageLimits: { numerator: [{ from: 65, to: null }], denominator: [{ from: 0, to: 19 }] },
    });
    expect(ageLimitsLine(unna, de)).toBe("Altersgrenzen: Zähler 65 Jahre und älter; Nenner unter 20 Jahren.");
    expect(ageLimitsLine(def("x"), de)).toBeNull();
    expect(definitionText(unna, de, "de")).toBe(
      "Zähler: Einwohnerinnen und Einwohner (65 Jahre und älter). Nenner: Einwohnerinnen und Einwohner (unter 15 Jahren oder 15 bis 19 Jahre). Faktor: 100.",
    );
  });
});

describe("the report model", () => {
  const a = area("a", "Nord");
  const b = area("b", "Süd");
  const rate = def("rate", {
    unit: "percent",
    decimals: 1,
    inStatusIndex: true,
    polarity: "lower_is_better",
  });
  const pop = def("pop");
  const results: PeriodResults = {
    period: "2019",
    previousPeriod: "2018",
    dataVersion: 7,
    releasedAt: "2026-01-01T00:00:00.000Z",
    level: "social_area",
    areas: [a, b],
    city: { ...area("city", "Stadt"), level: "city" },
    indicators: [
      {
        indicator: pop,
        byArea: { a: cell(1000), b: cell(2000) },
        city: cell(3000),
        change: { a: cell(10), b: cell(-5) },
        cityChange: cell(5),
        rank: { a: 2, b: 1 },
      },
      {
        indicator: rate,
        byArea: { a: cell(null, { suppressed: "primary", missing: null }), b: cell(12.5) },
        city: cell(10),
        change: { a: cell(null, { suppressed: "primary", missing: null }), b: cell(1) },
        cityChange: cell(0.5),
        rank: { a: null, b: 1 },
      },
    ],
    rule,
    synthetic: false,
  };
  const index: IndexResults = {
    period: "2019",
    previousPeriod: "2018",
    dataVersion: 7,
    indicators: [rate],
    areas: [
      { area: a, status: null, statusClass: null, dynamics: null, dynamicsClass: null, components: {} },
      { area: b, status: 0.5, statusClass: "medium", dynamics: 0, dynamicsClass: "stable", components: {} },
    ],
  };
  const series: SeriesResults = {
    indicator: rate,
    periods: ["2017", "2018", "2019", "2020"],
    dataVersion: 9,
    areas: [a, b],
    byArea: {
      a: [
        cell(1),
        cell(2),
        cell(null, { suppressed: "primary", missing: null }),
        cell(4, { synthetic: true }),
      ],
      b: [cell(5), cell(6), cell(12.5), cell(8)],
    },
    city: [cell(3), cell(4), cell(10), cell(6)],
    rule,
  };

  it("prefers a rate of the status index as the key indicator", () => {
    expect(chooseKeyIndicator(results)?.code).toBe("rate");
    expect(chooseKeyIndicator({ ...results, indicators: [results.indicators[0]!] })?.code).toBe("pop");
    expect(chooseKeyIndicator({ ...results, indicators: [] })).toBeNull();
  });

  it("gives every district its rows, its index entry and the series up to the report's year only", () => {
    const m = assembleReport({
      tenantName: "Stadt",
      audience: "internal",
      dataVersion: 9,
      dataVersionAt: "2026-02-01T00:00:00.000Z",
      results,
      index,
      keySeries: series,
    });
    expect(m.dataVersion).toBe(9);
    expect(m.resultsVersion).toBe(7);
    expect(m.keyIndicator?.code).toBe("rate");
    expect(m.series?.periods).toEqual(["2017", "2018", "2019"]);
    expect(m.districts.map((d) => d.area.name)).toEqual(["Nord", "Süd"]);
    const nord = m.districts[0]!;
    expect(nord.rows.map((r) => [r.indicator.code, r.value.value, r.rank])).toEqual([
      ["pop", 1000, 2],
      ["rate", null, null],
    ]);
    expect(nord.series.map((c) => c.value)).toEqual([1, 2, null]);
    expect(nord.index?.status).toBeNull();
    expect(m.districts[1]!.index?.statusClass).toBe("medium");
    // The synthetic 2020 value lies after the report's year: it does not make the report synthetic.
    expect(m.synthetic).toBe(false);
  });
});

describe("query parsing", () => {
  const q = (s: string) => parseReportQuery(new URLSearchParams(s));
  it("accepts a year, a data version and an edition; empty values count as absent", () => {
    expect(q("period=2018&version=3&audience=public")).toEqual({
      period: "2018",
      version: 3,
      audience: "public",
    });
    expect(q("period=&version=")).toEqual({});
  });
  it("refuses anything else with field errors", () => {
    for (const s of [
      "period=18",
      "period=2018-01",
      "version=0",
      "version=1.5",
      "version=x",
      "audience=all",
    ]) {
      expect(() => q(s), s).toThrow(expect.objectContaining({ code: "validation_failed", status: 422 }));
    }
  });
});

import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfPageCount, pdfPagesText } from "../../../tests/setup/pdf-text.ts";
import { DEFAULT_SMALL_CELL_RULE } from "../statistics/small-cells.ts";
import { assembleReport, type ReportModel } from "./report.ts";
import { renderReportPdf } from "./report-pdf.ts";
import type { IndicatorDefinition, MonitoringArea, MonitoringCell, PeriodResults } from "./types.ts";

const de = createTranslator("de", catalogs().get("de") ?? {});
const rule = DEFAULT_SMALL_CELL_RULE;
const cell = (value: number | null, extra: Partial<MonitoringCell> = {}): MonitoringCell => ({
  value,
  suppressed: null,
  missing: value === null ? "no_data" : null,
  synthetic: false,
  ...extra,
});
const def = (code: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
  code,
  labelKey: null,
  name: `Indikator ${code}`,
  numerator: "population",
  denominator: null,
  factor: 1,
  unit: "percent",
  decimals: 1,
  polarity: "neutral",
  inStatusIndex: false,
  source: "Eigene Erhebung",
  notes: null,
  template: null,
  public: true,
  sortOrder: 0,
  ageLimits: { numerator: [], denominator: [] },
  elements: ["population"],
  ...extra,
});

/** A city with `n` districts (Turkish and German letters in the names) and three indicators. */
function model(n: number): ReportModel {
  const areas: MonitoringArea[] = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    code: `a${i}`,
    name: `Şişli-Ğüß ${String(i + 1).padStart(2, "0")}`,
    level: "quarter",
    population: 1000 + i,
    sparse: i === 3,
    approximate: false,
  }));
  const indicators = ["one", "two", "three"].map((code, k) => def(code, { inStatusIndex: k === 0 }));
  const results: PeriodResults = {
    period: "2020",
    previousPeriod: null,
    dataVersion: 4,
    releasedAt: "2026-01-15T10:00:00.000Z",
    level: "quarter",
    areas,
    city: null,
    indicators: indicators.map((indicator, k) => ({
      indicator,
      byArea: Object.fromEntries(
        areas.map((a, i) => [
          a.id,
          i === 1 && k === 2 ? cell(null, { suppressed: "secondary", missing: null }) : cell(10 + i + k / 10),
        ]),
      ),
      city: cell(20 + k),
      change: Object.fromEntries(areas.map((a) => [a.id, cell(null)])),
      cityChange: cell(null),
      rank: Object.fromEntries(areas.map((a, i) => [a.id, i + 1])),
    })),
    rule,
    synthetic: false,
  };
  return assembleReport({
    tenantName: "Gemeinde İğdır-Çağlayan",
    audience: "public",
    dataVersion: 4,
    dataVersionAt: "2026-01-15T10:00:00.000Z",
    results,
    index: { period: "2020", previousPeriod: null, dataVersion: 4, indicators: [], areas: [] },
    keySeries: null,
  });
}

describe("the report PDF", () => {
  it("lists 40 districts on two contents pages, each with the page its section starts on", async () => {
    const m = model(40);
    const pdf = await renderReportPdf(m, de, { compress: false });
    const pages = pdfPagesText(pdf);
    expect(pdfPageCount(pdf)).toBe(pages.length);
    expect(pages[1]).toContain("Inhalt");
    const contents = `${pages[1]}\n${pages[2]}`.split("\n");
    for (const d of m.districts) {
      const at = contents.indexOf(d.area.name);
      expect(at, d.area.name).toBeGreaterThan(0);
      const page = Number(contents[at + 1]);
      expect(pages[page - 1]!.startsWith(d.area.name), `${d.area.name} on page ${page}`).toBe(true);
    }
    // Every district is in the overview table (split into parts that fit the page).
    const overview = pages.filter((p) => p.includes("Alle Sozialräume und Indikatoren 2020")).join("\n");
    for (const d of m.districts) expect(overview).toContain(d.area.name);
    expect(overview).toContain("(Teil 1 von");
    // The embedded font draws Latin Extended; the hidden cell shows its symbol.
    expect(pages[0]).toContain("Gemeinde İğdır-Çağlayan");
    expect(pages.join("\n")).toContain("•");
    expect(pages.join("\n")).toContain("Öffentliche Fassung");
    // Page numbers on every page but the cover.
    expect(pages.at(-1)).toContain(`Seite ${pages.length} von ${pages.length}`);
  });

  it("says so when no indicator is in the status index, and draws no time series without one", async () => {
    const pages = pdfPagesText(await renderReportPdf(model(4), de, { compress: false }));
    const all = pages.join("\n");
    expect(all).toContain("Kein Indikator dieses Berichts gehört zum Statusindex.");
    expect(all).not.toContain("im Zeitverlauf");
    expect(all).toContain("Dünn besiedelt");
  });

  it("gives the same bytes for the same model", async () => {
    const a = await renderReportPdf(model(3), de);
    const b = await renderReportPdf(model(3), de);
    expect(a.equals(b)).toBe(true);
    expect(a.toString("latin1")).toContain("/Title (");
  });
});

import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import type { ReportModel } from "./report.ts";
import { renderStrategyReportPdf } from "./report-pdf.ts";

const model: ReportModel = {
  tenantName: "Stadt Herdecke",
  year: 2025,
  nodes: [
    {
      id: "1",
      depth: 1,
      kind: "leitziel",
      title: "Sprache und Bildung",
      status: "running",
      progress: { value: 40, source: { kind: "own" } },
      light: { light: "amber", counts: { red: 0, amber: 1, green: 0 } },
      responsible: "Integrationsbüro",
      periodFrom: null,
      periodTo: null,
    },
  ],
  indicators: [
    {
      goal: "Sprache und Bildung",
      name: "Teilnehmende Sprachkurse",
      unit: "count",
      baseline: 120,
      target: 180,
      actual: 150,
      actualPeriod: "2025",
      source: "Kursstatistik VHS 2025",
      light: "amber",
      baselinePeriod: "2023",
      series: [
        { period: "2024", target: 150, actual: 135 },
        { period: "2025", target: 180, actual: 150 },
      ],
    },
  ],
  measures: [
    {
      title: "Abendkurs mit Kinderbetreuung",
      status: "running",
      budgetPlannedCents: 1_200_000,
      budgetSpentCents: 450_000,
      milestones: [{ title: "Kursstart", due: "2025-09-01", done: true }],
    },
  ],
  gaps: [],
  gapAxis: "Handlungsfelder",
  minCount: 5,
  sources: ["Kursstatistik VHS 2025", "lotse:strategy_nodes"],
  round: { status: "open", deadline: "2026-01-31" },
  narratives: [{ nodeId: "n1", title: "Sprache und Bildung", text: "Der Abendkurs ist gut angelaufen." }],
  missingNarratives: ["Abendkurs mit Kinderbetreuung"],
};

describe("implementation report PDF", () => {
  it("is tagged (structure tree, marked content, language, PDF/UA id) and holds the report's text", async () => {
    const de = catalogs().get("de")!;
    const pdf = await renderStrategyReportPdf(model, createTranslator("de", de));
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(de-DE\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/pdfuaid:part/);
    expect(raw).toMatch(/\/S \/Table/);
    expect(raw).toMatch(/\/S \/TH/);
    const text = pdfText(pdf);
    expect(text).toContain("Umsetzungsbericht 2025: Stadt Herdecke");
    expect(text).toContain("Kinderbetreuung");
    expect(text).toContain("4.500,00 / 12.000,00 €");
    expect(text).toContain("Kursstatistik VHS 2025");
    // The traffic lights in words with their counts, and the rule they follow.
    // (table cells wrap lines, so whitespace is compared loosely)
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("40 % gelb (0 rot, 1 gelb, 0 grün)");
    expect(flat).toContain("150 (2025) gelb Kursstatistik");
    expect(flat).toContain("Grün ab 90 %");
    // The indicator chart: a Figure with alt text, its numbers in a table; narratives and what is missing.
    expect(raw).toMatch(/\/S \/Figure/);
    expect(raw).toMatch(/\/Alt \(/);
    expect(flat).toContain("2024 150 135");
    expect(flat).toContain("Der Abendkurs ist gut angelaufen.");
    expect(flat).toContain("Abendkurs mit Kinderbetreuung");
    // Deterministic: the same model gives the same bytes.
    expect((await renderStrategyReportPdf(model, createTranslator("de", de))).equals(pdf)).toBe(true);
  }, 30_000);
});

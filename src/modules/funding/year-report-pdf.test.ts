import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { renderYearReportPdf, type YearReportModel } from "./year-report-pdf.ts";

const de = createTranslator("de", catalogs().get("de") ?? {});
const hidden = { value: null, suppressed: "primary" as const };
const model = (more: Partial<YearReportModel> = {}): YearReportModel => ({
  tenantName: "Kreisstadt Unna",
  year: 2026,
  createdAt: new Date("2027-01-15T09:00:00Z"),
  minCount: 5,
  calls: [
    {
      title: "Kleinprojektförderung 2026",
      budgetCents: 2_000_000,
      filed: { value: 11, suppressed: null },
      funded: { value: 8, suppressed: null },
      committedCents: 2_000_000,
      paidCents: 1_850_000,
      returnedCents: 42_050,
      availableCents: 0,
    },
    {
      title: "Aktionsfonds Königsborn",
      budgetCents: 500_000,
      filed: hidden,
      funded: hidden,
      committedCents: null,
      paidCents: null,
      returnedCents: null,
      availableCents: null,
    },
  ],
  measures: [
    { label: "Sprache › Sprachcafés", funded: { value: 6, suppressed: null }, grantedCents: 1_500_000 },
    { label: null, funded: hidden, grantedCents: null },
  ],
  projects: [
    {
      callTitle: "Kleinprojektförderung 2026",
      title: "Sprachcafé",
      organizationName: "Initiative WeltOffen",
      grantedCents: 350_000,
      measure: "Sprache › Sprachcafés",
    },
  ],
  unlistedCalls: 1,
  ...more,
});

describe("the council's year report PDF (decision 112)", () => {
  it("is tagged: structure tree, language, title, tables as Table/TR/TH/TD", async () => {
    const pdf = await renderYearReportPdf(model(), de);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Marked true");
    expect(raw).toContain("/Lang (de-DE)");
    expect(raw).toContain("/DisplayDocTitle true");
    for (const tag of ["H1", "H2", "Table", "TR", "TH", "TD"])
      expect(raw).toMatch(new RegExp(`/S /${tag}\\b`));
  });

  it("shows exact sums, hidden counts and sums as such, projects by measure and the unlisted calls", async () => {
    const text = pdfText(await renderYearReportPdf(model(), de)).replace(/\s+/g, " ");
    expect(text).toContain("Kleinprojektförderung: Jahresbericht 2026");
    expect(text).toContain("Stand: 15. Januar 2027");
    expect(text).toContain("18.500,00 €");
    expect(text).toContain("420,50 €");
    expect(text).toContain("<5");
    expect(text).toContain("verborgen");
    expect(text).toContain("Sprache › Sprachcafés");
    expect(text).toContain("Ohne verknüpfte Maßnahme");
    expect(text).toContain("Initiative WeltOffen");
    expect(text).toContain("Ein Aufruf veröffentlicht seine geförderten Projekte nicht");
  });

  it("says so when nothing was funded", async () => {
    const text = pdfText(
      await renderYearReportPdf(model({ calls: [], measures: [], projects: [], unlistedCalls: 0 }), de),
    ).replace(/\s+/g, " ");
    expect(text).toContain("In diesem Jahr gab es keinen Förderaufruf.");
    expect(text).toContain("In diesem Jahr wurde kein Projekt gefördert.");
  });
});

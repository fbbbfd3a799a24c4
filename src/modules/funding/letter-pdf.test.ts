import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { type LetterModel, letterLanguageOf, renderLetterPdf } from "./letter-pdf.ts";
import { nextDailyRun, retentionCutoffs } from "./privacy.ts";

const tr = (lang: string) =>
  createTranslator(lang as "de", catalogs().get(lang as "de") ?? {}, catalogs().get("de"));
const model = (more: Partial<LetterModel> = {}): LetterModel => ({
  tenantName: "Kreisstadt Unna",
  callTitle: "Kleinprojektförderung 2026",
  reference: "AB12CD34",
  decidedAt: new Date("2026-05-04T10:00:00Z"),
  submittedAt: new Date("2026-03-02T09:00:00Z"),
  organizationName: "Initiative WeltOffen",
  contactName: "Aylin Demir",
  title: "Sprachcafé",
  outcome: "partly_granted",
  requestedCents: 600_000,
  grantedCents: 350_000,
  reason: "Personalkosten nur zur Hälfte förderfähig.",
  lines: [
    { type: "personnel", requestedCents: 400_000, rateBp: 5_000, eligibleCents: 200_000 },
    { type: "material", requestedCents: 150_050, rateBp: 10_000, eligibleCents: 150_050 },
  ],
  proofDue: "2027-06-30",
  ...more,
});

describe("decision letter PDF", () => {
  it("is tagged (PDF/UA): structure tree, marked content, language, shown title, pdfuaid", async () => {
    const pdf = await renderLetterPdf(model(), tr("de"), "de");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/MarkInfo");
    expect(raw).toContain("/Marked true");
    expect(raw).toContain("/Lang (de-DE)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("pdfuaid:part");
    expect(raw).toMatch(/\/S \/H1/);
    // Intl separates the euro sign with a no-break space; lines wrap.
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Zuwendungsbescheid: Sprachcafé");
    expect(text).toContain("3.500,00 €");
    expect(text).toContain("Personalkosten: Kosten 4.000,00 €, Fördersatz 50 %, förderfähig 2.000,00 €");
    expect(text).toContain("30. Juni 2027");
    expect(text).toContain("Rechtsbehelfsbelehrung");
  });

  it("a refusal has no budget or proof-of-use duty; a courtesy translation says German binds", async () => {
    const de = pdfText(await renderLetterPdf(model({ outcome: "refused", grantedCents: 0 }), tr("de"), "de"));
    expect(de).toContain("Ablehnungsbescheid: Sprachcafé");
    expect(de).not.toContain("Verwendungsnachweis");
    const en = await renderLetterPdf(model(), tr("en"), "en");
    expect(en.toString("latin1")).toContain("/Lang (en)");
    expect(pdfText(en)).toContain("Courtesy translation");
  });

  it("courtesy languages include Arabic and Farsi (decision 075), never German twice", () => {
    expect(letterLanguageOf("tr")).toBe("tr");
    expect(letterLanguageOf("de")).toBeNull();
    expect(letterLanguageOf("ar")).toBe("ar");
    expect(letterLanguageOf("fa")).toBe("fa");
  });

  it("an Arabic letter is tagged right to left, with Latin names and references kept readable", async () => {
    const pdf = await renderLetterPdf(model(), tr("ar"), "ar");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (ar)");
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/P/);
    // Left-to-right runs inside Arabic text are drawn as runs of their own, in reading order.
    const text = pdfText(pdf);
    expect(text).toContain("Initiative WeltOffen");
    expect(text).toContain("AB12CD34");
  });
});

describe("retention periods (decision 062)", () => {
  it("cut-offs: drafts 30 days after expiry, refusals after a year, grants by year", () => {
    const c = retentionCutoffs(new Date("2034-01-01T05:00:00Z"));
    expect(c.draftsBefore.toISOString()).toBe("2033-12-02T05:00:00.000Z");
    expect(c.refusedBefore.toISOString()).toBe("2033-01-01T05:00:00.000Z");
    // Grant year 2027: contact erased from 1 January 2034, the record kept until 1 January 2038.
    expect(c.fundedContactYear).toBe(2027);
    expect(c.fundedDeleteYear).toBe(2023);
  });
  it("the daily run is at 05:00 UTC, the next one if that has passed", () => {
    expect(nextDailyRun(new Date("2026-03-02T04:59:00Z")).toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(nextDailyRun(new Date("2026-03-02T05:00:00Z")).toISOString()).toBe("2026-03-03T05:00:00.000Z");
  });
});

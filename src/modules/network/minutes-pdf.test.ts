import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import type { Language } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { type MinutesPdfModel, renderMinutesPdf } from "./minutes-pdf.ts";

const tr = (lang: Language) => createTranslator(lang, catalogs().get(lang) ?? {}, catalogs().get("de"));

describe("the minutes as a tagged PDF (decision 111)", () => {
  const model: MinutesPdfModel = {
    tenantName: "Stadt Lünen",
    bodyName: "Integrationsrat",
    bodyKind: "integration_council",
    title: "3. Sitzung",
    startsAt: "2026-05-12T16:00:00.000Z",
    where: "Rathaus, Saal 1",
    minutesState: "approved",
    publicVersion: false,
    attendance: {
      members: 9,
      present: 7,
      votingPresent: 6,
      guests: 1,
      names: [{ name: "Ayşe Demir", role: "chair" }],
      unnamed: 0,
    },
    agenda: [
      {
        number: "1",
        title: "Sprachkurse für Eltern",
        public: true,
        discussion: "Die VHS stellt das Programm vor.",
        decisions: [{ text: "Der Rat empfiehlt zwei Abendkurse.", votesYes: 5, votesNo: 1, votesAbstain: 0 }],
        actionItems: [{ title: "Räume anfragen", owner: "VHS Lünen", dueDate: "2026-06-30", status: "open" }],
      },
      {
        number: "2",
        title: "Personalfragen",
        public: false,
        discussion: null,
        decisions: [],
        actionItems: [],
      },
    ],
    savedAt: new Date("2026-05-13T08:00:00Z"),
  };

  it("is tagged (PDF/UA) with the items, decisions with votes, action items and who was present", async () => {
    const pdf = await renderMinutesPdf(model, tr("de"), "de");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (de-DE)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("pdfuaid:part");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Niederschrift: Integrationsrat – 3. Sitzung");
    expect(text).toContain("Anwesend: 7 (davon stimmberechtigt 6, Gäste 1); Mitglieder des Gremiums: 9");
    expect(text).toContain("Ayşe Demir (Vorsitz)");
    expect(text).toContain("Der Rat empfiehlt zwei Abendkurse.");
    expect(text).toContain("Ja 5, Nein 1, Enthaltung 0");
    expect(text).toContain("Verantwortlich: VHS Lünen");
    expect(text).toContain("2. Personalfragen (nicht öffentlich)");
  });

  it("speaks the reader's language, marks the German texts, and gives the same bytes for the same state", async () => {
    const ar = await renderMinutesPdf(model, tr("ar"), "ar");
    const raw = ar.toString("latin1");
    expect(raw).toContain("/Lang (ar)");
    expect(raw).toContain("/Lang (de-DE)");
    expect((await renderMinutesPdf(model, tr("ar"), "ar")).equals(ar)).toBe(true);
  });
});

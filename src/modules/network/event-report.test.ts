import { describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { publicAttendance } from "./event-report.ts";
import { renderEventReportPdf } from "./event-report-pdf.ts";
import type { ContributionView } from "./participation.model.ts";

describe("publicAttendance (the small-cell rule for the public event page)", () => {
  it("hides small counts and a second cell so the hidden one cannot be worked out", () => {
    const safe = publicAttendance({ total: 40, byGender: { female: 22, male: 16, diverse: 2 }, byAge: {} })!;
    expect(safe.total).toEqual({ value: 40, suppressed: null });
    const byKey = Object.fromEntries(safe.byGender.map((g) => [g.key, g.count]));
    expect(byKey.diverse).toEqual({ value: null, suppressed: "primary" });
    // With the row total public, one more cell must go (secondary suppression).
    expect([byKey.female!.suppressed, byKey.male!.suppressed]).toContain("secondary");
    expect(safe.byAge).toEqual([]);
  });

  it("shows nothing of an event that was not counted, and hides a tiny total", () => {
    expect(publicAttendance(null)).toBeNull();
    expect(publicAttendance({ total: 3, byGender: {}, byAge: {} })!.total).toEqual({
      value: null,
      suppressed: "primary",
    });
  });
});

describe("the event report as a tagged PDF (decision 101)", () => {
  const tr = (lang: string) =>
    createTranslator(lang as "de", catalogs().get(lang as "de") ?? {}, catalogs().get("de"));
  const contribution = (more: Partial<ContributionView>): ContributionView => ({
    id: "0190a0a0-0000-7000-8000-000000000001",
    eventId: "0190a0a0-0000-7000-8000-000000000002",
    text: "Mehr Sprachkurse am Abend",
    source: "staff",
    language: "de",
    fieldOfActionId: null,
    state: "adopted",
    reason: null,
    agendaItemId: null,
    actionItemId: null,
    published: true,
    createdAt: "2026-04-18T10:30:00.000Z",
    erasedAt: null,
    version: 1,
    ...more,
  });
  const model = {
    tenantName: "Stadt Herdecke",
    where: "Werner Richard Saal",
    savedAt: new Date("2026-05-02T08:00:00Z"),
    report: {
      event: {
        id: "0190a0a0-0000-7000-8000-000000000002",
        title: "Bürgerforum World Café",
        format: "world_cafe" as const,
        description: "",
        targetGroups: [],
        languages: ["de", "ar"],
        interpreters: [],
        startsAt: "2026-04-18T08:00:00.000Z",
        endsAt: null,
        placeId: null,
        onlineUrl: null,
        published: true,
        acceptsContributions: true,
        contributionCount: 3,
        version: 2,
      },
      attendance: { total: 41, byGender: { female: 23, male: 18 }, byAge: {} },
      contributions: [
        { state: "received" as const, staff: 0, public: 1 },
        { state: "examined" as const, staff: 0, public: 0 },
        { state: "adopted" as const, staff: 1, public: 0 },
        { state: "declined" as const, staff: 1, public: 0 },
      ],
      adoptedShare: 1 / 3,
      items: [
        contribution({}),
        contribution({
          state: "declined",
          reason: "Bereits im Angebot der VHS.",
          text: "",
          erasedAt: "2029-05-01T05:00:00.000Z",
        }),
        contribution({ state: "received", source: "public", language: "ar", text: "دروس لغة للأمهات" }),
      ],
    },
  };

  it("is tagged (PDF/UA) with the counts, each contribution and what became of it", async () => {
    const pdf = await renderEventReportPdf(model, tr("de"), "de");
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/Lang (de-DE)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(raw).toContain("pdfuaid:part");
    // The Arabic contribution carries its own language.
    expect(raw).toContain("/Lang (ar)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Bürgerforum World Café");
    expect(text).toContain("Werner Richard Saal");
    expect(text).toContain(": 41");
    expect(text).toContain("Mehr Sprachkurse am Abend");
    expect(text).toContain("Bereits im Angebot der VHS.");
    expect(text).toContain("2029-05-01");
  });

  it("speaks the reader's language and gives the same bytes for the same state", async () => {
    const en = await renderEventReportPdf(model, tr("en"), "en");
    expect(en.toString("latin1")).toContain("/Lang (en)");
    expect(pdfText(en)).toContain("World Café");
    expect((await renderEventReportPdf(model, tr("en"), "en")).equals(en)).toBe(true);
  });
});

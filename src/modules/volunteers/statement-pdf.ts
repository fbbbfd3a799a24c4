import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf, PDF_LANG_TAG, pdfLangTag } from "#app/server/pdf-document.ts";
import { formatMoney } from "../funding/model.ts";
import type { StatementLine } from "./schema.ts";

/**
 * The monthly statement (Abrechnung) as a tagged PDF (PDF/UA-1, decision 099) on the shared
 * engine (`server/pdf-document.ts`), in the volunteer's mail language (Arabic and Farsi right to
 * left). Dated by the issue time, so one statement always gives the same bytes.
 */
export type StatementPdfModel = {
  tenantName: string;
  volunteerName: string;
  period: string;
  seq: number;
  /** The issue time of the statement this one corrects. */
  replaces: { seq: number; issuedAt: Date } | null;
  lines: StatementLine[];
  minutes: number;
  km: number;
  hourlyRateCents: number;
  kmRateCents: number;
  hoursCents: number;
  kmCents: number;
  totalCents: number;
  issuedAt: Date;
  lang: string;
};

export async function renderStatementPdf(m: StatementPdfModel, t: Translate): Promise<Buffer> {
  const lang = PDF_LANG_TAG[m.lang] ? m.lang : "de";
  const tag = pdfLangTag(lang);
  const title = t("volunteers.statement_title", { name: m.volunteerName, period: m.period });
  const {
    doc,
    put: putBlock,
    finish,
  } = await openTaggedPdf({
    title,
    author: m.tenantName,
    subject: m.period,
    lang,
    date: m.issuedAt,
  });
  const put = (text: string, type: "H1" | "H2" | "P", gap = 4) => putBlock(text, type, gap);
  const money = (c: number) => formatMoney(c, lang);
  const day = (d: string | Date) =>
    new Intl.DateTimeFormat(tag, {
      dateStyle: "medium",
      calendar: "gregory",
      timeZone: "Europe/Berlin",
    }).format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);
  const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toLocaleString(tag);

  put(m.tenantName, "P", 12);
  put(title, "H1", 8);
  put(t("volunteers.statement_issued", { date: day(m.issuedAt), seq: m.seq }), "P", 4);
  if (m.replaces)
    put(t("volunteers.statement_replaces", { seq: m.replaces.seq, date: day(m.replaces.issuedAt) }), "P", 4);
  doc.y += 6;
  put(t("volunteers.statement_assignments"), "H2");
  for (const l of m.lines)
    put(
      t("volunteers.statement_line", {
        date: day(l.date),
        institution: l.institution,
        language: l.language,
        hours: hours(l.minutes),
        km: l.km,
      }),
      "P",
      2,
    );
  doc.y += 8;
  put(t("volunteers.statement_sums"), "H2");
  put(
    t("volunteers.statement_hours_sum", {
      hours: hours(m.minutes),
      rate: money(m.hourlyRateCents),
      amount: money(m.hoursCents),
    }),
    "P",
    2,
  );
  put(
    t("volunteers.statement_km_sum", { km: m.km, rate: money(m.kmRateCents), amount: money(m.kmCents) }),
    "P",
    2,
  );
  put(t("volunteers.statement_total", { amount: money(m.totalCents) }), "H2", 8);
  put(t("volunteers.statement_note"), "P", 4);
  return finish();
}

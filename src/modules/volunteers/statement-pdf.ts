import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import { rtlParagraph } from "#app/server/pdf-rtl.ts";
import { formatMoney } from "../funding/model.ts";
import type { StatementLine } from "./schema.ts";

/**
 * The monthly statement (Abrechnung) as a tagged PDF (PDF/UA-1, decision 099), on the engine of
 * the funding letter and the conflict plans: pdfkit with the embedded DejaVu Sans, every text in
 * the structure tree (H1, H2, P), title shown, document language set to the volunteer's mail
 * language; Arabic and Farsi right to left through server/pdf-rtl.ts. Deterministic: dated by
 * the issue time, so one statement always gives the same bytes.
 */
const LANG_TAG: Record<string, string> = {
  de: "de-DE",
  en: "en",
  tr: "tr-TR",
  ru: "ru-RU",
  uk: "uk-UA",
  ar: "ar",
  fa: "fa-IR",
};
const RTL = new Set(["ar", "fa"]);

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

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
async function fonts() {
  if (!fontCache) {
    const { readFile } = await import("node:fs/promises");
    const read = (f: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}.ttf`));
    const [regular, bold] = await Promise.all([read("DejaVuSans"), read("DejaVuSans-Bold")]);
    fontCache = { regular, bold };
  }
  return fontCache;
}
const MARGIN = 56;

export async function renderStatementPdf(m: StatementPdfModel, t: Translate): Promise<Buffer> {
  const f = await fonts();
  const lang = LANG_TAG[m.lang] ? m.lang : "de";
  const tag = LANG_TAG[lang] ?? "de-DE";
  const title = t("volunteers.statement_title", { name: m.volunteerName, period: m.period });
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: tag,
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: {
      Title: title,
      Author: m.tenantName,
      Subject: m.period,
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: m.issuedAt,
      ModDate: m.issuedAt,
    },
  });
  doc.registerFont("R", f.regular);
  doc.registerFont("B", f.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const root = doc.struct("Document");
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;
  const put = (text: string, type: "H1" | "H2" | "P", gap = 4) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(type === "H1" ? 16 : type === "H2" ? 12 : 10)
      .fillColor("#1a1a1a");
    if (RTL.has(lang)) {
      root.add(doc.struct(type, {}, () => void rtlParagraph(doc, text, MARGIN, MARGIN + width)));
      doc.y += gap;
      return;
    }
    doc.text(text, MARGIN, doc.y, {
      width,
      structParent: root,
      structType: type,
    } as PDFKit.Mixins.TextOptions);
    doc.y += gap;
  };
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
  root.end();
  doc.end();
  return done;
}

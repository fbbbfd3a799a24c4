import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import { rtlParagraph } from "#app/server/pdf-rtl.ts";
import { centsToDecimal, type DecisionOutcome, formatMoney } from "./model.ts";

/**
 * The decision letter (Bescheid) as a tagged PDF (PDF/UA-1): the same engine as the monitoring
 * report (pdfkit with the embedded DejaVu Sans of dejavu-fonts-ttf), every text in the structure
 * tree (H1, H2, P), title shown, document language set. German is the binding text; the
 * applicant's language is a courtesy translation; Arabic and Farsi are set right to left through
 * server/pdf-rtl.ts (bidi runs shaped by fontkit, decision 075). Deterministic: dated by the decision.
 */
export const LETTER_LANGUAGES = ["de", "en", "tr", "ru", "uk", "ar", "fa"] as const;
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
export const letterLanguageOf = (lang: string): string | null =>
  lang !== "de" && (LETTER_LANGUAGES as readonly string[]).includes(lang) ? lang : null;

export type LetterModel = {
  tenantName: string;
  callTitle: string;
  reference: string;
  decidedAt: Date;
  submittedAt: Date | null;
  organizationName: string;
  contactName: string;
  title: string;
  outcome: DecisionOutcome;
  requestedCents: number;
  grantedCents: number;
  reason: string;
  lines: { type: string; requestedCents: number; rateBp: number; eligibleCents: number }[];
  /** ISO date: the proof of use is due then. */
  proofDue: string;
};

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
/** DejaVu Sans regular and bold, read once (shared with the payment order). */
export async function fonts() {
  if (!fontCache) {
    const { readFile } = await import("node:fs/promises");
    const read = (f: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}.ttf`));
    const [regular, bold] = await Promise.all([read("DejaVuSans"), read("DejaVuSans-Bold")]);
    fontCache = { regular, bold };
  }
  return fontCache;
}

export const MARGIN = 56;

export async function renderLetterPdf(
  m: LetterModel,
  t: Translate,
  lang: string,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const f = await fonts();
  const title = t(m.outcome === "refused" ? "funding.letter_title_refused" : "funding.letter_title_granted", {
    title: m.title,
  });
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: opts.compress ?? true,
    lang: LANG_TAG[lang] ?? "de-DE",
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    font: undefined,
    info: {
      Title: title,
      Author: m.tenantName,
      Subject: m.callTitle,
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: m.decidedAt,
      ModDate: m.decidedAt,
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
  const put = (text: string, type: "H1" | "H2" | "P", gap = 6) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(type === "H1" ? 16 : type === "H2" ? 12 : 10)
      .fillColor("#1a1a1a");
    if (RTL.has(lang)) {
      // One structure element per paragraph; its lines are drawn run by run, right-aligned.
      root.add(
        doc.struct(type, {}, () => {
          rtlParagraph(doc, text, MARGIN, MARGIN + width);
        }),
      );
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
  const date = (d: Date | string) =>
    new Intl.DateTimeFormat(LANG_TAG[lang] ?? "de-DE", {
      dateStyle: "long",
      // The binding German letter counts in the Gregorian calendar; so does its translation.
      calendar: "gregory",
      timeZone: "Europe/Berlin",
    }).format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);

  put(m.tenantName, "P", 2);
  put(t("funding.letter_reference", { reference: m.reference, date: date(m.decidedAt) }), "P", 14);
  put([m.organizationName, m.contactName].filter(Boolean).join("\n"), "P", 18);
  put(title, "H1", 10);
  if (lang !== "de") put(t("funding.letter_courtesy"), "P", 10);
  const values = {
    call: m.callTitle,
    title: m.title,
    submitted: m.submittedAt ? date(m.submittedAt) : "",
    requested: money(m.requestedCents),
    granted: money(m.grantedCents),
  };
  put(t(`funding.letter_decision_${m.outcome}`, values), "P", 10);
  put(t("funding.letter_reasons"), "H2", 4);
  put(m.reason, "P", 10);
  if (m.outcome !== "refused") {
    put(t("funding.letter_budget"), "H2", 4);
    for (const l of m.lines) {
      put(
        t("funding.letter_budget_line", {
          type: t(`funding.cost_${l.type}`),
          cost: money(l.requestedCents),
          rate: centsToDecimal(l.rateBp).replace(/\.00$/, ""),
          eligible: money(l.eligibleCents),
        }),
        "P",
        2,
      );
    }
    doc.y += 8;
    put(t("funding.letter_payments"), "H2", 4);
    put(t("funding.letter_payments_text"), "P", 10);
    put(t("funding.letter_proof"), "H2", 4);
    put(t("funding.letter_proof_text", { due: date(m.proofDue) }), "P", 10);
  }
  put(t("funding.letter_remedy"), "H2", 4);
  put(t("funding.letter_remedy_text"), "P", 10);
  root.end();
  doc.end();
  return done;
}

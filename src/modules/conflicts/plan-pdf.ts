import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { LANGUAGES } from "#app/i18n/languages.ts";
import type { Translate } from "#app/i18n/translator.ts";
import { rtlParagraph } from "#app/server/pdf-rtl.ts";
import { crisisTypeName } from "./model.ts";
import type { CrisisPlanInput, PreventionPlanInput } from "./plan-contracts.ts";

/**
 * The crisis plan and the prevention plan as tagged PDFs (PDF/UA-1, decision 080): the engine of
 * the monitoring report and the funding letter (pdfkit with the embedded DejaVu Sans), every text
 * in the structure tree (H1, H2, H3, P), title shown, document language set to the plan's
 * language. Arabic and Farsi paragraphs are set right to left through server/pdf-rtl.ts; a
 * statement template in another language than the plan carries its own /Lang. Deterministic:
 * dated by the version's save time, so the same version gives the same bytes.
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

type Common = { tenantName: string; version: number; savedAt: Date; lang: string };
export type CrisisPdfModel = Common & { kind: "crisis"; plan: Omit<CrisisPlanInput, "version"> };
export type PreventionPdfModel = Common & {
  kind: "prevention";
  plan: Omit<PreventionPlanInput, "version">;
  /** Titles of linked goal-tree measures, by id. */
  measureTitles: ReadonlyMap<string, string>;
};
export type PlanPdfModel = CrisisPdfModel | PreventionPdfModel;

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
type Block = "H1" | "H2" | "H3" | "P";

export async function renderPlanPdf(m: PlanPdfModel, t: Translate): Promise<Buffer> {
  const f = await fonts();
  const title = `${t(m.kind === "crisis" ? "conflicts.crisis_plan_title" : "conflicts.prevention_plan_title")}: ${m.plan.title}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: LANG_TAG[m.lang] ?? "de-DE",
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: {
      Title: title,
      Author: m.tenantName,
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: m.savedAt,
      ModDate: m.savedAt,
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
  const size: Record<Block, number> = { H1: 16, H2: 13, H3: 11, P: 10 };
  /** One structure element per block; `lang` only where it differs from the document's. */
  const put = (text: string, type: Block, gap = 6, lang = m.lang) => {
    doc
      .font(type === "P" ? "R" : "B")
      .fontSize(size[type])
      .fillColor("#1a1a1a");
    const options = lang === m.lang ? {} : { lang: LANG_TAG[lang] ?? lang };
    root.add(
      doc.struct(type, options, () => {
        if (RTL.has(lang)) rtlParagraph(doc, text, MARGIN, MARGIN + width);
        else doc.text(text, MARGIN, doc.y, { width });
      }),
    );
    doc.y += gap;
  };
  const date = (d: Date | string) =>
    new Intl.DateTimeFormat(LANG_TAG[m.lang] ?? "de-DE", {
      dateStyle: "long",
      calendar: "gregory",
      timeZone: "Europe/Berlin",
    }).format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d);

  put(m.tenantName, "P", 4);
  put(title, "H1", 8);
  put(
    t("conflicts.plan_pdf_meta", {
      version: m.version,
      date: date(m.savedAt),
      review: date(m.plan.reviewOn),
    }),
    "P",
    12,
  );
  if (m.kind === "crisis") crisisBody(m, t, put);
  else preventionBody(m, t, put, date);
  root.end();
  doc.end();
  return done;
}

type Put = (text: string, type: Block, gap?: number, lang?: string) => void;

/**
 * A phone number or address kept left to right inside a right-to-left paragraph: isolated
 * (LRI … PDI), or the bidi algorithm would set its digit groups right to left.
 */
const isolate = (lang: string, s: string) => (RTL.has(lang) ? `\u2066${s}\u2069` : s);

function crisisBody(m: CrisisPdfModel, t: Translate, put: Put) {
  const p = m.plan;
  const ltr = (s: string) => isolate(m.lang, s);
  if (p.purpose) put(p.purpose, "P", 10);
  put(`${t("conflicts.plan_escalate_minutes")}: ${p.escalateMinutes ?? 15}`, "P", 10);
  put(t("conflicts.plan_chain_caption"), "H2", 4);
  p.contacts.forEach((c, i) => {
    const parts = [
      `${i + 1}. ${c.role}: ${c.name}${c.organization ? ` (${c.organization})` : ""}`,
      c.phone ? `${t("conflicts.plan_phone")} ${ltr(c.phone)}` : null,
      c.email ? `${t("conflicts.plan_email")} ${ltr(c.email)}` : null,
      c.deputyName || c.deputyPhone
        ? `${t("conflicts.plan_deputy")}: ${[c.deputyName, c.deputyPhone && ltr(c.deputyPhone)].filter(Boolean).join(", ")}`
        : null,
    ];
    put(parts.filter(Boolean).join(" · "), "P", 3);
  });
  put(t("conflicts.plan_scenarios"), "H2", 4);
  for (const s of p.scenarios) {
    put(crisisTypeName(t, s.type), "H3", 3);
    for (const [j, step] of s.steps.entries()) put(`${j + 1}. ${step}`, "P", 2);
    for (const l of LANGUAGES) {
      const text = s.statements?.[l.code];
      if (!text) continue;
      put(t("conflicts.plan_pdf_statement", { language: l.name }), "P", 2);
      put(text, "P", 6, l.code);
    }
  }
}

function preventionBody(m: PreventionPdfModel, t: Translate, put: Put, date: (d: string) => string) {
  const p = m.plan;
  if (p.structure) {
    put(t("conflicts.plan_structure"), "H2", 4);
    put(p.structure, "P", 10);
  }
  put(t("conflicts.plan_measures_caption"), "H2", 4);
  for (const x of p.measures) {
    put(x.title, "H3", 3);
    if (x.description) put(x.description, "P", 2);
    put(`${t("conflicts.plan_responsible")}: ${x.responsible}`, "P", 2);
    const goal = x.measureId ? m.measureTitles.get(x.measureId) : undefined;
    if (goal) put(`${t("conflicts.plan_goal_measure")}: ${goal}`, "P", 2);
    if (x.reviewOn) put(`${t("conflicts.plan_review_on")}: ${date(x.reviewOn)}`, "P", 2);
  }
}

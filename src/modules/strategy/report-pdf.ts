import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import type { Light, RolledLight } from "./evaluation.model.ts";
import { formatCents } from "./model.ts";
import type { ReportModel } from "./report.ts";

/**
 * The implementation report as a tagged PDF (PDF/UA-1): the engine of the monitoring report
 * (pdfkit with the embedded DejaVu fonts of the npm package dejavu-fonts-ttf), with every piece
 * of content in the structure tree — headings H1/H2, paragraphs P, tables with TH/TD and scopes
 * (pdfkit's accessible tables) — document language and title shown in the viewer. German, the
 * council's language. Deterministic: the dates are the report year's, not the clock's.
 */
const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
async function fonts() {
  if (!fontCache) {
    const { readFile } = await import("node:fs/promises");
    const read = (file: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}.ttf`));
    const [regular, bold] = await Promise.all([read("DejaVuSans"), read("DejaVuSans-Bold")]);
    fontCache = { regular, bold };
  }
  return fontCache;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Cell = { text: string; type?: "TH" | "TD"; scope?: "Column" | "Row" };

const num = (n: number | null) =>
  n === null ? "–" : new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 }).format(n);

/** A light in words, never by colour alone (the PDF is black and white), with its counts. */
const lightText = (t: Translate, light: Light, counts?: RolledLight["counts"]) =>
  `${t(`strategy.light_${light}`)}${counts && light !== "none" ? ` (${t("strategy.light_counts", counts)})` : ""}`;

export async function renderStrategyReportPdf(m: ReportModel, t: Translate): Promise<Buffer> {
  const f = await fonts();
  const title = t("strategy.report_title", { tenant: m.tenantName, year: m.year });
  const fixed = new Date(Date.UTC(m.year, 11, 31));
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    tagged: true,
    subset: "PDF/UA",
    pdfVersion: "1.7",
    lang: "de-DE",
    displayTitle: true,
    autoFirstPage: false,
    info: { Title: title, Author: m.tenantName, Creator: "Lotse", CreationDate: fixed, ModDate: fixed },
  } as unknown as PDFKit.PDFDocumentOptions);
  doc.registerFont("regular", f.regular);
  doc.registerFont("bold", f.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.addPage();
  const root = doc.struct("Document");
  doc.addStructure(root);
  write(doc, root, m, t, title);
  root.end();
  doc.end();
  return done;
}

function write(doc: Doc, root: Struct, m: ReportModel, t: Translate, title: string) {
  const heading = (text: string, level: 1 | 2) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(level === 1 ? 0.5 : 0.8);
    doc
      .font("bold")
      .fontSize(level === 1 ? 18 : 13)
      .text(text, { structParent: root, structType: level === 1 ? "H1" : "H2" } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.3);
  };
  const para = (text: string) => {
    doc
      .font("regular")
      .fontSize(10)
      .text(text, { structParent: root, structType: "P" } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.4);
  };
  const table = (head: string[], rows: string[][]) => {
    if (rows.length === 0) return para(t("strategy.report_none"));
    doc.font("regular").fontSize(8.5);
    const data: Cell[][] = [
      head.map((h) => ({ text: h, type: "TH", scope: "Column" })),
      ...rows.map((r) =>
        r.map((c, i): Cell => (i === 0 ? { text: c, type: "TH", scope: "Row" } : { text: c })),
      ),
    ];
    (doc as unknown as { table(o: unknown): Doc }).table({ structParent: root, data });
    doc.moveDown(0.6);
  };

  heading(title, 1);
  para(t("strategy.report_intro", { year: m.year }));

  heading(t("strategy.report_tree"), 2);
  para(t("strategy.light_rule"));
  table(
    [
      t("strategy.report_node"),
      t("strategy.field_status"),
      t("strategy.report_progress"),
      t("strategy.report_light"),
      t("strategy.report_responsible"),
    ],
    m.nodes.map((n) => [
      `${"· ".repeat(Math.max(0, n.depth - 1))}${t(`strategy.kind_${n.kind}`)}: ${n.title}`,
      t(`strategy.status_${n.status}`),
      n.progress.value === null ? "–" : `${num(n.progress.value)} %`,
      lightText(t, n.light.light, n.light.counts),
      n.responsible ?? "–",
    ]),
  );

  heading(t("strategy.report_indicators"), 2);
  table(
    [
      t("strategy.report_indicator"),
      t("strategy.report_baseline"),
      t("strategy.report_target", { year: m.year }),
      t("strategy.report_actual"),
      t("strategy.report_light"),
      t("strategy.report_source"),
    ],
    m.indicators.map((i) => [
      `${i.goal}: ${i.name}`,
      num(i.baseline),
      num(i.target),
      i.actual === null ? "–" : `${num(i.actual)}${i.actualPeriod ? ` (${i.actualPeriod})` : ""}`,
      lightText(t, i.light),
      i.source,
    ]),
  );

  heading(t("strategy.report_measures"), 2);
  table(
    [
      t("strategy.report_measure"),
      t("strategy.field_status"),
      t("strategy.report_budget"),
      t("strategy.report_milestones"),
    ],
    m.measures.map((x) => [
      x.title,
      t(`strategy.status_${x.status}`),
      x.budgetPlannedCents === null
        ? "–"
        : `${formatCents(x.budgetSpentCents ?? 0)} / ${formatCents(x.budgetPlannedCents)} €`,
      x.milestones.map((s) => `${s.due} ${s.title}${s.done ? " ✓" : ""}`).join("; ") || "–",
    ]),
  );

  heading(t("strategy.report_gaps"), 2);
  para(
    m.gapAxis
      ? t("strategy.report_gaps_intro", { axis: m.gapAxis, min: m.minCount })
      : t("strategy.gaps_no_mapping"),
  );
  const count = (c: { value: number | null }) => (c.value === null ? `<${m.minCount}` : String(c.value));
  table(
    [
      t("strategy.gaps_area"),
      t("strategy.report_term"),
      t("strategy.report_need"),
      t("strategy.report_supply"),
    ],
    m.gaps.map((g) => [g.area, g.term, count(g.need), `${count(g.offers)} / ${num(g.hours)} h`]),
  );

  heading(t("strategy.report_sources"), 2);
  for (const s of m.sources) para(s);
}

import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import { type ChartPoint, chartGeometry } from "./chart.model.ts";
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

  if (m.indicators.length > 0) {
    heading(t("strategy.chart_heading"), 2);
    para(t("strategy.chart_intro"));
    for (const i of m.indicators) {
      const name = t("strategy.chart_name", { goal: i.goal, indicator: i.name });
      if (doc.y > doc.page.height - 330) doc.addPage();
      doc
        .font("bold")
        .fontSize(10)
        .text(`${i.goal}: ${i.name}`, { structParent: root, structType: "P" } as PDFKit.Mixins.TextOptions);
      doc.moveDown(0.3);
      chart(doc, root, i, name, t);
      table(
        [t("strategy.chart_period"), t("strategy.chart_target"), t("strategy.chart_actual")],
        [
          ...(i.baseline === null
            ? []
            : [
                [
                  `${t("strategy.chart_baseline")}${i.baselinePeriod ? ` (${i.baselinePeriod})` : ""}`,
                  "–",
                  num(i.baseline),
                ],
              ]),
          ...i.series.map((p) => [p.period, num(p.target), num(p.actual)]),
        ],
      );
    }
  }

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

  heading(t("strategy.report_narratives"), 2);
  if (m.round === null) para(t("strategy.report_no_round"));
  else if (m.narratives.length === 0) para(t("strategy.report_none"));
  for (const x of m.narratives) {
    doc
      .font("bold")
      .fontSize(10)
      .text(x.title, { structParent: root, structType: "P" } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.2);
    for (const p of x.text.split(/\n{2,}/)) para(p);
  }
  if (m.missingNarratives.length > 0) {
    para(t("strategy.report_missing", { count: m.missingNarratives.length }));
    for (const x of m.missingNarratives) para(`– ${x}`);
  }

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

/**
 * The indicator chart as vector drawing (decision 098), the same geometry as the HTML's SVG: a
 * Figure in the structure tree whose alt text names it; the numbers follow as a table. Lines
 * differ by pattern and marker (black and white).
 */
function chart(doc: Doc, root: Struct, i: ReportModel["indicators"][number], name: string, t: Translate) {
  const g = chartGeometry(i, { width: 420, height: 170 });
  if (!g) {
    doc
      .font("regular")
      .fontSize(10)
      .text(t("strategy.chart_no_values"), {
        structParent: root,
        structType: "P",
      } as PDFKit.Mixins.TextOptions);
    return;
  }
  const x0 = doc.page.margins.left;
  const y0 = doc.y;
  const polyline = (pts: ChartPoint[]) => {
    pts.forEach((p, k) => {
      if (k === 0) doc.moveTo(x0 + p.x, y0 + p.y);
      else doc.lineTo(x0 + p.x, y0 + p.y);
    });
  };
  const draw = () => {
    doc.save();
    doc.font("regular").fontSize(7).fillColor("black");
    for (const y of g.yTicks) {
      doc
        .moveTo(x0 + g.plot.left, y0 + y.y)
        .lineTo(x0 + g.plot.right, y0 + y.y)
        .lineWidth(0.3)
        .strokeColor("#999999")
        .stroke();
      doc.text(num(y.value), x0, y0 + y.y - 4, { width: g.plot.left - 6, align: "right", lineBreak: false });
    }
    for (const x of g.xTicks)
      doc.text(x.label, x0 + x.x - 20, y0 + g.plot.bottom + 6, {
        width: 40,
        align: "center",
        lineBreak: false,
      });
    doc.strokeColor("black");
    if (g.baselineY !== null) {
      doc
        .moveTo(x0 + g.plot.left, y0 + g.baselineY)
        .lineTo(x0 + g.plot.right, y0 + g.baselineY)
        .lineWidth(1)
        .dash(2, { space: 3 })
        .stroke()
        .undash();
    }
    if (g.target.length > 1) {
      polyline(g.target);
      doc.lineWidth(1.5).dash(6, { space: 4 }).stroke().undash();
    }
    for (const p of g.target) doc.rect(x0 + p.x - 2.5, y0 + p.y - 2.5, 5, 5).fill("black");
    if (g.actual.length > 1) {
      polyline(g.actual);
      doc.lineWidth(2).stroke();
    }
    for (const p of g.actual) doc.circle(x0 + p.x, y0 + p.y, 3).fill("black");
    const legend = [
      [t("strategy.chart_target"), 6],
      [t("strategy.chart_actual"), 0],
      ...(i.baseline === null ? [] : [[t("strategy.chart_baseline"), 2]]),
    ] as [string, number][];
    legend.forEach(([label, dash], k) => {
      const lx = x0 + g.plot.left + k * 120;
      const ly = y0 + g.height + 8;
      doc
        .moveTo(lx, ly)
        .lineTo(lx + 20, ly)
        .lineWidth(1.5);
      if (dash) doc.dash(dash, { space: dash === 6 ? 4 : 3 });
      doc.stroke().undash();
      doc.fillColor("black").text(label, lx + 24, ly - 4, { lineBreak: false });
    });
    doc.restore();
  };
  root.add(
    doc.struct(
      "Figure",
      // pdfkit's types lack the Layout attributes (bbox, placement) a Figure should carry.
      {
        alt: name,
        bbox: [x0, y0, x0 + g.width, y0 + g.height + 16],
        placement: "Block",
      } as PDFKit.Mixins.StructureElementOptions,
      draw,
    ),
  );
  doc.x = x0;
  doc.y = y0 + g.height + 24;
}

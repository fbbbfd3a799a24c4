import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Translate } from "#app/i18n/translator.ts";
import {
  ageLimitsLine,
  cellText,
  dateText,
  definitionText,
  indicatorName,
  numberText,
  polarityText,
  type ReportModel,
  type ReportRow,
  unitText,
} from "./report.ts";
import type { IndicatorDefinition, MonitoringCell } from "./types.ts";

/**
 * The council report as PDF (pdfkit): cover, contents with page references, overview table and
 * bar chart, one section per district (table and time series), the status/dynamics index, the
 * source notes and a legend; page numbers, bookmarks, title and language in the metadata.
 *
 * Text is German by default (the council's language, from the `de` catalog); the public edition
 * comes in the reader's language where it is left to right (PDF_LANGUAGES). pdfkit's built-in fonts are
 * WinAnsi only, so the document embeds DejaVu Sans (npm package dejavu-fonts-ttf, installed
 * with the app: no network at run time), which covers Latin Extended (ş ğ ı İ ä ö ü ß),
 * Cyrillic and Greek; pdfkit embeds only the glyphs used.
 *
 * Deterministic: the creation date is the date of the data version, so the same period and
 * version give the same bytes.
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = "DejaVuSans";
const FONT_BOLD = "DejaVuSans-Bold";
/** Tables use the condensed cut, so more columns fit a page. */
const FONT_TABLE = "DejaVuSansCondensed";
const FONT_TABLE_BOLD = "DejaVuSansCondensed-Bold";
let fontCache: Record<"regular" | "bold" | "table" | "tableBold", Buffer> | null = null;

async function fonts() {
  if (!fontCache) {
    const { readFile } = await import("node:fs/promises");
    const read = (file: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}.ttf`));
    const [regular, bold, table, tableBold] = await Promise.all(
      [FONT_REGULAR, FONT_BOLD, FONT_TABLE, FONT_TABLE_BOLD].map(read),
    );
    fontCache = { regular: regular!, bold: bold!, table: table!, tableBold: tableBold! };
  }
  return fontCache;
}

const MARGIN = { top: 56, bottom: 64, side: 48 };
/**
 * Languages the PDF can be written in: left-to-right ones whose letters DejaVu Sans covers.
 * pdfkit lays out no right-to-left text (no bidi), so Arabic and Farsi readers get German.
 */
export const PDF_LANGUAGES = ["de", "en", "tr", "ru", "uk"] as const;
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];
export const pdfLanguageFor = (lang: string | null | undefined): PdfLanguage =>
  (PDF_LANGUAGES as readonly string[]).includes(lang ?? "") ? (lang as PdfLanguage) : "de";
const PDF_LANG_TAG: Record<PdfLanguage, string> = {
  de: "de-DE",
  en: "en",
  tr: "tr-TR",
  ru: "ru-RU",
  uk: "uk-UA",
};
const TABLE_SIZE = 8.5;
const TABLE_PAD = 3;

/** Colour-blind safe (blue/orange), and dark enough for text on white. */
const COLOR = {
  text: "#1a1a1a",
  muted: "#555555",
  rule: "#bbbbbb",
  headFill: "#e8eef4",
  zebra: "#f5f7f9",
  bar: "#1f5f8b",
  city: "#b35806",
  negative: "#b35806",
};

type Doc = PDFKit.PDFDocument;

export type PdfOptions = {
  /** Uncompressed content streams (tests read the text back). */
  compress?: boolean;
  /** The language of `t` (default German, the council's language). */
  lang?: PdfLanguage;
};

export async function renderReportPdf(
  model: ReportModel,
  t: Translate,
  opts: PdfOptions = {},
): Promise<Buffer> {
  const f = await fonts();
  const title = t("monitoring_report.pdf_title", { tenant: model.tenantName, period: model.period });
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    bufferPages: true,
    autoFirstPage: false,
    compress: opts.compress ?? true,
    lang: PDF_LANG_TAG[opts.lang ?? "de"],
    displayTitle: true,
    pdfVersion: "1.7",
    font: undefined,
    info: {
      Title: title,
      Author: model.tenantName,
      Subject: t("monitoring_report.pdf_subject", { period: model.period, version: model.dataVersion }),
      Keywords: t("monitoring_report.pdf_keywords"),
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: new Date(model.dataVersionAt),
      ModDate: new Date(model.dataVersionAt),
    },
  });
  doc.registerFont(FONT_REGULAR, f.regular);
  doc.registerFont(FONT_BOLD, f.bold);
  doc.registerFont(FONT_TABLE, f.table);
  doc.registerFont(FONT_TABLE_BOLD, f.tableBold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const w = new Writer(doc, t, model, opts.lang ?? "de");
  w.cover();
  const toc = w.reserveContents();
  w.overview();
  for (const d of model.districts) w.district(d);
  w.statusIndex();
  w.sources();
  w.legend();
  w.fillContents(toc);
  w.footers();
  doc.end();
  return done;
}

type TocEntry = { title: string; page: number; dest: string; level: number };

class Writer {
  readonly toc: TocEntry[] = [];
  private destCount = 0;
  readonly doc: Doc;
  readonly t: Translate;
  readonly m: ReportModel;
  readonly lang: PdfLanguage;
  constructor(doc: Doc, t: Translate, m: ReportModel, lang: PdfLanguage) {
    this.doc = doc;
    this.t = t;
    this.m = m;
    this.lang = lang;
  }

  // --- primitives --------------------------------------------------------------------------

  /** Width of the text column on the current page (portrait or landscape). */
  get cw(): number {
    return this.doc.page.width - 2 * MARGIN.side;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  private font(bold: boolean, size: number, color = COLOR.text, table = false) {
    this.doc
      .font(table ? (bold ? FONT_TABLE_BOLD : FONT_TABLE) : bold ? FONT_BOLD : FONT_REGULAR)
      .fontSize(size)
      .fillColor(color);
    return this.doc;
  }

  /** A new page; by default in the current page's orientation (a table continues as it began). */
  private newPage(orientation?: "portrait" | "landscape") {
    const current = this.doc.page as PDFKit.PDFPage | null;
    const layout = orientation ?? (current && current.width > current.height ? "landscape" : "portrait");
    this.doc.addPage({
      size: "A4",
      layout,
      margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    });
    this.doc.x = MARGIN.side;
    this.doc.y = MARGIN.top;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  private ensure(h: number) {
    if (this.doc.y + h > this.bottom) this.newPage();
  }

  private paragraph(
    text: string,
    opts: { size?: number; bold?: boolean; color?: string; gap?: number } = {},
  ) {
    this.font(opts.bold ?? false, opts.size ?? 10, opts.color);
    const h = this.doc.heightOfString(text, { width: this.cw });
    this.ensure(h);
    this.doc.text(text, MARGIN.side, this.doc.y, { width: this.cw });
    this.doc.y += opts.gap ?? 6;
  }

  /** A section heading that starts a page, with a bookmark and a contents entry. */
  private section(title: string, level = 0, newPage = true, layout: "portrait" | "landscape" = "portrait") {
    if (newPage) this.newPage(layout);
    else if (this.doc.y + 80 > this.bottom) this.newPage("portrait");
    const dest = `s${++this.destCount}`;
    this.doc.addNamedDestination(dest);
    this.toc.push({ title, page: this.pageIndex(), dest, level });
    this.doc.outline.addItem(title);
    this.font(true, level === 0 ? 18 : 15);
    this.doc.text(title, MARGIN.side, this.doc.y, { width: this.cw });
    this.doc.y += 8;
  }

  private subheading(text: string) {
    this.ensure(60);
    this.font(true, 12);
    this.doc.text(text, MARGIN.side, this.doc.y, { width: this.cw });
    this.doc.y += 4;
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private name(def: IndicatorDefinition): string {
    const unit = unitText(def, this.t);
    return unit ? `${indicatorName(def, this.t)} (${unit})` : indicatorName(def, this.t);
  }

  private cell(c: MonitoringCell, def: IndicatorDefinition, signed = false): string {
    return cellText(c, def, this.lang, this.m.rule, { signed });
  }

  /**
   * A table: the first column is a row header (wraps), the others are right-aligned figures.
   * Breaks across pages and repeats its header row.
   */
  private table(opts: {
    caption: string;
    head: string[];
    rows: string[][];
    widths: number[];
    /** Per column; default: the first left, the others right (figures). */
    align?: ("left" | "right")[];
    boldRows?: Set<number>;
  }) {
    const { doc } = this;
    const pad = TABLE_PAD;
    const size = TABLE_SIZE;
    const alignOf = (i: number) => opts.align?.[i] ?? (i === 0 ? "left" : "right");
    const headHeight = () => {
      this.font(true, size, COLOR.text, true);
      return (
        Math.max(...opts.head.map((h, i) => doc.heightOfString(h, { width: opts.widths[i]! - 2 * pad }))) +
        2 * pad
      );
    };
    const rowHeight = (row: string[], bold: boolean) => {
      this.font(bold, size, COLOR.text, true);
      return (
        Math.max(...row.map((s, i) => doc.heightOfString(s, { width: opts.widths[i]! - 2 * pad }))) + 2 * pad
      );
    };
    const drawHead = () => {
      const h = headHeight();
      let x = MARGIN.side;
      const y = doc.y;
      doc.rect(MARGIN.side, y, sum(opts.widths), h).fill(COLOR.headFill);
      this.font(true, size, COLOR.text, true);
      opts.head.forEach((s, i) => {
        doc.text(s, x + pad, y + pad, { width: opts.widths[i]! - 2 * pad, align: alignOf(i) });
        x += opts.widths[i]!;
      });
      doc.y = y + h;
    };
    this.font(true, 9.5);
    const captionH = doc.heightOfString(opts.caption, { width: this.cw });
    this.ensure(captionH + headHeight() + rowHeight(opts.rows[0] ?? [""], false) + 4);
    doc.text(opts.caption, MARGIN.side, doc.y, { width: this.cw });
    doc.y += 3;
    drawHead();
    opts.rows.forEach((row, r) => {
      const bold = opts.boldRows?.has(r) ?? false;
      const h = rowHeight(row, bold);
      if (doc.y + h > this.bottom) {
        this.newPage();
        drawHead();
      }
      const y = doc.y;
      if (r % 2 === 1) doc.rect(MARGIN.side, y, sum(opts.widths), h).fill(COLOR.zebra);
      let x = MARGIN.side;
      this.font(bold, size, COLOR.text, true);
      row.forEach((s, i) => {
        doc.text(s, x + pad, y + pad, { width: opts.widths[i]! - 2 * pad, align: alignOf(i) });
        x += opts.widths[i]!;
      });
      doc
        .moveTo(MARGIN.side, y + h)
        .lineTo(MARGIN.side + sum(opts.widths), y + h)
        .lineWidth(0.4)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.y = y + h;
    });
    doc.y += 10;
  }

  /** Horizontal bars (one per label), hidden values as their symbol without a bar; optional reference line. */
  private barChart(opts: {
    caption: string;
    items: { label: string; value: number | null; text: string }[];
    reference?: { value: number; label: string } | null;
    diverging?: boolean;
  }) {
    const { doc } = this;
    const rowH = 16;
    const labelW = 150;
    const valueW = 60;
    const h = opts.items.length * rowH + 34;
    this.ensure(h + 20);
    this.font(true, 9.5);
    doc.text(opts.caption, MARGIN.side, doc.y, { width: this.cw });
    doc.y += 4;
    const top = doc.y;
    const x0 = MARGIN.side + labelW;
    const plotW = this.cw - labelW - valueW;
    const values = opts.items.flatMap((i) => (i.value === null ? [] : [i.value]));
    if (opts.reference) values.push(opts.reference.value);
    const max = Math.max(0, ...values);
    const min = opts.diverging ? Math.min(0, ...values) : 0;
    const span = max - min || 1;
    const xOf = (v: number) => x0 + ((v - min) / span) * plotW;
    opts.items.forEach((item, i) => {
      const y = top + i * rowH;
      this.font(false, 8.5);
      doc.text(item.label, MARGIN.side, y + 3, { width: labelW - 6, lineBreak: false, ellipsis: true });
      if (item.value !== null) {
        const a = xOf(Math.min(0, item.value));
        const b = xOf(Math.max(0, item.value));
        doc
          .rect(a, y + 3, Math.max(0.5, b - a), rowH - 6)
          .fill(item.value < 0 && opts.diverging ? COLOR.negative : COLOR.bar);
      }
      const tx = item.value === null ? x0 + 2 : xOf(Math.max(0, item.value)) + 4;
      this.font(false, 8.5);
      doc.text(item.text, tx, y + 3, { width: valueW + plotW - (tx - x0), lineBreak: false });
    });
    const bottom = top + opts.items.length * rowH;
    doc.moveTo(xOf(0), top).lineTo(xOf(0), bottom).lineWidth(0.6).strokeColor(COLOR.muted).stroke();
    if (opts.reference) {
      const x = xOf(opts.reference.value);
      doc
        .moveTo(x, top - 2)
        .lineTo(x, bottom + 2)
        .lineWidth(1.2)
        .dash(3, { space: 2 })
        .strokeColor(COLOR.city)
        .stroke()
        .undash();
      this.font(false, 8, COLOR.city);
      doc.text(opts.reference.label, Math.min(x - 40, MARGIN.side + this.cw - 120), bottom + 4, {
        width: 160,
        lineBreak: false,
      });
    }
    doc.y = bottom + 22;
  }

  /** A small line chart: the district against the city over the years; gaps where hidden. */
  private lineChart(opts: {
    caption: string;
    periods: string[];
    lines: { label: string; values: (number | null)[]; color: string; dashed?: boolean }[];
    def: IndicatorDefinition;
  }) {
    const { doc } = this;
    const h = 120;
    const axisW = 44;
    this.ensure(h + 60);
    this.font(true, 9.5);
    doc.text(opts.caption, MARGIN.side, doc.y, { width: this.cw });
    doc.y += 6;
    const top = doc.y;
    const x0 = MARGIN.side + axisW;
    const plotW = this.cw - axisW - 10;
    const all = opts.lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    const padV = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
    const min = lo - padV;
    const max = hi + padV;
    const n = opts.periods.length;
    const xOf = (i: number) => (n <= 1 ? x0 + plotW / 2 : x0 + (i / (n - 1)) * plotW);
    const yOf = (v: number) => top + h - ((v - min) / (max - min)) * h;
    doc.rect(x0, top, plotW, h).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    this.font(false, 7.5, COLOR.muted);
    for (const v of [min + padV, (min + max) / 2, max - padV]) {
      const y = yOf(v);
      doc
        .moveTo(x0, y)
        .lineTo(x0 + plotW, y)
        .lineWidth(0.3)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.text(numberText(v, this.lang, Math.max(0, opts.def.decimals)), MARGIN.side, y - 4, {
        width: axisW - 4,
        align: "right",
        lineBreak: false,
      });
    }
    opts.periods.forEach((p, i) => {
      doc.text(p, xOf(i) - 14, top + h + 3, { width: 28, align: "center", lineBreak: false });
    });
    for (const line of opts.lines) {
      doc.lineWidth(1.6).strokeColor(line.color);
      if (line.dashed) doc.dash(4, { space: 2 });
      let open = false;
      line.values.forEach((v, i) => {
        if (v === null) {
          if (open) doc.stroke();
          open = false;
          return;
        }
        if (!open) doc.moveTo(xOf(i), yOf(v));
        else doc.lineTo(xOf(i), yOf(v));
        open = true;
      });
      if (open) doc.stroke();
      doc.undash();
      line.values.forEach((v, i) => {
        if (v !== null) doc.circle(xOf(i), yOf(v), 1.8).fill(line.color);
      });
    }
    // Legend.
    let lx = x0;
    const ly = top + h + 16;
    for (const line of opts.lines) {
      doc.lineWidth(1.6).strokeColor(line.color);
      if (line.dashed) doc.dash(4, { space: 2 });
      doc
        .moveTo(lx, ly + 4)
        .lineTo(lx + 18, ly + 4)
        .stroke()
        .undash();
      this.font(false, 8);
      doc.text(line.label, lx + 22, ly, { lineBreak: false });
      lx += 30 + doc.widthOfString(line.label);
    }
    doc.y = ly + 20;
  }

  // --- sections ----------------------------------------------------------------------------

  cover() {
    const { doc, t, m } = this;
    this.newPage();
    doc.y = 180;
    this.font(false, 14, COLOR.muted);
    doc.text(m.tenantName, MARGIN.side, doc.y, { width: this.cw });
    doc.y += 10;
    this.font(true, 28);
    doc.text(t("monitoring_report.title"), MARGIN.side, doc.y, { width: this.cw });
    this.font(true, 40, COLOR.bar);
    doc.text(m.period, MARGIN.side, doc.y + 4, { width: this.cw });
    doc.y += 16;
    this.font(false, 13);
    doc.text(t("monitoring_report.subtitle"), MARGIN.side, doc.y, { width: this.cw });
    doc.y += 30;
    this.font(false, 11);
    doc.text(
      t("monitoring_report.data_version", {
        version: m.dataVersion,
        date: dateText(m.dataVersionAt, this.lang),
      }),
      MARGIN.side,
      doc.y,
      { width: this.cw },
    );
    doc.y += 4;
    this.font(true, 11);
    doc.text(t(`monitoring_report.audience_${m.audience}_edition`), MARGIN.side, doc.y, { width: this.cw });
    doc.y += 20;
    this.font(false, 9.5, COLOR.muted);
    doc.text(
      t("monitoring_report.small_cells", {
        min: m.rule.minCount,
        denominator: m.rule.minDenominator,
        numerator: m.rule.minNumerator,
      }),
      MARGIN.side,
      doc.y,
      { width: this.cw },
    );
    if (m.synthetic) {
      doc.y += 8;
      this.font(true, 9.5, COLOR.city);
      doc.text(t("monitoring_report.synthetic_notice"), MARGIN.side, doc.y, { width: this.cw });
    }
  }

  reserveContents(): { first: number; count: number } {
    // Title + one line per section, district and the closing sections.
    const entries = 4 + this.m.districts.length;
    const count = Math.max(1, Math.ceil((entries + 2) / 34));
    const first = this.pageIndex() + 1;
    for (let i = 0; i < count; i++) this.newPage();
    return { first, count };
  }

  fillContents(at: { first: number; count: number }) {
    const { doc, t } = this;
    doc.switchToPage(at.first);
    doc.y = MARGIN.top;
    const dest = "contents";
    doc.addNamedDestination(dest);
    this.font(true, 18);
    doc.text(t("monitoring_report.contents"), MARGIN.side, doc.y, { width: this.cw });
    doc.y += 10;
    let page = at.first;
    for (const e of this.toc) {
      if (doc.y + 20 > this.bottom && page + 1 < at.first + at.count) {
        page++;
        doc.switchToPage(page);
        doc.y = MARGIN.top;
      }
      const indent = e.level * 16;
      const y = doc.y;
      const pageText = String(e.page + 1);
      this.font(e.level === 0, 10.5);
      const pw = doc.widthOfString(pageText);
      doc.text(e.title, MARGIN.side + indent, y, {
        width: this.cw - indent - pw - 20,
        goTo: e.dest,
        lineBreak: false,
        ellipsis: true,
      });
      doc.text(pageText, MARGIN.side + this.cw - pw, y, { goTo: e.dest, lineBreak: false });
      doc.y = y + 18;
    }
  }

  footers() {
    const { doc, t, m } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      if (i === range.start) continue; // no footer on the cover
      const oldBottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN.bottom + 24;
      doc
        .moveTo(MARGIN.side, y - 6)
        .lineTo(MARGIN.side + this.cw, y - 6)
        .lineWidth(0.4)
        .strokeColor(COLOR.rule)
        .stroke();
      this.font(false, 8, COLOR.muted);
      doc.text(
        t("monitoring_report.footer", { tenant: m.tenantName, period: m.period, version: m.dataVersion }),
        MARGIN.side,
        y,
        { width: this.cw - 90, lineBreak: false, ellipsis: true },
      );
      doc.text(
        t("monitoring_report.page_of", { page: i + 1, pages: range.count }),
        MARGIN.side + this.cw - 90,
        y,
        { width: 90, align: "right", lineBreak: false },
      );
      doc.page.margins.bottom = oldBottom;
    }
  }

  overview() {
    const { t, m } = this;
    // Landscape: all areas and the city side by side in one table (for up to about seven areas).
    this.section(t("monitoring_report.overview_heading"), 0, true, "landscape");
    this.paragraph(
      t("monitoring_report.overview_intro", {
        areas: m.areaCount,
        indicators: m.results.indicators.length,
        period: m.period,
      }),
    );
    // Indicators as rows, areas as columns (as many as fit their names), the city last.
    const labelW = 220;
    this.font(true, TABLE_SIZE, COLOR.text, true);
    const names = [...m.districts.map((d) => d.area.name), t("monitoring_report.city")];
    const widest = Math.max(...names.map((n) => this.doc.widthOfString(n))) + 2 * TABLE_PAD + 1;
    const perTable = Math.max(1, Math.min(8, Math.floor((this.cw - labelW) / Math.max(widest, 52)) - 1));
    const groups: (typeof m.districts)[] = [];
    for (let i = 0; i < m.districts.length; i += perTable) groups.push(m.districts.slice(i, i + perTable));
    if (groups.length === 0) groups.push([]);
    groups.forEach((group, g) => {
      const cols = group.length + 1;
      const colW = (this.cw - labelW) / cols;
      this.table({
        caption:
          groups.length > 1
            ? t("monitoring_report.overview_table_part", {
                period: m.period,
                part: g + 1,
                parts: groups.length,
              })
            : t("monitoring_report.overview_table", { period: m.period }),
        head: [
          t("monitoring_report.col_indicator"),
          ...group.map((d) => d.area.name),
          t("monitoring_report.city"),
        ],
        widths: [labelW, ...Array.from({ length: cols }, () => colW)],
        rows: m.results.indicators.map((r) => [
          this.name(r.indicator),
          ...group.map((d) => this.cell(r.byArea[d.area.id] ?? missing, r.indicator)),
          this.cell(r.city, r.indicator),
        ]),
      });
    });
    const key = m.keyIndicator
      ? m.results.indicators.find((r) => r.indicator.code === m.keyIndicator!.code)
      : null;
    if (key) {
      this.barChart({
        caption: t("monitoring_report.key_chart", { indicator: this.name(key.indicator), period: m.period }),
        items: m.districts.map((d) => {
          const c = key.byArea[d.area.id] ?? missing;
          return { label: d.area.name, value: c.value, text: this.cell(c, key.indicator) };
        }),
        reference:
          key.city.value === null
            ? null
            : {
                value: key.city.value,
                label: t("monitoring_report.city_value", { value: this.cell(key.city, key.indicator) }),
              },
      });
    }
  }

  district(d: ReportModel["districts"][number]) {
    const { t, m } = this;
    this.section(d.area.name, 1);
    const facts: string[] = [];
    if (d.area.population !== null)
      facts.push(t("monitoring_report.residents", { count: numberText(d.area.population, this.lang, 0) }));
    if (d.index?.statusClass)
      facts.push(
        t("monitoring_report.status_fact", {
          class: t(`monitoring_report.status_class_${d.index.statusClass}`),
        }),
      );
    if (d.index?.dynamicsClass)
      facts.push(
        t("monitoring_report.dynamics_fact", {
          class: t(`monitoring_report.dynamics_class_${d.index.dynamicsClass}`),
        }),
      );
    if (d.area.sparse) facts.push(t("monitoring_report.sparse"));
    if (facts.length) this.paragraph(facts.join(" · "), { color: COLOR.muted });
    this.table({
      caption: t("monitoring_report.district_table", { area: d.area.name, period: m.period }),
      head: [
        t("monitoring_report.col_indicator"),
        d.area.name,
        t("monitoring_report.city"),
        m.previousPeriod
          ? t("monitoring_report.col_change_since", { period: m.previousPeriod })
          : t("monitoring_report.col_change"),
        t("monitoring_report.col_rank", { count: m.areaCount }),
      ],
      widths: [195, 80, 80, 90, this.cw - 445],
      rows: d.rows.map((r: ReportRow) => [
        this.name(r.indicator),
        this.cell(r.value, r.indicator),
        this.cell(r.city, r.indicator),
        this.cell(r.change, r.indicator, true),
        r.rank === null ? "–" : String(r.rank),
      ]),
    });
    if (m.keyIndicator && m.series && m.series.periods.length > 0) {
      this.lineChart({
        caption: t("monitoring_report.series_chart", {
          indicator: this.name(m.keyIndicator),
          area: d.area.name,
        }),
        periods: m.series.periods,
        def: m.keyIndicator,
        lines: [
          { label: d.area.name, values: d.series.map((c) => c.value), color: COLOR.bar },
          {
            label: t("monitoring_report.city"),
            values: m.series.city.map((c) => c.value),
            color: COLOR.city,
            dashed: true,
          },
        ],
      });
      this.table({
        caption: t("monitoring_report.series_table", {
          indicator: this.name(m.keyIndicator),
          area: d.area.name,
        }),
        head: [t("monitoring_report.col_year"), d.area.name, t("monitoring_report.city")],
        widths: [this.cw - 200, 100, 100],
        rows: m.series.periods.map((p, i) => [
          p,
          this.cell(d.series[i]!, m.keyIndicator!),
          this.cell(m.series!.city[i]!, m.keyIndicator!),
        ]),
      });
    }
  }

  statusIndex() {
    const { t, m } = this;
    this.section(t("monitoring_report.index_heading"));
    if (m.index.indicators.length === 0) {
      this.paragraph(t("monitoring_report.index_none"));
      return;
    }
    this.paragraph(
      t("monitoring_report.index_intro", {
        indicators: m.index.indicators.map((i) => indicatorName(i, t)).join(", "),
      }),
    );
    const z = (v: number | null) => (v === null ? "–" : numberText(v, this.lang, 2, true));
    this.table({
      caption: t("monitoring_report.index_table", { period: m.period }),
      head: [
        t("monitoring_report.col_area"),
        t("monitoring_report.col_status"),
        t("monitoring_report.col_status_class"),
        t("monitoring_report.col_dynamics"),
        t("monitoring_report.col_dynamics_class"),
      ],
      widths: [155, 70, 100, 70, this.cw - 395],
      rows: m.index.areas.map((a) => [
        a.area.name,
        z(a.status),
        a.statusClass ? t(`monitoring_report.status_class_${a.statusClass}`) : "–",
        z(a.dynamics),
        a.dynamicsClass ? t(`monitoring_report.dynamics_class_${a.dynamicsClass}`) : "–",
      ]),
    });
    this.barChart({
      caption: t("monitoring_report.index_chart", { period: m.period }),
      diverging: true,
      items: m.index.areas.map((a) => ({
        label: a.area.name,
        value: a.status,
        text: z(a.status),
      })),
    });
  }

  sources() {
    const { t, m } = this;
    this.section(t("monitoring_report.sources_heading"));
    for (const r of m.results.indicators) {
      const def = r.indicator;
      const lines: string[] = [
        t("monitoring_report.source_definition", { text: definitionText(def, t, this.lang) }),
      ];
      const ages = ageLimitsLine(def, t);
      if (ages) lines.push(ages);
      lines.push(polarityText(def, t));
      if (def.source) lines.push(t("monitoring_report.source_source", { text: def.source }));
      if (def.notes) lines.push(t("monitoring_report.source_notes", { text: def.notes }));
      const synthetic = r.city.synthetic || Object.values(r.byArea).some((c) => c.synthetic);
      if (synthetic) lines.push(t("monitoring_report.source_synthetic"));
      this.ensure(60);
      this.subheading(this.name(def));
      for (const l of lines) this.paragraph(l, { size: 9, gap: 2 });
      this.doc.y += 8;
    }
  }

  legend() {
    const { t, m } = this;
    this.section(t("monitoring_report.legend_heading"), 0, false);
    const items: [string, string][] = [
      [
        `<${m.rule.minCount}`,
        t("monitoring_report.legend_primary", {
          min: m.rule.minCount,
          denominator: m.rule.minDenominator,
          numerator: m.rule.minNumerator,
        }),
      ],
      ["•", t("monitoring_report.legend_secondary")],
      ["–", t("monitoring_report.legend_no_data")],
      ["÷0", t("monitoring_report.legend_zero_denominator")],
      ["*", t("monitoring_report.legend_synthetic")],
    ];
    this.table({
      caption: t("monitoring_report.legend_caption"),
      head: [t("monitoring_report.col_symbol"), t("monitoring_report.col_meaning")],
      widths: [60, this.cw - 60],
      align: ["left", "left"],
      rows: items.map(([s, text]) => [s, text]),
    });
  }
}

const missing: MonitoringCell = { value: null, suppressed: null, missing: "no_data", synthetic: false };
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

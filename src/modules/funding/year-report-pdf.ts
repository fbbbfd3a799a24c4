import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf, PDF_MARGIN, type TaggedPdf } from "#app/server/pdf-document.ts";
import type { SafeCount } from "../statistics/small-cells.ts";
import { formatMoney } from "./model.ts";

/**
 * The council's year report of small-project funding (decision 112) as a tagged PDF (PDF/UA-1)
 * on the shared engine: headings and paragraphs as H1/H2/P, each table as Table → TR → TH/TD
 * structure elements, so a screen reader reads it as a table. German: it is the council's
 * document (Ratsvorlage). Counts come through the small-cell rule; a sum stands only where it
 * may be shown (the caller decides, `null` is printed as hidden).
 */
export type YearReportCall = {
  title: string;
  budgetCents: number;
  filed: SafeCount;
  funded: SafeCount;
  /** Null where the sums are hidden (a funded count hidden and the call's list not public). */
  committedCents: number | null;
  paidCents: number | null;
  returnedCents: number | null;
  availableCents: number | null;
};
export type YearReportModel = {
  tenantName: string;
  year: number;
  createdAt: Date;
  minCount: number;
  calls: YearReportCall[];
  /** Per goal-tree measure (label null: funded projects without a linked measure). */
  measures: { label: string | null; funded: SafeCount; grantedCents: number | null }[];
  /** Funded projects of calls that publish their list (title, organization, amount, measure). */
  projects: {
    callTitle: string;
    title: string;
    organizationName: string;
    grantedCents: number;
    measure: string | null;
  }[];
  /** Calls of the year whose projects are not listed (their list is not public). */
  unlistedCalls: number;
};

const TABLE_SIZE = 8.5;
const PAD = 3;

/** One table as tagged structure (Table/TR/TH/TD); rows break across pages with the header repeated. */
function table(pdf: TaggedPdf, head: string[], rows: string[][], widths: number[]) {
  const { doc, root } = pdf;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const align = (i: number) => (i === 0 ? "left" : "right");
  const height = (cells: string[], bold: boolean) => {
    doc.font(bold ? "B" : "R").fontSize(TABLE_SIZE);
    return Math.max(...cells.map((s, i) => doc.heightOfString(s, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const el = doc.struct("Table");
  root.add(el);
  const row = (cells: string[], header: boolean) => {
    const h = height(cells, header);
    if (doc.y + h > bottom()) {
      doc.addPage();
      doc.y = PDF_MARGIN;
      if (!header) row(head, true);
    }
    const y = doc.y;
    const tr = doc.struct("TR");
    el.add(tr);
    let x = PDF_MARGIN;
    cells.forEach((s, i) => {
      const left = x;
      // The first column names the row: a header cell, like the column heads.
      tr.add(
        doc.struct(header || i === 0 ? "TH" : "TD", {}, () => {
          doc
            .font(header ? "B" : "R")
            .fontSize(TABLE_SIZE)
            .fillColor("#1a1a1a");
          doc.text(s, left + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: align(i) });
        }),
      );
      x += widths[i]!;
    });
    tr.end();
    doc.y = y + h;
  };
  row(head, true);
  for (const r of rows) row(r, false);
  el.end();
  doc.x = PDF_MARGIN;
  doc.y += 10;
}

/** Column widths as shares of the text width (the last one takes the rounding). */
const cols = (width: number, shares: number[]) => {
  const total = shares.reduce((a, b) => a + b, 0);
  const w = shares.map((s) => Math.floor((width * s) / total));
  w[w.length - 1]! += width - w.reduce((a, b) => a + b, 0);
  return w;
};

export async function renderYearReportPdf(
  m: YearReportModel,
  t: Translate,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const title = t("funding.year_report_title", { year: String(m.year) });
  const pdf = await openTaggedPdf({
    title,
    author: m.tenantName,
    subject: t("funding.year_report_subject"),
    lang: "de",
    date: m.createdAt,
    compress: opts.compress,
  });
  const { put, width } = pdf;
  const money = (c: number | null) => (c === null ? t("funding.year_report_hidden") : formatMoney(c, "de"));
  const count = (c: SafeCount) =>
    c.value === null ? t("funding.year_report_small", { min: String(m.minCount) }) : String(c.value);
  const date = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
    m.createdAt,
  );

  put(m.tenantName, "P", 10);
  put(title, "H1", 6);
  put(t("funding.year_report_as_of", { date }), "P", 6);
  put(t("funding.year_report_intro", { min: String(m.minCount) }), "P", 12);

  put(t("funding.year_report_calls"), "H2", 4);
  if (m.calls.length === 0) put(t("funding.year_report_no_calls"), "P", 10);
  else
    table(
      pdf,
      [
        t("funding.col_call"),
        t("funding.budget_per_year"),
        t("funding.numbers_filed"),
        t("funding.numbers_funded"),
        t("funding.committed"),
        t("funding.paid"),
        t("funding.returned"),
        t("funding.available"),
      ],
      m.calls.map((c) => [
        c.title,
        money(c.budgetCents),
        count(c.filed),
        count(c.funded),
        money(c.committedCents),
        money(c.paidCents),
        money(c.returnedCents),
        money(c.availableCents),
      ]),
      cols(width, [22, 11, 7, 8, 11, 11, 11, 11]),
    );

  put(t("funding.year_report_measures"), "H2", 4);
  if (m.measures.length === 0) put(t("funding.year_report_none_funded"), "P", 10);
  else
    table(
      pdf,
      [t("funding.year_report_measure"), t("funding.numbers_funded"), t("funding.committed")],
      m.measures.map((r) => [
        r.label ?? t("funding.year_report_no_measure"),
        count(r.funded),
        money(r.grantedCents),
      ]),
      cols(width, [60, 15, 25]),
    );

  put(t("funding.year_report_projects"), "H2", 4);
  if (m.projects.length > 0)
    table(
      pdf,
      [
        t("funding.col_title"),
        t("funding.col_org"),
        t("funding.year_report_measure"),
        t("funding.col_granted"),
      ],
      m.projects.map((p) => [p.title, p.organizationName, p.measure ?? "–", money(p.grantedCents)]),
      cols(width, [30, 28, 27, 15]),
    );
  else if (m.unlistedCalls === 0) put(t("funding.year_report_none_funded"), "P", 10);
  if (m.unlistedCalls > 0) put(t("funding.year_report_unlisted", { count: m.unlistedCalls }), "P", 10);
  return pdf.finish();
}

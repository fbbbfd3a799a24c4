import PDFDocument from "pdfkit";
import { fonts, MARGIN } from "./letter-pdf.ts";
import { formatMoney } from "./model.ts";

/**
 * The payment order (Auszahlungsanordnung) of one instalment as a tagged PDF (PDF/UA-1), on the
 * engine of the decision letter and the monitoring report (pdfkit, DejaVu Sans, structure tree
 * H1/P, document language, title shown). German: it is the treasury's document, like the CSV.
 * The two signatures of the four-eyes rule are named: sachlich richtig (staff) and angeordnet
 * (finance). Deterministic: dated by the order.
 */
export type OrderModel = {
  tenantName: string;
  callTitle: string;
  reference: string;
  paymentId: string;
  organizationName: string;
  title: string;
  amountCents: number;
  dueDate: string;
  grantedCents: number;
  paidBeforeCents: number;
  approvedBy: string;
  approvedAt: Date | null;
  orderedBy: string;
  orderedAt: Date;
  paidDate: string | null;
  bookingReference: string | null;
};

const dateDe = (d: Date | string) =>
  new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "Europe/Berlin" }).format(
    typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d,
  );

export async function renderOrderPdf(m: OrderModel, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const f = await fonts();
  const title = `Auszahlungsanordnung ${m.reference}`;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: opts.compress ?? true,
    lang: "de-DE",
    displayTitle: true,
    pdfVersion: "1.7",
    tagged: true,
    // pdfkit supports PDF/UA; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as "PDF/A-1",
    info: {
      Title: title,
      Author: m.tenantName,
      Subject: m.callTitle,
      Creator: "Lotse",
      Producer: "Lotse (pdfkit)",
      CreationDate: m.orderedAt,
      ModDate: m.orderedAt,
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
    doc.text(text, MARGIN, doc.y, {
      width,
      structParent: root,
      structType: type,
    } as PDFKit.Mixins.TextOptions);
    doc.y += gap;
  };
  const money = (c: number) => formatMoney(c, "de");
  put(m.tenantName, "P", 12);
  put(title, "H1", 10);
  put(`Förderaufruf: ${m.callTitle}`, "P");
  put(`Aktenzeichen: ${m.reference} · Zahlung: ${m.paymentId}`, "P", 10);
  put("Zahlungsempfänger", "H2");
  put(`${m.organizationName}\nProjekt: ${m.title}`, "P", 10);
  put("Auszuzahlender Betrag", "H2");
  put(`${money(m.amountCents)}, fällig am ${dateDe(m.dueDate)}`, "P");
  put(
    `Bewilligt: ${money(m.grantedCents)} · bisher ausgezahlt: ${money(m.paidBeforeCents)} · ` +
      `danach offen: ${money(m.grantedCents - m.paidBeforeCents - m.amountCents)}`,
    "P",
    10,
  );
  put("Feststellung und Anordnung (Vier-Augen-Prinzip)", "H2");
  put(`Sachlich richtig: ${m.approvedBy}${m.approvedAt ? `, ${dateDe(m.approvedAt)}` : ""}`, "P");
  put(`Angeordnet: ${m.orderedBy}, ${dateDe(m.orderedAt)}`, "P", 10);
  if (m.paidDate)
    put(`Ausgezahlt am ${dateDe(m.paidDate)}, Buchungszeichen ${m.bookingReference ?? ""}`, "P", 10);
  root.end();
  doc.end();
  return done;
}

import type { Translate } from "#app/i18n/translator.ts";
import { openTaggedPdf } from "#app/server/pdf-document.ts";
import { formatMoney } from "./model.ts";

/**
 * The payment order (Auszahlungsanordnung) of one instalment as a tagged PDF (PDF/UA-1) on the
 * shared engine (`server/pdf-document.ts`). German (the caller passes the German translator): it
 * is the treasury's document, like the CSV.
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

export async function renderOrderPdf(
  m: OrderModel,
  t: Translate,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const title = t("funding.order_pdf_title", { reference: m.reference });
  const { put, finish } = await openTaggedPdf({
    title,
    author: m.tenantName,
    subject: m.callTitle,
    lang: "de",
    date: m.orderedAt,
    compress: opts.compress,
  });
  const money = (c: number) => formatMoney(c, "de");
  put(m.tenantName, "P", 12);
  put(title, "H1", 10);
  put(t("funding.order_pdf_call", { call: m.callTitle }), "P", 4);
  put(t("funding.order_pdf_reference", { reference: m.reference, payment: m.paymentId }), "P", 10);
  put(t("funding.order_pdf_payee"), "H2", 4);
  put(`${m.organizationName}\n${t("funding.order_pdf_project", { title: m.title })}`, "P", 10);
  put(t("funding.order_pdf_amount_heading"), "H2", 4);
  put(t("funding.order_pdf_amount", { amount: money(m.amountCents), due: dateDe(m.dueDate) }), "P", 4);
  put(
    t("funding.order_pdf_balance", {
      granted: money(m.grantedCents),
      paid: money(m.paidBeforeCents),
      open: money(m.grantedCents - m.paidBeforeCents - m.amountCents),
    }),
    "P",
    10,
  );
  put(t("funding.order_pdf_four_eyes"), "H2", 4);
  put(
    t("funding.order_pdf_approved", {
      name: m.approvedBy,
      date: m.approvedAt ? dateDe(m.approvedAt) : "—",
    }),
    "P",
    4,
  );
  put(t("funding.order_pdf_ordered", { name: m.orderedBy, date: dateDe(m.orderedAt) }), "P", 10);
  if (m.paidDate)
    put(
      t("funding.order_pdf_paid", { date: dateDe(m.paidDate), booking: m.bookingReference ?? "" }),
      "P",
      10,
    );
  return finish();
}

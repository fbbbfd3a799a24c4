import ExcelJS from "exceljs";
import { csvDocument } from "../../server/csv.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { referenceOf } from "./applicant-mail.ts";
import type { FundingDeps } from "./deps.ts";
import { translatorFor } from "./letter.ts";
import { centsToDecimal, moneyInput, sum } from "./model.ts";
import { renderOrderPdf } from "./order-pdf.ts";
import { paymentsRepo } from "./payments-repo.ts";
import { proofRepo } from "./proof-repo.ts";
import { fundingRepo } from "./repo.ts";

const STATUS_DE: Record<string, string> = {
  requested: "abgerufen",
  approved: "sachlich richtig",
  ordered: "angeordnet",
  paid: "ausgezahlt",
  returned: "zurückgegeben",
};

/**
 * Repayments in the treasury's CSV (decision 131), after the instalments and in their columns:
 * each booking received is a row of its own ("Rückzahlung eingegangen": the booking's id, the
 * demand's due date, the day received, the treasury's reference), and what is still open of a
 * demand one more ("Rückforderung offen", no id, not paid). Their amounts are negative: money
 * flowing back, so the column sums to what the call cost.
 */
function repaymentRows({
  demands,
  bookings,
}: Awaited<ReturnType<typeof proofRepo.repaymentsForCall>>): string[][] {
  return demands.flatMap((d) => {
    const mine = bookings.filter((b) => b.applicationId === d.applicationId);
    const open = (d.demandedCents ?? 0) - sum(mine.map((b) => b.amountCents));
    const row = (id: string, cents: number, received: string, ref: string, status: string) => [
      referenceOf(d.applicationId),
      id,
      d.organizationName,
      d.title,
      moneyInput(-cents),
      d.dueDate ?? "",
      received,
      ref,
      status,
    ];
    return [
      ...mine.map((b) => row(b.id, b.amountCents, b.receivedDate, b.reference, "Rückzahlung eingegangen")),
      ...(open > 0 ? [row("", open, "", "", "Rückforderung offen")] : []),
    ];
  });
}

/**
 * Exports for the treasury (German: they are its documents): the call's payment list as CSV
 * (decision 062), the open payment orders as XLSX (exceljs, already used for the survey
 * exports) and one payment order as a tagged PDF (decision 078).
 */
export function createPaymentExports(deps: FundingDeps) {
  const { db } = deps;

  return {
    /** The payment list of a call: CSV with semicolons and a BOM, German amounts, ISO dates. */
    async csv(principal: Principal, callId: string): Promise<string> {
      authorize(principal, "funding.payments");
      const call = await fundingRepo.call(db, principal.tenantId, callId);
      if (!call) throw AppError.notFound();
      const [rows, repayments] = await Promise.all([
        paymentsRepo.forCall(db, principal.tenantId, callId),
        proofRepo.repaymentsForCall(db, principal.tenantId, callId),
      ]);
      return csvDocument([
        [
          "Aktenzeichen",
          "Zahlung",
          "Empfänger",
          "Projekt",
          "Betrag",
          "Fällig am",
          "Bezahlt am",
          "Buchungszeichen",
          "Status",
        ],
        ...rows.map((r) => [
          referenceOf(r.applicationId),
          r.id,
          r.organizationName,
          r.title,
          moneyInput(r.amountCents),
          r.dueDate,
          r.paidDate ?? "",
          r.bookingReference ?? "",
          STATUS_DE[r.status] ?? r.status,
        ]),
        ...repaymentRows(repayments),
      ]);
    },

    /** The ordered instalments still to be paid, across calls: one sheet, amounts as numbers in euros. */
    async ordersXlsx(principal: Principal): Promise<Uint8Array<ArrayBuffer>> {
      authorize(principal, "funding.finance");
      const rows = (await paymentsRepo.queue(db, principal.tenantId)).filter((r) => r.status === "ordered");
      const wb = new ExcelJS.Workbook();
      wb.creator = "Lotse";
      const ws = wb.addWorksheet("Auszahlungsanordnungen");
      ws.columns = [
        { header: "Aktenzeichen", key: "ref", width: 14 },
        { header: "Zahlung", key: "id", width: 38 },
        { header: "Empfänger", key: "org", width: 36 },
        { header: "Projekt", key: "title", width: 36 },
        { header: "Betrag (EUR)", key: "amount", width: 14, style: { numFmt: "#,##0.00" } },
        { header: "Fällig am", key: "due", width: 12 },
        { header: "Angeordnet am", key: "ordered", width: 14 },
      ];
      for (const r of rows) {
        ws.addRow({
          ref: referenceOf(r.applicationId),
          id: r.id,
          org: r.organizationName,
          title: r.title,
          // Integer cents to euros for the cell only; the sum row is computed in cents.
          amount: Number(centsToDecimal(r.amountCents)),
          due: r.dueDate,
          ordered: r.orderedAt?.toISOString().slice(0, 10) ?? "",
        });
      }
      const total = sum(rows.map((r) => r.amountCents));
      const last = ws.addRow({ org: "Summe", amount: Number(centsToDecimal(total)) });
      last.font = { bold: true };
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: "frozen", ySplit: 1 }];
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },

    /** The payment order of one ordered (or paid) instalment as a tagged PDF. */
    async orderPdf(principal: Principal, paymentId: string): Promise<Buffer> {
      authorize(principal, "funding.finance");
      const r = await paymentsRepo.withGrant(db, principal.tenantId, paymentId);
      if (!r) throw AppError.notFound();
      const { payment: p, application: a } = r;
      if (!p.orderedAt || (p.status !== "ordered" && p.status !== "paid"))
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_payment_not_ordered" }] });
      const [call, tenant, names, all] = await Promise.all([
        fundingRepo.call(db, principal.tenantId, a.callId),
        deps.tenants.byId(principal.tenantId),
        deps.users.staffNames(principal.tenantId),
        paymentsRepo.payments(db, principal.tenantId, a.id),
      ]);
      const name = (id: string | null) => names.find((n) => n.id === id)?.displayName ?? "—";
      return renderOrderPdf(
        {
          tenantName: tenant?.name ?? "",
          callTitle: call?.title ?? "",
          reference: referenceOf(a.id),
          paymentId: p.id,
          organizationName: a.organizationName,
          title: a.title,
          amountCents: p.amountCents,
          dueDate: p.dueDate,
          grantedCents: a.grantedCents ?? 0,
          paidBeforeCents: sum(
            all.filter((x) => x.id !== p.id && x.paidDate !== null).map((x) => x.amountCents),
          ),
          approvedBy: name(p.approvedBy),
          approvedAt: p.approvedAt,
          orderedBy: name(p.orderedBy),
          orderedAt: p.orderedAt,
          paidDate: p.paidDate,
          bookingReference: p.bookingReference,
        },
        translatorFor("de"),
      );
    },
  };
}

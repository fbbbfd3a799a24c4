import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { FUNDED } from "./grant-link.ts";
import { formatMoney, sum } from "./model.ts";
import type { PaymentsView, PaymentView } from "./payments-contracts.ts";
import { countsAgainstGrant } from "./payments-model.ts";
import { type PaymentRow, paymentsRepo } from "./payments-repo.ts";

/** Views of a grant's instalments and the sum check, shared by the payment services. */
export const paymentViewOf = (p: PaymentRow): PaymentView => ({
  id: p.id,
  applicationId: p.applicationId,
  amountCents: p.amountCents,
  dueDate: p.dueDate,
  status: p.status,
  note: p.note,
  approvedBy: p.approvedBy,
  orderedBy: p.orderedBy,
  paidDate: p.paidDate,
  bookingReference: p.bookingReference,
  version: p.version,
});

type Grant = { id: string; callId: string; title: string; grantedCents: number | null };

export function summaryOf(a: Grant, rows: PaymentRow[]): PaymentsView {
  const planned = sum(rows.filter((r) => countsAgainstGrant(r.status)).map((r) => r.amountCents));
  const grantedCents = a.grantedCents ?? 0;
  return {
    applicationId: a.id,
    callId: a.callId,
    title: a.title,
    grantedCents,
    plannedCents: planned,
    paidCents: sum(rows.filter((r) => r.paidDate !== null).map((r) => r.amountCents)),
    leftCents: grantedCents - planned,
    payments: rows.map(paymentViewOf),
  };
}

/**
 * Under the application's row lock: the grant and its instalments, refusing (field `amount`,
 * with the figures) a new instalment that would take the instalments above the granted sum.
 */
export async function lockWithin(tx: DbOrTx, tenantId: string, applicationId: string, amount: number) {
  if (amount <= 0) throw AppError.validation([{ field: "amount", code: "required" }]);
  const a = await paymentsRepo.lockApplication(tx, tenantId, applicationId);
  if (!a) throw AppError.notFound();
  if (!FUNDED.has(a.status))
    throw new AppError("conflict", { fields: [{ field: "_", code: "funding_not_granted" }] });
  const granted = a.grantedCents ?? 0;
  const rows = await paymentsRepo.payments(tx, tenantId, a.id);
  const planned = sum(rows.filter((r) => countsAgainstGrant(r.status)).map((r) => r.amountCents));
  if (planned + amount > granted) {
    throw AppError.validation([
      {
        field: "amount",
        code: "funding_payments_above_grant",
        params: {
          granted: formatMoney(granted, "de"),
          planned: formatMoney(planned, "de"),
          left: formatMoney(granted - planned, "de"),
        },
      },
    ]);
  }
  return { a, rows };
}

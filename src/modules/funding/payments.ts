import { csvDocument } from "../../server/csv.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { AddPayment, Pay, PaymentsView } from "./contracts.ts";
import type { FundingDeps } from "./deps.ts";
import { formatMoney, moneyInput, sum } from "./model.ts";
import { type PaymentRow, paymentsRepo } from "./payments-repo.ts";
import { fundingRepo } from "./repo.ts";

const FUNDED = new Set(["granted", "partly_granted"]);

const viewOf = (p: PaymentRow) => ({
  id: p.id,
  applicationId: p.applicationId,
  amountCents: p.amountCents,
  dueDate: p.dueDate,
  paidDate: p.paidDate,
  bookingReference: p.bookingReference,
  version: p.version,
});

type Grant = { id: string; callId: string; title: string; grantedCents: number | null };

function summaryOf(a: Grant, rows: PaymentRow[]): PaymentsView {
  const planned = sum(rows.map((r) => r.amountCents));
  const grantedCents = a.grantedCents ?? 0;
  return {
    applicationId: a.id,
    callId: a.callId,
    title: a.title,
    grantedCents,
    plannedCents: planned,
    paidCents: sum(rows.filter((r) => r.paidDate !== null).map((r) => r.amountCents)),
    leftCents: grantedCents - planned,
    payments: rows.map(viewOf),
  };
}

/**
 * Payments (Auszahlungen) of a grant: instalments planned as they fall due, never more in sum
 * than granted; paid once each with the treasury's booking reference; a CSV for the treasury.
 */
export function createPayments(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  async function grantOf(tenantId: string, id: string) {
    const a = await fundingRepo.application(db, tenantId, id);
    if (!a || a.status === "draft") throw AppError.notFound();
    return a;
  }

  return {
    async list(principal: Principal, applicationId: string): Promise<PaymentsView> {
      authorize(principal, "funding.read");
      const a = await grantOf(principal.tenantId, applicationId);
      return summaryOf(a, await paymentsRepo.payments(db, a.tenantId, a.id));
    },

    /** Plans an instalment; the sum of instalments stays within the grant (field error with the figures). */
    async add(
      principal: Principal,
      applicationId: string,
      input: AddPayment,
      requestId?: string,
    ): Promise<PaymentsView> {
      authorize(principal, "funding.payments");
      if (input.amount <= 0) throw AppError.validation([{ field: "amount", code: "required" }]);
      return db.transaction(async (tx) => {
        const a = await paymentsRepo.lockApplication(tx, principal.tenantId, applicationId);
        if (!a) throw AppError.notFound();
        if (!FUNDED.has(a.status))
          throw new AppError("conflict", { fields: [{ field: "_", code: "funding_not_granted" }] });
        const granted = a.grantedCents ?? 0;
        const rows = await paymentsRepo.payments(tx, principal.tenantId, a.id);
        const planned = sum(rows.map((r) => r.amountCents));
        if (planned + input.amount > granted) {
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
        const row = await paymentsRepo.insert(tx, {
          tenantId: principal.tenantId,
          applicationId: a.id,
          amountCents: input.amount,
          dueDate: input.dueDate,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "funding_payment",
            entityId: row.id,
            changes: diff(null, { amountCents: row.amountCents, dueDate: row.dueDate }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return summaryOf(a, [...rows, row]);
      });
    },

    /** Marks an instalment paid. Once only: a second officer (or a stale tab) gets 409. */
    async pay(principal: Principal, paymentId: string, input: Pay, requestId?: string) {
      authorize(principal, "funding.payments");
      return db.transaction(async (tx) => {
        const p = await paymentsRepo.payment(tx, principal.tenantId, paymentId);
        if (!p) throw AppError.notFound();
        if (p.paidDate !== null)
          throw new AppError("conflict", { fields: [{ field: "_", code: "funding_payment_already_paid" }] });
        const after = await paymentsRepo.markPaid(
          tx,
          principal.tenantId,
          p.id,
          input.version,
          { paidDate: input.paidDate, bookingReference: input.bookingReference, paidBy: principal.userId },
          now(),
        );
        if (!after) throw AppError.versionConflict(p.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "pay",
            entityType: "funding_payment",
            entityId: p.id,
            changes: diff({ paidDate: null }, { paidDate: after.paidDate }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return viewOf(after);
      });
    },

    /**
     * The payment list of a call for the treasury: CSV with semicolons and a BOM (what German
     * spreadsheet software opens), amounts in German decimal notation, ISO dates.
     */
    async csv(principal: Principal, callId: string): Promise<string> {
      authorize(principal, "funding.payments");
      const call = await fundingRepo.call(db, principal.tenantId, callId);
      if (!call) throw AppError.notFound();
      const rows = await paymentsRepo.forCall(db, principal.tenantId, callId);
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
        ],
        ...rows.map((r) => [
          r.applicationId.slice(-8).toUpperCase(),
          r.id,
          r.organizationName,
          r.title,
          moneyInput(r.amountCents),
          r.dueDate,
          r.paidDate ?? "",
          r.bookingReference ?? "",
        ]),
      ]);
    },
  };
}

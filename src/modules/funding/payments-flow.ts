import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { FundingDeps } from "./deps.ts";
import { grantByLink } from "./grant-link.ts";
import type {
  Pay,
  PaymentOrderView,
  PaymentStep,
  PaymentsView,
  PaymentView,
  RequestFunds,
  ReturnPayment,
} from "./payments-contracts.ts";
import { lockWithin, paymentViewOf, summaryOf } from "./payments-grant.ts";
import { mailPaymentStep } from "./payments-mail.ts";
import type { PaymentStatus } from "./payments-model.ts";
import { type PaymentRow, paymentsRepo } from "./payments-repo.ts";

const conflict = (code: string) => new AppError("conflict", { fields: [{ field: "_", code }] });

/**
 * The payment flow (decision 078): the applicant calls funds through the status link
 * (Mittelabruf, within what is left of the grant); staff approve (or send back with a note);
 * a second person with the finance permission signs the payment order — never the approver
 * (four-eyes) — or sends it back; finance books it paid with the treasury's reference. Every
 * step is a compare-and-set on version and status: two officers at once give one step, the
 * other a 409. The applicant gets a mail when their call is approved, and when an instalment
 * is sent back or paid (decision 086).
 */
export function createPaymentFlow(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  async function step(
    principal: Principal,
    paymentId: string,
    version: number,
    from: PaymentStatus[],
    patch: (p: PaymentRow) => Partial<PaymentRow>,
    action: string,
    requestId: string | undefined,
  ): Promise<PaymentView> {
    return db.transaction(async (tx: DbOrTx) => {
      const p = await paymentsRepo.payment(tx, principal.tenantId, paymentId);
      if (!p) throw AppError.notFound();
      if (!from.includes(p.status))
        throw conflict(p.status === "paid" ? "funding_payment_already_paid" : "funding_payment_wrong_step");
      const changes = patch(p);
      const after = await paymentsRepo.transition(
        tx,
        principal.tenantId,
        p.id,
        version,
        p.status,
        changes,
        now(),
      );
      if (!after)
        throw p.version !== version
          ? AppError.versionConflict(p.version)
          : conflict("funding_payment_wrong_step");
      await deps.audit.record(
        {
          actor: { kind: "user", principal },
          action,
          entityType: "funding_payment",
          entityId: p.id,
          changes: diff({ status: p.status }, { status: after.status }),
          requestId: requestId ?? null,
        },
        tx,
      );
      await mailPaymentStep(deps, tx, p, after);
      return paymentViewOf(after);
    });
  }

  const sendBack = (
    principal: Principal,
    paymentId: string,
    input: ReturnPayment,
    from: PaymentStatus[],
    requestId: string | undefined,
  ) =>
    step(
      principal,
      paymentId,
      input.version,
      from,
      () => ({ status: "returned", note: input.note }),
      "return",
      requestId,
    );

  return {
    /** The applicant's view of the grant's instalments through the status link. */
    async byLink(tenantId: string, token: string): Promise<PaymentsView> {
      const { a } = await grantByLink(deps, tenantId, token);
      return summaryOf(a, await paymentsRepo.payments(db, tenantId, a.id));
    },

    /** The applicant calls funds (Mittelabruf): within what is left of the grant, awaiting staff. */
    async request(tenantId: string, token: string, input: RequestFunds): Promise<PaymentsView> {
      const { a: grant } = await grantByLink(deps, tenantId, token);
      return db.transaction(async (tx) => {
        const { a, rows } = await lockWithin(tx, tenantId, grant.id, input.amount);
        const row = await paymentsRepo.insert(tx, {
          tenantId,
          applicationId: a.id,
          amountCents: input.amount,
          dueDate: input.dueDate,
          status: "requested",
          note: input.note,
        });
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "request",
            entityType: "funding_payment",
            entityId: row.id,
            changes: diff(null, { amountCents: row.amountCents, dueDate: row.dueDate, status: row.status }),
          },
          tx,
        );
        return summaryOf(a, [...rows, row]);
      });
    },

    /** Staff approve the applicant's call (the first step). */
    async approve(principal: Principal, paymentId: string, input: PaymentStep, requestId?: string) {
      authorize(principal, "funding.payments");
      return step(
        principal,
        paymentId,
        input.version,
        ["requested"],
        () => ({ status: "approved", approvedBy: principal.userId, approvedAt: now() }),
        "approve",
        requestId,
      );
    },

    /** Finance signs the payment order (the second step): never the person who approved. */
    async order(principal: Principal, paymentId: string, input: PaymentStep, requestId?: string) {
      authorize(principal, "funding.finance");
      return step(
        principal,
        paymentId,
        input.version,
        ["approved"],
        (p) => {
          if (p.approvedBy === principal.userId) throw conflict("funding_payment_four_eyes");
          return { status: "ordered", orderedBy: principal.userId, orderedAt: now() };
        },
        "order",
        requestId,
      );
    },

    /**
     * A change request: staff send back an applicant's call or their own approval, with a
     * note. It no longer counts against the grant; a corrected instalment is a new one.
     */
    async returnByStaff(principal: Principal, paymentId: string, input: ReturnPayment, requestId?: string) {
      authorize(principal, "funding.payments");
      return sendBack(principal, paymentId, input, ["requested", "approved"], requestId);
    },

    /** Finance sends an approved instalment back to staff instead of ordering it. */
    async returnByFinance(principal: Principal, paymentId: string, input: ReturnPayment, requestId?: string) {
      authorize(principal, "funding.finance");
      return sendBack(principal, paymentId, input, ["approved"], requestId);
    },

    /** Finance books an ordered instalment as paid. Once only: a second officer gets 409. */
    async pay(principal: Principal, paymentId: string, input: Pay, requestId?: string) {
      authorize(principal, "funding.finance");
      return step(
        principal,
        paymentId,
        input.version,
        ["ordered"],
        () => ({
          status: "paid",
          paidDate: input.paidDate,
          bookingReference: input.bookingReference,
          paidBy: principal.userId,
        }),
        "pay",
        requestId,
      );
    },

    /** The finance queue: approved instalments to order, ordered ones to book, across calls. */
    async queue(principal: Principal): Promise<PaymentOrderView[]> {
      authorize(principal, "funding.finance");
      const rows = await paymentsRepo.queue(db, principal.tenantId);
      return rows.map((r) => ({
        ...paymentViewOf(r),
        organizationName: r.organizationName,
        title: r.title,
        callId: r.callId,
      }));
    },
  };
}

import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { mailApplicant, referenceOf } from "./applicant-mail.ts";
import type { FundingDeps } from "./deps.ts";
import { grantOf } from "./grant-link.ts";
import { formatMoney, sum } from "./model.ts";
import type { BookRepayment, RepaymentView } from "./proof-contracts.ts";
import { repaymentPurpose } from "./proof-model.ts";
import { type ProofRow, proofRepo, type RepaymentRow } from "./proof-repo.ts";
import { fundingRepo } from "./repo.ts";

/** What was demanded back, what came in (each booking) and what is outstanding; null without a demand. */
export function repaymentViewOf(p: ProofRow | undefined, rows: RepaymentRow[]): RepaymentView | null {
  if (p?.status !== "repayment") return null;
  const demanded = p.repaymentCents ?? 0;
  const received = sum(rows.map((r) => r.amountCents));
  return {
    demandedCents: demanded,
    receivedCents: received,
    outstandingCents: demanded - received,
    dueDate: p.repaymentDue,
    purpose: repaymentPurpose(referenceOf(p.applicationId)),
    bookings: rows.map((r) => ({
      id: r.id,
      amountCents: r.amountCents,
      receivedDate: r.receivedDate,
      reference: r.reference,
    })),
  };
}

/**
 * Repayments received (decision 119): after the proof of use demanded money back, staff who
 * handle the grant's payments book what the treasury received, in one or more parts, never more
 * in sum than demanded. The pot's "returned" is the sum of these bookings.
 */
export function createRepayments(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  return {
    async book(
      principal: Principal,
      applicationId: string,
      input: BookRepayment,
      requestId?: string,
    ): Promise<RepaymentView> {
      authorize(principal, "funding.payments");
      const { a } = await grantOf(
        deps,
        principal.tenantId,
        await fundingRepo.application(db, principal.tenantId, applicationId),
      );
      const today = now().toISOString().slice(0, 10);
      const errors = [];
      if (input.amount <= 0) errors.push({ field: "amount", code: "required" });
      if (input.receivedDate > today) errors.push({ field: "receivedDate", code: "date_in_future" });
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const p = await proofRepo.proof(tx, principal.tenantId, a.id);
        if (p?.status !== "repayment")
          throw new AppError("conflict", {
            fields: [{ field: "_", code: "funding_repayment_not_demanded" }],
          });
        // The proof's version is the compare-and-set (and its row lock serializes two bookings).
        const locked = await proofRepo.update(tx, principal.tenantId, a.id, input.version, {}, now());
        if (!locked) throw AppError.versionConflict(p.version);
        const rows = await proofRepo.repayments(tx, principal.tenantId, a.id);
        const demanded = p.repaymentCents ?? 0;
        const received = sum(rows.map((r) => r.amountCents));
        if (received + input.amount > demanded)
          throw AppError.validation([
            {
              field: "amount",
              code: "funding_repayment_above_demand",
              params: {
                demanded: formatMoney(demanded, "de"),
                received: formatMoney(received, "de"),
                left: formatMoney(demanded - received, "de"),
              },
            },
          ]);
        const row = await proofRepo.insertRepayment(tx, {
          tenantId: principal.tenantId,
          applicationId: a.id,
          amountCents: input.amount,
          receivedDate: input.receivedDate,
          reference: input.reference,
          bookedBy: principal.userId,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "repayment_received",
            entityType: "funding_proof",
            entityId: a.id,
            changes: diff(
              { receivedCents: received },
              { receivedCents: received + row.amountCents, receivedDate: row.receivedDate },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        const view = repaymentViewOf(locked, [...rows, row])!;
        // The applicant's confirmation of receipt (decision 131), with what is still open.
        await mailApplicant(
          deps,
          tx,
          a,
          view.outstandingCents > 0 ? "mail_repayment_received" : "mail_repayment_settled",
          {
            amount: formatMoney(row.amountCents, a.lang),
            receivedDate: row.receivedDate,
            outstanding: formatMoney(view.outstandingCents, a.lang),
            due: view.dueDate ?? "",
            purpose: view.purpose,
          },
        );
        return view;
      });
    },
  };
}

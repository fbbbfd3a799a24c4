import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { FundingDeps } from "./deps.ts";
import type { AddPayment, PaymentsView } from "./payments-contracts.ts";
import { createPaymentExports } from "./payments-export.ts";
import { createPaymentFlow } from "./payments-flow.ts";
import { lockWithin, summaryOf } from "./payments-grant.ts";
import { paymentsRepo } from "./payments-repo.ts";
import { fundingRepo } from "./repo.ts";

/**
 * Payments (Auszahlungen) of a grant: instalments planned by staff or called by the applicant,
 * never more in sum than granted; approved by staff, ordered by finance (four-eyes), paid once
 * each with the treasury's booking reference (payments-flow.ts); exports (payments-export.ts).
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
    ...createPaymentFlow(deps),
    ...createPaymentExports(deps),

    async list(principal: Principal, applicationId: string): Promise<PaymentsView> {
      authorize(principal, "funding.read");
      const a = await grantOf(principal.tenantId, applicationId);
      return summaryOf(a, await paymentsRepo.payments(db, a.tenantId, a.id));
    },

    /** Staff plan an instalment, approved by them at once (the first of the two steps). */
    async add(
      principal: Principal,
      applicationId: string,
      input: AddPayment,
      requestId?: string,
    ): Promise<PaymentsView> {
      authorize(principal, "funding.payments");
      return db.transaction(async (tx) => {
        const { a, rows } = await lockWithin(tx, principal.tenantId, applicationId, input.amount);
        const row = await paymentsRepo.insert(tx, {
          tenantId: principal.tenantId,
          applicationId: a.id,
          amountCents: input.amount,
          dueDate: input.dueDate,
          status: "approved",
          approvedBy: principal.userId,
          approvedAt: now(),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "funding_payment",
            entityId: row.id,
            changes: diff(null, { amountCents: row.amountCents, dueDate: row.dueDate, status: row.status }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return summaryOf(a, [...rows, row]);
      });
    },
  };
}

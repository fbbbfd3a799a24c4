import type { DbOrTx } from "../../server/db/client.ts";
import { mailApplicant } from "./applicant-mail.ts";
import type { FundingDeps } from "./deps.ts";
import { formatMoney } from "./model.ts";
import type { PaymentStatus } from "./payments-model.ts";
import type { PaymentRow } from "./payments-repo.ts";
import { fundingRepo } from "./repo.ts";

/** The steps the applicant hears about (decision 086): their call approved, an instalment sent back or paid. */
const MAILED: Partial<Record<PaymentStatus, string>> = {
  approved: "approved",
  returned: "returned",
  paid: "paid",
};

/**
 * Mails the applicant about an instalment's step, in the application's language, through
 * `mail/` in the step's transaction (a rolled-back step sends nothing). Staff planning an
 * instalment (approved at once) is not a step the applicant asked for; an application whose
 * contact data was erased gets no mail.
 */
export async function mailPaymentStep(deps: FundingDeps, tx: DbOrTx, before: PaymentRow, after: PaymentRow) {
  const key = MAILED[after.status];
  if (!key || (after.status === "approved" && before.status !== "requested")) return;
  const a = await fundingRepo.application(tx, after.tenantId, after.applicationId);
  if (!a) return;
  await mailApplicant(deps, tx, a, `mail_payment_${key}`, {
    amount: formatMoney(after.amountCents, a.lang),
    due: after.dueDate,
    note: after.note,
    paidDate: after.paidDate ?? "",
  });
}

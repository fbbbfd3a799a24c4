/** Contracts of a grant's payments (decisions 062, 078): shared by the API, the pages and the service. */
import { z } from "zod";
import { isoDate, requiredText, version } from "#app/server/validation.ts";
import { money } from "./money-input.ts";
import { PAYMENT_STATUSES } from "./payments-model.ts";

/** An instalment staff plan (approved at once by them): amount (cents or typed text) and due date. */
export const addPaymentInput = z.object({ amount: money(), dueDate: isoDate() });
export type AddPayment = z.output<typeof addPaymentInput>;
/** The applicant's call of funds (Mittelabruf) through the status link: amount, when it is needed, what for. */
export const requestFundsInput = z.object({
  amount: money(),
  dueDate: isoDate(),
  note: requiredText(1000),
});
export type RequestFunds = z.output<typeof requestFundsInput>;
/** A step of the approval (staff approve a call; finance signs the payment order). */
export const paymentStepInput = z.object({ version: version() });
export type PaymentStep = z.output<typeof paymentStepInput>;
/** Sending an instalment back with a change request. */
export const returnPaymentInput = z.object({ version: version(), note: requiredText(1000) });
export type ReturnPayment = z.output<typeof returnPaymentInput>;
/** Marking an instalment paid, with the treasury's booking reference. */
export const payInput = z.object({
  version: version(),
  paidDate: isoDate(),
  bookingReference: requiredText(60),
});
export type Pay = z.output<typeof payInput>;
export const paymentView = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  amountCents: z.number().int(),
  dueDate: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  note: z.string(),
  approvedBy: z.uuid().nullable(),
  orderedBy: z.uuid().nullable(),
  paidDate: z.string().nullable(),
  bookingReference: z.string().nullable(),
  version: z.number().int(),
});
export type PaymentView = z.output<typeof paymentView>;
export const paymentsView = z.object({
  applicationId: z.uuid(),
  callId: z.uuid(),
  title: z.string(),
  grantedCents: z.number().int(),
  /** Instalments not sent back (requested, approved, ordered, paid). */
  plannedCents: z.number().int(),
  paidCents: z.number().int(),
  /** What may still be planned or called: granted − planned. */
  leftCents: z.number().int(),
  payments: z.array(paymentView),
});
export type PaymentsView = z.output<typeof paymentsView>;
/** The finance queue: instalments approved by staff or ordered, across calls. */
export const paymentOrderView = paymentView.extend({
  organizationName: z.string(),
  title: z.string(),
  callId: z.uuid(),
});
export type PaymentOrderView = z.output<typeof paymentOrderView>;

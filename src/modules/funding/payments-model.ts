/**
 * The payment flow of a grant (decision 078): the applicant calls funds (requested), staff
 * approve (approved), a second person with the finance permission signs the payment order
 * (ordered; four-eyes: never the approver), the treasury books it (paid). Staff or finance may
 * send an instalment back with a note (returned); it then no longer counts against the grant.
 */
export const PAYMENT_STATUSES = ["requested", "approved", "ordered", "paid", "returned"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Instalments that count against the granted amount (all but the returned ones). */
export const countsAgainstGrant = (status: PaymentStatus) => status !== "returned";

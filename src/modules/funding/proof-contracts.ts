/** The proof of use's contracts (decision 019): shared by the API routes, the pages and the service. */
import { z } from "zod";
import { INT32_MAX, isoDate, optionalText, requiredText, version } from "#app/server/validation.ts";
import { money } from "./contracts.ts";
import { COST_TYPES } from "./model.ts";
import { MAX_RECEIPTS, PROOF_OUTCOMES, PROOF_STATUSES } from "./proof-model.ts";

/** What the applicant files: the factual report, actual costs per cost type, receipts, participants. */
export const fileProofInput = z.object({
  /** The proof's version the applicant saw (0: none filed yet). */
  version: z.number().int().min(0).max(INT32_MAX),
  /** Free text; with a questionnaire named by the call (decision 131) it may stay empty. */
  report: optionalText(8000).transform((v) => v ?? ""),
  participants: z.coerce.number().int().min(0).max(1_000_000),
  lines: z
    .array(
      z.object({
        type: z.enum(COST_TYPES),
        actual: money(),
        reason: optionalText(1000).transform((v) => v ?? ""),
      }),
    )
    .max(COST_TYPES.length),
  receipts: z
    .array(
      z.object({
        date: isoDate(),
        payee: requiredText(200),
        type: z.enum(COST_TYPES),
        amount: money(),
      }),
    )
    .max(MAX_RECEIPTS),
});
export type FileProof = z.output<typeof fileProofInput>;

/** Staff's examination: accept, ask for more (with a message), or demand the computed repayment. */
export const examineProofInput = z
  .object({
    version: z.number().int().min(1).max(INT32_MAX),
    outcome: z.enum(PROOF_OUTCOMES),
    message: optionalText(4000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== "accepted" && !v.message)
      ctx.addIssue({ code: "custom", path: ["message"], message: "code:required" });
  });
export type ExamineProof = z.output<typeof examineProofInput>;

/**
 * A repayment received (decision 119): amount, the day the treasury booked it, its booking
 * reference; `version` is the proof's, so two bookings from one view give one, the other a 409.
 */
export const bookRepaymentInput = z.object({
  version: version(),
  amount: money(),
  receivedDate: isoDate(),
  reference: optionalText(60).transform((v) => v ?? ""),
});
export type BookRepayment = z.output<typeof bookRepaymentInput>;

const cents = z.number().int();
/** Demanded back, received so far (each booking), still outstanding; null until a repayment is demanded. */
export const repaymentView = z.object({
  demandedCents: cents,
  receivedCents: cents,
  outstandingCents: cents,
  /** When the demand is due (null for a demand made before decision 131). */
  dueDate: z.string().nullable(),
  /** What the applicant writes on the transfer ("Rückzahlung <reference>"). */
  purpose: z.string(),
  bookings: z.array(
    z.object({ id: z.uuid(), amountCents: cents, receivedDate: z.string(), reference: z.string() }),
  ),
});
export type RepaymentView = z.output<typeof repaymentView>;
export const proofView = z.object({
  applicationId: z.uuid(),
  /** Null: nothing filed yet. */
  status: z.enum(PROOF_STATUSES).nullable(),
  version: z.number().int(),
  dueDate: z.string(),
  deviationBp: z.number().int(),
  report: z.string(),
  /** The call's report questionnaire (decision 131), and whether the applicant has filed it. */
  reportFormId: z.uuid().nullable(),
  reportAnswered: z.boolean(),
  participants: z.number().int(),
  lines: z.array(z.object({ type: z.enum(COST_TYPES), actualCents: cents, reason: z.string() })),
  receipts: z.array(
    z.object({ date: z.string(), payee: z.string(), type: z.enum(COST_TYPES), amountCents: cents }),
  ),
  message: z.string().nullable(),
  settlement: z.object({
    lines: z.array(
      z.object({
        type: z.enum(COST_TYPES),
        plannedCents: cents,
        actualCents: cents,
        deviationCents: cents,
        allowedCents: cents,
        needsReason: z.boolean(),
        overspendCents: cents,
      }),
    ),
    plannedCents: cents,
    actualCents: cents,
    recognizedCents: cents,
    dueCents: cents,
    paidCents: cents,
    repaymentCents: cents,
    outstandingCents: cents,
  }),
  repayment: repaymentView.nullable(),
  submittedAt: z.string().nullable(),
  examinedAt: z.string().nullable(),
});
export type ProofView = z.output<typeof proofView>;

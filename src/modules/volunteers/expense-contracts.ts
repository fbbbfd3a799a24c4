/** Contracts of the pool's settings, expense claims and hours (issue 17, What must work 5; decision 068). Browser-safe. */
import { z } from "zod";
import { isoDate, optionalText, requiredText, version } from "../../server/validation.ts";
import { GERMAN_STATES } from "../directory/types.ts";
import { parseMoney } from "../funding/model.ts";
import { CLAIM_KINDS, CLAIM_LIMITS, CLAIM_STATES } from "./model.ts";

/** An amount in cents, or text as people type it ("15,50 €"). */
export const amount = () =>
  z.union([z.number().int().min(0).max(CLAIM_LIMITS.amountCents), z.string().max(40)]).transform((v, ctx) => {
    if (typeof v === "number") return v;
    const p = parseMoney(v);
    if (!p.ok) {
      ctx.addIssue({ code: "custom", message: `code:${p.code}` });
      return z.NEVER;
    }
    if (p.cents > CLAIM_LIMITS.amountCents) {
      ctx.addIssue({ code: "custom", message: "code:money_too_large" });
      return z.NEVER;
    }
    return p.cents;
  });

/** PUT /volunteers/settings: send the version you read (0: the defaults, never saved). */
export const poolSettingsInput = z.object({
  version: z.number().int().min(0).max(2_147_483_647),
  holidayState: z.enum(GERMAN_STATES),
  allowanceCents: amount(),
  /** The statement's rates (decision 099); a form that leaves them out keeps the saved ones. */
  hourlyRateCents: amount().optional(),
  kmRateCents: amount().optional(),
});
export type PoolSettingsInput = z.output<typeof poolSettingsInput>;
export const poolSettingsView = z.object({
  version: z.number().int(),
  holidayState: z.string(),
  allowanceCents: z.number().int(),
  hourlyRateCents: z.number().int(),
  kmRateCents: z.number().int(),
});

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "code:volunteers_period" });
export const receipt = z.object({
  date: isoDate(),
  description: requiredText(200),
  amountCents: amount().pipe(z.number().min(1, { error: "code:volunteers_amount_zero" })),
});

/**
 * POST /volunteer-claims: a flat rate (one amount) or receipts (the amount is their sum). A
 * volunteer claims for themself; the coordinator names the volunteer.
 */
export const claimInput = z
  .object({
    volunteerId: z.uuid().optional(),
    kind: z.enum(CLAIM_KINDS),
    period,
    amountCents: amount().optional(),
    receipts: z.array(receipt).max(CLAIM_LIMITS.receipts).default([]),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "flat_rate" && !v.amountCents)
      ctx.addIssue({ code: "custom", message: "code:volunteers_amount_zero", path: ["amountCents"] });
    if (v.kind === "flat_rate" && v.receipts.length > 0)
      ctx.addIssue({ code: "custom", message: "code:volunteers_flat_rate_receipts", path: ["receipts"] });
    if (v.kind === "receipts" && v.receipts.length === 0)
      ctx.addIssue({ code: "custom", message: "code:required", path: ["receipts"] });
  });
export type ClaimInput = z.output<typeof claimInput>;

/** POST /volunteer-claims/{id}/decision: the coordinator approves or refuses (with a reason). */
export const decideClaimInput = z
  .object({
    version: version(),
    decision: z.enum(["approve", "refuse"]),
    reason: optionalText(500),
  })
  .refine((v) => v.decision === "approve" || !!v.reason, { error: "code:required", path: ["reason"] });
export type DecideClaim = z.output<typeof decideClaimInput>;

export const claimView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  volunteerId: z.uuid().nullable(),
  volunteerName: z.string(),
  kind: z.enum(CLAIM_KINDS),
  period: z.string(),
  amountCents: z.number().int(),
  receipts: z.array(z.object({ date: z.string(), description: z.string(), amountCents: z.number().int() })),
  note: z.string(),
  state: z.enum(CLAIM_STATES),
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ClaimView = z.output<typeof claimView>;

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** GET /volunteer-claims/summary: a year per volunteer, against the tax-free allowance. */
export const yearSummaryView = z.object({
  year: z.number().int(),
  allowanceCents: z.number().int(),
  volunteers: z.array(
    z.object({
      volunteerId: z.uuid().nullable(),
      volunteerName: z.string(),
      flatRateCents: z.number().int(),
      receiptsCents: z.number().int(),
      remainingCents: z.number().int(),
      overAllowance: z.boolean(),
      assignmentMinutes: z.number().int(),
      tandemMinutes: z.number().int(),
    }),
  ),
});
export type YearSummary = z.output<typeof yearSummaryView>;

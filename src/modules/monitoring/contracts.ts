/**
 * The monitoring module's contracts for approval and its plausibility check (decisions 019,
 * 133): one zod schema per input, shared by the API route, the page and the service.
 * Browser-safe: no table definitions, no database.
 */
import { z } from "zod";
import { int32, optionalText, version } from "#app/server/validation.ts";
import { FINDING_REASONS, PLAUSIBILITY_LIMITS } from "./model.ts";

/**
 * POST /monitoring/periods/{period}/approve and the confirmation page. `confirmFindings`: the
 * number of implausible values the approver saw and accepts; approval with findings goes ahead
 * only when it equals their number now (a new finding needs a new look).
 */
export const approveInput = z.object({
  version: version(),
  note: optionalText(500),
  confirmFindings: int32().min(0).optional(),
});
export type ApproveInput = z.output<typeof approveInput>;

/** PUT /monitoring/plausibility-settings and its form (version 0: none saved yet). */
export const plausibilitySettingsInput = z.object({
  jumpFactor: z.number().min(PLAUSIBILITY_LIMITS.jumpFactor.min).max(PLAUSIBILITY_LIMITS.jumpFactor.max),
  minBase: z.number().int().min(PLAUSIBILITY_LIMITS.minBase.min).max(PLAUSIBILITY_LIMITS.minBase.max),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type PlausibilitySettingsInput = z.output<typeof plausibilitySettingsInput>;

export const plausibilitySettingsView = z.object({
  jumpFactor: z.number(),
  minBase: z.number().int(),
  version: z.number().int(),
});

export const plausibilityFindingView = z.object({
  reason: z.enum(FINDING_REASONS),
  kind: z.enum(["element", "indicator"]),
  code: z.string(),
  labelKey: z.string().nullable(),
  name: z.string(),
  area: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: z.string(),
  breakdown: z.string(),
  value: z.number(),
  compared: z.number().nullable(),
  gridElement: z.string().nullable(),
});

/** GET /monitoring/periods/{period}/plausibility, and the findings of a refused approval. */
export const plausibilityView = z.object({
  period: z.string(),
  periodVersion: z.number().int(),
  rule: plausibilitySettingsView.omit({ version: true }),
  /** How many findings there are; `findings` lists at most the first FINDINGS_LISTED. */
  total: z.number().int(),
  findings: z.array(plausibilityFindingView),
});
export type PlausibilityView = z.output<typeof plausibilityView>;

/** How many findings a page or problem document lists (the total is always given). */
export const FINDINGS_LISTED = 200;

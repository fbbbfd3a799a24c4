/**
 * Crises and drills activated from the crisis plan (issue 20, "What must work" 3; decision 072):
 * one zod schema per input, shared by the API, the pages and the service; and the views.
 * Browser-safe.
 */
import { z } from "zod";
import { requiredText, version } from "../../server/validation.ts";
import { CRISIS_LOG_KINDS, CRISIS_STATES } from "./model.ts";

export const CRISIS_LIMITS = { debriefMeasures: 10, list: 100 } as const;

export const crisisIdParams = z.object({ id: z.uuid() });
export const crisisCheckParams = z.object({
  id: z.uuid(),
  position: z.coerce.number().int().min(1).max(1000),
});

/** Activation: the scenario (crisis type) of the current plan; a drill says so in every mail. */
export const activateCrisisInput = z.object({
  type: requiredText(200),
  drill: z.boolean(),
});
export type ActivateCrisisInput = z.output<typeof activateCrisisInput>;

/** A log entry written by a person (the module writes alerts, ticks and closing itself). */
export const crisisNoteInput = z.object({ text: requiredText(4000) });

/** A lesson that becomes a measure of the prevention plan. */
export const debriefMeasure = z.object({
  title: requiredText(200),
  responsible: requiredText(200),
});

/** Closing asks for the debrief: what worked, what to change, and measures to take up. */
export const closeCrisisInput = z.object({
  version: version(),
  worked: requiredText(4000),
  change: requiredText(4000),
  measures: z.array(debriefMeasure).max(CRISIS_LIMITS.debriefMeasures),
});
export type CloseCrisisInput = z.output<typeof closeCrisisInput>;

// Views ---------------------------------------------------------------------------------------

export const crisisListItem = z.object({
  id: z.string(),
  type: z.string(),
  drill: z.boolean(),
  state: z.enum(CRISIS_STATES),
  activatedAt: z.string(),
  closedAt: z.string().nullable(),
  checksDone: z.number().int(),
  checksTotal: z.number().int(),
});
export type CrisisListItem = z.output<typeof crisisListItem>;

export const crisisView = crisisListItem.extend({
  version: z.number().int(),
  planVersion: z.number().int(),
  escalateMinutes: z.number().int(),
  activatedBy: z.string().nullable(),
  chain: z.array(
    z.object({
      position: z.number().int(),
      role: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      hasEmail: z.boolean(),
      alertedAt: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
    }),
  ),
  checks: z.array(
    z.object({
      position: z.number().int(),
      step: z.string(),
      doneAt: z.string().nullable(),
      doneBy: z.string().nullable(),
    }),
  ),
  log: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(CRISIS_LOG_KINDS),
      actor: z.string().nullable(),
      text: z.string().nullable(),
    }),
  ),
  debrief: z.object({ worked: z.string(), change: z.string() }).nullable(),
  /** The public statement in every UI language, filled from this crisis: the plan's template or the catalog's. */
  statements: z.array(
    z.object({
      lang: z.string(),
      name: z.string(),
      dir: z.enum(["ltr", "rtl"]),
      text: z.string(),
      source: z.enum(["plan", "catalog"]),
    }),
  ),
});
export type CrisisView = z.output<typeof crisisView>;

/** What a link of the chain sees behind its acknowledgement link: no log, no other names. */
export const crisisAlertView = z.object({
  type: z.string(),
  drill: z.boolean(),
  state: z.enum(CRISIS_STATES),
  activatedAt: z.string(),
  role: z.string(),
  name: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type CrisisAlertView = z.output<typeof crisisAlertView>;

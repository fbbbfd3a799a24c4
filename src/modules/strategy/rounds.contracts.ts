/** Contracts of the report rounds (decision 098), shared by API, pages and service. */
import { z } from "zod";
import { isoDate, optionalText, version } from "../../server/validation.ts";
import { REPORT_YEARS } from "./report-years.ts";
import {
  MAX_NARRATIVE,
  MAX_REVIEW_NOTE,
  NARRATIVE_STATUSES,
  REVIEW_DECISIONS,
  ROUND_STATUSES,
} from "./rounds.model.ts";

/** POST /strategy/rounds: open the year's round with a deadline. */
export const openRoundInput = z.object({
  year: z.number().int().min(REPORT_YEARS.min).max(REPORT_YEARS.max),
  deadline: isoDate(),
});
export type OpenRound = z.output<typeof openRoundInput>;

/** POST /strategy/rounds/{id}/close */
export const closeRoundInput = z.object({ version: version() });

/** PUT /strategy/narratives/{id}: the responsible person's text; `submit` hands it in for review. */
export const writeNarrativeInput = z.object({
  text: optionalText(MAX_NARRATIVE),
  submit: z.boolean().default(false),
  version: version(),
});
export type WriteNarrative = z.output<typeof writeNarrativeInput>;

/** POST /strategy/narratives/{id}/review: the coordinator approves or asks for changes (with a note). */
export const reviewNarrativeInput = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  note: optionalText(MAX_REVIEW_NOTE),
  version: version(),
});
export type ReviewNarrative = z.output<typeof reviewNarrativeInput>;

export const roundView = z.object({
  id: z.string(),
  year: z.number().int(),
  deadline: z.string(),
  status: z.enum(ROUND_STATUSES),
  reminded: z.boolean(),
  version: z.number().int(),
  counts: z.object({ total: z.number().int(), approved: z.number().int() }),
});
export type RoundView = z.output<typeof roundView>;

export const narrativeView = z.object({
  id: z.string(),
  roundId: z.string(),
  year: z.number().int(),
  deadline: z.string(),
  roundStatus: z.enum(ROUND_STATUSES),
  nodeId: z.string(),
  nodeTitle: z.string(),
  nodeKind: z.string(),
  /** The people asked, by name (the coordinator's view; a responsible person sees the same). */
  responsible: z.array(z.string()),
  text: z.string().nullable(),
  status: z.enum(NARRATIVE_STATUSES),
  reviewNote: z.string().nullable(),
  version: z.number().int(),
  /** The caller may write it now (responsible, round open, not yet approved). */
  writable: z.boolean(),
});
export type NarrativeView = z.output<typeof narrativeView>;

/** Contracts of the evaluations (issue 16, 5; decision 071), shared by API, pages and service. */
import { z } from "zod";
import { isoDate, optionalDate, optionalText, requiredText, version } from "../../server/validation.ts";
import { EVALUATION_KINDS, LIGHTS, RATINGS } from "./evaluation.model.ts";
import { MAX_TEXT } from "./model.ts";

const rating = z.preprocess((v) => (v === "" ? null : v), z.enum(RATINGS).nullable().default(null));

/** POST /strategy/nodes/{id}/evaluations: one record per measure and review date. */
export const evaluationInput = z.object({
  reviewDate: isoDate(),
  kind: z.enum(EVALUATION_KINDS),
  evaluator: requiredText(300),
  questions: optionalText(MAX_TEXT),
  findings: optionalText(MAX_TEXT),
  recommendations: optionalText(MAX_TEXT),
  rating,
});
export type EvaluationInput = z.output<typeof evaluationInput>;

/** PUT /strategy/evaluations/{id}: the record and the version that was read. */
export const updateEvaluationInput = evaluationInput.extend({ version: version() });
export type UpdateEvaluation = z.output<typeof updateEvaluationInput>;

/** GET /strategy/evaluations: every evaluation with a review date in [from, to] (the conference's view). */
export const evaluationsQuery = z.object({ from: optionalDate(), to: optionalDate() });
export type EvaluationsQuery = z.output<typeof evaluationsQuery>;

export const evaluationIdParams = z.object({ id: z.uuid() });

const light = z.object({
  light: z.enum(LIGHTS),
  counts: z.object({ red: z.number().int(), amber: z.number().int(), green: z.number().int() }),
});

export const evaluationView = z.object({
  id: z.string(),
  nodeId: z.string(),
  reviewDate: z.string(),
  kind: z.enum(EVALUATION_KINDS),
  evaluator: z.string(),
  questions: z.string().nullable(),
  findings: z.string().nullable(),
  recommendations: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  version: z.number().int(),
});

export const evaluationsView = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(evaluationView.extend({ title: z.string(), path: z.array(z.string()), measured: light })),
});

export const nodeEvaluationView = z.object({
  measured: light,
  evaluations: z.array(evaluationView),
});

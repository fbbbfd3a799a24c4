/**
 * Contracts of the site-selection weights from a citizens' dialogue (decision 114): link the
 * dialogue's questionnaire, read the derived weights, adopt them as a numbered weight set.
 * Browser-safe.
 */
import { z } from "zod";
import { version } from "#app/server/validation.ts";
import { DIALOGUE_METHODS, PAIRWISE_SIDES } from "./model.ts";

export const linkDialogueInput = z.object({
  formId: z.uuid(),
  method: z.enum(DIALOGUE_METHODS),
  /** Question name per criterion id; a criterion left out is not asked (weight 0). */
  mapping: z.record(z.uuid(), z.string().trim().min(1).max(200)).default({}),
  /** The link's version as read; null when none exists yet. */
  version: version().nullable(),
});
export type LinkDialogueInput = z.output<typeof linkDialogueInput>;

export const adoptWeightsInput = z.object({
  /** The link's version as read: an adoption or change meanwhile is a conflict. */
  version: version(),
  /** The derived weights as shown; new answers since then change them, and the adoption is refused. */
  weights: z.record(z.uuid(), z.number().min(0).max(1_000_000)),
});
export type AdoptWeightsInput = z.output<typeof adoptWeightsInput>;

const question = z.object({ name: z.string(), label: z.string() });

export const dialogueFormView = z.object({ id: z.string(), title: z.string(), questions: z.array(question) });
export type DialogueFormView = z.output<typeof dialogueFormView>;

/** One judgement on Saaty's 1–9 scale: `a` is `intensity` times as important as `b` (or `b` as `a`). */
const judgement = z.object({
  a: z.uuid(),
  b: z.uuid(),
  favours: z.enum(PAIRWISE_SIDES),
  intensity: z.number().int().min(1).max(9),
});

export const weightSetView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  createdAt: z.string(),
  weights: z.record(z.string(), z.number()),
  source: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("dialogue"),
      formId: z.string(),
      formTitle: z.string(),
      method: z.enum(DIALOGUE_METHODS),
      mapping: z.record(z.string(), z.string()),
      answers: z.record(z.string(), z.number()),
    }),
    z.object({
      kind: z.literal("pairwise"),
      comparisons: z.array(judgement),
      consistencyRatio: z.number(),
      lambdaMax: z.number(),
    }),
  ]),
});
export type WeightSetView = z.output<typeof weightSetView>;

export const weightsView = z.object({
  /** The linked questionnaire, null when none is linked. */
  dialogue: z
    .object({
      formId: z.string(),
      formTitle: z.string(),
      method: z.enum(DIALOGUE_METHODS),
      mapping: z.record(z.string(), z.string()),
      questions: z.array(question),
      version: z.number().int(),
    })
    .nullable(),
  /** The weights the answers give now, per criterion; null when none is linked. */
  derived: z
    .object({
      status: z.enum(["ok", "unmapped", "suppressed", "no_answers", "sum_zero"]),
      rows: z.array(
        z.object({
          criterionId: z.string(),
          question: z.string().nullable(),
          answers: z.number().nullable(),
          suppressed: z.boolean(),
          q1: z.number().nullable(),
          median: z.number().nullable(),
          q3: z.number().nullable(),
          weight: z.number().nullable(),
          share: z.number().nullable(),
        }),
      ),
      weights: z.record(z.string(), z.number()).nullable(),
      /** The small-cell rule's minimum: fewer answers are not summarised. */
      minCount: z.number().int(),
    })
    .nullable(),
  /** Adopted weight sets, newest first; the first is in force. */
  sets: z.array(weightSetView),
});
export type WeightsView = z.output<typeof weightsView>;

/** A pairwise comparison of the criteria (AHP, decision 130): every pair of criteria once. */
export const pairwiseInput = z.object({
  comparisons: z.array(judgement).min(1).max(105),
  /** Adopt the weights as the next set when consistent; false only computes them. */
  adopt: z.boolean().default(false),
  /** The number of the set in force as read, null when none: an adoption meanwhile is a conflict. */
  basis: z.number().int().min(1).nullable().default(null),
});
export type PairwiseInput = z.output<typeof pairwiseInput>;

export const pairwiseView = z.object({
  /** Weight per criterion id, summing to 1. */
  weights: z.record(z.string(), z.number()),
  lambdaMax: z.number(),
  consistencyIndex: z.number(),
  consistencyRatio: z.number(),
  /** The highest consistency ratio that can be adopted (0.1). */
  limit: z.number(),
  consistent: z.boolean(),
  /** The pair judged least in line with the weights, and the judgement the weights imply. */
  worst: z
    .object({
      a: z.string(),
      b: z.string(),
      implied: z.object({ favours: z.enum(PAIRWISE_SIDES), intensity: z.number().int() }),
    })
    .nullable(),
  /** The adopted set; null when only computed. */
  set: weightSetView.nullable(),
});
export type PairwiseView = z.output<typeof pairwiseView>;

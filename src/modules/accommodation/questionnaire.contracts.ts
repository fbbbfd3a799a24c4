/**
 * Contracts of the questionnaire per accommodation (decisions 081, 089): attach a survey form,
 * read its answers by accommodation with small cells hidden. Browser-safe.
 */
import { z } from "zod";

export const attachQuestionnaireInput = z.object({ formId: z.uuid().nullable() });
export type AttachQuestionnaireInput = z.output<typeof attachQuestionnaireInput>;

export const questionnaireQuery = z.object({ question: z.string().trim().max(200).optional() });

const safeCount = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
const heading = z.object({ key: z.string(), labelKey: z.string().optional(), label: z.string().optional() });

export const questionnaireFormView = z.object({ id: z.string(), title: z.string() });

export const questionnaireView = z.object({
  /** The attached form, null when none is attached. */
  form: questionnaireFormView.nullable(),
  questions: z.array(z.object({ name: z.string(), label: z.string() })),
  /** The chosen question's answers by accommodation (columns), null before a question is chosen. */
  table: z
    .object({
      question: z.object({ name: z.string(), label: z.string() }),
      multiple: z.boolean(),
      rows: z.array(heading),
      columns: z.array(heading),
      cells: z.array(z.array(safeCount)),
      columnTotals: z.array(safeCount),
      rowTotals: z.array(safeCount),
      total: safeCount,
      minCount: z.number().int(),
    })
    .nullable(),
});
export type QuestionnaireView = z.output<typeof questionnaireView>;

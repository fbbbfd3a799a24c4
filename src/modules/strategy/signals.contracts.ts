/** Contracts of the gap analysis's further need signals (decision 079), shared by API, page and service. */
import { z } from "zod";
import { requiredText } from "../../server/validation.ts";

const id = z.uuid({ error: "code:invalid" });

/** POST /strategy/gaps/signals: a questionnaire answer or a monitoring indicator counting for one term. */
export const needSignalInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("survey"),
    termId: id,
    label: requiredText(200),
    formId: id,
    question: requiredText(100),
    answer: requiredText(200),
  }),
  z.object({
    kind: z.literal("monitoring"),
    termId: id,
    label: requiredText(200),
    monitoringCode: requiredText(100),
  }),
]);
export type NeedSignalInput = z.output<typeof needSignalInput>;

export const signalIdParams = z.object({ id: z.uuid() });

export const needSignalView = z.object({
  id: z.string(),
  termId: z.string(),
  term: z.string(),
  kind: z.enum(["survey", "monitoring"]),
  label: z.string(),
  formId: z.string().nullable(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  monitoringCode: z.string().nullable(),
});
export const needSignalsView = z.object({ signals: z.array(needSignalView) });

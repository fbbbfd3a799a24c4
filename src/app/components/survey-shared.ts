import { createContext } from "react";
import type { Answers, AnswerValue, FormDefinition } from "#app/modules/surveys/types.ts";

/** What the questions of a questionnaire are rendered from (see `SurveyFormFields`). */
export type SurveyFormProps = {
  definition: FormDefinition;
  /** Language of the labels (the page's language, or the respondent's choice). */
  lang: string;
  values: Answers;
  /** Error messages by answer path, already in the reader's language. */
  errors: Record<string, string>;
  /** Paths the server found not applicable (after a submission). */
  hidden?: string[];
  /** Number of instances per repeat to show (the server adds one on "add another"). */
  repeatCounts?: Record<string, number>;
  /** What was typed, by field name, for inputs the engine could not read (kept for correction). */
  raw?: Record<string, string>;
  today: string;
};

export const idOf = (path: string) => `f-q-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** The answers as they stand (live while the page runs JavaScript), for cascading selects. */
export const CurrentAnswers = createContext<Answers>({});

/** `rep[0]` → `rep.0` for field names. */
export function prefixField(prefix: string): string {
  return prefix.replace(/\[(\d+)\]/g, ".$1");
}

/** The engine's error path: `name` or `repeat[i].name`. */
export function pathKey(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

export function scalar(v: AnswerValue | undefined): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

import { randomUUID } from "node:crypto";
import { checkAnswers, readSubmission } from "#app/modules/surveys/engine.ts";
import type { MediaUpload } from "#app/modules/surveys/media.ts";
import type { Answers, FormDefinition } from "#app/modules/surveys/types.ts";
import type { FormErrors } from "./guard.server.ts";

/** A questionnaire form as posted by the browser (or replayed by the offline queue). */
export type SurveyPost = {
  entries: [string, string][];
  submissionId: string;
  formVersion: number;
  personId: string | null;
  /** "add another" on a repeat: its path; nothing is stored then. */
  add: string | null;
  counts: Record<string, number>;
  raw: Record<string, string>;
  /** Files of image, audio and file questions (`q.<path>`, multipart); empty file inputs left out. */
  uploads: MediaUpload[];
};

export async function readSurveyPost(request: Request): Promise<SurveyPost> {
  const form = await request.formData();
  const entries: [string, string][] = [];
  const counts: Record<string, number> = {};
  const raw: Record<string, string> = {};
  const files: [string, File][] = [];
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") {
      // a file input the respondent left empty still posts a nameless, empty part
      if (k.startsWith("q.") && v.size > 0) files.push([k.slice(2), v]);
      continue;
    }
    if (k.startsWith("q.")) {
      entries.push([k, v]);
      raw[k] = v;
    } else if (k.startsWith("_count.")) {
      const n = Number(v);
      if (Number.isInteger(n) && n >= 1 && n <= 50) counts[k.slice(7)] = n;
    }
  }
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const add = str("_add") || null;
  if (add) counts[add] = Math.min((counts[add] ?? 1) + 1, 50);
  const uploads = await Promise.all(
    files.map(async ([path, f]) => ({
      path,
      fileName: f.name,
      content: new Uint8Array(await f.arrayBuffer()),
    })),
  );
  return {
    entries,
    uploads,
    submissionId: str("submissionId"),
    formVersion: Number(str("formVersion")) || 0,
    personId: str("personId") || null,
    add,
    counts,
    raw,
  };
}

/** What to show again after a failed or partial submission: typed answers, hidden questions, errors. */
export function redisplay(def: FormDefinition, post: SurveyPost, today: string, errors?: FormErrors) {
  const read = readSubmission(def, post.entries);
  const checked = checkAnswers(def, read.answers, { today });
  const fieldErrors: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors?.fields ?? {}))
    if (k.startsWith("q.")) fieldErrors[k.slice(2)] = v;
  return {
    values: read.answers as Answers,
    hidden: [...checked.hidden],
    errors: fieldErrors,
    counts: post.counts,
    raw: post.raw,
  };
}

/** A fresh idempotency key for a newly rendered form (kept across re-renders of the same filling). */
export function newSubmissionId(): string {
  return randomUUID();
}

import type { ReactNode } from "react";
import { useState } from "react";
import { checkAnswers, questions, readSubmission } from "#app/modules/surveys/engine.ts";
import { isMediaType } from "#app/modules/surveys/media.ts";
import type { Answers, FormDefinition } from "#app/modules/surveys/types.ts";
import { useT } from "../i18n.tsx";
import type { FormErrors } from "../server/guard.server.ts";
import { ErrorSummary } from "./form/index.ts";
import { NodeView } from "./survey-node.tsx";
import { CurrentAnswers, idOf, type SurveyFormProps } from "./survey-shared.ts";

export { LANGUAGE_CHOICES } from "./survey-inputs.tsx";
export type { SurveyFormProps } from "./survey-shared.ts";

/**
 * Renders a questionnaire as a plain HTML form body (issue 5). It works without JavaScript:
 * every question is shown, and the server drops answers to questions that do not apply. When
 * the page runs JavaScript, relevance is evaluated live with the same engine the server uses,
 * so questions appear and disappear as the respondent answers.
 *
 * Field names follow the engine's contract: `q.<name>`, `q.<repeat>.<i>.<child>`,
 * `q.<name>.<i>.lang|level` for languages with their level.
 */

export function SurveyFormFields(props: SurveyFormProps) {
  const [live, setLive] = useState<{ hidden: Set<string>; answers: Answers } | null>(null);
  const hidden = live?.hidden ?? new Set(props.hidden ?? []);
  const onChange = (e: React.FormEvent<HTMLDivElement>) => {
    const form = (e.target as HTMLElement).closest("form");
    if (!form) return;
    const entries = [...new FormData(form).entries()].filter(
      (x): x is [string, string] => typeof x[1] === "string",
    );
    const read = readSubmission(props.definition, entries);
    const checked = checkAnswers(props.definition, read.answers, { today: props.today });
    setLive({ hidden: checked.hidden, answers: read.answers });
  };
  return (
    <CurrentAnswers.Provider value={live?.answers ?? props.values}>
      <div className="survey-form" onChange={onChange}>
        {props.definition.nodes.map((n) => (
          <NodeView key={n.name} node={n} prefix="" props={props} hidden={hidden} values={props.values} />
        ))}
      </div>
    </CurrentAnswers.Provider>
  );
}
/** The error summary of a questionnaire: each problem links to its question. */
export function SurveyErrorList({ errors }: { errors: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(errors).filter(([k]) => k.startsWith("q."));
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p>{t("surveys.errors_title", { count: entries.length })}</p>
      <ul>
        {entries.map(([k, m]) => (
          <li key={k}>
            <a href={`#${idOf(k.slice(2))}`}>{m}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Text direction of a form language (labels may be in a language other than the page's). */
export function surveyDir(lang: string): "rtl" | "ltr" {
  return /^(ar|fa|ur|ps|ckb|he)(-|$)/.test(lang) ? "rtl" : "ltr";
}

/** Where the offline queue reports (filled by /survey-queue.js; "#" is replaced by a number). */
export function QueueStatus() {
  const t = useT();
  return (
    <p
      id="survey-queue-status"
      className="notice notice-info"
      role="status"
      aria-live="polite"
      hidden
      data-msg-queued={t("surveys.queue_queued")}
      data-msg-sending={t("surveys.queue_sending")}
      data-msg-sent={t("surveys.queue_sent")}
      data-msg-conflict={t("surveys.queue_conflict")}
      data-msg-signin={t("surveys.queue_signin")}
      data-msg-files={t("surveys.queue_files")}
    />
  );
}

/** What a page shows again after a submission that was not stored (see survey-form.server.ts). */
export type SurveyRedisplay = {
  values: Answers;
  hidden: string[];
  errors: Record<string, string>;
  counts: Record<string, number>;
  raw: Record<string, string>;
};

/**
 * The whole questionnaire form of a capture page (a case or a one-time link): the errors, the
 * native form with its submission id and version, the questions, and the offline queue. It posts
 * natively (never through the client router) so /survey-queue.js can keep it while offline.
 */
export function SurveyForm(props: {
  action: string;
  definition: FormDefinition;
  lang: string;
  formVersion: number;
  submissionId: string;
  again: SurveyRedisplay | null | undefined;
  errors: FormErrors | undefined;
  today: string;
  submitLabel: string;
  /** Fields before the questions (e.g. who answers). */
  children?: ReactNode;
}) {
  const again = props.again;
  // image, audio and file questions post their files: the form is multipart then (decision 116)
  const withFiles = questions(props.definition).some((q) => isMediaType(q.type));
  return (
    <>
      {props.errors && !again?.errors ? <ErrorSummary errors={props.errors} /> : null}
      {again ? (
        <SurveyErrorList
          errors={Object.fromEntries(Object.entries(again.errors).map(([k, v]) => [`q.${k}`, v]))}
        />
      ) : null}
      <form
        method="post"
        action={props.action}
        encType={withFiles ? "multipart/form-data" : undefined}
        noValidate
        data-survey-queue=""
        lang={props.lang}
        dir={surveyDir(props.lang)}
      >
        <input type="hidden" name="submissionId" value={props.submissionId} />
        <input type="hidden" name="formVersion" value={String(props.formVersion)} />
        {props.children}
        <SurveyFormFields
          definition={props.definition}
          lang={props.lang}
          values={again?.values ?? {}}
          errors={again?.errors ?? {}}
          hidden={again?.hidden ?? []}
          repeatCounts={again?.counts ?? {}}
          raw={again?.raw ?? {}}
          today={props.today}
        />
        <div className="actions">
          <button type="submit">{props.submitLabel}</button>
        </div>
      </form>
      <QueueStatus />
      <script async src="/survey-queue.js" />
    </>
  );
}

/** A survey's population in words, e.g. "assigned 2015 · aged 18 and over". */
export function populationText(
  t: (key: string, values?: Record<string, string | number>) => string,
  p: { assignedYear?: number | null; minAge?: number | null; openCasesOnly?: boolean },
): string {
  return [
    p.assignedYear
      ? t("surveys.population_assigned", { year: String(p.assignedYear) })
      : t("surveys.population_all"),
    p.minAge != null ? t("surveys.population_min_age", { age: p.minAge }) : null,
    p.openCasesOnly ? t("surveys.field_open_cases_only") : null,
  ]
    .filter((x): x is string => x !== null)
    .join(" · ");
}

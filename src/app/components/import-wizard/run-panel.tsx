import { Form, Link, useNavigation } from "react-router";
import { codedText, type ImportRunView } from "#app/modules/imports/model.ts";
import { useT } from "../../i18n.tsx";
import { ErrorSummary, Notice } from "../form/index.ts";
import { useStepFocus } from "./focus.ts";
import { type WizardStep, WizardSteps } from "./steps.tsx";
import { Counts, IssuesTable, Notices, PreviewTable } from "./tables.tsx";

/** Seconds between refreshes while a run is queued or running. */
export const REFRESH_SECONDS = 2;

function stepOf(run: ImportRunView): WizardStep {
  if (run.status === "committed" || run.status === "failed") return "result";
  if (run.mode === "commit") return "commit";
  return run.status === "previewed" ? "preview" : "upload";
}

/**
 * Steps 2–4 for one import run: progress while the job works (the page reloads itself through a
 * meta refresh, which also works without JavaScript), then the preview with the errors per row
 * and column and the confirm button, then the result. Focus goes to the heading of each step.
 */
export function ImportRunPanel(props: {
  title: string;
  run: ImportRunView;
  uploadHref: string;
  doneHref: string;
  doneLabel: string;
}) {
  const { run } = props;
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const pending = run.status === "queued" || run.status === "running";
  const step = stepOf(run);
  const invalid = run.status === "previewed" && !run.result?.ok;
  const heading = useStepFocus<HTMLHeadingElement>(`${step}:${run.status}`, !invalid);
  const r = run.result;
  return (
    <>
      {/* React hoists this into <head>: the page reloads until the job is done. */}
      {pending ? <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <h1>{props.title}</h1>
      <WizardSteps current={step} />
      <h2 ref={heading} tabIndex={-1}>
        {t(`imports.status_${run.status}`)}
      </h2>
      <p className="hint">{t("imports.file", { name: run.filename })}</p>
      {pending ? (
        <div role="status">
          <progress
            max={run.progress.total || undefined}
            value={run.progress.total ? run.progress.done : undefined}
          >
            {t("imports.progress", run.progress)}
          </progress>
          <p>{run.progress.total ? t("imports.progress", run.progress) : t("imports.progress_waiting")}</p>
          <p className="hint">{t("imports.refresh_hint", { seconds: REFRESH_SECONDS })}</p>
        </div>
      ) : null}
      {run.status === "failed" ? <ErrorSummary errors={{}} title={t("imports.failed")} items={[]} /> : null}
      {r?.fileIssues.length ? (
        <ErrorSummary errors={{}} title={t("imports.file_issues")} items={[]}>
          <ul>
            {r.fileIssues.map((i) => (
              <li key={i.code}>{codedText(t, i)}</li>
            ))}
          </ul>
        </ErrorSummary>
      ) : null}
      {invalid && r && !r.fileIssues.length ? (
        <ErrorSummary
          errors={{}}
          title={t("imports.preview_invalid", { count: r.issues.length + r.issuesOmitted })}
          items={[{ href: "#import-issues", text: t("imports.see_issues") }]}
        />
      ) : null}
      {run.status === "committed" && r?.committed ? (
        <Notice kind="success">
          <p>{t("imports.committed")}</p>
          <Counts counts={r.committed} />
        </Notice>
      ) : null}
      {run.status === "previewed" && r?.ok ? <Notice kind="info">{t("imports.preview_ok")}</Notice> : null}
      {r && run.status !== "committed" ? <Counts counts={r.counts} /> : null}
      {r ? <Notices result={r} /> : null}
      {r ? (
        <section id="import-issues" aria-label={t("imports.issues_label")}>
          <IssuesTable result={r} />
        </section>
      ) : null}
      {r ? <IssuesTable result={r} warnings /> : null}
      {r && run.status === "previewed" ? <PreviewTable result={r} /> : null}
      {run.committable ? (
        <Form method="post">
          <button type="submit" name="intent" value="commit" disabled={busy}>
            {t("imports.confirm")}
          </button>
        </Form>
      ) : null}
      <p>
        {run.status === "committed" ? (
          <Link to={props.doneHref}>{props.doneLabel}</Link>
        ) : pending ? null : (
          <Link to={props.uploadHref}>{t("imports.upload_again")}</Link>
        )}
      </p>
    </>
  );
}

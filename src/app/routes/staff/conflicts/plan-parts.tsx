import type { ReactNode } from "react";
import { Link } from "react-router";
import { type ErrorSource, ErrorSummary, Notice } from "../../../components/form/index.ts";
import { useT } from "../../../i18n.tsx";

type Meta = {
  version: number;
  nextReviewOn: string;
  reviewDue: boolean;
  updatedText: string | null;
  updatedBy: string | null;
  revisions: { version: number; savedText: string | null; savedBy: string | null }[];
  /** The version whose tagged PDF is there (rendered by a job after each save), if any. */
  pdfVersion: number | null;
};

/** The head every plan page shares: the way back, the review date and the print hint. */
function PlanHead({
  meta,
  saved,
  kind,
}: {
  meta: Meta | null;
  saved: boolean;
  kind: "crisis" | "prevention";
}) {
  const t = useT();
  return (
    <>
      <p className="no-print">
        <Link to="/staff/conflicts">{t("conflicts.title")}</Link>
      </p>
      {saved ? <Notice kind="success">{t("conflicts.saved")}</Notice> : null}
      {meta?.reviewDue ? (
        <Notice kind="warning">{t("conflicts.plan_review_due", { date: meta.nextReviewOn })}</Notice>
      ) : null}
      {meta ? (
        <p>
          {t("conflicts.plan_meta", {
            version: meta.version,
            date: meta.updatedText ?? "",
            by: meta.updatedBy ?? "—",
            review: meta.nextReviewOn,
          })}
        </p>
      ) : null}
      <p className="no-print">{t("conflicts.plan_print_hint")}</p>
      {meta ? <PlanPdf meta={meta} kind={kind} /> : null}
    </>
  );
}

/** The download of the plan's tagged PDF, or the note that the job is still rendering it. */
function PlanPdf({ meta, kind }: { meta: Meta; kind: "crisis" | "prevention" }) {
  const t = useT();
  if (meta.pdfVersion === null) return <p className="no-print">{t("conflicts.plan_pdf_pending")}</p>;
  return (
    <p className="no-print">
      <a href={`/api/v1/conflicts/plans/${kind}/pdf`} download>
        {t("conflicts.plan_pdf_download", { version: meta.pdfVersion })}
      </a>
      {meta.pdfVersion < meta.version ? ` ${t("conflicts.plan_pdf_pending")}` : null}
    </p>
  );
}

/**
 * The frame both plan pages share: title and head, the plan (or "none yet"), the edit form in a
 * disclosure that opens on errors or when there is no plan, and the saved versions.
 */
export function PlanFrame(props: {
  title: string;
  kind: "crisis" | "prevention";
  meta: Meta | null;
  saved: boolean;
  aside?: ReactNode;
  children: ReactNode | null;
  edit: ReactNode | null;
  errors: ErrorSource;
}) {
  const t = useT();
  const { meta, errors } = props;
  return (
    <>
      <h1>{props.title}</h1>
      <PlanHead meta={meta} saved={props.saved} kind={props.kind} />
      {props.aside}
      {props.children ?? <p>{t("conflicts.plan_none")}</p>}
      {props.edit ? (
        <details className="no-print" open={errors !== undefined || !meta}>
          <summary>{t("conflicts.plan_edit")}</summary>
          <ErrorSummary errors={errors} />
          {props.edit}
        </details>
      ) : null}
      {meta ? <PlanRevisions meta={meta} /> : null}
    </>
  );
}

/** The saved versions (kept for the retention period, decision 064). */
function PlanRevisions({ meta }: { meta: Meta }) {
  const t = useT();
  return (
    <section aria-labelledby="plan-revisions" className="no-print">
      <h2 id="plan-revisions">{t("conflicts.plan_revisions")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.plan_revisions_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.plan_version")}</th>
              <th scope="col">{t("conflicts.plan_saved_at")}</th>
              <th scope="col">{t("conflicts.plan_saved_by")}</th>
            </tr>
          </thead>
          <tbody>
            {meta.revisions.map((r) => (
              <tr key={r.version}>
                <th scope="row">{r.version}</th>
                <td>{r.savedText}</td>
                <td>{r.savedBy ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Dates and names of a plan's meta, formatted on the server. */
export function metaView(
  m: {
    version: number;
    nextReviewOn: string;
    reviewDue: boolean;
    updatedAt: string;
    updatedBy: string | null;
    revisions: { version: number; savedAt: string; savedBy: string | null }[];
    pdf: { version: number } | null;
  },
  fmt: (iso: string | null) => string | null,
): Meta {
  return {
    version: m.version,
    nextReviewOn: m.nextReviewOn,
    reviewDue: m.reviewDue,
    updatedText: fmt(m.updatedAt),
    updatedBy: m.updatedBy,
    revisions: m.revisions.map((r) => ({
      version: r.version,
      savedText: fmt(r.savedAt),
      savedBy: r.savedBy,
    })),
    pdfVersion: m.pdf?.version ?? null,
  };
}

import { data, Form, Link, redirect, useNavigation } from "react-router";
import { reviewNoteInput } from "#app/modules/directory/contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { parseInput } from "#app/server/validation.ts";
import { formatDate } from "../../../components/directory-editor.tsx";
import { ErrorSummary } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/revision";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  return ctx.services.directory.revision(principal, params.id);
}

type ActionResult = { ok: false; errors: FormErrors };

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "directory.edit");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const version = Number(str("version"));
  const v = Number.isInteger(version) && version > 0 ? version : 0;
  const svc = ctx.services.directory;
  const intent = str("intent");
  const result = await formAction(ctx.t, async () => {
    if (intent === "publish") return svc.publish(principal, params.id, v, ctx.requestId);
    if (intent === "reject") {
      const { note } = parseInput(reviewNoteInput, { note: str("note") });
      return svc.reject(principal, params.id, { version: v, note }, ctx.requestId);
    }
    if (intent === "submit") return svc.submit(principal, params.id, v, ctx.requestId);
    return svc.withdraw(principal, params.id, v, ctx.requestId);
  });
  if ("data" in result) return result;
  const rev = result.value;
  return redirect(
    intent === "publish" || intent === "reject"
      ? "/staff/directory/review"
      : `/staff/directory/${rev.entityType}/${rev.entityId}?done=${intent === "submit" ? "submit" : "withdraw"}`,
  );
}

/** A value of any field as short readable text (the full data is JSON; people read the changed parts). */
function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v, null, 1);
}

export default function RevisionPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const navigation = useNavigation();
  const { revision: r, changes } = loaderData;
  const errors = (actionData as ActionResult | undefined)?.errors;
  const busy = navigation.state === "submitting";
  const open = r.status === "draft" || r.status === "in_review";
  return (
    <>
      <p>
        <Link to={`/staff/directory/${r.entityType}/${r.entityId}`}>{t("directory.back_to_entry")}</Link>
      </p>
      <h1>
        {r.name} · {t("directory.revision_n", { n: r.number })}
      </h1>
      <ErrorSummary errors={errors} />
      <dl className="dir-facts">
        <div>
          <dt>{t("directory.col_type")}</dt>
          <dd>{t(`directory.type_${r.entityType}`)}</dd>
        </div>
        <div>
          <dt>{t("directory.col_status")}</dt>
          <dd>{t(`directory.revision_status_${r.status}`)}</dd>
        </div>
        {r.submittedAt ? (
          <div>
            <dt>{t("directory.col_submitted")}</dt>
            <dd>{formatDate(r.submittedAt, lang, true)}</dd>
          </div>
        ) : null}
        {r.reviewedAt ? (
          <div>
            <dt>{t("directory.reviewed_at")}</dt>
            <dd>{formatDate(r.reviewedAt, lang, true)}</dd>
          </div>
        ) : null}
        {r.reviewNote ? (
          <div>
            <dt>{t("directory.review_note")}</dt>
            <dd>{r.reviewNote}</dd>
          </div>
        ) : null}
      </dl>
      <h2>{loaderData.current ? t("directory.diff_title") : t("directory.diff_title_new")}</h2>
      {changes.length === 0 ? (
        <p>{t("directory.diff_none")}</p>
      ) : (
        <table className="data-table dir-diff">
          <caption>{t("directory.diff_caption", { count: changes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.diff_field")}</th>
              <th scope="col">{t("directory.diff_before")}</th>
              <th scope="col">{t("directory.diff_after")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{t(`directory.field_${c.field}`)}</th>
                <td>
                  <del>
                    <pre>{show(c.before)}</pre>
                  </del>
                </td>
                <td>
                  <ins>
                    <pre>{show(c.after)}</pre>
                  </ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="dir-version-data">
        <summary>{t("directory.version_data")}</summary>
        <table className="data-table dir-version-table">
          <caption>{t("directory.revision_n", { n: r.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.diff_field")}</th>
              <th scope="col">{t("directory.version_value")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(loaderData.data as Record<string, unknown>).map(([field, value]) => (
              <tr key={field}>
                <th scope="row">{t(`directory.field_${field}`)}</th>
                <td>
                  <pre>{show(value)}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {r.status === "in_review" && loaderData.canPublish ? (
        <section className="dir-review-actions" aria-label={t("directory.review_actions")}>
          <Form method="post">
            <input type="hidden" name="version" value={r.version} />
            <button type="submit" name="intent" value="publish" disabled={busy}>
              {t("directory.publish")}
            </button>
          </Form>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={r.version} />
            <div className={errors?.fields.note ? "field field-invalid" : "field"}>
              <label htmlFor="f-note">{t("directory.review_note")}</label>
              <textarea
                id="f-note"
                name="note"
                rows={3}
                maxLength={2000}
                aria-invalid={errors?.fields.note ? true : undefined}
                aria-describedby={errors?.fields.note ? "f-note-error" : undefined}
              />
              {errors?.fields.note ? (
                <p className="field-error" id="f-note-error">
                  {errors.fields.note}
                </p>
              ) : null}
            </div>
            <button type="submit" name="intent" value="reject" className="button-secondary" disabled={busy}>
              {t("directory.reject")}
            </button>
          </Form>
        </section>
      ) : null}
      {open && loaderData.canEdit ? (
        <Form method="post" className="dir-inline-form">
          <input type="hidden" name="version" value={r.version} />
          {r.status === "draft" ? (
            <button type="submit" name="intent" value="submit" disabled={busy}>
              {t("directory.submit")}
            </button>
          ) : null}
          <button type="submit" name="intent" value="withdraw" className="button-secondary" disabled={busy}>
            {t("directory.withdraw")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

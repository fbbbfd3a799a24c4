import { data, Form } from "react-router";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/review";

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const all = new URL(request.url).searchParams.get("all") === "1";
  const items = await ctx.services.privacy.reviewQueue(principal, { pending: !all });
  return { items, all };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors; id: string };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const id = str("id");
  const r = await formAction(ctx.t, () =>
    ctx.services.privacy.review(
      principal,
      id,
      { outcome: str("outcome"), note: str("note") || null },
      ctx.requestId,
    ),
  );
  if ("data" in r) return data({ ok: false as const, errors: r.data.errors, id }, r.init ?? undefined);
  return { ok: true } satisfies ActionResult;
}

export default function BreakGlassReview({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionResult | undefined;
  return (
    <>
      <h1>{t("privacy.review_title")}</h1>
      <p>{t("privacy.review_intro")}</p>
      <p>
        <a href={d.all ? "?" : "?all=1"}>{d.all ? t("privacy.show_pending") : t("privacy.show_all")}</a>
      </p>
      {result?.ok ? <Notice kind="success">{t("privacy.reviewed")}</Notice> : null}
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      {d.items.length === 0 ? <p>{t("privacy.queue_empty")}</p> : null}
      {d.items.map((b) => (
        <article key={b.id} className="bg-item" aria-labelledby={`bg-${b.id}`}>
          <h2 id={`bg-${b.id}`}>
            {t("privacy.bg_heading", { user: b.userName ?? b.userId, reference: b.caseReference ?? "—" })}
          </h2>
          <p>
            {t("privacy.bg_period", {
              from: b.startedAt.slice(0, 16).replace("T", " "),
              to: b.expiresAt.slice(0, 16).replace("T", " "),
            })}
          </p>
          <blockquote>{b.reason}</blockquote>
          {b.reviewedAt ? (
            <p>
              {t(`privacy.outcome_${b.reviewOutcome ?? "justified"}`)} · {b.reviewedBy} · {b.reviewNote ?? ""}
            </p>
          ) : (
            <Form method="post" className="review-form">
              <input type="hidden" name="id" value={b.id} />
              <fieldset className="field">
                <legend>{t("privacy.review_outcome")}</legend>
                <div className="checkbox">
                  <input type="radio" id={`o1-${b.id}`} name="outcome" value="justified" required />
                  <label htmlFor={`o1-${b.id}`}>{t("privacy.outcome_justified")}</label>
                </div>
                <div className="checkbox">
                  <input type="radio" id={`o2-${b.id}`} name="outcome" value="unjustified" />
                  <label htmlFor={`o2-${b.id}`}>{t("privacy.outcome_unjustified")}</label>
                </div>
              </fieldset>
              <div className="field">
                <label htmlFor={`n-${b.id}`}>{t("privacy.review_note")}</label>
                <textarea id={`n-${b.id}`} name="note" rows={2} maxLength={2000} />
              </div>
              <button type="submit">{t("privacy.review_save")}</button>
            </Form>
          )}
        </article>
      ))}
    </>
  );
}

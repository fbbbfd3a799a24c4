import { data, Form } from "react-router";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import type { Route } from "./+types/conflict-status";

/**
 * The reporter follows the state of a report: no notes, no parties, no handler (issue 20). While
 * a public report waits for moderation they may withdraw it, and it is erased (decision 129): a
 * plain form post, no JavaScript.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const status = await ctx.services.conflicts.status(ctx.tenant.id, params.token.slice(0, 200));
  return data({ status }, { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } });
}

export async function action({ params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const withdrawn = await ctx.services.conflicts.withdrawPublic(ctx.tenant.id, params.token.slice(0, 200));
  return data({ withdrawn }, { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } });
}

export default function ConflictStatus({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const s = loaderData.status;
  if (actionData?.withdrawn) {
    return (
      <>
        <h1>{t("conflicts.status_title")}</h1>
        <Notice kind="success">{t("conflicts.withdrawn")}</Notice>
      </>
    );
  }
  if (!s) {
    return (
      <>
        <h1>{t("conflicts.status_title")}</h1>
        <Notice kind="warning">{t("conflicts.status_invalid")}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("conflicts.status_title")}</h1>
      {actionData ? <Notice kind="warning">{t("conflicts.withdraw_failed")}</Notice> : null}
      <dl>
        <dt>{t("conflicts.status_reference")}</dt>
        <dd dir="ltr">{s.reference}</dd>
        <dt>{t("conflicts.kind")}</dt>
        <dd>{t(`conflicts.kind_${s.kind}`)}</dd>
        <dt>{t("conflicts.status_state")}</dt>
        <dd>
          {t(`conflicts.state_${s.state}`)}
          {s.outcome ? ` · ${t(`conflicts.outcome_${s.outcome}`)}` : ""}
        </dd>
        <dt>{t("conflicts.status_reported")}</dt>
        <dd>{s.reportedAt.slice(0, 10)}</dd>
        <dt>{t("conflicts.status_first_contact")}</dt>
        <dd>{s.firstContactAt ? s.firstContactAt.slice(0, 10) : t("conflicts.status_none_yet")}</dd>
      </dl>
      <p>{t("conflicts.status_note")}</p>
      {s.state === "awaiting_moderation" ? (
        <section aria-labelledby="withdraw">
          <h2 id="withdraw">{t("conflicts.withdraw_title")}</h2>
          <p>{t("conflicts.withdraw_text")}</p>
          <Form method="post">
            <button type="submit" className="button-secondary">
              {t("conflicts.withdraw_button")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

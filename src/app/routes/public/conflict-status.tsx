import { data } from "react-router";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import type { Route } from "./+types/conflict-status";

/** The reporter follows the state of a report: no notes, no parties, no handler (issue 20). */
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

export default function ConflictStatus({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const s = loaderData.status;
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
    </>
  );
}

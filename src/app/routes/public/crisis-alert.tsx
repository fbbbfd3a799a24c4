import { data, Form } from "react-router";
import { crisisTypeName } from "#app/modules/conflicts/model.ts";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import type { Route } from "./+types/crisis-alert";

/**
 * A link of the crisis chain acknowledges its alert (decision 072): the link in the mail opens
 * this page; acknowledging is a POST, so a mail scanner that follows links acknowledges nothing.
 */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

const headers = { "cache-control": "no-store", "referrer-policy": "same-origin" };

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const alert = await ctx.services.conflicts.crisisAlert(ctx.tenant.id, params.token.slice(0, 200));
  const fmt = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  const view = alert && {
    ...alert,
    activatedText: fmt.format(new Date(alert.activatedAt)),
    acknowledgedText: alert.acknowledgedAt ? fmt.format(new Date(alert.acknowledgedAt)) : null,
  };
  return data({ alert: view }, { headers });
}

export async function action({ params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  await ctx.services.conflicts.acknowledgeCrisisAlert(ctx.tenant.id, params.token.slice(0, 200));
  return data({ ok: true }, { headers });
}

export default function CrisisAlert({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const a = loaderData.alert;
  if (!a) {
    return (
      <>
        <h1>{t("conflicts.alert_title")}</h1>
        <Notice kind="warning">{t("conflicts.alert_invalid")}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("conflicts.alert_title")}</h1>
      {a.drill ? <Notice kind="warning">{t("conflicts.crisis_drill_notice")}</Notice> : null}
      <dl>
        <dt>{t("conflicts.crisis_type")}</dt>
        <dd dir="auto">{crisisTypeName(t, a.type)}</dd>
        <dt>{t("conflicts.alert_role")}</dt>
        <dd dir="auto">
          {a.role} ({a.name})
        </dd>
        <dt>{t("conflicts.crisis_activated_at")}</dt>
        <dd>{a.activatedText}</dd>
      </dl>
      {a.acknowledgedText ? (
        <Notice kind="success">{t("conflicts.alert_acked", { date: a.acknowledgedText })}</Notice>
      ) : a.state === "closed" ? (
        <p>{t("conflicts.alert_closed")}</p>
      ) : (
        <Form method="post">
          <p>
            <button type="submit">{t("conflicts.alert_ack")}</button>
          </p>
        </Form>
      )}
    </>
  );
}

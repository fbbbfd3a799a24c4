import { Link } from "react-router";
import { AUDIT_TIME_ZONE } from "#app/modules/audit/model.ts";
import { Notice } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/outbox-mail";

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  // 404 for unknown ids (formAction turns not_found into the error page's status).
  const result = await formAction(ctx.t, () => ctx.services.mail.get(principal, params.id, ctx.requestId));
  if ("data" in result) throw result;
  const m = result.value;
  const fmt = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: AUDIT_TIME_ZONE,
  });
  return {
    id: m.id,
    to: m.to,
    subject: m.subject,
    status: m.status,
    transport: m.transport,
    lastError: m.lastError,
    at: m.createdAt.toISOString(),
    atText: fmt.format(m.createdAt),
    sentAt: m.sentAt?.toISOString() ?? null,
    sentAtText: m.sentAt ? fmt.format(m.sentAt) : null,
    text: m.text,
    html: m.html,
  };
}

export default function OutboxMail({ loaderData: m }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p>
        <Link to="/staff/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>{m.subject}</h1>
      <dl className="mail-meta">
        <div>
          <dt>{t("outbox.col_to")}</dt>
          <dd dir="ltr">{m.to}</dd>
        </div>
        <div>
          <dt>{t("outbox.col_time")}</dt>
          <dd>
            <time dateTime={m.at}>{m.atText}</time>
          </dd>
        </div>
        <div>
          <dt>{t("outbox.col_status")}</dt>
          <dd>
            {t(`outbox.status_${m.status}`)}
            {m.sentAt && m.sentAtText ? (
              <>
                {" "}
                (<time dateTime={m.sentAt}>{m.sentAtText}</time>)
              </>
            ) : null}
          </dd>
        </div>
        {m.lastError ? (
          <div>
            <dt>{t("outbox.last_error")}</dt>
            <dd>
              <code>{m.lastError}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      {m.text === null ? (
        <Notice>{t("outbox.body_erased")}</Notice>
      ) : (
        <section aria-labelledby="mail-body">
          <h2 id="mail-body">{t("outbox.body")}</h2>
          <pre className="mail-body">{m.text}</pre>
          {m.html ? (
            <details>
              <summary>{t("outbox.html_source")}</summary>
              <pre className="mail-body" dir="ltr">
                {m.html}
              </pre>
            </details>
          ) : null}
        </section>
      )}
    </>
  );
}

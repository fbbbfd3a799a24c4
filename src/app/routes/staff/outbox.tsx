import { Link } from "react-router";
import { AUDIT_TIME_ZONE } from "#app/modules/audit/model.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/outbox";

const PAGE = 50;

export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const raw = Number(new URL(request.url).searchParams.get("offset") ?? "0");
  const offset = Number.isInteger(raw) && raw >= 0 && raw <= 1_000_000 ? raw : 0;
  const { items, total } = await ctx.services.mail.list(principal, { limit: PAGE, offset });
  const fmt = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: AUDIT_TIME_ZONE,
  });
  return {
    smtp: Boolean(ctx.services.core.config.smtpUrl),
    total,
    offset,
    items: items.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      status: m.status,
      at: m.createdAt.toISOString(),
      atText: fmt.format(m.createdAt),
    })),
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, total, offset, smtp } = loaderData;
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p>{smtp ? t("outbox.intro_smtp") : t("outbox.intro_local")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("outbox.caption", { count: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("outbox.col_time")}</th>
              <th scope="col">{t("outbox.col_to")}</th>
              <th scope="col">{t("outbox.col_subject")}</th>
              <th scope="col">{t("outbox.col_status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td>
                  <time dateTime={m.at}>{m.atText}</time>
                </td>
                <td dir="ltr">{m.to}</td>
                <td>
                  <Link to={`/staff/outbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{t(`outbox.status_${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("outbox.paging")} className="pager">
        {offset > 0 ? (
          <Link to={`?offset=${Math.max(0, offset - PAGE)}`} rel="prev">
            {t("outbox.newer")}
          </Link>
        ) : null}
        {offset + items.length < total ? (
          <Link to={`?offset=${offset + PAGE}`} rel="next">
            {t("outbox.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

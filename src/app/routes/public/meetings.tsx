import { useLoaderData } from "react-router";
import { EventFacts } from "../../components/network/participation-public.tsx";
import { De, formatDay, formatMonth, formatTimeOf, MeetingWhere } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/meetings";

/**
 * The public calendar of meetings (issue 18 "What must work" 6): the public bodies' meetings of
 * one month, by day, server-rendered without JavaScript; months by `?month=YYYY-MM`, the iCal
 * feed and the OParl interface linked.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const month = new URL(request.url).searchParams.get("month");
  const data = await ctx.services.network.publicSite.month(ctx.tenant.id, month?.trim().slice(0, 20) ?? null);
  return { ...data, title: ctx.t("network.public_title"), tenant: ctx.tenant.name };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Meetings() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const base = `/${lang}/meetings`;
  return (
    <div className="events-page">
      <h1>{t("network.public_title")}</h1>
      <p className="lead">{t("network.public_lead")}</p>
      {data.invalid ? (
        <p className="notice notice-warning" role="status">
          {t("network.public_month_invalid")}
        </p>
      ) : null}
      <nav aria-label={t("network.public_months")}>
        <ul className="view-links">
          <li>
            <a href={`${base}?month=${data.prev}`} rel="prev">
              {t("network.public_prev_month", { month: formatMonth(lang, data.prev) })}
            </a>
          </li>
          <li>
            <a href={`${base}?month=${data.next}`} rel="next">
              {t("network.public_next_month", { month: formatMonth(lang, data.next) })}
            </a>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="month-heading">
        <h2 id="month-heading">{formatMonth(lang, data.month)}</h2>
        <p role="status">{t("network.public_count", { count: data.count })}</p>
        <ul className="links no-print">
          <li>
            <a href={`${base}.ics`} type="text/calendar">
              {t("network.public_ical")}
            </a>
          </li>
          <li>
            <a href={`/${lang}/declarations`}>{t("network.public_declarations_link")}</a>
          </li>
          <li>
            <a href="/api/oparl/v1.1/" type="application/json">
              {t("network.public_oparl")}
            </a>
          </li>
        </ul>
        {data.days.map((day) => (
          <section key={day.date} className="event-day" aria-labelledby={`day-${day.date}`}>
            <h3 id={`day-${day.date}`}>{formatDay(lang, day.date)}</h3>
            <ul className="event-list">
              {day.meetings.map((m) => (
                <li key={m.id}>
                  <p className="event-time">
                    <time dateTime={m.startsAt}>{formatTimeOf(lang, m.startsAt)}</time>
                    {m.endsAt ? (
                      <>
                        {" – "}
                        <time dateTime={m.endsAt}>{formatTimeOf(lang, m.endsAt)}</time>
                      </>
                    ) : null}
                  </p>
                  <p className="event-title">
                    <a href={`${base}/${m.id}`}>
                      <De>{m.title}</De>
                    </a>
                  </p>
                  <p className="hint">
                    {t(`network.kind_${m.bodyKind}`)}: <De>{m.bodyName}</De>
                  </p>
                  <p>
                    <MeetingWhere m={m} t={t} />
                  </p>
                  <ul className="badges">
                    {m.state === "cancelled" ? (
                      <li className="badge">{t("network.state_cancelled")}</li>
                    ) : null}
                    {m.minutesPublished ? (
                      <li className="badge badge-good">{t("network.public_minutes_published")}</li>
                    ) : null}
                  </ul>
                </li>
              ))}
              {day.events.map((e) => (
                <li key={e.id}>
                  <p className="event-time">
                    <time dateTime={e.startsAt}>{formatTimeOf(lang, e.startsAt)}</time>
                    {e.endsAt ? (
                      <>
                        {" – "}
                        <time dateTime={e.endsAt}>{formatTimeOf(lang, e.endsAt)}</time>
                      </>
                    ) : null}
                  </p>
                  <p className="event-title">
                    <a href={`/${lang}/participation/${e.id}`}>
                      <De>{e.title}</De>
                    </a>
                  </p>
                  <EventFacts e={e} t={t} lang={lang} />
                  {e.acceptsContributions ? (
                    <ul className="badges">
                      <li className="badge badge-good">{t("network.event_open_for_contributions")}</li>
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}

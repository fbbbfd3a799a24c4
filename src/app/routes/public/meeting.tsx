import { data, useLoaderData } from "react-router";
import { AppError } from "#app/server/errors.ts";
import { De, formatDateTime, MeetingWhere } from "../../components/network/public.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/meeting";

/**
 * A public meeting: its public agenda (non-public items are never loaded) and, once the minutes
 * are published, their public part — discussion, decisions with votes, action items — and the
 * attendance: counts, and by name only those who agreed to be public (decision 122).
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const found = await ctx.services.network.publicSite
    .meeting(ctx.tenant.id, params.id)
    .catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
      throw e;
    });
  return { ...found, tenant: ctx.tenant.name };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.meeting.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function PublicMeetingPage() {
  const { meeting: m, agenda, attendance: a } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const month = m.startsAt.slice(0, 7);
  return (
    <article aria-labelledby="meeting-title">
      <p className="no-print">
        <a href={`/${lang}/meetings?month=${month}`}>{t("network.public_back")}</a>
      </p>
      <h1 id="meeting-title">
        <De>{m.title}</De>
      </h1>
      <dl className="facts">
        <dt>{t("network.body")}</dt>
        <dd>
          {t(`network.kind_${m.bodyKind}`)}: <De>{m.bodyName}</De>
        </dd>
        <dt>{t("network.public_when")}</dt>
        <dd>
          <time dateTime={m.startsAt}>{formatDateTime(lang, m.startsAt)}</time>
        </dd>
        <dt>{t("network.public_where")}</dt>
        <dd>
          <MeetingWhere m={m} t={t} />
        </dd>
        <dt>{t("network.minutes")}</dt>
        <dd>
          {m.minutesPublished ? t("network.public_minutes_published") : t("network.public_minutes_pending")}
        </dd>
      </dl>
      {m.state === "cancelled" ? (
        <p className="notice notice-warning" role="status">
          {t("network.public_cancelled")}
        </p>
      ) : null}
      <p className="no-print">
        <a href={`/${lang}/meetings.ics`} type="text/calendar">
          {t("network.public_ical")}
        </a>
      </p>
      {m.minutesPublished ? (
        <p className="no-print">
          <a href={`/${lang}/meetings/${m.id}/minutes.pdf`} type="application/pdf">
            {t("network.minutes_pdf_public_download")}
          </a>
        </p>
      ) : null}
      {a ? (
        <section aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t("network.attendance")}</h2>
          <p>
            {t("network.minutes_pdf_attendance", {
              present: a.present,
              members: a.members,
              voting: a.votingPresent,
              guests: a.guests,
            })}
          </p>
          {a.named.length ? (
            <ul>
              {a.named.map((p, i) => (
                // Names may repeat; the list's order is the attendance's.
                // biome-ignore lint/suspicious/noArrayIndexKey: no id is shown to the public
                <li key={i}>
                  <bdi>{p.name}</bdi> ({t(`network.role_${p.role}`)})
                </li>
              ))}
            </ul>
          ) : null}
          {a.unnamed > 0 ? <p>{t("network.attendance_unnamed", { count: a.unnamed })}</p> : null}
        </section>
      ) : null}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("network.agenda")}</h2>
        {agenda.length === 0 ? <p>{t("network.public_no_agenda")}</p> : null}
        <ol className="public-agenda">
          {agenda.map((item) => (
            <li key={item.id}>
              <h3>
                <span dir="ltr">{item.number}</span> <De>{item.title}</De>
              </h3>
              {item.minutes ? (
                <>
                  {item.minutes.discussion ? (
                    <p className="network-text">
                      <De>{item.minutes.discussion}</De>
                    </p>
                  ) : null}
                  {item.minutes.decisions.length ? (
                    <>
                      <h4>{t("network.decisions")}</h4>
                      <ul>
                        {item.minutes.decisions.map((d) => (
                          <li key={d.id}>
                            <De>{d.text}</De>
                            {d.votesYes !== null || d.votesNo !== null || d.votesAbstain !== null ? (
                              <>
                                {" "}
                                (
                                {t("network.votes_summary", {
                                  yes: d.votesYes ?? 0,
                                  no: d.votesNo ?? 0,
                                  abstain: d.votesAbstain ?? 0,
                                })}
                                )
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {item.minutes.actionItems.length ? (
                    <>
                      <h4>{t("network.action_items")}</h4>
                      <ul>
                        {item.minutes.actionItems.map((a) => (
                          <li key={a.id}>
                            <De>{a.title}</De> — <De>{a.owner}</De>
                            {a.dueDate ? <> · {t("network.due", { date: a.dueDate })}</> : null} ·{" "}
                            {t(`network.status_${a.status}`)}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

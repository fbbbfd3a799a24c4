import { useLoaderData } from "react-router";
import { DIRECTORY_TIME_ZONE } from "#app/modules/directory/locale-settings.ts";
import type { SearchNotice } from "#app/modules/directory/search-params.ts";
import { addDays, fromLocal, isoDate, toLocal, weekdayOf } from "#app/modules/directory/time-zone.ts";
import { formatIsoDate } from "../../components/offers/format.ts";
import { LocalTextSpan, SearchNotices } from "../../components/offers/search-ui.tsx";
import { TimeRange } from "../../components/offers/time-range.tsx";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/events";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PRESETS = ["today", "week", "month"] as const;
type Preset = (typeof PRESETS)[number];
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

function validDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The date range of the calendar (local dates, `to` inclusive) from the URL; what is not understood becomes a notice. */
function rangeOf(sp: URLSearchParams, today: string) {
  const notices: SearchNotice[] = [];
  const presetRaw = sp.get("preset") ?? "";
  const preset = (PRESETS as readonly string[]).includes(presetRaw) ? (presetRaw as Preset) : null;
  if (presetRaw && !preset)
    notices.push({ code: "invalid_value", param: "preset", value: presetRaw.slice(0, 100) });
  let from = today;
  let to = addDays(today, DEFAULT_DAYS - 1);
  if (preset === "today") to = today;
  else if (preset === "week") to = addDays(today, 7 - weekdayOf(today));
  else if (preset === "month") {
    const [y, m] = today.split("-").map(Number) as [number, number];
    to = addDays(isoDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1);
  } else {
    for (const name of ["from", "to"] as const) {
      const v = (sp.get(name) ?? "").trim();
      if (!v) continue;
      if (!validDate(v)) {
        notices.push({ code: "invalid_date", param: name, value: v.slice(0, 100) });
        continue;
      }
      if (name === "from") from = v;
      else to = v;
    }
    if (!sp.get("to") && from !== today) to = addDays(from, DEFAULT_DAYS - 1);
    if (to < from) {
      notices.push({ code: "date_order", param: "to", value: to });
      to = from;
    }
    if (addDays(from, MAX_DAYS - 1) < to) {
      notices.push({ code: "range_too_long", param: "to", value: to });
      to = addDays(from, MAX_DAYS - 1);
    }
  }
  return { from, to, preset, notices };
}

const startOf = (date: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return fromLocal(DIRECTORY_TIME_ZONE, y, m, d, 0, 0, 0);
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const sp = new URL(request.url).searchParams;
  const now = ctx.services.publicDirectory.now();
  const l = toLocal(now, DIRECTORY_TIME_ZONE);
  const today = isoDate(l.year, l.month, l.day);
  const { from, to, preset, notices } = rangeOf(sp, today);
  const q = (sp.get("q") ?? "").trim().slice(0, 200);
  const events = await ctx.services.publicDirectory.eventsInRange(
    ctx.tenant.id,
    { from: startOf(from), to: startOf(addDays(to, 1)) },
    q,
    ctx.lang,
  );
  // One calendar: every occurrence, by day.
  const occurrences = events
    .flatMap((e) => e.occurrences.map((o) => ({ ...o, event: e })))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.event.id.localeCompare(b.event.id));
  const days: { date: string; items: typeof occurrences }[] = [];
  for (const o of occurrences) {
    const ol = toLocal(o.start, DIRECTORY_TIME_ZONE);
    const date = isoDate(ol.year, ol.month, ol.day);
    const day = days.at(-1);
    if (day?.date === date) day.items.push(o);
    else days.push({ date, items: [o] });
  }
  return {
    from,
    to,
    preset,
    q,
    notices,
    days,
    count: occurrences.length,
    title: ctx.t("offers.events_title"),
    tenant: ctx.tenant.name,
  };
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · ${loaderData.tenant}` : "Lotse" }];
}

export default function Events() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const base = `/${lang}/events`;
  // The anchor of a series (iCal links point to it) sits on its first occurrence only.
  const anchored = new Set<string>();
  const anchor = (id: string) => {
    if (anchored.has(id)) return undefined;
    anchored.add(id);
    return `event-${id}`;
  };
  return (
    <div className="events-page">
      <h1>{t("offers.events_title")}</h1>
      <p className="lead">{t("offers.events_lead")}</p>
      <nav aria-label={t("offers.events_presets")}>
        <ul className="view-links">
          {PRESETS.map((p) => (
            <li key={p}>
              <a href={`${base}?preset=${p}`} aria-current={data.preset === p ? "true" : undefined}>
                {t(`offers.preset_${p}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={base} className="offer-search events-filter">
        <div className="field">
          <label htmlFor="events-q">{t("offers.search_label")}</label>
          <input id="events-q" name="q" type="search" defaultValue={data.q} maxLength={200} dir="auto" />
        </div>
        <div className="field">
          <label htmlFor="events-from">{t("offers.events_from")}</label>
          <input id="events-from" name="from" type="date" defaultValue={data.from} />
        </div>
        <div className="field">
          <label htmlFor="events-to">{t("offers.events_to")}</label>
          <input id="events-to" name="to" type="date" defaultValue={data.to} />
        </div>
        <div className="form-actions">
          <button type="submit">{t("offers.events_submit")}</button>
        </div>
      </form>
      <SearchNotices notices={data.notices} t={t} />
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">
          {t("offers.events_range", {
            from: formatIsoDate(lang, data.from),
            to: formatIsoDate(lang, data.to),
          })}
        </h2>
        <p role="status">{t("offers.events_count", { count: data.count })}</p>
        <p className="no-print">
          <a href={`${base}.ics${data.q ? `?q=${encodeURIComponent(data.q)}` : ""}`} type="text/calendar">
            {t("offers.events_ical_feed")}
          </a>
        </p>
        {data.days.map((day) => (
          <section key={day.date} className="event-day" aria-labelledby={`day-${day.date}`}>
            <h3 id={`day-${day.date}`}>{formatIsoDate(lang, day.date)}</h3>
            <ul className="event-list">
              {day.items.map((o) => (
                <li key={`${o.event.id}-${o.start.toISOString()}`} id={anchor(o.event.id)}>
                  <p className="event-time">
                    <TimeRange lang={lang} start={o.start} end={o.end} />
                  </p>
                  <p className="event-title">
                    <strong>
                      <LocalTextSpan text={o.event.title} t={t} />
                    </strong>
                  </p>
                  {o.event.summary ? (
                    <p>
                      <LocalTextSpan text={o.event.summary} t={t} />
                    </p>
                  ) : null}
                  <p className="hint">
                    {o.event.place ? (
                      <bdi>
                        {[o.event.place.name, o.event.place.street, o.event.place.city]
                          .filter(Boolean)
                          .join(", ")}
                      </bdi>
                    ) : null}
                    {o.event.place && o.event.organizationName ? " · " : null}
                    {o.event.organizationName ? <bdi>{o.event.organizationName}</bdi> : null}
                  </p>
                  <ul className="badges">
                    {o.event.rrule ? <li className="badge">{t("offers.event_recurring")}</li> : null}
                    {o.event.free ? <li className="badge badge-good">{t("offers.badge_free")}</li> : null}
                  </ul>
                  <p className="links">
                    <a href={`/${lang}/events/${o.event.id}.ics`} type="text/calendar">
                      {t("offers.event_ical")}
                    </a>
                    {o.event.offerId ? (
                      <>
                        {" · "}
                        <a href={`/${lang}/offers/${o.event.offerId}`}>{t("offers.event_offer")}</a>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}

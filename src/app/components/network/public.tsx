import type { Translate } from "#app/i18n/translator.ts";
import type { PublicMeeting } from "#app/modules/network/model.ts";

const ZONE = "Europe/Berlin";

/** Texts entered by staff are German: marked so, and set by their own direction in ar/fa pages. */
export function De({ children }: { children: string }) {
  return (
    <span lang="de" dir="auto">
      {children}
    </span>
  );
}

export const formatDay = (lang: string, date: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
export const formatTimeOf = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: ZONE }).format(new Date(iso));
export const formatDateTime = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short", timeZone: ZONE }).format(
    new Date(iso),
  );
export function formatMonth(lang: string, month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

export function placeLine(m: Pick<PublicMeeting, "place">) {
  if (!m.place) return null;
  const p = m.place;
  return [p.name, p.street, [p.postcode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

/** Where a meeting takes place: a directory place, or online with its address. */
export function MeetingWhere({ m, t }: { m: PublicMeeting; t: Translate }) {
  const place = placeLine(m);
  if (place) return <De>{place}</De>;
  if (m.onlineUrl)
    return (
      <>
        {t("network.public_online")}{" "}
        <a href={m.onlineUrl} dir="ltr">
          {m.onlineUrl}
        </a>
      </>
    );
  return null;
}

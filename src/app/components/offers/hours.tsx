import type { Translate } from "#app/i18n/translator.ts";
import type { OpeningHours } from "#app/modules/directory/model.ts";
import { formatIsoDateRange, formatWallRange, isolate, weekdayName } from "./format.ts";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** Arabic and Farsi separate list items with the Arabic comma. */
const separator = (lang: string) => (lang === "ar" || lang === "fa" ? "، " : ", ");

/** Time slots as text (a message placeholder): each range isolated, in the locale's format. */
function slotsText(lang: string, slots: { opens: string; closes: string }[]): string {
  return slots.map((s) => isolate(formatWallRange(lang, s.opens, s.closes))).join(separator(lang));
}

/** Time slots as markup: each range in its own `<bdi>` (decision 094). */
function Slots({ lang, slots }: { lang: string; slots: { opens: string; closes: string }[] }) {
  return slots.map((s, i) => (
    <span key={`${s.opens}-${s.closes}`}>
      {i > 0 ? separator(lang) : null}
      <bdi>{formatWallRange(lang, s.opens, s.closes)}</bdi>
    </span>
  ));
}

/** Opening hours as a table (weekday → times), with appointment-only days, holidays and closures. */
export function HoursTable(props: {
  hours: OpeningHours;
  caption: string;
  /** Local date "YYYY-MM-DD": past closures are left out. */
  today: string;
  lang: string;
  t: Translate;
}) {
  const { hours, lang, t } = props;
  const appointment = new Set(hours.appointmentOnlyDays ?? []);
  const exceptions = (hours.exceptions ?? []).filter((e) => e.to >= props.today);
  return (
    <div className="hours">
      <table className="hours-table">
        <caption>{props.caption}</caption>
        <tbody>
          {DAYS.map((d) => {
            const slots = hours.weekly[d] ?? [];
            return (
              <tr key={d}>
                <th scope="row" className="hours-day">
                  {weekdayName(lang, Number(d))}
                </th>
                <td>
                  {slots.length ? (
                    <>
                      <Slots lang={lang} slots={slots} />
                      {appointment.has(d) ? ` (${t("offers.hours_appointment_day")})` : ""}
                    </>
                  ) : (
                    t("offers.hours_closed_day")
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hours.closedOnPublicHolidays ? <p className="hint">{t("offers.hours_holidays_closed")}</p> : null}
      {exceptions.length ? (
        <>
          <p className="hours-exceptions-title">{t("offers.hours_exceptions")}</p>
          <ul className="hours-exceptions">
            {exceptions.map((e) => {
              const range = isolate(formatIsoDateRange(lang, e.from, e.to));
              return (
                <li key={`${e.from}-${e.to}`}>
                  {e.closed || !e.slots?.length
                    ? t("offers.exception_closed", { range })
                    : t("offers.exception_open", { range, slots: slotsText(lang, e.slots) })}
                  {e.note ? (
                    <>
                      {" "}
                      <span lang="de" dir="auto">
                        ({e.note})
                      </span>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}

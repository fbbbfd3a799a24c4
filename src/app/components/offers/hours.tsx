import type { Translate } from "#app/i18n/translator.ts";
import type { OpeningHours } from "#app/modules/directory/model.ts";
import { formatIsoDate, formatWallTime, weekdayName } from "./format.ts";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

function slotsText(lang: string, slots: { opens: string; closes: string }[]): string {
  return slots.map((s) => `${formatWallTime(lang, s.opens)}–${formatWallTime(lang, s.closes)}`).join(", ");
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
                      <span dir="ltr">{slotsText(lang, slots)}</span>
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
              const range =
                e.from === e.to
                  ? formatIsoDate(lang, e.from)
                  : `${formatIsoDate(lang, e.from)} – ${formatIsoDate(lang, e.to)}`;
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

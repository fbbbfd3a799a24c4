import type { Translate } from "#app/i18n/translator.ts";
import type { StatementView } from "#app/modules/volunteers/statement-contracts.ts";

const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1);

type Row = StatementView;

/** One table for the coordinator's list and the volunteer's own page. */
export function StatementTable(props: {
  statements: Row[];
  money: (cents: number) => string;
  t: Translate;
  caption: string;
}) {
  const { t, money } = props;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("volunteers.name")}</th>
          <th scope="col">{t("volunteers.statements_period")}</th>
          <th scope="col">{t("volunteers.statements_version")}</th>
          <th scope="col">{t("volunteers.statements_hours")}</th>
          <th scope="col">{t("volunteers.statements_km")}</th>
          <th scope="col">{t("volunteers.statements_total")}</th>
          <th scope="col">{t("volunteers.statements_pdf")}</th>
        </tr>
      </thead>
      <tbody>
        {props.statements.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.volunteerName}</th>
            <td>{s.period}</td>
            <td>{s.replacesId ? t("volunteers.statements_corrected", { seq: s.seq }) : s.seq}</td>
            <td>{hours(s.minutes)}</td>
            <td>{s.km}</td>
            <td>{money(s.totalCents)}</td>
            <td>
              <a href={`/api/v1/volunteer-statements/${s.id}/pdf`} download>
                {t("volunteers.statements_download", { period: s.period, seq: s.seq })}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

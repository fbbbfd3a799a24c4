import { data, Link } from "react-router";
import { formatMoney } from "#app/modules/funding/model.ts";
import type { NumbersRow } from "#app/modules/funding/numbers.ts";
import { isContentLanguage } from "#app/modules/translations/languages.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/statistics";

/** Numbers of a call per year, field of action, target group and area; small cells hidden (decision 070). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const lang = isContentLanguage(ctx.lang) ? ctx.lang : "de";
  return ctx.services.funding.numbers.statistics(principal, params.id, lang).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
}

function NumbersTable({ caption, rows, grouped }: { caption: string; rows: NumbersRow[]; grouped: boolean }) {
  const t = useT();
  const lang = useLang();
  const count = (c: NumbersRow["filed"]) => (c.value === null ? t("funding.numbers_small") : String(c.value));
  const money = (v: number | null) => (v === null ? "–" : formatMoney(v, lang));
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("funding.funded_col_year")}</th>
            {grouped ? <th scope="col">{t("funding.numbers_group")}</th> : null}
            <th scope="col" className="num">
              {t("funding.numbers_filed")}
            </th>
            <th scope="col" className="num">
              {t("funding.numbers_funded")}
            </th>
            <th scope="col" className="num">
              {t("funding.numbers_requested")}
            </th>
            <th scope="col" className="num">
              {t("funding.numbers_granted")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.year}-${r.key ?? ""}`}>
              <th scope="row">{r.year}</th>
              {grouped ? <td>{r.key === null ? t("funding.numbers_no_area") : r.label}</td> : null}
              <td className="num">{count(r.filed)}</td>
              <td className="num">{count(r.funded)}</td>
              <td className="num">{money(r.requestedCents)}</td>
              <td className="num">{money(r.grantedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function FundingStatistics({ loaderData: n }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/staff/funding/calls/${n.callId}`}>{t("funding.back")}</Link>
      </p>
      <h1>{t("funding.numbers_title", { title: n.title })}</h1>
      <p>{t("funding.numbers_intro")}</p>
      <NumbersTable caption={t("funding.numbers_by_year")} rows={n.years} grouped={false} />
      <NumbersTable caption={t("funding.numbers_by_field")} rows={n.fieldsOfAction} grouped />
      <NumbersTable caption={t("funding.numbers_by_target")} rows={n.targetGroups} grouped />
      <NumbersTable caption={t("funding.numbers_by_area")} rows={n.areas} grouped />
    </>
  );
}

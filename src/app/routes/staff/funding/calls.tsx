import { Link } from "react-router";
import { formatMoney } from "#app/modules/funding/model.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/calls";

/** The funding calls with each one's pot for its current year (planned, committed, paid, returned, available). */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const calls = await ctx.services.funding.listCalls(principal);
  const pots = await Promise.all(calls.map((c) => ctx.services.funding.pot(principal, c.id)));
  return { rows: calls.map((c, i) => ({ call: c, pot: pots[i]! })) };
}

export default function FundingCalls({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  return (
    <>
      <h1>{t("funding.title")}</h1>
      <p>{t("funding.intro")}</p>
      {loaderData.rows.length === 0 ? (
        <p>{t("funding.no_calls")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("funding.calls_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funding.col_call")}</th>
                <th scope="col">{t("funding.col_period")}</th>
                <th scope="col">{t("funding.col_deadline")}</th>
                <th scope="col" className="num">
                  {t("funding.planned")}
                </th>
                <th scope="col" className="num">
                  {t("funding.committed")}
                </th>
                <th scope="col" className="num">
                  {t("funding.paid")}
                </th>
                <th scope="col" className="num">
                  {t("funding.returned")}
                </th>
                <th scope="col" className="num">
                  {t("funding.available")}
                </th>
              </tr>
            </thead>
            <tbody>
              {loaderData.rows.map(({ call, pot }) => (
                <tr key={call.id}>
                  <th scope="row">
                    <Link to={`/staff/funding/calls/${call.id}`}>{call.title}</Link>
                  </th>
                  <td>
                    {call.periodStart} – {call.periodEnd}
                  </td>
                  <td>{call.deadline ?? t("funding.rolling")}</td>
                  <td className="num">{m(pot.plannedCents)}</td>
                  <td className="num">{m(pot.committedCents)}</td>
                  <td className="num">{m(pot.paidCents)}</td>
                  <td className="num">{m(pot.returnedCents)}</td>
                  <td className="num">{m(pot.availableCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

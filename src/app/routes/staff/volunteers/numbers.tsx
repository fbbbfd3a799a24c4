import { Link } from "react-router";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/numbers";

type Safe = { value: number | null; suppressed: "primary" | "secondary" | null };

/**
 * Numbers for steering (issue 17, What must work 6; decision 076): the pool, requests per
 * language (unserved demand as the recruitment target) and hours per quarter, every figure
 * through the small-cell rule. Tables only, no chart.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const today = ctx.services.core.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(today.slice(0, 4));
  const numbers = await ctx.services.volunteers.numbers(principal, year);
  return {
    numbers,
    languageNames: languageNames(
      [
        ...numbers.activeByLanguage.map((l) => l.language),
        ...numbers.requestsByLanguage.map((l) => l.language),
      ],
      ctx.lang,
    ),
  };
}

export default function Numbers({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { numbers: n } = loaderData;
  const show = (c: Safe) =>
    c.value === null ? t("volunteers.numbers_hidden", { min: n.minCount }) : c.value.toLocaleString(lang);
  const language = (c: string) => loaderData.languageNames[c] ?? c;
  return (
    <>
      <h1>{t("volunteers.numbers_title", { year: n.year })}</h1>
      <p>{t("volunteers.numbers_intro", { min: n.minCount })}</p>
      <ul className="inline-list">
        <li>
          <Link to={`/staff/volunteers/numbers?year=${n.year - 1}`}>
            {t("volunteers.year_before", { year: n.year - 1 })}
          </Link>
        </li>
        <li>
          <Link to={`/staff/volunteers/numbers?year=${n.year + 1}`}>
            {t("volunteers.year_before", { year: n.year + 1 })}
          </Link>
        </li>
      </ul>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.numbers_pool")}</caption>
          <tbody>
            {(["total", "active", "applicants", "inactive"] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`volunteers.numbers_pool_${k}`)}</th>
                <td>{show(n.pool[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("volunteers.numbers_requests")}</h2>
      {n.requestsByLanguage.length === 0 ? (
        <p>{t("volunteers.requests_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("volunteers.numbers_requests_caption", { year: n.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("volunteers.language")}</th>
                <th scope="col">{t("volunteers.numbers_col_requests")}</th>
                <th scope="col">{t("volunteers.numbers_col_served")}</th>
                <th scope="col">{t("volunteers.numbers_col_open")}</th>
                <th scope="col">{t("volunteers.numbers_col_unserved")}</th>
                <th scope="col">{t("volunteers.numbers_col_cancelled")}</th>
              </tr>
            </thead>
            <tbody>
              {n.requestsByLanguage.map((l) => (
                <tr key={l.language}>
                  <th scope="row">{language(l.language)}</th>
                  <td>{show(l.requests)}</td>
                  <td>{show(l.served)}</td>
                  <td>{show(l.open)}</td>
                  <td>{show(l.unserved)}</td>
                  <td>{show(l.cancelled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("volunteers.numbers_quarters")}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.numbers_quarters_caption", { year: n.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.numbers_col_quarter")}</th>
              <th scope="col">{t("volunteers.numbers_col_requests")}</th>
              <th scope="col">{t("volunteers.numbers_col_served")}</th>
              <th scope="col">{t("volunteers.expenses_assignment_hours")}</th>
              <th scope="col">{t("volunteers.expenses_tandem_hours")}</th>
            </tr>
          </thead>
          <tbody>
            {n.quarters.map((q) => (
              <tr key={q.quarter}>
                <th scope="row">{t("volunteers.numbers_quarter", { quarter: q.quarter })}</th>
                <td>{show(q.requests)}</td>
                <td>{show(q.served)}</td>
                <td>{show(q.assignmentHours)}</td>
                <td>{show(q.tandemHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.numbers_active_language")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.language")}</th>
              <th scope="col">{t("volunteers.numbers_col_active")}</th>
            </tr>
          </thead>
          <tbody>
            {n.activeByLanguage.map((l) => (
              <tr key={l.language}>
                <th scope="row">{language(l.language)}</th>
                <td>{show(l.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.numbers_active_area")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.area")}</th>
              <th scope="col">{t("volunteers.numbers_col_active")}</th>
            </tr>
          </thead>
          <tbody>
            {n.activeByArea.map((a) => (
              <tr key={a.area}>
                <th scope="row">{a.area}</th>
                <td>{show(a.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

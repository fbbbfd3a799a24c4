import { Link } from "react-router";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/strategy-reports";

/** Public: the years of the implementation report the coordinator has produced (decision 087). */
export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { years: await ctx.services.strategy.publicReportYears(ctx.tenant.id) };
}

export default function PublicStrategyReports({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("strategy.public_title")}</h1>
      <p>{t("strategy.public_intro")}</p>
      {loaderData.years.length === 0 ? (
        <p>{t("strategy.public_none")}</p>
      ) : (
        <ul>
          {loaderData.years.map((y) => (
            <li key={y}>
              <Link to={`/${lang}/strategy/${y}`}>{t("strategy.public_year", { year: y })}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

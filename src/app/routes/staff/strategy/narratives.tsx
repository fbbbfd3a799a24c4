import { Link } from "react-router";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/narratives";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return { narratives: await ctx.services.strategy.myNarratives(principal, ctx.tenant.id) };
}

/** The narratives the signed-in person is asked for: only the nodes they are responsible for (decision 098). */
export default function StrategyNarratives({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("strategy.narratives_title")}</h1>
      <p>{t("strategy.narratives_intro")}</p>
      {loaderData.narratives.length === 0 ? (
        <p>{t("strategy.narratives_empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.narratives_title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.report_node")}</th>
                <th scope="col">{t("strategy.reports_year")}</th>
                <th scope="col">{t("strategy.rounds_deadline")}</th>
                <th scope="col">{t("strategy.field_status")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.narratives.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <Link to={`/staff/strategy/narratives/${n.id}`}>{n.nodeTitle}</Link>
                  </th>
                  <td>{n.year}</td>
                  <td>{n.deadline}</td>
                  <td>{t(`strategy.narrative_status_${n.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import { formatMoney } from "#app/modules/funding/model.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/funding-funded";

/**
 * Public: the funded projects (title, organization, amount, year) of the calls whose list the
 * tenant switched on (issue 19 no. 6). A plain table: no JavaScript needed.
 */
export function meta() {
  return [{ title: "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return { projects: await ctx.services.funding.numbers.funded(ctx.tenant.id) };
}

export default function FundedProjects({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { projects } = loaderData;
  return (
    <>
      <h1>{t("funding.funded_title")}</h1>
      <p>{t("funding.funded_intro")}</p>
      {projects.length === 0 ? (
        <p>{t("funding.funded_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("funding.funded_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("funding.funded_col_year")}</th>
                <th scope="col">{t("funding.funded_col_project")}</th>
                <th scope="col">{t("funding.col_org")}</th>
                <th scope="col" className="num">
                  {t("funding.funded_col_amount")}
                </th>
                <th scope="col">{t("funding.funded_col_call")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>{p.year}</td>
                  <th scope="row" lang="de">
                    {p.title}
                  </th>
                  <td lang="de">{p.organizationName}</td>
                  <td className="num">{formatMoney(p.grantedCents, lang)}</td>
                  <td lang="de">{p.callTitle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

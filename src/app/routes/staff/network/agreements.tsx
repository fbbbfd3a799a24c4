import { Link } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/agreements";

/** Cooperation agreements and declarations, next review first; those to review soon marked. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  return {
    agreements: await ctx.services.network.listAgreements(principal),
    canManage: can(principal, "network.manage"),
  };
}

export default function Agreements({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { agreements, canManage } = loaderData;
  const soon = agreements.filter((a) => a.reviewSoon).length;
  return (
    <>
      <h1>{t("network.agreements_title")}</h1>
      <p>{t("network.agreements_intro")}</p>
      <p role="status">{t("network.agreements_review_soon_count", { count: soon })}</p>
      {canManage ? (
        <p>
          <Link to="/staff/network/agreements/new">{t("network.agreement_new")}</Link>
        </p>
      ) : null}
      {agreements.length === 0 ? (
        <p>{t("network.agreements_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("network.agreements_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("network.agreement_title")}</th>
                <th scope="col">{t("network.agreement_kind")}</th>
                <th scope="col">{t("network.status")}</th>
                <th scope="col">{t("network.agreement_review")}</th>
              </tr>
            </thead>
            <tbody>
              {agreements.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/staff/network/agreements/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>{t(`network.agreement_kind_${a.kind}`)}</td>
                  <td>
                    {t(`network.agreement_state_${a.state}`)}
                    {a.published ? ` · ${t("network.agreement_published")}` : ""}
                  </td>
                  <td>
                    {a.reviewDate ?? "—"}
                    {a.reviewSoon ? (
                      <>
                        {" "}
                        <strong className="badge">{t("network.agreement_review_soon")}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

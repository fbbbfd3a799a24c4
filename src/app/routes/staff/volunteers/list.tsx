import { Link } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { Notice } from "../../../components/form/index.ts";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const volunteers = await ctx.services.volunteers.list(principal);
  return {
    volunteers,
    languageNames: languageNames(
      volunteers.flatMap((v) => v.languages),
      ctx.lang,
    ),
    canRequests: can(principal, "volunteers.requests.read"),
    canLinks: can(principal, "volunteers.links"),
    canTandems: can(principal, "volunteers.tandems.read"),
    canClaims: can(principal, "volunteers.claims.manage"),
    erased: /^\d{1,6}$/.test(new URL(request.url).searchParams.get("erased") ?? "")
      ? Number(new URL(request.url).searchParams.get("erased"))
      : null,
  };
}

export default function VolunteerPool({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { volunteers } = loaderData;
  const languages = new Set(volunteers.filter((v) => v.status === "active").flatMap((v) => v.languages));
  return (
    <>
      <h1>{t("volunteers.title")}</h1>
      {loaderData.erased !== null ? (
        <Notice kind="success">{t("volunteers.erased", { count: loaderData.erased })}</Notice>
      ) : null}
      <p>{t("volunteers.intro", { count: volunteers.length, languages: languages.size })}</p>
      {loaderData.canRequests ? (
        <ul className="inline-list">
          <li>
            <Link to="/staff/volunteers/requests">{t("volunteers.requests_title")}</Link>
          </li>
          <li>
            <Link to="/staff/volunteers/matching">{t("volunteers.matching_title")}</Link>
          </li>
          {loaderData.canTandems ? (
            <li>
              <Link to="/staff/volunteers/tandems">{t("volunteers.tandems_title")}</Link>
            </li>
          ) : null}
          {loaderData.canClaims ? (
            <li>
              <Link to="/staff/volunteers/expenses">{t("volunteers.expenses_link")}</Link>
            </li>
          ) : null}
          {loaderData.canLinks ? (
            <li>
              <Link to="/staff/volunteers/links">{t("volunteers.links_title")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.pool_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.name")}</th>
              <th scope="col">{t("volunteers.status")}</th>
              <th scope="col">{t("volunteers.languages")}</th>
              <th scope="col">{t("volunteers.modes")}</th>
              <th scope="col">{t("volunteers.certificates")}</th>
            </tr>
          </thead>
          <tbody>
            {volunteers.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`/staff/volunteers/${v.id}`}>{v.name}</Link>
                </th>
                <td>{t(`volunteers.status_${v.status}`)}</td>
                <td>{v.languages.map((l) => loaderData.languageNames[l] ?? l).join(", ")}</td>
                <td>{v.modes.map((m) => t(`volunteers.mode_${m}`)).join(", ")}</td>
                <td>
                  {v.certificatesComplete
                    ? v.certificatesValidUntil
                      ? t("volunteers.certificates_until", { date: v.certificatesValidUntil })
                      : t("volunteers.certificates_ok")
                    : t("volunteers.certificates_missing")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {volunteers.length === 0 ? <p>{t("volunteers.none")}</p> : null}
    </>
  );
}

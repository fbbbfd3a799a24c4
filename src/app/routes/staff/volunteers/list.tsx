import { data, Form, Link } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { formString, Notice } from "../../../components/form/index.ts";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
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
    canStatements: can(principal, "volunteers.statements"),
    canRules: can(principal, "volunteers.rules.manage"),
    erased: /^\d{1,6}$/.test(new URL(request.url).searchParams.get("erased") ?? "")
      ? Number(new URL(request.url).searchParams.get("erased"))
      : null,
  };
}

/** Declining an application erases the applicant at once (decision 099); the API's schema (decision 100). */
export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const r = await formAction(ctx.t, () =>
    ctx.services.volunteers.declineApplication(
      principal,
      { id: formString(form, "id") },
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function VolunteerPool({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { volunteers } = loaderData;
  const applications = volunteers
    .filter((v) => v.status === "applicant" && v.appliedAt)
    .sort((a, b) => (b.appliedAt ?? "").localeCompare(a.appliedAt ?? ""));
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
          {loaderData.canStatements ? (
            <li>
              <Link to="/staff/volunteers/statements">{t("volunteers.statements_title")}</Link>
            </li>
          ) : null}
          {loaderData.canRules ? (
            <li>
              <Link to="/staff/volunteers/rules">{t("volunteers.rules_title")}</Link>
            </li>
          ) : null}
          {loaderData.canLinks ? (
            <li>
              <Link to="/staff/volunteers/links">{t("volunteers.links_title")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      <section aria-labelledby="applications">
        <h2 id="applications">{t("volunteers.applications_title")}</h2>
        {actionData?.ok ? <Notice kind="success">{t("volunteers.application_declined")}</Notice> : null}
        {actionData && !actionData.ok ? (
          <Notice kind="warning">{t("volunteers.application_decline_failed")}</Notice>
        ) : null}
        {applications.length === 0 ? (
          <p>{t("volunteers.applications_none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("volunteers.applications_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("volunteers.name")}</th>
                  <th scope="col">{t("volunteers.applied_at")}</th>
                  <th scope="col">{t("volunteers.languages")}</th>
                  <th scope="col">{t("volunteers.application_decline")}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={`/staff/volunteers/${v.id}`}>{v.name}</Link>
                    </th>
                    <td>{new Date(v.appliedAt ?? "").toLocaleDateString(lang)}</td>
                    <td>{v.languages.map((l) => loaderData.languageNames[l] ?? l).join(", ")}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="id" value={v.id} />
                        <button
                          type="submit"
                          aria-label={t("volunteers.application_decline_named", { name: v.name })}
                        >
                          {t("volunteers.application_decline")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
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

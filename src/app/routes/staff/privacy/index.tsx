import { Link } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { PersonSearch, ScrollRegion } from "../../../components/casework-fields.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/index";

/** The data-protection officer's desk: who read a person's data, and links to the other tasks. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 100);
  const person = params.get("person") ?? "";
  const results = q ? await ctx.services.privacy.searchPersons(principal, q) : null;
  let log: Awaited<ReturnType<typeof ctx.services.privacy.accessLog>> | null = null;
  if (person) {
    const r = await formAction(ctx.t, () => ctx.services.privacy.accessLog(principal, person));
    if ("data" in r) throw r;
    log = r.value;
  }
  const fmt = new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  });
  return {
    q,
    person,
    results,
    log: log
      ? { name: log.name, entries: log.entries.map((e) => ({ ...e, atText: fmt.format(new Date(e.at)) })) }
      : null,
    links: {
      review: can(principal, "privacy.break_glass_review"),
      subjectAccess: can(principal, "privacy.subject_access"),
      erase: can(principal, "privacy.erase"),
      legalHold: can(principal, "cases.legal_hold"),
    },
  };
}

export default function PrivacyDesk({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("privacy.title")}</h1>
      <ul className="link-list">
        {d.links.review ? (
          <li>
            <Link to="/staff/privacy/review">{t("privacy.review_title")}</Link>
          </li>
        ) : null}
        {d.links.subjectAccess ? (
          <li>
            <Link to="/staff/subject-access">{t("privacy.subject_title")}</Link>
          </li>
        ) : null}
        {d.links.erase ? (
          <li>
            <Link to="/staff/privacy/erase">{t("privacy.erase_title")}</Link>
          </li>
        ) : null}
        {d.links.legalHold ? (
          <li>
            <Link to="/staff/legal-hold">{t("privacy.hold_title")}</Link>
          </li>
        ) : null}
      </ul>
      <h2>{t("privacy.access_title")}</h2>
      <p>{t("privacy.access_intro")}</p>
      <PersonSearch q={d.q} results={d.results} selected={d.person} />
      {d.log ? (
        <ScrollRegion className="table-wrap">
          <table>
            <caption>
              {t("privacy.access_caption", { name: d.log.name, count: d.log.entries.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.col_time")}</th>
                <th scope="col">{t("privacy.col_who")}</th>
                <th scope="col">{t("privacy.col_what")}</th>
                <th scope="col">{t("privacy.col_reason")}</th>
              </tr>
            </thead>
            <tbody>
              {d.log.entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{e.atText}</time>
                  </td>
                  <td>
                    {e.actorName ??
                      (e.actorKind === "system" ? t("privacy.actor_system") : (e.actorUserId ?? "—"))}
                  </td>
                  <td>
                    <code>{e.entityType}</code> <code dir="ltr">{e.entityId?.slice(0, 8)}</code>
                  </td>
                  <td>{e.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </>
  );
}

import { data } from "react-router";
import { Notice } from "../../components/form/index.ts";
import { clock, languageName } from "../../components/volunteers.ts";
import { pageContext } from "../../context.ts";
import { useLang, useT } from "../../i18n.tsx";
import type { Route } from "./+types/mediation-status";

/** The institution follows its requests through its link: dates and states, no mediator (issue 17). */
export function meta() {
  return [
    { title: "Lotse" },
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "same-origin" },
  ];
}

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const status = await ctx.services.volunteers.linkStatus(ctx.tenant.id, params.token.slice(0, 200));
  const booked = new URL(request.url).searchParams.get("booked") === "1";
  return data(
    { status, booked },
    { headers: { "cache-control": "no-store", "referrer-policy": "same-origin" } },
  );
}

export default function MediationStatus({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const s = loaderData.status;
  if (!s) {
    return (
      <>
        <h1>{t("volunteers.public_status_title")}</h1>
        <Notice kind="warning">{t("volunteers.public_invalid")}</Notice>
      </>
    );
  }
  return (
    <>
      <h1>{t("volunteers.public_status_title")}</h1>
      {loaderData.booked ? <Notice kind="success">{t("volunteers.public_booked")}</Notice> : null}
      <p>{t("volunteers.public_status_intro", { institution: s.institutionName })}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.public_status_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.date")}</th>
              <th scope="col">{t("volunteers.language")}</th>
              <th scope="col">{t("volunteers.mode")}</th>
              <th scope="col">{t("volunteers.state")}</th>
            </tr>
          </thead>
          <tbody>
            {s.requests.map((r) => (
              <tr key={r.id}>
                <th scope="row" dir="ltr">
                  {r.date} {clock(r.startMinute)}–{clock(r.startMinute + r.durationMinutes)}
                </th>
                <td>{languageName(r.language, lang)}</td>
                <td>{t(`volunteers.mode_${r.mode}`)}</td>
                <td>{t(`volunteers.public_state_${r.phase}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.requests.length === 0 ? <p>{t("volunteers.requests_none")}</p> : null}
      <p>
        <a href={`/${lang}/mediation/${params.token}`}>{t("volunteers.public_book_another")}</a>
      </p>
    </>
  );
}

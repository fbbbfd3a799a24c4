import { data, Form } from "react-router";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { Notice } from "../../components/form/index.ts";
import { isolate } from "../../components/offers/format.ts";
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

/** The institution cancels a request (decision 084); works without JavaScript. */
export async function action({ params, request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const form = await request.formData();
  const id = String(form.get("requestId") ?? "");
  if (!isUuid(id)) return { cancelled: false as const };
  try {
    await ctx.services.volunteers.cancelByLink(ctx.tenant.id, params.token.slice(0, 200), id, {
      requestId: ctx.requestId,
    });
    return { cancelled: true as const };
  } catch (e) {
    // A stale page (already cancelled, held, or another link's request) is a notice, not an error page.
    if (e instanceof AppError && e.status < 500) return { cancelled: false as const };
    throw e;
  }
}

export default function MediationStatus({ loaderData, params, actionData }: Route.ComponentProps) {
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
      {actionData?.cancelled === true ? (
        <Notice kind="success">{t("volunteers.public_cancelled")}</Notice>
      ) : null}
      {actionData?.cancelled === false ? (
        <Notice kind="warning">{t("volunteers.public_cancel_failed")}</Notice>
      ) : null}
      <p>{t("volunteers.public_status_intro", { institution: isolate(s.institutionName) })}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.public_status_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.date")}</th>
              <th scope="col">{t("volunteers.language")}</th>
              <th scope="col">{t("volunteers.mode")}</th>
              <th scope="col">{t("volunteers.state")}</th>
              <th scope="col">{t("volunteers.public_cancel_column")}</th>
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
                <td>
                  {r.cancellable ? (
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit">
                        {t("volunteers.public_cancel", {
                          date: r.date,
                          time: clock(r.startMinute),
                        })}
                      </button>
                    </Form>
                  ) : (
                    "–"
                  )}
                </td>
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

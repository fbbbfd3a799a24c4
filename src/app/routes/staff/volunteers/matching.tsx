import { data, Form, Link } from "react-router";
import { confirmMatchingInput } from "#app/modules/volunteers/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { languageNames } from "../../../components/volunteers.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/matching";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const matching = await ctx.services.volunteers.proposeMatching(principal);
  return {
    matching,
    languageNames: languageNames(
      matching.unserved.map((u) => u.language),
      ctx.lang,
    ),
  };
}

/** Offers every proposal the coordinator left ticked: the Monday batch in one click. */
export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const offers = form
    .getAll("offer")
    .filter((v): v is string => typeof v === "string")
    .map((requestId) => ({
      requestId,
      volunteerId: formString(form, `volunteer_${requestId}`),
      version: Number(formString(form, `version_${requestId}`)) || 0,
    }));
  const result = await formAction(ctx.t, () =>
    ctx.services.volunteers.confirmMatching(principal, parseInput(confirmMatchingInput, { offers }).offers, {
      requestId: ctx.requestId,
    }),
  );
  if ("data" in result) return data(result.data, result.init ?? undefined);
  return { ok: true as const, ...result.value };
}

export default function Matching({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { proposals, unserved, score } = loaderData.matching;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <>
      <p>
        <Link to="/staff/volunteers/requests">{t("volunteers.requests_title")}</Link>
      </p>
      <h1>{t("volunteers.matching_title")}</h1>
      <p>{t("volunteers.matching_intro")}</p>
      {actionData?.ok ? (
        <Notice kind="success">
          {t("volunteers.matching_done", { offered: actionData.offered, failed: actionData.failed.length })}
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} />
      {unserved.length ? (
        <section aria-labelledby="unserved">
          <h2 id="unserved">{t("volunteers.unserved_title", { count: unserved.length })}</h2>
          <ul>
            {unserved.map((u) => (
              <li key={u.requestId}>
                <Link to={`/staff/volunteers/requests/${u.requestId}`}>
                  {t(`volunteers.unserved_${u.reason}`, {
                    language: loaderData.languageNames[u.language] ?? u.language,
                    date: u.date,
                    weekday: new Date(`${u.date}T12:00:00Z`).toLocaleDateString(lang, { weekday: "long" }),
                    blocker: u.blocker ?? "",
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="proposals">
        <h2 id="proposals">{t("volunteers.proposals_title", { count: proposals.length, score })}</h2>
        {proposals.length ? (
          <Form method="post" className="stack">
            <div className="table-wrap">
              <table>
                <caption>{t("volunteers.proposals_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("volunteers.offer")}</th>
                    <th scope="col">{t("volunteers.request")}</th>
                    <th scope="col">{t("volunteers.mediator")}</th>
                    <th scope="col">{t("volunteers.score")}</th>
                    <th scope="col">{t("volunteers.reasons")}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.map((p) => (
                    <tr key={p.requestId}>
                      <td>
                        <input
                          type="checkbox"
                          name="offer"
                          value={p.requestId}
                          defaultChecked
                          aria-label={t("volunteers.offer_to", { name: p.volunteerName })}
                        />
                        <input type="hidden" name={`volunteer_${p.requestId}`} value={p.volunteerId} />
                        <input type="hidden" name={`version_${p.requestId}`} value={p.requestVersion} />
                      </td>
                      <th scope="row">
                        <Link to={`/staff/volunteers/requests/${p.requestId}`}>
                          {t("volunteers.open_request")}
                        </Link>
                      </th>
                      <td>{p.volunteerName}</td>
                      <td>{p.score}</td>
                      <td>
                        {p.parts
                          .map((part) => t(`volunteers.reason_${part.code}`, { points: part.points }))
                          .join("; ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <button type="submit">{t("volunteers.offer_all")}</button>
            </p>
          </Form>
        ) : (
          <p>{t("volunteers.proposals_none")}</p>
        )}
      </section>
    </>
  );
}

import { Link } from "react-router";
import { can } from "#app/server/policy/policy.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/escalated";
import { dateTimeFormat } from "./format.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const items = await ctx.services.conflicts.escalated(requirePrincipal(ctx), ctx.requestId);
  const fmt = dateTimeFormat(ctx.lang);
  return {
    items: items.map((i) => ({ ...i, escalatedText: fmt(i.escalatedAt) })),
    // The meeting page checks again; the link is offered only to who may open it.
    canSeeMeeting: can(requirePrincipal(ctx), "network.read"),
  };
}

/** The steering group's view (issue 20): pseudonyms, area, kind and reason; no description. */
export default function EscalatedConflicts({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("conflicts.escalated_title")}</h1>
      <p>{t("conflicts.escalated_intro")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.escalated_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.col_reference")}</th>
              <th scope="col">{t("conflicts.col_area")}</th>
              <th scope="col">{t("conflicts.col_kind")}</th>
              <th scope="col">{t("conflicts.col_state")}</th>
              <th scope="col">{t("conflicts.parties_label")}</th>
              <th scope="col">{t("conflicts.escalate_reason")}</th>
              <th scope="col">{t("conflicts.escalated_on")}</th>
              <th scope="col">{t("conflicts.escalation_agenda")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.items.map((e) => (
              <tr key={e.reference}>
                <th scope="row" dir="ltr">
                  {e.reference}
                </th>
                <td>{e.areaName ?? "—"}</td>
                <td>{t(`conflicts.kind_${e.kind}`)}</td>
                <td>{t(`conflicts.state_${e.state}`)}</td>
                <td>{e.parties.join(", ") || "—"}</td>
                <td>{e.reason ?? "—"}</td>
                <td>{e.escalatedText}</td>
                <td>
                  {e.meetingId && loaderData.canSeeMeeting ? (
                    <Link to={`/staff/network/meetings/${e.meetingId}`}>
                      {t("conflicts.escalation_agenda_link")}
                    </Link>
                  ) : e.meetingId ? (
                    t("conflicts.escalation_agenda_link")
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.items.length === 0 ? <p>{t("conflicts.escalated_none")}</p> : null}
    </>
  );
}

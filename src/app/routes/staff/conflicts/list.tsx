import { Link } from "react-router";
import { queueQuery } from "#app/modules/conflicts/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/list";
import { dateTimeFormat } from "./format.server.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const raw = Object.fromEntries(
    ["mine", "overdue", "closed"].flatMap((k) => (url.searchParams.get(k) === "1" ? [[k, "1"]] : [])),
  );
  const q = parseInput(queueQuery, raw);
  const moderate = can(principal, "conflicts.handle");
  const [items, pendingReports] = await Promise.all([
    ctx.services.conflicts.queue(principal, {
      mine: q.mine === "1",
      overdue: q.overdue === "1",
      closed: q.closed === "1",
    }),
    moderate ? ctx.services.conflicts.pendingCount(principal) : Promise.resolve(0),
  ]);
  const fmt = dateTimeFormat(ctx.lang);
  return {
    filter: { mine: q.mine === "1", overdue: q.overdue === "1", closed: q.closed === "1" },
    items: items.map((i) => ({ ...i, dueText: fmt(i.dueAt) })),
    can: {
      report: can(principal, "conflicts.report"),
      posts: can(principal, "conflicts.posts"),
      numbers: can(principal, "conflicts.statistics"),
      escalated: can(principal, "conflicts.escalated"),
      moderate,
    },
    pendingReports,
  };
}

export default function ConflictQueue({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, filter } = loaderData;
  return (
    <>
      <h1>{t("conflicts.title")}</h1>
      <p>{t("conflicts.intro")}</p>
      <ul className="inline-links">
        {loaderData.can.report ? (
          <li>
            <Link to="/staff/conflicts/new">{t("conflicts.new_report")}</Link>
          </li>
        ) : null}
        {loaderData.can.moderate ? (
          <li>
            <Link to="/staff/conflicts/moderation">
              {t("conflicts.moderation_link", { count: loaderData.pendingReports })}
            </Link>
          </li>
        ) : null}
        {loaderData.can.posts ? (
          <li>
            <Link to="/staff/conflicts/posts">{t("conflicts.posts_link")}</Link>
          </li>
        ) : null}
        {loaderData.can.numbers ? (
          <li>
            <Link to="/staff/conflicts/numbers">{t("conflicts.numbers_link")}</Link>
          </li>
        ) : null}
        {loaderData.can.escalated ? (
          <li>
            <Link to="/staff/conflicts/escalated">{t("conflicts.escalated_link")}</Link>
          </li>
        ) : null}
      </ul>
      <form method="get" className="filters">
        <fieldset>
          <legend>{t("conflicts.filter_legend")}</legend>
          {(["mine", "overdue", "closed"] as const).map((k) => (
            <label key={k} className="checkbox">
              <input type="checkbox" name={k} value="1" defaultChecked={filter[k]} />{" "}
              {t(`conflicts.filter_${k}`)}
            </label>
          ))}
          <button type="submit">{t("conflicts.filter_apply")}</button>
        </fieldset>
      </form>
      <div className="table-wrap">
        <table>
          <caption>{t("conflicts.queue_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflicts.col_reference")}</th>
              <th scope="col">{t("conflicts.col_area")}</th>
              <th scope="col">{t("conflicts.col_kind")}</th>
              <th scope="col">{t("conflicts.col_urgency")}</th>
              <th scope="col">{t("conflicts.col_state")}</th>
              <th scope="col">{t("conflicts.col_handler")}</th>
              <th scope="col">{t("conflicts.col_due")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/staff/conflicts/${c.id}`} dir="ltr">
                    {c.reference}
                  </Link>
                  {c.escalated ? <span className="badge"> {t("conflicts.escalated_mark")}</span> : null}
                </th>
                <td>{c.areaName ?? "—"}</td>
                <td>{t(`conflicts.kind_${c.kind}`)}</td>
                <td>{t(`conflicts.urgency_${c.urgency}`)}</td>
                <td>{t(`conflicts.state_${c.state}`)}</td>
                <td>{c.handlerName ?? t("conflicts.unassigned")}</td>
                <td>
                  {c.dueText}
                  {c.overdue ? (
                    <strong className="badge badge-warning"> {t("conflicts.overdue")}</strong>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>{t("conflicts.none")}</p> : null}
    </>
  );
}

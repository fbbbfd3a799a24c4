import { data, Form, Link } from "react-router";
import { actionStatusInput, openActionsQuery } from "#app/modules/network/contracts.ts";
import { ACTION_STATUSES } from "#app/modules/network/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/follow-up";

const PAGE = 100;

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const url = new URL(request.url);
  const q = openActionsQuery.safeParse({ offset: url.searchParams.get("offset") ?? undefined, limit: PAGE });
  const page = q.success ? q.data : { offset: 0, limit: PAGE };
  const open = await ctx.services.network.openActionItems(principal, page);
  return { ...open, offset: page.offset, canRun: can(principal, "network.meetings.manage") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "network.meetings.manage");
  const form = await request.formData();
  const id = formString(form, "id");
  const result = await formAction(ctx.t, () =>
    ctx.services.network.setActionStatus(
      { kind: "user", principal },
      id,
      parseInput(actionStatusInput, {
        version: Number(formString(form, "version")) || 0,
        status: formString(form, "status"),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return data({ ...result.data, id }, result.init ?? undefined);
  return { ok: true as const, id };
}

/** Beschlusskontrolle: every open action item across all bodies, overdue first. */
export default function FollowUp({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { items, total, offset, canRun } = loaderData;
  return (
    <>
      <h1>{t("network.follow_up_title")}</h1>
      <p>{t("network.follow_up_intro", { total })}</p>
      {actionData?.ok ? <Notice kind="success">{t("network.saved")}</Notice> : null}
      {actionData && !actionData.ok ? <ErrorSummary errors={actionData.errors} /> : null}
      <div className="table-wrap">
        <table>
          <caption>{t("network.follow_up_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("network.action_title")}</th>
              <th scope="col">{t("network.owner")}</th>
              <th scope="col">{t("network.due_date")}</th>
              <th scope="col">{t("network.body")}</th>
              <th scope="col">{t("network.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.id}>
                <th scope="row">
                  <Link to={`/staff/network/meetings/${x.meetingId}`}>{x.title}</Link>
                </th>
                <td>{x.owner}</td>
                <td>
                  {x.dueDate ?? "—"}
                  {x.overdue ? <strong> ({t("network.overdue")})</strong> : null}
                </td>
                <td>{x.bodyName}</td>
                <td>
                  {canRun ? (
                    <Form method="post" className="inline" key={`${x.id}-${x.version}`}>
                      <input type="hidden" name="id" value={x.id} />
                      <input type="hidden" name="version" value={x.version} />
                      <label htmlFor={`st-${x.id}`} className="visually-hidden">
                        {t("network.status_of", { title: x.title })}
                      </label>
                      <select id={`st-${x.id}`} name="status" defaultValue={x.status}>
                        {ACTION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`network.status_${s}`)}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit">{t("network.save")}</button>
                    </Form>
                  ) : (
                    t(`network.status_${x.status}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p>{t("network.nothing_open")}</p> : null}
      <nav aria-label={t("network.pages")}>
        {offset > 0 ? (
          <Link to={`?offset=${Math.max(0, offset - PAGE)}`}>{t("network.previous")}</Link>
        ) : null}{" "}
        {offset + PAGE < total ? <Link to={`?offset=${offset + PAGE}`}>{t("network.next")}</Link> : null}
      </nav>
    </>
  );
}

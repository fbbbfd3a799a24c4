import { data, Form, Link, redirect } from "react-router";
import { activateCrisisInput } from "#app/modules/conflicts/crisis-contracts.ts";
import { crisisTypeName } from "#app/modules/conflicts/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, Notice, Select } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/crises";
import { dateTimeFormat } from "./format.server.ts";

/** Crises and drills (decision 072): the list, and activation from the crisis plan's types. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const canActivate = can(principal, "conflicts.crisis_activate");
  const [items, plan] = await Promise.all([
    ctx.services.conflicts.crises(principal),
    canActivate ? ctx.services.conflicts.crisisPlan(principal, ctx.requestId) : null,
  ]);
  const fmt = dateTimeFormat(ctx.lang);
  return {
    items: items.map((c) => ({ ...c, activatedText: fmt(c.activatedAt), closedText: fmt(c.closedAt) })),
    canActivate,
    types: plan?.scenarios.map((s) => s.type) ?? [],
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "conflicts.crisis_activate");
  const form = await request.formData();
  const values = { type: formString(form, "type"), drill: formString(form, "drill") === "on" };
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.activateCrisis(principal, parseInput(activateCrisisInput, values), ctx.requestId),
  );
  if ("data" in r) return data({ errors: r.data.errors, values }, r.init ?? undefined);
  return redirect(`/staff/conflicts/crises/${r.value.id}`);
}

export default function Crises({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { items, canActivate, types } = loaderData;
  return (
    <>
      <p>
        <Link to="/staff/conflicts/plans/crisis">{t("conflicts.crisis_plan_title")}</Link>
      </p>
      <h1>{t("conflicts.crises_title")}</h1>
      {canActivate ? (
        <section aria-labelledby="crisis-activate">
          <h2 id="crisis-activate">{t("conflicts.crisis_activate_title")}</h2>
          {types.length === 0 ? (
            <Notice kind="warning">{t("conflicts.crisis_no_plan")}</Notice>
          ) : (
            <>
              <ErrorSummary errors={actionData?.errors} />
              <Form method="post" className="stack" noValidate>
                <Select
                  name="type"
                  label={t("conflicts.crisis_type")}
                  required
                  options={types.map((x) => ({ value: x, label: crisisTypeName(t, x) }))}
                  defaultValue={actionData?.values.type ?? types[0]}
                  errors={actionData?.errors}
                />
                <Checkbox
                  name="drill"
                  label={t("conflicts.crisis_drill")}
                  defaultChecked={actionData?.values.drill ?? false}
                  errors={actionData?.errors}
                />
                <p>
                  <button type="submit">{t("conflicts.crisis_activate")}</button>
                </p>
              </Form>
            </>
          )}
        </section>
      ) : null}
      {items.length === 0 ? (
        <p>{t("conflicts.crises_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("conflicts.crises_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflicts.crisis_type")}</th>
                <th scope="col">{t("conflicts.crisis_kind")}</th>
                <th scope="col">{t("conflicts.crisis_state")}</th>
                <th scope="col">{t("conflicts.crisis_activated_at")}</th>
                <th scope="col">{t("conflicts.crisis_closed_at")}</th>
                <th scope="col">{t("conflicts.crisis_progress")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/staff/conflicts/crises/${c.id}`}>{crisisTypeName(t, c.type)}</Link>
                  </th>
                  <td>{t(c.drill ? "conflicts.crisis_kind_drill" : "conflicts.crisis_kind_real")}</td>
                  <td>{t(`conflicts.crisis_state_${c.state}`)}</td>
                  <td>{c.activatedText}</td>
                  <td>{c.closedText ?? "—"}</td>
                  <td>
                    {t("conflicts.crisis_progress_value", { done: c.checksDone, total: c.checksTotal })}
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

import { data, Form } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { PLAN_LIMITS, preventionPlanInput } from "#app/modules/conflicts/plan-contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { formString, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/prevention-plan";
import { dateTimeFormat } from "./format.server.ts";
import { formRows, formVersion } from "./plan-form.ts";
import { metaView, PlanFrame } from "./plan-parts.tsx";

const MEASURE_FIELDS = ["title", "description", "responsible", "measureId", "reviewOn"] as const;
type MeasureValues = Record<(typeof MEASURE_FIELDS)[number], string>;
type Values = {
  version: number;
  title: string;
  structure: string;
  reviewOn: string;
  measures: MeasureValues[];
  language: string;
};

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const plan = await ctx.services.conflicts.preventionPlan(principal, ctx.requestId);
  const values: Values | null = plan && {
    version: plan.version,
    title: plan.title,
    structure: plan.structure ?? "",
    reviewOn: plan.reviewOn,
    measures: plan.measures.map((m) => ({
      title: m.title,
      description: m.description ?? "",
      responsible: m.responsible,
      measureId: m.measureId ?? "",
      reviewOn: m.reviewOn ?? "",
    })),
    language: plan.language ?? "de",
  };
  return {
    plan,
    meta: plan ? metaView(plan, dateTimeFormat(ctx.lang)) : null,
    values,
    canEdit: can(principal, "conflicts.plans"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const values: Values = {
    version: formVersion(form),
    title: formString(form, "title"),
    structure: formString(form, "structure"),
    reviewOn: formString(form, "reviewOn"),
    measures: formRows(form, "measures", MEASURE_FIELDS, PLAN_LIMITS.measures),
    language: formString(form, "language"),
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.savePreventionPlan(
      principal,
      parseInput(preventionPlanInput, values),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data({ ...r.data, values }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, values: undefined };
}

export default function PreventionPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { plan, meta, canEdit } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const v = actionData?.values ?? loaderData.values;
  const rows = [...(v?.measures ?? []), ...Array.from({ length: 2 }, () => null)];
  return (
    <PlanFrame
      kind="prevention"
      title={t("conflicts.prevention_plan_title")}
      meta={meta}
      saved={actionData?.ok === true}
      errors={errors}
      edit={
        canEdit ? (
          <Form method="post" className="stack" noValidate key={JSON.stringify(v)}>
            <input type="hidden" name="version" value={v?.version ?? 0} />
            <TextField
              name="title"
              label={t("conflicts.plan_title")}
              required
              defaultValue={v?.title}
              errors={errors}
            />
            <TextField
              name="structure"
              multiline
              rows={5}
              label={t("conflicts.plan_structure")}
              hint={t("conflicts.plan_structure_hint")}
              defaultValue={v?.structure}
              errors={errors}
            />
            <TextField
              name="reviewOn"
              type="date"
              label={t("conflicts.plan_review_on")}
              required
              defaultValue={v?.reviewOn}
              errors={errors}
            />
            <Select
              name="language"
              label={t("conflicts.plan_language")}
              hint={t("conflicts.plan_language_hint")}
              options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
              defaultValue={v?.language ?? "de"}
              errors={errors}
            />
            {rows.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
              <fieldset key={`m-${i}-${m?.title ?? ""}`}>
                <legend>{t("conflicts.plan_measure_n", { n: i + 1 })}</legend>
                <TextField
                  name={`measures.${i}.title`}
                  label={t("conflicts.plan_measure")}
                  defaultValue={m?.title}
                  errors={errors}
                />
                <TextField
                  name={`measures.${i}.description`}
                  multiline
                  rows={2}
                  label={t("conflicts.plan_measure_description")}
                  defaultValue={m?.description}
                  errors={errors}
                />
                <TextField
                  name={`measures.${i}.responsible`}
                  label={t("conflicts.plan_responsible")}
                  defaultValue={m?.responsible}
                  errors={errors}
                />
                <TextField
                  name={`measures.${i}.measureId`}
                  dir="ltr"
                  label={t("conflicts.plan_goal_measure")}
                  hint={t("conflicts.plan_goal_measure_hint")}
                  defaultValue={m?.measureId}
                  errors={errors}
                />
                <TextField
                  name={`measures.${i}.reviewOn`}
                  type="date"
                  label={t("conflicts.plan_review_on")}
                  defaultValue={m?.reviewOn}
                  errors={errors}
                />
              </fieldset>
            ))}
            <p>
              <button type="submit">{t("conflicts.plan_save")}</button>
            </p>
          </Form>
        ) : null
      }
    >
      {plan ? (
        <>
          <h2>{plan.title}</h2>
          {plan.structure ? <p>{plan.structure}</p> : null}
          <div className="table-wrap">
            <table>
              <caption>{t("conflicts.plan_measures_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.plan_measure")}</th>
                  <th scope="col">{t("conflicts.plan_responsible")}</th>
                  <th scope="col">{t("conflicts.plan_goal_measure")}</th>
                  <th scope="col">{t("conflicts.plan_review_on")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.measures.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
                  <tr key={`${i}-${m.title}`}>
                    <th scope="row">
                      {m.title}
                      {m.description ? <p>{m.description}</p> : null}
                    </th>
                    <td>{m.responsible}</td>
                    <td>{m.measureTitle ?? (m.measureId ? t("conflicts.plan_measure_unknown") : "—")}</td>
                    <td>
                      {m.reviewOn ?? "—"}
                      {m.reviewDue ? ` — ${t("conflicts.plan_measure_review_due")}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </PlanFrame>
  );
}

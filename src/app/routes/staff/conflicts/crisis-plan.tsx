import { data, Form, Link } from "react-router";
import { crisisPlanInput, PLAN_LIMITS } from "#app/modules/conflicts/plan-contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { type ErrorSource, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/crisis-plan";
import { dateTimeFormat } from "./format.server.ts";
import { formRows, formVersion, lines } from "./plan-form.ts";
import { metaView, PlanFrame } from "./plan-parts.tsx";

const CONTACT_FIELDS = [
  "role",
  "name",
  "userId",
  "organization",
  "phone",
  "email",
  "deputyName",
  "deputyPhone",
] as const;
type ContactValues = Record<(typeof CONTACT_FIELDS)[number], string>;
type Values = {
  version: number;
  title: string;
  purpose: string;
  reviewOn: string;
  escalateMinutes: string;
  contacts: ContactValues[];
  scenarios: { type: string; steps: string }[];
};

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const plan = await ctx.services.conflicts.crisisPlan(principal, ctx.requestId);
  const canEdit = can(principal, "conflicts.plans");
  const staff = canEdit ? await ctx.services.users.staffNames(principal.tenantId) : [];
  const values: Values | null = plan && {
    version: plan.version,
    title: plan.title,
    purpose: plan.purpose ?? "",
    reviewOn: plan.reviewOn,
    escalateMinutes: String(plan.escalateMinutes),
    contacts: plan.contacts.map((c) => ({
      role: c.role,
      name: c.name,
      userId: c.userId ?? "",
      organization: c.organization ?? "",
      phone: c.phone ?? "",
      email: c.email ?? "",
      deputyName: c.deputyName ?? "",
      deputyPhone: c.deputyPhone ?? "",
    })),
    scenarios: plan.scenarios.map((s) => ({ type: s.type, steps: s.steps.join("\n") })),
  };
  return {
    plan,
    meta: plan ? metaView(plan, dateTimeFormat(ctx.lang)) : null,
    values,
    canEdit,
    staff: staff.map((s) => ({ value: s.id, label: s.displayName })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const values: Values = {
    version: formVersion(form),
    title: formString(form, "title"),
    purpose: formString(form, "purpose"),
    reviewOn: formString(form, "reviewOn"),
    escalateMinutes: formString(form, "escalateMinutes"),
    contacts: formRows(form, "contacts", CONTACT_FIELDS, PLAN_LIMITS.contacts),
    scenarios: formRows(form, "scenarios", ["type", "steps"] as const, PLAN_LIMITS.scenarios),
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.saveCrisisPlan(
      principal,
      parseInput(crisisPlanInput, {
        ...values,
        scenarios: values.scenarios.map((s) => ({ type: s.type, steps: lines(s.steps) })),
      }),
      ctx.requestId,
    ),
  );
  if ("data" in r) return data({ ...r.data, values }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, values: undefined };
}

export default function CrisisPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { plan, meta, canEdit } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const inactive = plan?.contacts.filter((c) => c.accountInactive) ?? [];
  return (
    <PlanFrame
      title={t("conflicts.crisis_plan_title")}
      meta={meta}
      saved={actionData?.ok === true}
      errors={errors}
      aside={
        <p className="no-print">
          <Link to="/staff/conflicts/crises">{t("conflicts.crises_title")}</Link>
        </p>
      }
      edit={
        canEdit ? (
          <CrisisPlanForm
            values={actionData?.values ?? loaderData.values}
            staff={loaderData.staff}
            errors={errors}
          />
        ) : null
      }
    >
      {plan ? (
        <>
          <h2>{plan.title}</h2>
          {plan.purpose ? <p>{plan.purpose}</p> : null}
          <p>
            {t("conflicts.plan_escalate_minutes")}: {plan.escalateMinutes}
          </p>
          {inactive.length ? (
            <Notice kind="warning">
              {t("conflicts.plan_contacts_inactive", { names: inactive.map((c) => c.name).join(", ") })}
            </Notice>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption>{t("conflicts.plan_chain_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("conflicts.plan_chain_position")}</th>
                  <th scope="col">{t("conflicts.plan_role")}</th>
                  <th scope="col">{t("conflicts.plan_contact_name")}</th>
                  <th scope="col">{t("conflicts.plan_phone")}</th>
                  <th scope="col">{t("conflicts.plan_email")}</th>
                  <th scope="col">{t("conflicts.plan_deputy")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.contacts.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
                  <tr key={`${i}-${c.name}`}>
                    <td>{i + 1}</td>
                    <th scope="row">{c.role}</th>
                    <td>
                      {c.name}
                      {c.organization ? ` (${c.organization})` : ""}
                      {c.accountInactive ? ` — ${t("conflicts.plan_account_inactive")}` : ""}
                    </td>
                    <td dir="ltr">{c.phone ?? "—"}</td>
                    <td dir="ltr">{c.email ?? "—"}</td>
                    <td>{[c.deputyName, c.deputyPhone].filter(Boolean).join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t("conflicts.plan_scenarios")}</h2>
          {plan.scenarios.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
            <section key={`${i}-${s.type}`} aria-labelledby={`scenario-${i}`}>
              <h3 id={`scenario-${i}`}>{s.type}</h3>
              <ol>
                {s.steps.map((step, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
                  <li key={`${j}-${step}`}>{step}</li>
                ))}
              </ol>
            </section>
          ))}
        </>
      ) : null}
    </PlanFrame>
  );
}

function CrisisPlanForm(props: {
  values: Values | null;
  staff: { value: string; label: string }[];
  errors: ErrorSource;
}) {
  const t = useT();
  const v = props.values;
  const errors = props.errors;
  const contacts = [...(v?.contacts ?? []), ...Array.from({ length: 2 }, () => null)];
  const scenarios = [...(v?.scenarios ?? []), null];
  return (
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
        name="purpose"
        multiline
        rows={3}
        label={t("conflicts.plan_purpose")}
        defaultValue={v?.purpose}
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
      <TextField
        name="escalateMinutes"
        type="number"
        inputMode="numeric"
        label={t("conflicts.plan_escalate_minutes")}
        hint={t("conflicts.plan_escalate_hint")}
        defaultValue={v?.escalateMinutes}
        errors={errors}
      />
      {contacts.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
        <fieldset key={`c-${i}-${c?.name ?? ""}`}>
          <legend>{t("conflicts.plan_chain_link", { n: i + 1 })}</legend>
          <TextField
            name={`contacts.${i}.role`}
            label={t("conflicts.plan_role")}
            defaultValue={c?.role}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.name`}
            label={t("conflicts.plan_contact_name")}
            defaultValue={c?.name}
            errors={errors}
          />
          <Select
            name={`contacts.${i}.userId`}
            label={t("conflicts.plan_account")}
            empty={t("conflicts.plan_no_account")}
            options={props.staff}
            defaultValue={c?.userId ?? ""}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.organization`}
            label={t("conflicts.plan_organization")}
            defaultValue={c?.organization}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.phone`}
            type="tel"
            dir="ltr"
            label={t("conflicts.plan_phone")}
            defaultValue={c?.phone}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.email`}
            type="email"
            dir="ltr"
            label={t("conflicts.plan_email")}
            defaultValue={c?.email}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.deputyName`}
            label={t("conflicts.plan_deputy_name")}
            defaultValue={c?.deputyName}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.deputyPhone`}
            type="tel"
            dir="ltr"
            label={t("conflicts.plan_deputy_phone")}
            defaultValue={c?.deputyPhone}
            errors={errors}
          />
        </fieldset>
      ))}
      {scenarios.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
        <fieldset key={`s-${i}-${s?.type ?? ""}`}>
          <legend>{t("conflicts.plan_scenario", { n: i + 1 })}</legend>
          <TextField
            name={`scenarios.${i}.type`}
            label={t("conflicts.plan_scenario_type")}
            defaultValue={s?.type}
            errors={errors}
          />
          <TextField
            name={`scenarios.${i}.steps`}
            multiline
            rows={5}
            label={t("conflicts.plan_steps")}
            hint={t("conflicts.plan_steps_hint")}
            defaultValue={s?.steps}
            errors={errors}
          />
        </fieldset>
      ))}
      <p>
        <button type="submit">{t("conflicts.plan_save")}</button>
      </p>
    </Form>
  );
}

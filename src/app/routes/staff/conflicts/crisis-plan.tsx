import { data, Link } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { crisisTypeName } from "#app/modules/conflicts/model.ts";
import { crisisPlanInput, PLAN_LIMITS } from "#app/modules/conflicts/plan-contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ScrollRegion } from "../../../components/casework-fields.tsx";
import {
  CONTACT_FIELDS,
  CrisisPlanForm,
  SCENARIO_FIELDS,
  scenarioInput,
  scenarioValues,
  type CrisisPlanValues as Values,
} from "../../../components/conflicts-plan/crisis-plan-form.tsx";
import { formString, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/crisis-plan";
import { dateTimeFormat } from "./format.server.ts";
import { formRows, formVersion } from "./plan-form.ts";
import { metaView, PlanFrame } from "./plan-parts.tsx";

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
      language: c.language ?? "de",
    })),
    scenarios: plan.scenarios.map(scenarioValues),
    language: plan.language ?? "de",
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
    scenarios: formRows(form, "scenarios", SCENARIO_FIELDS, PLAN_LIMITS.scenarios),
    language: formString(form, "language"),
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.conflicts.saveCrisisPlan(
      principal,
      parseInput(crisisPlanInput, {
        ...values,
        scenarios: values.scenarios.map(scenarioInput),
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
      kind="crisis"
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
          {/* seven columns scroll sideways on a narrow screen: the region takes keyboard focus */}
          <ScrollRegion>
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
                  <th scope="col">{t("conflicts.plan_contact_language")}</th>
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
                    <td>{LANGUAGES.find((l) => l.code === (c.language ?? "de"))?.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h2>{t("conflicts.plan_scenarios")}</h2>
          {plan.scenarios.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
            <section key={`${i}-${s.type}`} aria-labelledby={`scenario-${i}`}>
              <h3 id={`scenario-${i}`}>{crisisTypeName(t, s.type)}</h3>
              <ol>
                {s.steps.map((step, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
                  <li key={`${j}-${step}`}>{step}</li>
                ))}
              </ol>
              {LANGUAGES.filter((l) => s.statements?.[l.code]).map((l) => (
                <details key={l.code}>
                  <summary>
                    {t("conflicts.plan_statement_in")}{" "}
                    <span lang={l.code} dir={l.dir}>
                      {l.name}
                    </span>
                  </summary>
                  <p lang={l.code} dir={l.dir} className="case-text">
                    {s.statements?.[l.code]}
                  </p>
                </details>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </PlanFrame>
  );
}

import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { householdIntakeInput } from "#app/modules/casework/contracts.ts";
import { CASE_TYPES, type DuplicateReport, HOUSING_STAGES } from "#app/modules/casework/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/new";
import { HouseholdFields } from "./household-fields.tsx";
import { householdFromForm, PersonFields, personFromForm } from "./person-fields.tsx";

const MAX_PERSONS = 8;

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const options = await ctx.services.casework.cases.options(principal);
  return { offices: options.offices.map((o) => ({ id: o.id, name: o.name })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const count = Math.min(MAX_PERSONS, Math.max(1, Number(formString(form, "personCount")) || 1));
  const persons = Array.from({ length: count }, (_, i) => personFromForm(form, `p${i}_`));
  const result = await formAction(ctx.t, () => {
    const input = parseInput(householdIntakeInput, {
      household: householdFromForm(form),
      persons,
      case: {
        caseType: formString(form, "caseType"),
        housingStage: formString(form, "housingStage"),
        openedOn: formString(form, "openedOn"),
      },
      allowDuplicate: formString(form, "allowDuplicate") === "on",
    });
    return ctx.services.casework.households.intake(principal, input, { requestId: ctx.requestId });
  });
  if ("data" in result)
    return data({ ...result.data, duplicates: null as DuplicateReport | null }, result.init ?? undefined);
  if (result.value.status === "duplicates") {
    return data(
      { ok: false as const, errors: undefined, duplicates: result.value.duplicates },
      { status: 409 },
    );
  }
  return redirect(`/staff/cases/${result.value.caseId}?created=1`);
}

export default function NewCase({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const count = Math.min(MAX_PERSONS, Math.max(1, Number(search.get("persons")) || 1));
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const duplicates = actionData && !actionData.ok ? actionData.duplicates : null;
  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.new_title")}</h1>
      <p>{t("cases.new_intro")}</p>
      <ErrorSummary errors={errors} />
      {duplicates ? (
        <div className="notice notice-warning" role="alert" tabIndex={-1} id="duplicates">
          <h2>{t("cases.duplicates_title")}</h2>
          {duplicates.visible.length ? (
            <>
              <p>{t("cases.duplicates_visible")}</p>
              <ul>
                {duplicates.visible.map((d) => (
                  <li key={d.personId}>
                    <Link to={`/staff/households/${d.householdId}`}>
                      {d.givenName} {d.familyName}
                      {d.birthDate ? ` (${d.birthDate})` : ""} – {d.householdLabel}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {duplicates.hiddenCount ? (
            <p>{t("cases.duplicates_hidden", { count: duplicates.hiddenCount })}</p>
          ) : null}
          <p>{t("cases.duplicates_confirm_hint")}</p>
        </div>
      ) : null}
      <Form method="post" noValidate className="case-intake">
        <input type="hidden" name="personCount" value={count} />
        <section aria-labelledby="intake-household">
          <h2 id="intake-household">{t("cases.section_household")}</h2>
          <HouseholdFields t={t} errors={errors} path="household" offices={loaderData.offices} />
        </section>
        <section aria-labelledby="intake-persons">
          <h2 id="intake-persons">{t("cases.section_persons")}</h2>
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: persons are numbered fieldsets (p0_, p1_, …) in a fixed order
            <fieldset key={`p${i}`}>
              <legend>{t("cases.person_n", { n: i + 1 })}</legend>
              <PersonFields prefix={`p${i}_`} path={`persons.${i}`} t={t} errors={errors} />
            </fieldset>
          ))}
          <p>
            {count < MAX_PERSONS ? <Link to={`?persons=${count + 1}`}>{t("cases.add_person")}</Link> : null}{" "}
            {count > 1 ? <Link to={`?persons=${count - 1}`}>{t("cases.remove_person")}</Link> : null}
          </p>
          <p className="hint">{t("cases.add_person_hint")}</p>
        </section>
        <section aria-labelledby="intake-case">
          <h2 id="intake-case">{t("cases.section_case")}</h2>
          <Select
            name="caseType"
            errorPath="case.caseType"
            label={t("cases.case_type")}
            options={CASE_TYPES.map((c) => ({ value: c, label: t(`cases.type_${c}`) }))}
            defaultValue="integration"
            errors={errors}
          />
          <Select
            name="housingStage"
            errorPath="case.housingStage"
            label={t("cases.housing_stage")}
            hint={t("cases.housing_stage_hint")}
            empty="—"
            options={HOUSING_STAGES.map((c) => ({ value: c, label: t(`cases.stage_${c}`) }))}
            errors={errors}
          />
          <TextField
            name="openedOn"
            errorPath="case.openedOn"
            type="date"
            label={t("cases.opened_on")}
            hint={t("cases.opened_on_hint")}
            errors={errors}
          />
        </section>
        {duplicates ? <Checkbox name="allowDuplicate" label={t("cases.duplicates_create_anyway")} /> : null}
        <p>
          <button type="submit">{t("cases.create")}</button>
        </p>
      </Form>
    </>
  );
}

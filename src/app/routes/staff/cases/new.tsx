import { data, Form, Link, redirect } from "react-router";
import type { Translate } from "#app/i18n/translator.ts";
import {
  type HouseholdWarning,
  householdAgeWarnings,
  householdIntakeInputOn,
  warningKey,
} from "#app/modules/casework/contracts.ts";
import { CASE_TYPES, type DuplicateReport, HOUSING_STAGES } from "#app/modules/casework/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, Select, TextField } from "../../../components/form/index.ts";
import { inPlace, useRepeatRows } from "../../../components/form/repeat.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import { personChoices } from "../../../server/person-choices.server.ts";
import type { Route } from "./+types/new";
import { TIME_ZONE } from "./detail-shared.tsx";
import { HouseholdFields, type HouseholdValues } from "./household-fields.tsx";
import { householdFromForm, PersonFields, type PersonValues, personFromForm } from "./person-fields.tsx";

const MAX_PERSONS = 8;
/** The municipality's calendar day, as case work's service counts it (`casework/dates.ts`). */
const dayOf = (now: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);

type IntakeValues = {
  household: HouseholdValues;
  persons: PersonValues[];
  case: { caseType: string; housingStage: string; openedOn: string };
};

/** An unusual age in words (decision 117): the persons by their number on the form. */
function warningText(t: Translate, w: HouseholdWarning): string {
  const values = { n: w.person + 1, other: (w.other ?? 0) + 1, age: w.age };
  switch (w.code) {
    case "age_unusual":
      return t("cases.unusual_age", values);
    case "parent_too_young":
      return t("cases.unusual_parent_too_young", values);
    case "child_not_younger":
      return t("cases.unusual_child_not_younger", values);
    case "parent_not_older":
      return t("cases.unusual_parent_not_older", values);
    case "child_of_young_parent":
      return t("cases.unusual_child_of_young_parent", values);
    case "parent_young_at_birth":
      return t("cases.unusual_parent_young_at_birth", values);
  }
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const options = await ctx.services.casework.cases.options(principal);
  return {
    offices: options.offices.map((o) => ({ id: o.id, name: o.name })),
    choices: personChoices(ctx.lang, ctx.t),
  };
}

/**
 * Creates the household, or, when a "repeat" button posted the form (add or remove a person
 * without JavaScript), renders it again with everything typed kept.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const confirmed = new Set(
    form
      .getAll("confirmWarning")
      .flatMap((v) => (typeof v === "string" ? v.split(" ") : []))
      .filter(Boolean),
  );
  const count = Math.min(MAX_PERSONS, Math.max(1, Number(formString(form, "personCount")) || 1));
  const persons = Array.from({ length: count }, (_, i) => personFromForm(form, `p${i}_`));
  const values = {
    household: householdFromForm(form),
    persons,
    case: {
      caseType: formString(form, "caseType"),
      housingStage: formString(form, "housingStage"),
      openedOn: formString(form, "openedOn"),
    },
  };
  const answer = (
    extra: { errors?: FormErrors; duplicates?: DuplicateReport; warnings?: HouseholdWarning[] },
    status = 200,
  ) =>
    data(
      {
        ok: false as const,
        errors: extra.errors,
        duplicates: extra.duplicates ?? null,
        warnings: extra.warnings ?? [],
        confirmed: [...confirmed],
        values: values as IntakeValues,
      },
      { status },
    );
  const repeat = formString(form, "repeat");
  if (repeat === "add_person") {
    if (persons.length < MAX_PERSONS) persons.push(personFromForm(new FormData(), ""));
    return answer({});
  }
  const removed = /^remove_person:(\d)$/.exec(repeat);
  if (removed) {
    if (persons.length > 1) persons.splice(Number(removed[1]), 1);
    return answer({});
  }
  const today = dayOf(ctx.services.core.clock.now());
  let warnings: HouseholdWarning[] = [];
  const result = await formAction(ctx.t, async () => {
    const input = parseInput(householdIntakeInputOn(today), {
      ...values,
      allowDuplicate: formString(form, "allowDuplicate") === "on",
    });
    // Created only when every warning was confirmed as it stands: a changed date asks again.
    warnings = householdAgeWarnings(input.persons, today);
    if (warnings.some((w) => !confirmed.has(warningKey(w)))) return null;
    return ctx.services.casework.households.intake(principal, input, { requestId: ctx.requestId });
  });
  if ("data" in result) return answer({ errors: result.data.errors }, result.init?.status ?? 422);
  if (result.value === null) return answer({ warnings });
  if (result.value.status === "duplicates") return answer({ duplicates: result.value.duplicates }, 409);
  return redirect(`/staff/cases/${result.value.caseId}?created=1`);
}

export default function NewCase({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors;
  const duplicates = actionData?.duplicates ?? null;
  const warnings = actionData?.warnings ?? [];
  const confirmed = new Set(actionData?.confirmed ?? []);
  /** One warning per birth date field, with its confirmation. */
  const birthWarning = (person: number) => {
    const here = warnings.filter((w) => w.person === person);
    if (!here.length) return undefined;
    const keys = here.map(warningKey);
    return {
      text: here.map((w) => warningText(t, w)).join(" "),
      keys: keys.join(" "),
      label: t("cases.unusual_confirm_field", { n: person + 1 }),
      confirmed: keys.every((k) => confirmed.has(k)),
    };
  };
  const values = actionData?.values;
  const persons = useRepeatRows<PersonValues>(values?.persons ?? [{}], {
    blank: () => ({}),
    max: MAX_PERSONS,
    focusId: (_key, index) => `f-p${index}_givenName`,
    afterRemove: "add-person",
  });
  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.new_title")}</h1>
      <p>{t("cases.new_intro")}</p>
      <ErrorSummary errors={errors} />
      {warnings.length ? (
        <ErrorSummary
          tone="warning"
          errors={undefined}
          title={t("cases.unusual_title")}
          items={warnings.map((w) => ({
            href: `#f-p${w.person}_birthDate`,
            text: warningText(t, w),
          }))}
        >
          <p>{t("cases.unusual_confirm_hint")}</p>
        </ErrorSummary>
      ) : null}
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
        {/* The default button: Enter in a field creates, never adds or removes a row. */}
        <button type="submit" hidden tabIndex={-1}>
          {t("cases.create")}
        </button>
        <input type="hidden" name="personCount" value={persons.rows.length} />
        <section aria-labelledby="intake-household">
          <h2 id="intake-household">{t("cases.section_household")}</h2>
          <HouseholdFields
            t={t}
            errors={errors}
            path="household"
            offices={loaderData.offices}
            values={values?.household}
          />
        </section>
        <section aria-labelledby="intake-persons">
          <h2 id="intake-persons">{t("cases.section_persons")}</h2>
          {persons.rows.map((row, i) => (
            <fieldset key={row.key} className="intake-person">
              <legend>{t("cases.person_n", { n: i + 1 })}</legend>
              <PersonFields
                prefix={`p${i}_`}
                path={`persons.${i}`}
                idPrefix={`p${i}_`}
                t={t}
                errors={errors}
                values={row.value}
                choices={loaderData.choices}
                birthWarning={birthWarning(i)}
              />
              {persons.rows.length > 1 ? (
                <p>
                  <button
                    type="submit"
                    name="repeat"
                    value={`remove_person:${i}`}
                    className="button-secondary"
                    onClick={inPlace(() => persons.remove(row.key))}
                  >
                    {t("cases.remove_person_n", { n: i + 1 })}
                  </button>
                </p>
              ) : null}
            </fieldset>
          ))}
          {persons.canAdd ? (
            <p>
              <button
                type="submit"
                name="repeat"
                value="add_person"
                id="add-person"
                className="button-secondary"
                onClick={inPlace(persons.add)}
              >
                {t("cases.add_person")}
              </button>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="intake-case">
          <h2 id="intake-case">{t("cases.section_case")}</h2>
          <Select
            name="caseType"
            errorPath="case.caseType"
            label={t("cases.case_type")}
            options={CASE_TYPES.map((c) => ({ value: c, label: t(`cases.type_${c}`) }))}
            defaultValue={values?.case.caseType || "integration"}
            errors={errors}
          />
          <Select
            name="housingStage"
            errorPath="case.housingStage"
            label={t("cases.housing_stage")}
            hint={t("cases.housing_stage_hint")}
            empty="—"
            options={HOUSING_STAGES.map((c) => ({ value: c, label: t(`cases.stage_${c}`) }))}
            defaultValue={values?.case.housingStage}
            errors={errors}
          />
          <TextField
            name="openedOn"
            errorPath="case.openedOn"
            type="date"
            label={t("cases.opened_on")}
            hint={t("cases.opened_on_hint")}
            defaultValue={values?.case.openedOn}
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

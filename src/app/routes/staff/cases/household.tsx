import { data, Form, Link, redirect } from "react-router";
import {
  addPersonInput,
  caseInput,
  mergeHouseholdsInput,
  updateHouseholdInput,
  updatePersonInput,
} from "#app/modules/casework/contracts.ts";
import { CASE_TYPES, type DuplicateReport } from "#app/modules/casework/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  Checkbox,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import { personChoices } from "../../../server/person-choices.server.ts";
import type { Route } from "./+types/household";
import { HouseholdFields } from "./household-fields.tsx";
import { householdFromForm, PersonFields, personFromForm } from "./person-fields.tsx";

export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const h = await ctx.services.casework.households
    .get(principal, params.id, { requestId: ctx.requestId })
    .catch((e: unknown) => {
      if (e instanceof AppError && (e.status === 404 || e.status === 403))
        throw data(null, { status: e.status });
      throw e;
    });
  const options = await ctx.services.casework.cases.options(principal);
  return {
    household: h.household,
    officeName: h.office?.name ?? null,
    mergedIntoLabel: h.mergedIntoLabel,
    persons: h.persons,
    cases: h.cases,
    canMerge: h.canMerge,
    canWrite: can(principal, "cases.write"),
    offices: options.offices.map((o) => ({ id: o.id, name: o.name })),
    phases: options.phases.map((p) => ({ key: p.key, label: p.label })),
    choices: personChoices(ctx.lang, ctx.t, {
      languages: h.persons.flatMap((p) => p.languages.map((l) => l.lang)),
    }),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "cases.write");
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent");
  const version = Number(formString(form, "version"));
  const cw = ctx.services.casework;
  const opts = { requestId: ctx.requestId };
  const target = formString(form, "target");
  const key = intent === "person" ? `person:${target}` : intent;
  const result = await formAction(ctx.t, async (): Promise<unknown> => {
    switch (intent) {
      case "person": {
        const input = parseInput(updatePersonInput, { ...personFromForm(form, "pe_"), version });
        return cw.persons.update(principal, target, input, opts);
      }
      case "person_add": {
        const input = parseInput(addPersonInput, {
          ...personFromForm(form, "pn_"),
          allowDuplicate: formString(form, "allowDuplicate") === "on",
        });
        return cw.persons.add(principal, params.id, input, opts);
      }
      case "case":
        return cw.cases.create(
          principal,
          params.id,
          parseInput(caseInput, { caseType: formString(form, "caseType") }),
          opts,
        );
      case "merge": {
        const input = parseInput(mergeHouseholdsInput, {
          survivorId: formString(form, "survivorId").trim(),
          mergedId: params.id,
          mergedVersion: version,
        });
        return cw.households.merge(principal, input, opts);
      }
      default: {
        const input = parseInput(updateHouseholdInput, { ...householdFromForm(form), version });
        return cw.households.update(principal, params.id, input, opts);
      }
    }
  });
  if ("data" in result) {
    return data(
      { ...result.data, intent: key, duplicates: null as DuplicateReport | null },
      result.init ?? undefined,
    );
  }
  const value = result.value as {
    status?: string;
    duplicates?: DuplicateReport;
    id?: string;
    survivorId?: string;
  };
  if (value.status === "duplicates") {
    return data(
      { ok: false as const, errors: undefined, intent: key, duplicates: value.duplicates! },
      { status: 409 },
    );
  }
  if (intent === "case" && value.id) return redirect(`/staff/cases/${value.id}?created=1`);
  if (intent === "merge" && value.survivorId) return redirect(`/staff/households/${value.survivorId}`);
  return { ok: true as const, intent: key };
}

export default function Household({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { household: h, persons, cases } = loaderData;
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const savedFor = (i: string) => actionData?.ok === true && actionData.intent === i;
  const duplicates = actionData && !actionData.ok ? actionData.duplicates : null;
  const phaseLabel = new Map(loaderData.phases.map((p) => [p.key, p.label]));
  return (
    <>
      <p>
        <Link to="/staff/cases">{t("cases.back_to_list")}</Link>
      </p>
      <h1>{t("cases.household_title", { label: h.label })}</h1>
      {h.mergedInto ? (
        <Notice kind="warning">
          {t("cases.household_merged")}{" "}
          <Link to={`/staff/households/${h.mergedInto}`}>{loaderData.mergedIntoLabel ?? h.mergedInto}</Link>
        </Notice>
      ) : null}
      <p>
        {t("cases.office")}: {loaderData.officeName ?? "—"}
      </p>

      <section aria-labelledby="hh-cases">
        <h2 id="hh-cases">{t("cases.household_cases")}</h2>
        <ul>
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/cases/${c.id}`}>{c.reference}</Link> – {t(`cases.type_${c.caseType}`)} –{" "}
              {phaseLabel.get(c.phaseKey) ?? c.phaseKey} – {t(`cases.status_${c.status}`)}
            </li>
          ))}
        </ul>
        {loaderData.canWrite && !h.mergedInto ? (
          <>
            <ErrorSummary errors={errorsFor("case")} />
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="case" />
              <Select
                name="caseType"
                id="hh-case-type"
                label={t("cases.case_type")}
                options={CASE_TYPES.map((c) => ({ value: c, label: t(`cases.type_${c}`) }))}
                errors={errorsFor("case")}
              />
              <p>
                <button type="submit">{t("cases.case_open")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="hh-details">
        <h2 id="hh-details">{t("cases.section_household")}</h2>
        <ErrorSummary errors={errorsFor("household")} />
        {savedFor("household") ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
        <Form method="post" className="stack" noValidate key={`h-${h.version}`}>
          <input type="hidden" name="intent" value="household" />
          <input type="hidden" name="version" value={h.version} />
          <HouseholdFields
            t={t}
            errors={errorsFor("household")}
            path=""
            offices={loaderData.offices}
            values={h}
          />
          <p>
            <button type="submit">{t("cases.save")}</button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="hh-persons">
        <h2 id="hh-persons">{t("cases.section_persons")}</h2>
        {persons.map((p) => {
          const key = `person:${p.id}`;
          return (
            <details key={`${p.id}-${p.version}`} open={Boolean(errorsFor(key)) || savedFor(key)}>
              <summary>
                {p.givenName} {p.familyName}
              </summary>
              <ErrorSummary errors={errorsFor(key)} />
              {savedFor(key) ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="person" />
                <input type="hidden" name="target" value={p.id} />
                <input type="hidden" name="version" value={p.version} />
                <PersonFields
                  prefix="pe_"
                  path=""
                  t={t}
                  errors={errorsFor(key)}
                  values={p}
                  idPrefix={`pe-${p.id}-`}
                  choices={loaderData.choices}
                />
                <p>
                  <button type="submit">{t("cases.save")}</button>
                </p>
              </Form>
            </details>
          );
        })}
        {!h.mergedInto ? (
          <>
            <h3>{t("cases.person_add")}</h3>
            <ErrorSummary errors={errorsFor("person_add")} />
            {savedFor("person_add") ? <Notice kind="success">{t("cases.saved")}</Notice> : null}
            {duplicates ? (
              <div className="notice notice-warning" role="alert">
                <p>{t("cases.duplicates_title")}</p>
                <ul>
                  {duplicates.visible.map((d) => (
                    <li key={d.personId}>
                      <Link to={`/staff/households/${d.householdId}`}>
                        {d.givenName} {d.familyName} – {d.householdLabel}
                      </Link>
                    </li>
                  ))}
                </ul>
                {duplicates.hiddenCount ? (
                  <p>{t("cases.duplicates_hidden", { count: duplicates.hiddenCount })}</p>
                ) : null}
              </div>
            ) : null}
            <Form method="post" className="stack" noValidate key={`pn-${persons.length}`}>
              <input type="hidden" name="intent" value="person_add" />
              <PersonFields
                prefix="pn_"
                path=""
                t={t}
                errors={errorsFor("person_add")}
                idPrefix="pn-"
                choices={loaderData.choices}
              />
              {duplicates ? (
                <Checkbox name="allowDuplicate" id="pn-allow" label={t("cases.duplicates_create_anyway")} />
              ) : null}
              <p>
                <button type="submit">{t("cases.person_add")}</button>
              </p>
            </Form>
          </>
        ) : null}
      </section>

      {loaderData.canMerge && !h.mergedInto ? (
        <section aria-labelledby="hh-merge">
          <h2 id="hh-merge">{t("cases.merge_title")}</h2>
          <p>{t("cases.merge_intro")}</p>
          <ErrorSummary errors={errorsFor("merge")} />
          <Form method="post" className="stack" noValidate key={`m-${h.version}`}>
            <input type="hidden" name="intent" value="merge" />
            <input type="hidden" name="version" value={h.version} />
            <TextField
              name="survivorId"
              errorPath="survivorId"
              label={t("cases.merge_into")}
              hint={t("cases.merge_into_hint")}
              dir="ltr"
              maxLength={40}
              errors={errorsFor("merge")}
            />
            <p>
              <button type="submit" className="button-danger">
                {t("cases.merge_submit")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </>
  );
}

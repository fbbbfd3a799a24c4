import { data, Form, Link, redirect } from "react-router";
import { createSurveyInput } from "#app/modules/surveys/contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../../components/form/index.ts";
import { populationText } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/surveys";

/** Befragungen: surveys of a population drawn from Lotse's data, e.g. persons assigned in 2015. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [surveys, forms] = await Promise.all([
    ctx.services.surveys.listSurveys(principal),
    ctx.services.surveys.listForms(principal),
  ]);
  return {
    surveys: surveys.map((s) => ({
      id: s.id,
      title: s.title,
      formTitle: s.formTitle,
      assignedYear: s.population.assignedYear ?? null,
      minAge: s.population.minAge ?? null,
      openCasesOnly: s.population.openCasesOnly ?? false,
    })),
    forms: forms.filter((f) => f.status === "active").map((f) => ({ id: f.id, title: f.title })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim() : "";
  };
  const values = {
    title: str("title"),
    formId: str("formId"),
    assignedYear: str("assignedYear"),
    minAge: str("minAge"),
  };
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.createSurvey(
      principal,
      parseInput(createSurveyInput, { ...values, openCasesOnly: form.get("openCasesOnly") === "on" }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r) return data({ errors: r.data.errors, values }, r.init ?? undefined);
  throw redirect(`/staff/surveys/${r.value.id}`, 303);
}

export default function Surveys({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const v = actionData?.values;
  const errors = actionData?.errors;
  return (
    <>
      <h1>{t("surveys.surveys_title")}</h1>
      <p>{t("surveys.surveys_intro")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("surveys.surveys_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_title")}</th>
              <th scope="col">{t("surveys.col_form")}</th>
              <th scope="col">{t("surveys.col_population")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.surveys.length === 0 ? (
              <tr>
                <td colSpan={3}>{t("surveys.no_surveys")}</td>
              </tr>
            ) : (
              loaderData.surveys.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/staff/surveys/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>{s.formTitle}</td>
                  <td>{populationText(t, s)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <h2>{t("surveys.new_survey")}</h2>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <TextField
          name="title"
          label={t("surveys.field_title")}
          defaultValue={v?.title}
          errors={errors}
          maxLength={200}
        />
        <div className={errors?.fields.formId ? "field field-invalid" : "field"}>
          <label htmlFor="f-formId">{t("surveys.col_form")}</label>
          <select id="f-formId" name="formId" defaultValue={v?.formId}>
            {loaderData.forms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="assignedYear"
          label={t("surveys.field_assigned_year")}
          hint={t("surveys.field_assigned_year_hint")}
          defaultValue={v?.assignedYear}
          errors={errors}
          inputMode="numeric"
        />
        <TextField
          name="minAge"
          label={t("surveys.field_min_age")}
          defaultValue={v?.minAge}
          errors={errors}
          inputMode="numeric"
        />
        <div className="field">
          <label>
            <input type="checkbox" name="openCasesOnly" /> {t("surveys.field_open_cases_only")}
          </label>
        </div>
        <button type="submit">{t("surveys.create_survey")}</button>
      </Form>
    </>
  );
}

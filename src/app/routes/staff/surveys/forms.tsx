import { data, Form, Link } from "react-router";
import { createFormFromTemplateInput } from "#app/modules/surveys/contracts.ts";
import { FORM_TEMPLATE_KEYS } from "#app/modules/surveys/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/forms";

/** Fragebögen: the tenant's questionnaires; new ones from a seed template or an XLSForm. */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const forms = await ctx.services.surveys.listForms(principal);
  return {
    forms: forms.map((f) => ({
      id: f.id,
      code: f.code,
      title: f.title,
      status: f.status,
      currentVersion: f.currentVersion,
      responses: f.responses,
    })),
    templates: [...FORM_TEMPLATE_KEYS],
    canManage: can(principal, "surveys.forms.manage"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "surveys.forms.manage");
  const form = await request.formData();
  const r = await formAction(ctx.t, () => {
    const { template } = parseInput(createFormFromTemplateInput, { template: form.get("template") });
    return ctx.services.surveys.createFromTemplate(principal, template, { requestId: ctx.requestId });
  });
  if ("data" in r)
    return data({ ok: false as const, errors: r.data.errors, created: null }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, created: { id: r.value.id, title: r.value.title } };
}

export default function Forms({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <h1>{t("surveys.forms_title")}</h1>
      <p>{t("surveys.forms_intro")}</p>
      {actionData?.created ? (
        <Notice kind="success">
          {t("surveys.form_created")}{" "}
          <Link to={`/staff/forms/${actionData.created.id}`}>{actionData.created.title}</Link>
        </Notice>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption>{t("surveys.forms_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_title")}</th>
              <th scope="col">{t("surveys.col_code")}</th>
              <th scope="col">{t("surveys.col_version")}</th>
              <th scope="col">{t("surveys.col_responses")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.forms.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("surveys.no_forms")}</td>
              </tr>
            ) : (
              loaderData.forms.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link to={`/staff/forms/${f.id}`}>{f.title}</Link>
                  </td>
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>{f.currentVersion}</td>
                  <td>{f.responses}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {loaderData.canManage ? (
        <>
          <h2>{t("surveys.new_form")}</h2>
          <ErrorSummary errors={actionData?.errors} />
          <Form method="post" className="inline-form">
            <div className="field">
              <label htmlFor="f-template">{t("surveys.template")}</label>
              <select id="f-template" name="template">
                {loaderData.templates.map((k) => (
                  <option key={k} value={k}>
                    {t(`surveys.template_${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t("surveys.create_from_template")}</button>
          </Form>
          <p>
            <Link to="/staff/forms/import">{t("surveys.import_link")}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}

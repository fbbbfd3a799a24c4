import { data, Form, Link, useNavigation } from "react-router";
import { LANGUAGES, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createFrameworkTermInput } from "#app/modules/framework/contracts.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, Select, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/framework";

const TARGETS = LANGUAGES.filter((l) => l.code !== SOURCE_LANGUAGE);

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const axes = await ctx.services.framework.listForStaff(principal, ctx.tenant.id, ctx.lang);
  return { axes, lang: ctx.lang, canEdit: can(principal, "framework.update") };
}

type AddValues = { axisId: string; label: string; code: string };
type ActionResult = { ok: true } | { ok: false; errors: FormErrors; values: AddValues };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "framework.update");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values: AddValues = { axisId: str("axisId"), label: str("label"), code: str("code") };
  const result = await formAction(ctx.t, () =>
    ctx.services.framework.createTerm(
      principal,
      ctx.tenant.id,
      parseInput(createFrameworkTermInput, values),
      ctx.requestId,
    ),
  );
  if (!("data" in result)) return { ok: true } satisfies ActionResult;
  return data({ ...result.data, values } satisfies ActionResult, result.init ?? undefined);
}

export default function Framework({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const languageName = (code: string) =>
    code === "de-simple"
      ? t("translations.lang_de_simple")
      : (LANGUAGES.find((l) => l.code === code)?.name ?? code);
  const axisError = failed?.errors.fields.axisId;

  return (
    <>
      <h1>{t("framework.title")}</h1>
      <p>{t("framework.intro")}</p>
      {!loaderData.canEdit ? <Notice>{t("framework.read_only")}</Notice> : null}
      {loaderData.axes.length === 0 ? <Notice>{t("framework.no_framework")}</Notice> : null}
      {loaderData.axes.map((axis) => {
        const axisLabel = axis.label?.text ?? axis.key;
        return (
          <section key={axis.id} className="framework-axis" aria-labelledby={`axis-${axis.id}`}>
            <h2 id={`axis-${axis.id}`} lang={axis.label?.lang}>
              {axisLabel}
            </h2>
            <p className="hint">{t("framework.kind_label", { kind: t(`framework.kind_${axis.kind}`) })}</p>
            {axis.terms.length === 0 ? (
              <p>{t("framework.empty_axis")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption>{t("framework.table_caption", { axis: axisLabel })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("framework.col_code")}</th>
                      <th scope="col">{t("framework.col_term")}</th>
                      {TARGETS.map((l) => (
                        <th scope="col" key={l.code} lang={l.code}>
                          {l.name}
                        </th>
                      ))}
                      <th scope="col">{t("framework.col_actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {axis.terms.map((term) => {
                      const label = term.label?.text ?? term.key;
                      return (
                        <tr key={term.id} className={term.active ? undefined : "framework-inactive"}>
                          <td>{term.code ?? ""}</td>
                          <th scope="row">
                            <span lang={term.label?.lang}>{label}</span>
                            {term.label?.isFallback ? (
                              <span className="hint framework-fallback">
                                {" "}
                                ({t("framework.fallback_note", { language: languageName(term.label.lang) })})
                              </span>
                            ) : null}
                            {!term.active ? <span className="hint"> ({t("framework.inactive")})</span> : null}
                          </th>
                          {TARGETS.map((l) => {
                            const status = term.translations[l.code]?.label?.status ?? "missing";
                            return (
                              <td key={l.code} className={`translation-status translation-${status}`}>
                                {t(`translations.status_${status}`)}
                              </td>
                            );
                          })}
                          <td>
                            <Link
                              to={`/staff/framework/${term.id}`}
                              aria-label={t("framework.edit_term", { term: label })}
                            >
                              {t("framework.edit")}
                            </Link>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      {loaderData.canEdit && loaderData.axes.length > 0 ? (
        <section aria-labelledby="add-term">
          <h2 id="add-term">{t("framework.add_title")}</h2>
          {result?.ok ? <Notice kind="success">{t("framework.added")}</Notice> : null}
          <ErrorSummary errors={failed?.errors} />
          <Form method="post" className="framework-add" noValidate key={result?.ok ? "reset" : "form"}>
            <Select
              name="axisId"
              label={t("framework.field_axis")}
              defaultValue={failed?.values.axisId ?? loaderData.axes[0]!.id}
              error={axisError}
              options={loaderData.axes.map((a) => ({ value: a.id, label: a.label?.text ?? a.key }))}
            />
            <TextField
              name="label"
              label={t("framework.add_label")}
              required
              maxLength={200}
              defaultValue={failed?.values.label}
              errors={failed?.errors}
            />
            <TextField
              name="code"
              label={t("framework.add_code")}
              maxLength={20}
              defaultValue={failed?.values.code}
              errors={failed?.errors}
            />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("framework.add_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

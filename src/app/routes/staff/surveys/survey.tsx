import { data, Form, Link, redirect } from "react-router";
import { drawWaveInput } from "#app/modules/surveys/contracts.ts";
import { STRATIFY_BY } from "#app/modules/surveys/model.ts";
import { isAppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, TextField } from "../../../components/form/index.ts";
import { populationText } from "../../../components/survey-form.tsx";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/survey";

/** One survey: its population, its waves, and drawing the next wave's sample. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const s = await ctx.services.surveys.getSurvey(principal, params.id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  return {
    survey: { id: s.survey.id, title: s.survey.title, population: s.survey.population },
    form: { id: s.form.id, title: s.form.title },
    populationSize: s.populationSize,
    waves: s.waves.map((w) => ({
      id: w.id,
      number: w.number,
      label: w.label,
      drawnOn: w.drawnOn,
      size: w.design.size,
      reserve: w.design.reserve,
      stratifyBy: w.design.stratifyBy,
      seed: w.design.seed,
    })),
    stratifyBy: [...STRATIFY_BY],
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.trim() : "";
  };
  const values = { label: str("label"), size: str("size"), reserve: str("reserve"), seed: str("seed") };
  const stratifyBy = form.getAll("stratifyBy").filter((x): x is string => typeof x === "string");
  const r = await formAction(ctx.t, () =>
    ctx.services.surveys.drawWave(
      principal,
      params.id,
      parseInput(drawWaveInput, { ...values, reserve: values.reserve || "0", stratifyBy }),
      { requestId: ctx.requestId },
    ),
  );
  if ("data" in r)
    return data({ errors: r.data.errors, values: { ...values, stratifyBy } }, r.init ?? undefined);
  throw redirect(`/staff/surveys/waves/${r.value.id}`, 303);
}

export default function Survey({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const v = actionData?.values;
  const errors = actionData?.errors;
  const p = d.survey.population;
  return (
    <>
      <p>
        <Link to="/staff/surveys">{t("surveys.back_to_surveys")}</Link>
      </p>
      <h1>{d.survey.title}</h1>
      <dl className="facts">
        <dt>{t("surveys.col_form")}</dt>
        <dd>
          <Link to={`/staff/forms/${d.form.id}`}>{d.form.title}</Link>
        </dd>
        <dt>{t("surveys.col_population")}</dt>
        <dd>{populationText(t, p)}</dd>
        <dt>{t("surveys.population_size")}</dt>
        <dd>{d.populationSize}</dd>
      </dl>

      <div className="table-wrap">
        <table>
          <caption>{t("surveys.waves_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveys.col_wave")}</th>
              <th scope="col">{t("surveys.col_drawn")}</th>
              <th scope="col">{t("surveys.col_design")}</th>
              <th scope="col">{t("surveys.col_seed")}</th>
            </tr>
          </thead>
          <tbody>
            {d.waves.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("surveys.no_waves")}</td>
              </tr>
            ) : (
              d.waves.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/staff/surveys/waves/${w.id}`}>
                      {w.number}. {w.label}
                    </Link>
                  </td>
                  <td>{w.drawnOn}</td>
                  <td>
                    {t("surveys.design_text", { size: w.size, reserve: w.reserve })}
                    {w.stratifyBy.length
                      ? ` · ${t("surveys.stratified_by")} ${w.stratifyBy.map((s) => t(`surveys.dim_${s}`)).join(", ")}`
                      : ` · ${t("surveys.simple_sample")}`}
                  </td>
                  <td>
                    <code>{w.seed}</code>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {d.waves.length > 0 ? (
        <p>
          <Link to={`/staff/survey-results?formId=${d.form.id}&surveyId=${d.survey.id}`}>
            {t("surveys.analyse_link")}
          </Link>
        </p>
      ) : null}

      <h2>{t("surveys.draw_title")}</h2>
      <p className="hint">{t("surveys.draw_intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <TextField
          name="label"
          label={t("surveys.field_wave_label")}
          defaultValue={v?.label ?? t("surveys.wave_default_label", { n: String(d.waves.length + 1) })}
          errors={errors}
        />
        <TextField
          name="size"
          label={t("surveys.field_size")}
          defaultValue={v?.size ?? "100"}
          errors={errors}
          inputMode="numeric"
        />
        <TextField
          name="reserve"
          label={t("surveys.field_reserve")}
          defaultValue={v?.reserve ?? "20"}
          errors={errors}
          inputMode="numeric"
        />
        <fieldset className="field">
          <legend>{t("surveys.field_stratify")}</legend>
          {d.stratifyBy.map((s) => (
            <label key={s} className="choice">
              <input type="checkbox" name="stratifyBy" value={s} defaultChecked={v?.stratifyBy.includes(s)} />{" "}
              {t(`surveys.dim_${s}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          name="seed"
          label={t("surveys.field_seed")}
          hint={t("surveys.field_seed_hint")}
          defaultValue={v?.seed ?? `${d.survey.title.slice(0, 20)}-${d.waves.length + 1}`}
          errors={errors}
        />
        <button type="submit">{t("surveys.draw_submit")}</button>
      </Form>
    </>
  );
}

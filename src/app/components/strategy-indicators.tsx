import type { ReactNode } from "react";
import { Form } from "react-router";
import { INDICATOR_KINDS, type IndicatorView, STRATEGY_UNITS } from "#app/modules/strategy/model.ts";
import { useT } from "../i18n.tsx";
import { ErrorSummary, Select, TextField } from "./form/index.ts";

type Errors = { title: string; fields: Record<string, string>; code: string } | undefined;
type Intent = "update" | "milestone" | "indicator" | "value" | "approve";

/** A goal's indicators as a table (baseline, targets, current figure with its source) and the forms to add them. */
export function IndicatorSection(props: {
  indicators: IndicatorView[];
  terms: { id: string; label: string }[];
  canIndicators: boolean;
  canEdit: boolean;
  canApprove: boolean;
  errorsOf: (intent: Intent) => Errors;
  savedNotice: (intent: Intent) => ReactNode;
}) {
  const t = useT();
  const { indicators } = props;
  const e = props.errorsOf("indicator");
  const typed = indicators.filter((i) => i.kind === "typed");
  return (
    <section aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t("strategy.indicators_title")}</h2>
      {indicators.length === 0 ? (
        <p>{t("strategy.indicators_none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("strategy.indicators_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.indicator_name")}</th>
                <th scope="col">{t("strategy.indicator_kind")}</th>
                <th scope="col">{t("strategy.indicator_baseline")}</th>
                <th scope="col">{t("strategy.indicator_targets")}</th>
                <th scope="col">{t("strategy.indicator_actual")}</th>
                <th scope="col">{t("strategy.indicator_source")}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.name}</th>
                  <td>{t(`strategy.indicator_kind_${i.kind}`)}</td>
                  <td>{i.baseline ?? "–"}</td>
                  <td>{i.targets.map((x) => `${x.period}: ${x.value}`).join(", ") || "–"}</td>
                  <td>
                    {i.error ? (
                      <span className="field-error">{t(`validation.${i.error}`)}</span>
                    ) : i.actual?.value !== null && i.actual !== null ? (
                      `${i.actual.value}${i.actual.period ? ` (${i.actual.period})` : ""}`
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{i.actual?.source ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {typed.length && (props.canEdit || props.canApprove) ? (
        <>
          <h3>{t("strategy.values_title")}</h3>
          {props.savedNotice("approve")}
          <ErrorSummary errors={props.errorsOf("approve")} />
          <ul>
            {typed.flatMap((i) =>
              i.values.map((v) => (
                <li key={v.id}>
                  {i.name}, {v.period}: {v.value} ({v.source}) · {t(`strategy.value_status_${v.status}`)}
                  {v.status === "draft" && props.canApprove ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="valueId" value={v.id} />
                      <input type="hidden" name="version" value={v.version} />
                      <button type="submit">{t("strategy.approve")}</button>
                    </Form>
                  ) : null}
                </li>
              )),
            )}
          </ul>
          {props.canEdit ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="value" />
              {props.savedNotice("value")}
              <ErrorSummary errors={props.errorsOf("value")} />
              <Select
                name="indicatorId"
                id="value-indicator"
                label={t("strategy.indicator_name")}
                options={typed.map((i) => ({ value: i.id, label: i.name }))}
              />
              <TextField
                name="period"
                id="value-period"
                label={t("strategy.field_year")}
                inputMode="numeric"
                maxLength={4}
                errors={props.errorsOf("value")}
              />
              <TextField
                name="value"
                id="value-value"
                label={t("strategy.field_value")}
                inputMode="decimal"
                errors={props.errorsOf("value")}
              />
              <TextField
                name="source"
                id="value-source"
                label={t("strategy.indicator_source")}
                maxLength={500}
                errors={props.errorsOf("value")}
              />
              <p>
                <button type="submit">{t("strategy.value_add")}</button>
              </p>
            </Form>
          ) : null}
        </>
      ) : null}
      {props.canIndicators ? (
        <>
          <h3>{t("strategy.indicator_new")}</h3>
          {props.savedNotice("indicator")}
          <ErrorSummary errors={e} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="indicator" />
            <TextField
              name="name"
              id="ind-name"
              label={t("strategy.indicator_name")}
              required
              maxLength={300}
              errors={e}
            />
            <Select
              name="kind"
              id="ind-kind"
              label={t("strategy.indicator_kind")}
              hint={t("strategy.indicator_kind_hint")}
              options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`strategy.indicator_kind_${k}`) }))}
              errors={e}
            />
            <Select
              name="unit"
              id="ind-unit"
              label={t("strategy.indicator_unit")}
              options={STRATEGY_UNITS.map((u) => ({ value: u, label: t(`strategy.unit_${u}`) }))}
              errors={e}
            />
            <TextField
              name="baseline"
              id="ind-baseline"
              inputMode="decimal"
              label={t("strategy.indicator_baseline")}
              errors={e}
            />
            <TextField
              name="targetPeriod"
              id="ind-target-period"
              inputMode="numeric"
              maxLength={4}
              label={t("strategy.target_period")}
              errors={e}
              errorPath="targets.0.period"
            />
            <TextField
              name="targetValue"
              id="ind-target-value"
              inputMode="decimal"
              label={t("strategy.target_value")}
              errors={e}
              errorPath={["targets.0.value", "targets.0.unit"]}
            />
            <TextField
              name="source"
              id="ind-source"
              label={t("strategy.indicator_source")}
              hint={t("strategy.source_hint")}
              maxLength={500}
              errors={e}
            />
            <TextField
              name="monitoringCode"
              id="ind-monitoring"
              label={t("strategy.monitoring_code")}
              hint={t("strategy.monitoring_hint")}
              maxLength={60}
              dir="ltr"
              errors={e}
            />
            <Select
              name="figureRow"
              id="ind-fig-row"
              label={t("strategy.figure_row")}
              hint={t("strategy.figure_hint")}
              empty="–"
              options={props.terms.map((x) => ({ value: x.id, label: x.label }))}
              errors={e}
              errorPath={["figureTermIds", "figureTermIds.0"]}
            />
            <Select
              name="figureCol"
              id="ind-fig-col"
              label={t("strategy.figure_col")}
              empty="–"
              options={props.terms.map((x) => ({ value: x.id, label: x.label }))}
              errors={e}
              errorPath="figureTermIds.1"
            />
            <p>
              <button type="submit">{t("strategy.indicator_add")}</button>
            </p>
          </Form>
        </>
      ) : null}
    </section>
  );
}

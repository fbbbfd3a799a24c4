import { Form } from "react-router";
import type { StrategyService } from "#app/modules/strategy/service.ts";
import { useT } from "../../i18n.tsx";
import { ErrorSummary, RadioGroup, Select, TextField } from "../form/index.ts";

type Signal = Awaited<ReturnType<StrategyService["needSignals"]>>[number];
type Choice = Awaited<ReturnType<StrategyService["signalChoices"]>>[number];
type Errors = { title: string; fields: Record<string, string>; code: string } | undefined;

/**
 * The gap analysis's further need signals: the list with a remove button each, and the form to
 * add a questionnaire answer or a monitoring indicator for one framework term (works without JS).
 */
export function SignalSettings(props: {
  signals: Signal[];
  choices: Choice[];
  terms: { id: string; label: string }[];
  errors: Errors;
}) {
  const t = useT();
  const e = props.errors;
  return (
    <section aria-labelledby="signals-title">
      <h2 id="signals-title">{t("strategy.signals_title")}</h2>
      <p>{t("strategy.signals_intro")}</p>
      {props.signals.length === 0 ? (
        <p>{t("strategy.signals_none")}</p>
      ) : (
        <ul>
          {props.signals.map((s) => (
            <li key={s.id}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove_signal" />
                <input type="hidden" name="id" value={s.id} />
                {t(`strategy.signal_item_${s.kind}`, {
                  label: s.label,
                  term: s.term,
                  source: s.kind === "survey" ? `${s.question} = ${s.answer}` : (s.monitoringCode ?? ""),
                })}{" "}
                <button type="submit">{t("strategy.signal_remove", { label: s.label })}</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add_signal" />
        <ErrorSummary errors={e} />
        <RadioGroup
          name="kind"
          legend={t("strategy.signal_kind")}
          defaultValue="survey"
          options={[
            { value: "survey", label: t("strategy.signal_kind_survey") },
            { value: "monitoring", label: t("strategy.signal_kind_monitoring") },
          ]}
          errors={e}
        />
        <Select
          name="termId"
          label={t("strategy.signal_term")}
          empty="—"
          options={props.terms.map((x) => ({ value: x.id, label: x.label }))}
          errors={e}
        />
        <TextField
          name="label"
          id="signal-label"
          label={t("strategy.signal_label")}
          maxLength={200}
          errors={e}
        />
        <Select
          name="surveyAnswer"
          label={t("strategy.signal_answer")}
          hint={t("strategy.signal_answer_hint")}
          empty="—"
          options={props.choices.map((c) => ({
            value: c.value,
            label: `${c.prefix} = ${c.label ?? (c.labelKey ? t(c.labelKey) : c.value)}`,
          }))}
          errors={e}
          errorPath="answer"
        />
        <TextField
          name="monitoringCode"
          label={t("strategy.signal_monitoring_code")}
          hint={t("strategy.signal_monitoring_code_hint")}
          maxLength={100}
          errors={e}
        />
        <p>
          <button type="submit">{t("strategy.signal_add")}</button>
        </p>
      </Form>
    </section>
  );
}

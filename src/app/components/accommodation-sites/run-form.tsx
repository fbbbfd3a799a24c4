import { Form } from "react-router";
import type { CriterionView, SiteView } from "#app/modules/accommodation/contracts.ts";
import { DEFAULT_MAX_CAPACITY } from "#app/modules/accommodation/model.ts";
import type { WeightSetView } from "#app/modules/accommodation/weights.contracts.ts";
import { useT } from "../../i18n.tsx";
import { Checkbox, type ErrorSource, ErrorSummary, RadioGroup, Select, TextField } from "../form/index.ts";

/** Runs a selection scenario: weights, the council's rules, sites forced or excluded by hand (decision 053). */
export function RunForm({
  criteria,
  candidates,
  weightSet,
  errors,
}: {
  criteria: CriterionView[];
  candidates: SiteView[];
  /** The adopted weight set in force (decision 114): chosen by default, its weights prefilled. */
  weightSet: WeightSetView | null;
  errors: ErrorSource | undefined;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate aria-labelledby="run-title">
      <h3 id="run-title">{t("accommodation.run_title")}</h3>
      <p>{t("accommodation.run_intro")}</p>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="scenario" />
      <TextField
        id="scenario-name"
        name="name"
        label={t("accommodation.scenario_name")}
        errors={errors}
        required
      />
      {weightSet && (
        <RadioGroup
          name="weightSource"
          legend={t("accommodation.weight_source")}
          options={[
            {
              value: "adopted",
              label: t("accommodation.weight_source_adopted", { number: weightSet.number }),
            },
            { value: "typed", label: t("accommodation.weight_source_typed") },
          ]}
          defaultValue="adopted"
        />
      )}
      <fieldset>
        <legend>{t("accommodation.weights_legend")}</legend>
        {criteria.map((c) => (
          <TextField
            key={c.id}
            name={`weights.${c.id}`}
            label={c.name}
            inputMode="decimal"
            defaultValue={
              weightSet
                ? (weightSet.weights[c.id] ?? 0).toLocaleString("de-DE", {
                    maximumFractionDigits: 6,
                    useGrouping: false,
                  })
                : "1"
            }
            errors={errors}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("accommodation.rules_legend")}</legend>
        <Checkbox name="onePerArea" label={t("accommodation.one_per_area")} defaultChecked />
        <TextField
          name="demand"
          label={t("accommodation.demand")}
          inputMode="numeric"
          errorPath="constraints.demand"
          errors={errors}
        />
        <TextField
          name="maxCapacity"
          label={t("accommodation.max_capacity")}
          inputMode="numeric"
          defaultValue={String(DEFAULT_MAX_CAPACITY)}
          errorPath="constraints.maxCapacity"
          errors={errors}
        />
        <TextField
          name="maxSites"
          label={t("accommodation.max_sites")}
          inputMode="numeric"
          errorPath="constraints.maxSites"
          errors={errors}
        />
        <TextField
          name="minDistanceMeters"
          label={t("accommodation.min_distance")}
          inputMode="numeric"
          errorPath="constraints.minDistanceMeters"
          errors={errors}
        />
        <Select
          name="burdenCriterionId"
          label={t("accommodation.burden_criterion")}
          empty={t("accommodation.burden_none")}
          options={criteria.map((c) => ({ value: c.id, label: c.name }))}
          errorPath="constraints.burden.criterionId"
          errors={errors}
        />
        <TextField
          name="burdenLimit"
          label={t("accommodation.burden_limit")}
          inputMode="decimal"
          errorPath="constraints.burden.limit"
          errors={errors}
        />
      </fieldset>
      <fieldset>
        <legend>{t("accommodation.forced_legend")}</legend>
        {candidates.map((s) => (
          <Checkbox key={s.id} name="forced" value={s.id} label={s.name} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("accommodation.excluded_legend")}</legend>
        {candidates.map((s) => (
          <Checkbox key={s.id} name="excluded" value={s.id} label={s.name} />
        ))}
      </fieldset>
      <button type="submit">{t("accommodation.run_submit")}</button>
    </Form>
  );
}

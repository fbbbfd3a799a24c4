import { Form } from "react-router";
import {
  CRITERION_DIRECTIONS,
  CRITERION_SOURCES,
  MISSING_HANDLING,
} from "#app/modules/accommodation/model.ts";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, ErrorSummary, Select, TextField } from "../form/index.ts";

/** Adds a criterion with its direction, missing-data rule and source. */
export function CriterionForm({ errors }: { errors: ErrorSource | undefined }) {
  const t = useT();
  return (
    <Form method="post" noValidate aria-labelledby="criterion-title">
      <h3 id="criterion-title">{t("accommodation.criterion_add")}</h3>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="criterion" />
      <TextField
        id="criterion-name"
        name="name"
        label={t("accommodation.criterion_name")}
        errors={errors}
        required
      />
      <TextField name="unit" label={t("accommodation.criterion_unit")} errors={errors} />
      <Select
        name="direction"
        label={t("accommodation.criterion_direction")}
        options={CRITERION_DIRECTIONS.map((d) => ({
          value: d,
          label: t(`accommodation.direction_${d}`),
        }))}
        errors={errors}
      />
      <Select
        name="missing"
        label={t("accommodation.criterion_missing")}
        options={MISSING_HANDLING.map((m) => ({ value: m, label: t(`accommodation.missing_${m}`) }))}
        errors={errors}
      />
      <Select
        name="source"
        label={t("accommodation.criterion_source")}
        options={CRITERION_SOURCES.map((s) => ({ value: s, label: t(`accommodation.source_${s}`) }))}
        errors={errors}
      />
      <button type="submit">{t("accommodation.criterion_add")}</button>
    </Form>
  );
}

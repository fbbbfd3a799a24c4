import { Form } from "react-router";
import type { CriterionView } from "#app/modules/accommodation/contracts.ts";
import { useT } from "../../i18n.tsx";
import { Checkbox, type ErrorSource, ErrorSummary, TextField } from "../form/index.ts";

/** Adds a candidate (or existing) site with its point, planned places and the manual criteria's values. */
export function SiteForm({
  criteria,
  errors,
}: {
  criteria: CriterionView[];
  errors: ErrorSource | undefined;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate aria-labelledby="site-title">
      <h3 id="site-title">{t("accommodation.site_add")}</h3>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="site" />
      <TextField id="site-name" name="name" label={t("accommodation.site_name")} errors={errors} required />
      <TextField
        name="lat"
        label={t("accommodation.site_lat")}
        inputMode="decimal"
        errorPath={["geometry.coordinates.1", "geometry"]}
        errors={errors}
        required
      />
      <TextField
        name="lon"
        label={t("accommodation.site_lon")}
        inputMode="decimal"
        errorPath="geometry.coordinates.0"
        errors={errors}
        required
      />
      <TextField
        name="capacity"
        label={t("accommodation.site_capacity")}
        inputMode="numeric"
        errors={errors}
        required
      />
      <Checkbox name="existing" label={t("accommodation.site_existing")} />
      {criteria
        .filter((c) => c.source === "manual")
        .map((c) => (
          <TextField key={c.id} name={`values.${c.id}`} label={c.name} inputMode="decimal" errors={errors} />
        ))}
      <button type="submit">{t("accommodation.site_add")}</button>
    </Form>
  );
}

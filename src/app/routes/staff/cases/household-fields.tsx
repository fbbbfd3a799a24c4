import type { Translate } from "#app/i18n/translator.ts";
import { ACCOMMODATION_KINDS } from "#app/modules/casework/model.ts";
import { Select, TextField } from "../../../components/form/index.ts";
import type { FormErrors } from "../../../server/guard.server.ts";

export type HouseholdValues = {
  label?: string;
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
  lon?: number | string | null;
  lat?: number | string | null;
  accommodationKind?: string | null;
  accommodationName?: string | null;
  officeId?: string | null;
};

/** Household fields; the office defaults to "placed automatically from the address". */
export function HouseholdFields(props: {
  t: Translate;
  errors: FormErrors | undefined;
  /** Where the service reports household errors ("household" in the intake, "" on the household page). */
  path: string;
  offices: { id: string; name: string }[];
  values?: HouseholdValues;
}) {
  const { t, errors } = props;
  const v = props.values ?? {};
  const f = (name: string) => ({ name, errorPath: props.path ? `${props.path}.${name}` : name, errors });
  return (
    <div className="household-fields">
      <TextField
        {...f("label")}
        label={t("cases.household_label")}
        hint={t("cases.household_label_hint")}
        required
        maxLength={120}
        defaultValue={v.label}
      />
      <TextField {...f("street")} label={t("cases.street")} maxLength={200} defaultValue={v.street} />
      <TextField
        {...f("postcode")}
        label={t("cases.postcode")}
        inputMode="numeric"
        maxLength={5}
        dir="ltr"
        defaultValue={v.postcode}
      />
      <TextField {...f("city")} label={t("cases.city")} maxLength={120} defaultValue={v.city} />
      <fieldset>
        <legend>{t("cases.coordinates")}</legend>
        <p className="hint" id="coordinates-hint">
          {t("cases.coordinates_hint")}
        </p>
        <TextField
          {...f("lat")}
          label={t("cases.lat")}
          inputMode="decimal"
          dir="ltr"
          defaultValue={v.lat ?? ""}
        />
        <TextField
          {...f("lon")}
          label={t("cases.lon")}
          inputMode="decimal"
          dir="ltr"
          defaultValue={v.lon ?? ""}
        />
      </fieldset>
      <Select
        {...f("accommodationKind")}
        label={t("cases.accommodation_kind")}
        empty="—"
        options={ACCOMMODATION_KINDS.map((k) => ({ value: k, label: t(`cases.accommodation_${k}`) }))}
        defaultValue={v.accommodationKind}
      />
      <TextField
        {...f("accommodationName")}
        label={t("cases.accommodation_name")}
        maxLength={200}
        defaultValue={v.accommodationName}
      />
      <Select
        {...f("officeId")}
        label={t("cases.office")}
        hint={t("cases.office_auto_hint")}
        empty={t("cases.office_auto")}
        options={props.offices.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={v.officeId}
      />
    </div>
  );
}

import type { OpeningHours } from "#app/modules/directory/model.ts";
import { useT } from "../../i18n.tsx";
import { type Errors, HoursEditor, type Json, LanguagesField, PointPicker } from "../directory-editor.tsx";
import { Checkbox, Select, TextField } from "../form/index.ts";
import { ImageField } from "./image-field.tsx";
import { type EntryFieldsProps, fieldHelpers } from "./props.ts";

/** An organisation: name, description, contact channels and logo. */
export function OrganizationFields(props: EntryFieldsProps) {
  const t = useT();
  const { form, setForm, errors } = props;
  const { set, str } = fieldHelpers(form, setForm);
  return (
    <>
      <TextField
        errorPath="name"
        label={t("directory.field_name")}
        value={str("name")}
        onChange={set("name")}
        errors={errors}
        required
        maxLength={200}
      />
      <TextField
        errorPath="description"
        label={t("directory.field_description")}
        hint={t("directory.rich_text_hint")}
        multiline
        value={str("description")}
        onChange={set("description")}
        errors={errors}
      />
      <TextField
        errorPath="website"
        label={t("directory.field_website")}
        type="url"
        inputMode="url"
        dir="ltr"
        value={str("website")}
        onChange={set("website")}
        errors={errors}
      />
      <TextField
        errorPath="email"
        label={t("directory.field_email")}
        type="email"
        inputMode="email"
        dir="ltr"
        value={str("email")}
        onChange={set("email")}
        errors={errors}
      />
      <TextField
        errorPath="phone"
        label={t("directory.field_phone")}
        type="tel"
        inputMode="tel"
        dir="ltr"
        value={str("phone")}
        onChange={set("phone")}
        errors={errors}
      />
      <ImageField
        path="logoImageId"
        label={t("directory.field_logo")}
        value={(form.logoImageId as string | null) ?? null}
        onChange={set("logoImageId")}
        errors={errors}
      />
    </>
  );
}

/** A place: address, point on the map, accessibility, languages and hours. */
export function PlaceFields(props: EntryFieldsProps) {
  const t = useT();
  const { form, setForm, errors } = props;
  const { set, str } = fieldHelpers(form, setForm);
  const { orgOptions } = props;
  return (
    <>
      <TextField
        errorPath="name"
        label={t("directory.field_name")}
        value={str("name")}
        onChange={set("name")}
        errors={errors}
        required
        maxLength={200}
      />
      <Select
        errorPath="organizationId"
        label={t("directory.field_organization")}
        value={str("organizationId")}
        options={orgOptions}
        onChange={set("organizationId")}
        errors={errors}
      />
      <TextField
        errorPath="street"
        label={t("directory.field_street")}
        value={str("street")}
        onChange={set("street")}
        errors={errors}
        maxLength={200}
      />
      <div className="dir-inline">
        <TextField
          errorPath="postcode"
          label={t("directory.field_postcode")}
          inputMode="numeric"
          dir="ltr"
          value={str("postcode")}
          onChange={set("postcode")}
          errors={errors}
          maxLength={5}
        />
        <TextField
          errorPath="city"
          label={t("directory.field_city")}
          value={str("city")}
          onChange={set("city")}
          errors={errors}
          maxLength={200}
        />
      </div>
      <PointPicker
        lon={str("lon")}
        lat={str("lat")}
        onChange={(p) => setForm((f) => ({ ...f, lon: p.lon, lat: p.lat }))}
        errors={errors}
        styleUrl={props.styleUrl}
      />
      <Checkbox
        errorPath="coordinatesApproximate"
        label={t("directory.field_coordinatesApproximate")}
        checked={!!form.coordinatesApproximate}
        onChange={set("coordinatesApproximate")}
        errors={errors}
      />
      <AccessibilityEditor
        value={(form.accessibility as Json) ?? {}}
        onChange={set("accessibility")}
        errors={errors}
      />
      <LanguagesField
        path="languages"
        label={t("directory.field_languages_place")}
        selected={(form.languages as string[]) ?? []}
        onChange={set("languages")}
        errors={errors}
      />
      <HoursEditor
        path="openingHours"
        legend={t("directory.field_openingHours")}
        value={(form.openingHours as OpeningHours | null) ?? null}
        onChange={set("openingHours")}
        errors={errors}
      />
    </>
  );
}

function AccessibilityEditor(props: {
  value: Json;
  onChange: (v: Json) => void;
  errors: Errors | undefined;
}) {
  const t = useT();
  const a = props.value;
  const set = (k: string, v: unknown) => {
    const next = { ...a, [k]: v };
    if (v === "" || v === null) delete next[k];
    props.onChange(next);
  };
  return (
    <fieldset className="dir-accessibility">
      <legend>{t("directory.accessibility")}</legend>
      <Select
        errorPath="accessibility.wheelchair"
        label={t("directory.wheelchair")}
        value={(a.wheelchair as string) ?? ""}
        options={[
          { value: "", label: t("directory.unknown") },
          { value: "yes", label: t("directory.wheelchair_yes") },
          { value: "limited", label: t("directory.wheelchair_limited") },
          { value: "no", label: t("directory.wheelchair_no") },
        ]}
        onChange={(v) => set("wheelchair", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.stepFreeEntrance"
        label={t("directory.step_free")}
        checked={!!a.stepFreeEntrance}
        onChange={(v) => set("stepFreeEntrance", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.accessibleToilet"
        label={t("directory.accessible_toilet")}
        checked={!!a.accessibleToilet}
        onChange={(v) => set("accessibleToilet", v)}
        errors={props.errors}
      />
      <Checkbox
        errorPath="accessibility.hearingLoop"
        label={t("directory.hearing_loop")}
        checked={!!a.hearingLoop}
        onChange={(v) => set("hearingLoop", v)}
        errors={props.errors}
      />
      <TextField
        errorPath="accessibility.note"
        label={t("directory.accessibility_note")}
        value={(a.note as string) ?? ""}
        onChange={(v) => set("note", v)}
        errors={props.errors}
        maxLength={500}
      />
    </fieldset>
  );
}

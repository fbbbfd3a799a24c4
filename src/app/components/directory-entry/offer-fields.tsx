import type { ContactPerson, OpeningHours } from "#app/modules/directory/model.ts";
import { useT } from "../../i18n.tsx";
import { ContactsEditor, HoursEditor, LanguagesField } from "../directory-editor.tsx";
import { Checkbox, CheckboxGroup, Select, TextField } from "../form/index.ts";
import { ImageField } from "./image-field.tsx";
import { type EntryFieldsProps, fieldHelpers } from "./props.ts";

/** An offer: what, where, when, for whom, in which languages and at what cost. */
export function OfferFields(props: EntryFieldsProps) {
  const t = useT();
  const { form, setForm, errors } = props;
  const { set, str } = fieldHelpers(form, setForm);
  const { orgOptions, choices } = props;
  return (
    <>
      <TextField
        errorPath="title"
        label={t("directory.field_title")}
        value={str("title")}
        onChange={set("title")}
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
        errorPath="summary"
        label={t("directory.field_summary")}
        value={str("summary")}
        onChange={set("summary")}
        errors={errors}
        maxLength={500}
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
      <CheckboxGroup
        optionsClassName="dir-check-grid"
        errorPath="placeIds"
        legend={t("directory.field_places")}
        options={choices.places.map((p) => ({ value: p.id, label: p.name }))}
        value={(form.placeIds as string[]) ?? []}
        onChange={set("placeIds")}
        errors={errors}
      />
      <HoursEditor
        path="openingHours"
        legend={t("directory.field_openingHours")}
        value={(form.openingHours as OpeningHours | null) ?? null}
        onChange={set("openingHours")}
        errors={errors}
      />
      <Checkbox
        errorPath="appointmentOnly"
        label={t("directory.field_appointmentOnly")}
        checked={!!form.appointmentOnly}
        onChange={set("appointmentOnly")}
        errors={errors}
      />
      <div className="dir-inline">
        <TextField
          errorPath="validFrom"
          label={t("directory.field_validFrom")}
          type="date"
          value={str("validFrom")}
          onChange={set("validFrom")}
          errors={errors}
        />
        <TextField
          errorPath="validTo"
          label={t("directory.field_validTo")}
          type="date"
          value={str("validTo")}
          onChange={set("validTo")}
          errors={errors}
        />
      </div>
      <ContactsEditor
        path="contacts"
        value={(form.contacts as ContactPerson[]) ?? []}
        onChange={set("contacts")}
        errors={errors}
      />
      <LanguagesField
        path="languages"
        label={t("directory.field_languages")}
        selected={(form.languages as string[]) ?? []}
        onChange={set("languages")}
        errors={errors}
      />
      <div className="dir-inline">
        <TextField
          errorPath="ageMin"
          label={t("directory.field_ageMin")}
          inputMode="numeric"
          value={str("ageMin")}
          onChange={set("ageMin")}
          errors={errors}
        />
        <TextField
          errorPath="ageMax"
          label={t("directory.field_ageMax")}
          inputMode="numeric"
          value={str("ageMax")}
          onChange={set("ageMax")}
          errors={errors}
        />
      </div>
      <Checkbox
        errorPath="free"
        label={t("directory.field_free")}
        checked={!!form.free}
        onChange={set("free")}
        errors={errors}
      />
      <TextField
        errorPath="costNote"
        label={t("directory.field_costNote")}
        value={str("costNote")}
        onChange={set("costNote")}
        errors={errors}
        maxLength={500}
      />
      <Checkbox
        errorPath="childcare"
        label={t("directory.field_childcare")}
        checked={!!form.childcare}
        onChange={set("childcare")}
        errors={errors}
      />
      <Checkbox
        errorPath="registrationRequired"
        label={t("directory.field_registrationRequired")}
        checked={!!form.registrationRequired}
        onChange={set("registrationRequired")}
        errors={errors}
      />
      <TextField
        errorPath="registrationNote"
        label={t("directory.field_registrationNote")}
        value={str("registrationNote")}
        onChange={set("registrationNote")}
        errors={errors}
        maxLength={500}
      />
      <ImageField
        path="imageId"
        label={t("directory.field_image")}
        value={(form.imageId as string | null) ?? null}
        onChange={set("imageId")}
        errors={errors}
      />
    </>
  );
}

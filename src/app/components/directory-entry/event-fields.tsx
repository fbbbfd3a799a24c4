import { useT } from "../../i18n.tsx";
import { LanguagesField, RruleBuilder } from "../directory-editor.tsx";
import { Checkbox, Select, TextField } from "../form/index.ts";
import { type EntryFieldsProps, fieldHelpers } from "./props.ts";

/** An event: its offer and place, start, duration, recurrence and exceptions. */
export function EventFields(props: EntryFieldsProps) {
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
      <Select
        errorPath="offerId"
        label={t("directory.field_offer")}
        value={str("offerId")}
        options={[
          { value: "", label: t("directory.none") },
          ...choices.offers.map((o) => ({ value: o.id, label: o.name })),
        ]}
        onChange={set("offerId")}
        errors={errors}
      />
      <Select
        errorPath="placeId"
        label={t("directory.field_place")}
        value={str("placeId")}
        options={[
          { value: "", label: t("directory.none") },
          ...choices.places.map((o) => ({ value: o.id, label: o.name })),
        ]}
        onChange={set("placeId")}
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
      <div className="dir-inline">
        <TextField
          errorPath="startsAt"
          label={t("directory.field_startsAt")}
          type="datetime-local"
          value={str("startsAt")}
          onChange={set("startsAt")}
          errors={errors}
          required
        />
        <TextField
          errorPath="durationMinutes"
          label={t("directory.field_durationMinutes")}
          inputMode="numeric"
          value={str("durationMinutes")}
          onChange={set("durationMinutes")}
          errors={errors}
          required
        />
      </div>
      <RruleBuilder value={(form.rrule as string | null) ?? null} onChange={set("rrule")} errors={errors} />
      <TextField
        errorPath="exdates"
        label={t("directory.field_exdates")}
        hint={t("directory.field_exdates_hint")}
        dir="ltr"
        value={((form.exdates as string[]) ?? []).join(", ")}
        onChange={(v) => set("exdates")(v.split(/[,\s]+/).filter(Boolean))}
        errors={errors}
      />
      <Checkbox
        errorPath="free"
        label={t("directory.field_free")}
        checked={!!form.free}
        onChange={set("free")}
        errors={errors}
      />
      <LanguagesField
        path="languages"
        label={t("directory.field_languages")}
        selected={(form.languages as string[]) ?? []}
        onChange={set("languages")}
        errors={errors}
      />
    </>
  );
}

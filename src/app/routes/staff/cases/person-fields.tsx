import type { Translate } from "#app/i18n/translator.ts";
import { HOUSEHOLD_RELATIONS, RESIDENCE_STATUSES, SEXES } from "#app/modules/casework/model.ts";
import { Checkbox, formString, Select, TextField } from "../../../components/form/index.ts";
import type { FormErrors } from "../../../server/guard.server.ts";
import { LanguageRows, NationalityRows, type PersonChoices } from "./person-lists.tsx";

/** The person fields of the intake and the household page. Names: `<prefix>givenName`, errors at `<path>.givenName`. */
export type PersonValues = {
  givenName?: string;
  familyName?: string;
  birthDate?: string | null;
  sex?: string;
  genderIdentity?: string | null;
  nationalities?: string[];
  languages?: { lang: string; level: string }[];
  residenceStatus?: string | null;
  residenceParagraph?: string | null;
  residenceValidUntil?: string | null;
  arrivedInGermanyOn?: string | null;
  assignedToMunicipalityOn?: string | null;
  householdRelation?: string;
  schoolQualification?: string | null;
  professionalQualification?: string | null;
  health?: string | null;
};

/**
 * What is unusual at one field, translated, with its confirmation: a checkbox posting
 * `confirmWarning` = the warnings' keys (space-separated), checked if confirmed before.
 */
export type FieldWarning = { text: string; keys: string; label: string; confirmed: boolean };

export function PersonFields(props: {
  prefix: string;
  path: string;
  t: Translate;
  errors: FormErrors | undefined;
  values?: PersonValues;
  /** Prefix of the element ids (several person forms on one page). */
  idPrefix?: string;
  choices: PersonChoices;
  /** Unusual ages at this person's birth date, with the field's confirmation (decision 117). */
  birthWarning?: FieldWarning | undefined;
}) {
  const { prefix, path, t, errors } = props;
  const warning = props.birthWarning;
  const v = props.values ?? {};
  const f = (name: string) => ({
    name: `${prefix}${name}`,
    id: `f-${props.idPrefix ?? prefix}${name}`,
    errorPath: path ? `${path}.${name}` : name,
    errors,
  });
  return (
    <div className="person-fields">
      <TextField
        {...f("givenName")}
        label={t("cases.given_name")}
        required
        maxLength={120}
        defaultValue={v.givenName}
      />
      <TextField
        {...f("familyName")}
        label={t("cases.family_name")}
        required
        maxLength={120}
        defaultValue={v.familyName}
      />
      <TextField
        {...f("birthDate")}
        type="date"
        label={t("cases.birth_date")}
        defaultValue={v.birthDate}
        className={warning ? "field-warned" : undefined}
        hint={warning ? <span className="field-warning">{warning.text}</span> : undefined}
      />
      {warning ? (
        <Checkbox
          name="confirmWarning"
          value={warning.keys}
          label={warning.label}
          defaultChecked={warning.confirmed}
        />
      ) : null}
      <Select
        {...f("sex")}
        label={t("cases.sex")}
        options={SEXES.map((s) => ({ value: s, label: t(`cases.sex_${s}`) }))}
        defaultValue={v.sex ?? "unspecified"}
      />
      <TextField
        {...f("genderIdentity")}
        label={t("cases.gender_identity")}
        maxLength={120}
        defaultValue={v.genderIdentity}
      />
      <Select
        {...f("householdRelation")}
        label={t("cases.household_relation")}
        options={HOUSEHOLD_RELATIONS.map((s) => ({ value: s, label: t(`cases.relation_${s}`) }))}
        defaultValue={v.householdRelation ?? "self"}
      />
      <NationalityRows
        prefix={prefix}
        path={path ? `${path}.` : ""}
        idBase={props.idPrefix ?? prefix}
        t={t}
        errors={errors}
        choices={props.choices}
        values={v.nationalities ?? []}
      />
      <LanguageRows
        prefix={prefix}
        path={path ? `${path}.` : ""}
        idBase={props.idPrefix ?? prefix}
        t={t}
        errors={errors}
        choices={props.choices}
        values={v.languages ?? []}
      />
      <Select
        {...f("residenceStatus")}
        label={t("cases.residence_status")}
        empty="—"
        options={RESIDENCE_STATUSES.map((s) => ({ value: s, label: t(`cases.residence_${s}`) }))}
        defaultValue={v.residenceStatus}
      />
      <TextField
        {...f("residenceParagraph")}
        label={t("cases.residence_paragraph")}
        hint={t("cases.residence_paragraph_hint")}
        maxLength={80}
        defaultValue={v.residenceParagraph}
      />
      <TextField
        {...f("residenceValidUntil")}
        type="date"
        label={t("cases.residence_valid_until")}
        defaultValue={v.residenceValidUntil}
      />
      <TextField
        {...f("arrivedInGermanyOn")}
        type="date"
        label={t("cases.arrived_on")}
        defaultValue={v.arrivedInGermanyOn}
      />
      <TextField
        {...f("assignedToMunicipalityOn")}
        type="date"
        label={t("cases.assigned_on")}
        defaultValue={v.assignedToMunicipalityOn}
      />
      <TextField
        {...f("schoolQualification")}
        label={t("cases.school_qualification")}
        maxLength={300}
        defaultValue={v.schoolQualification}
      />
      <TextField
        {...f("professionalQualification")}
        label={t("cases.professional_qualification")}
        maxLength={300}
        defaultValue={v.professionalQualification}
      />
      <TextField
        multiline
        {...f("health")}
        label={t("cases.health")}
        hint={t("cases.health_hint")}
        maxLength={5000}
        rows={3}
        defaultValue={v.health}
      />
    </div>
  );
}

/**
 * The person input from a form. Nationalities and languages come as repeated fields (one row
 * each: `<prefix>nationalities`, `<prefix>lang` + `<prefix>level`); empty rows are left out.
 */
export function personFromForm(form: FormData, prefix: string) {
  const s = (n: string) => formString(form, `${prefix}${n}`);
  const all = (n: string) => form.getAll(`${prefix}${n}`).map((v) => (typeof v === "string" ? v.trim() : ""));
  const levels = all("level");
  return {
    givenName: s("givenName"),
    familyName: s("familyName"),
    birthDate: s("birthDate"),
    sex: s("sex"),
    genderIdentity: s("genderIdentity"),
    householdRelation: s("householdRelation"),
    nationalities: all("nationalities").filter(Boolean),
    languages: all("lang")
      .map((lang, i) => ({ lang, level: levels[i] ?? "" }))
      .filter((l) => l.lang || l.level),
    residenceStatus: s("residenceStatus"),
    residenceParagraph: s("residenceParagraph"),
    residenceValidUntil: s("residenceValidUntil"),
    arrivedInGermanyOn: s("arrivedInGermanyOn"),
    assignedToMunicipalityOn: s("assignedToMunicipalityOn"),
    schoolQualification: s("schoolQualification"),
    professionalQualification: s("professionalQualification"),
    health: s("health"),
  };
}

export function householdFromForm(form: FormData) {
  const s = (n: string) => formString(form, n);
  return {
    label: s("label"),
    street: s("street"),
    postcode: s("postcode"),
    city: s("city"),
    lon: s("lon"),
    lat: s("lat"),
    accommodationKind: s("accommodationKind"),
    accommodationName: s("accommodationName"),
    officeId: s("officeId"),
  };
}

import { Form } from "react-router";
import { LANGUAGE_CODES, LANGUAGES, type Language } from "#app/i18n/languages.ts";
import { CRISIS_TYPES, crisisTypeName, isCrisisType } from "#app/modules/conflicts/model.ts";
import type { CrisisPlanView } from "#app/modules/conflicts/plan-contracts.ts";
import { STATEMENT_PLACEHOLDERS } from "#app/modules/conflicts/statements.ts";
import { useT } from "../../i18n.tsx";
import { type ErrorSource, errorsUnder, Select, TextField } from "../form/index.ts";

export const CONTACT_FIELDS = [
  "role",
  "name",
  "userId",
  "organization",
  "phone",
  "email",
  "deputyName",
  "deputyPhone",
  "language",
] as const;
type StatementField = `statements.${Language}`;
const STATEMENT_FIELDS = LANGUAGE_CODES.map((l) => `statements.${l}` as StatementField);
export const SCENARIO_FIELDS = ["type", "steps", ...STATEMENT_FIELDS] as const;
type ContactValues = Record<(typeof CONTACT_FIELDS)[number], string>;
type ScenarioValues = Record<"type" | "steps" | StatementField, string>;
export type CrisisPlanValues = {
  version: number;
  title: string;
  purpose: string;
  reviewOn: string;
  escalateMinutes: string;
  contacts: ContactValues[];
  scenarios: ScenarioValues[];
  language: string;
};

/** A saved scenario as form values: steps one a line, a statement field per language. */
export function scenarioValues(s: CrisisPlanView["scenarios"][number]): ScenarioValues {
  return {
    type: s.type,
    steps: s.steps.join("\n"),
    ...(Object.fromEntries(LANGUAGE_CODES.map((l) => [`statements.${l}`, s.statements?.[l] ?? ""])) as Record<
      StatementField,
      string
    >),
  };
}

/** A form row as the contract's scenario; errors come back at `scenarios.<i>.statements.<lang>`. */
export function scenarioInput(s: ScenarioValues) {
  return {
    type: s.type,
    steps: s.steps
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    statements: Object.fromEntries(LANGUAGE_CODES.map((l) => [l, s[`statements.${l}`]])),
  };
}

const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: l.name }));

/** The crisis plan's edit form; works without JavaScript (rows numbered, a few empty ones offered). */
export function CrisisPlanForm(props: {
  values: CrisisPlanValues | null;
  staff: { value: string; label: string }[];
  errors: ErrorSource;
}) {
  const t = useT();
  const v = props.values;
  const errors = props.errors;
  const contacts = [...(v?.contacts ?? []), ...Array.from({ length: 2 }, () => null)];
  const scenarios = [...(v?.scenarios ?? []), null];
  return (
    <Form method="post" className="stack" noValidate key={JSON.stringify(v)}>
      <input type="hidden" name="version" value={v?.version ?? 0} />
      <TextField
        name="title"
        label={t("conflicts.plan_title")}
        required
        defaultValue={v?.title}
        errors={errors}
      />
      <TextField
        name="purpose"
        multiline
        rows={3}
        label={t("conflicts.plan_purpose")}
        defaultValue={v?.purpose}
        errors={errors}
      />
      <TextField
        name="reviewOn"
        type="date"
        label={t("conflicts.plan_review_on")}
        required
        defaultValue={v?.reviewOn}
        errors={errors}
      />
      <TextField
        name="escalateMinutes"
        type="number"
        inputMode="numeric"
        label={t("conflicts.plan_escalate_minutes")}
        hint={t("conflicts.plan_escalate_hint")}
        defaultValue={v?.escalateMinutes}
        errors={errors}
      />
      <Select
        name="language"
        label={t("conflicts.plan_language")}
        hint={t("conflicts.plan_language_hint")}
        options={languageOptions}
        defaultValue={v?.language ?? "de"}
        errors={errors}
      />
      {contacts.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
        <fieldset key={`c-${i}-${c?.name ?? ""}`}>
          <legend>{t("conflicts.plan_chain_link", { n: i + 1 })}</legend>
          <TextField
            name={`contacts.${i}.role`}
            label={t("conflicts.plan_role")}
            defaultValue={c?.role}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.name`}
            label={t("conflicts.plan_contact_name")}
            defaultValue={c?.name}
            errors={errors}
          />
          <Select
            name={`contacts.${i}.userId`}
            label={t("conflicts.plan_account")}
            empty={t("conflicts.plan_no_account")}
            options={props.staff}
            defaultValue={c?.userId ?? ""}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.organization`}
            label={t("conflicts.plan_organization")}
            defaultValue={c?.organization}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.phone`}
            type="tel"
            dir="ltr"
            label={t("conflicts.plan_phone")}
            defaultValue={c?.phone}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.email`}
            type="email"
            dir="ltr"
            label={t("conflicts.plan_email")}
            defaultValue={c?.email}
            errors={errors}
          />
          <Select
            name={`contacts.${i}.language`}
            label={t("conflicts.plan_contact_language")}
            options={languageOptions}
            defaultValue={c?.language ?? "de"}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.deputyName`}
            label={t("conflicts.plan_deputy_name")}
            defaultValue={c?.deputyName}
            errors={errors}
          />
          <TextField
            name={`contacts.${i}.deputyPhone`}
            type="tel"
            dir="ltr"
            label={t("conflicts.plan_deputy_phone")}
            defaultValue={c?.deputyPhone}
            errors={errors}
          />
        </fieldset>
      ))}
      {scenarios.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (chain order, form row)
        <fieldset key={`s-${i}-${s?.type ?? ""}`}>
          <legend>{t("conflicts.plan_scenario", { n: i + 1 })}</legend>
          <Select
            name={`scenarios.${i}.type`}
            label={t("conflicts.plan_scenario_type")}
            // The catalog's types (named in every language); an older plan's own text stays choosable.
            options={[
              { value: "", label: t("conflicts.plan_scenario_type_none") },
              ...(s?.type && !isCrisisType(s.type) ? [{ value: s.type, label: s.type }] : []),
              ...CRISIS_TYPES.map((k) => ({ value: k, label: crisisTypeName(t, k) })),
            ]}
            defaultValue={s?.type ?? ""}
            errors={errors}
          />
          <TextField
            name={`scenarios.${i}.steps`}
            multiline
            rows={5}
            label={t("conflicts.plan_steps")}
            hint={t("conflicts.plan_steps_hint")}
            defaultValue={s?.steps}
            errors={errors}
          />
          <StatementFields index={i} values={s} errors={errors} />
        </fieldset>
      ))}
      <p>
        <button type="submit">{t("conflicts.plan_save")}</button>
      </p>
    </Form>
  );
}

/**
 * The public statement templates of one crisis type, one field per UI language; open when one
 * is written or has an error, so a message is never hidden in a closed disclosure.
 */
function StatementFields(props: { index: number; values: ScenarioValues | null; errors: ErrorSource }) {
  const t = useT();
  const { index: i, values: s, errors } = props;
  const names = LANGUAGE_CODES.map((l) => `scenarios.${i}.statements.${l}`);
  const hasError = errorsUnder(errors, `scenarios.${i}.statements`).length > 0;
  const written = LANGUAGE_CODES.some((l) => (s?.[`statements.${l}`] ?? "") !== "");
  return (
    <details open={hasError || written}>
      <summary>{t("conflicts.plan_statements")}</summary>
      <p>
        {t("conflicts.plan_statements_hint", {
          placeholders: STATEMENT_PLACEHOLDERS.map((p) => `{${p}}`).join(", "),
        })}
      </p>
      {LANGUAGES.map((l, j) => (
        <TextField
          key={l.code}
          name={names[j]!}
          multiline
          rows={4}
          lang={l.code}
          dir={l.dir}
          label={l.name}
          defaultValue={s?.[`statements.${l.code}`]}
          errors={errors}
        />
      ))}
    </details>
  );
}

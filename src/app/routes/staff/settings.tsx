import { data, Form, useNavigation } from "react-router";
import { LANGUAGES } from "#app/i18n/languages.ts";
import { smallCellRuleFor } from "#app/modules/statistics/small-cells.ts";
import { updateTenantSettingsInput } from "#app/modules/tenants/contracts.ts";
import type { Tenant } from "#app/modules/tenants/service.ts";
import { can } from "#app/server/policy/policy.ts";
import { ROLES } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, Notice, TextField } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePage, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/settings";

/** The form's values, as strings, so a failed save can hand back exactly what was typed. */
type SettingsValues = {
  name: string;
  defaultLanguage: string;
  contactEmail: string;
  mfaRequiredRoles: string[];
  /** The small-cell rule (statistics/small-cells.ts) as typed. */
  minCount: string;
  minDenominator: string;
  minNumerator: string;
  suppressZero: boolean;
};

const SMALL_CELL_FIELDS = ["minCount", "minDenominator", "minNumerator"] as const;

function valuesOf(t: Tenant): SettingsValues & { version: number } {
  const rule = smallCellRuleFor(t.settings.smallCells);
  return {
    version: t.version,
    name: t.name,
    defaultLanguage: t.settings.defaultLanguage,
    contactEmail: t.settings.contactEmail ?? "",
    mfaRequiredRoles: [...t.settings.mfaRequiredRoles],
    minCount: String(rule.minCount),
    minDenominator: String(rule.minDenominator),
    minNumerator: String(rule.minNumerator),
    suppressZero: rule.suppressZero,
  };
}

/** A whole number as typed, or NaN so the service's validation names the field. */
const wholeNumber = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN);

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const tenant = (await ctx.services.tenants.byId(ctx.tenant.id)) ?? ctx.tenant;
  return { settings: valuesOf(tenant), canEdit: can(principal, "tenant.settings.update") };
}

type Current = (SettingsValues & { version: number }) | null;

type ActionResult =
  | { ok: true; version: number }
  | {
      ok: false;
      errors: FormErrors;
      values: SettingsValues;
      /** On a version conflict: what is saved now (the other tab's values). */
      current: Current;
    };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePage(ctx, "tenant.settings.update");
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values: SettingsValues = {
    name: str("name"),
    defaultLanguage: str("defaultLanguage"),
    contactEmail: str("contactEmail"),
    mfaRequiredRoles: form.getAll("mfaRequiredRoles").filter((v): v is string => typeof v === "string"),
    minCount: str("smallCells.minCount"),
    minDenominator: str("smallCells.minDenominator"),
    minNumerator: str("smallCells.minNumerator"),
    suppressZero: form.get("smallCells.suppressZero") === "on",
  };
  const version = Number(str("version"));
  const result = await formAction(ctx.t, () =>
    ctx.services.tenants.updateSettings(
      principal,
      ctx.tenant.id,
      parseInput(updateTenantSettingsInput, {
        version: Number.isInteger(version) && version > 0 ? version : 0,
        name: values.name,
        defaultLanguage: values.defaultLanguage,
        contactEmail: values.contactEmail,
        mfaRequiredRoles: values.mfaRequiredRoles,
        smallCells: {
          minCount: wholeNumber(values.minCount),
          minDenominator: wholeNumber(values.minDenominator),
          minNumerator: wholeNumber(values.minNumerator),
          suppressZero: values.suppressZero,
        },
      }),
      ctx.requestId,
    ),
  );
  if (!("data" in result)) return { ok: true, version: result.value.version } satisfies ActionResult;
  let current: Current = null;
  if (result.data.errors.code === "version_conflict") {
    const now = await ctx.services.tenants.byId(ctx.tenant.id);
    current = now ? valuesOf(now) : null;
  }
  return data({ ...result.data, values, current } satisfies ActionResult, result.init ?? undefined);
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const conflict = failed?.current ?? null;
  // After a failed save the form shows what was typed, never the stored values.
  const shown: SettingsValues = failed?.values ?? loaderData.settings;
  const version = conflict?.version ?? loaderData.settings.version;
  const rolesError = errors
    ? Object.entries(errors.fields).find(
        ([k]) => k === "mfaRequiredRoles" || k.startsWith("mfaRequiredRoles."),
      )
    : undefined;
  const langError = errors?.fields.defaultLanguage;
  const changedByOther = conflict
    ? (
        [
          "name",
          "defaultLanguage",
          "contactEmail",
          "mfaRequiredRoles",
          "minCount",
          "minDenominator",
          "minNumerator",
          "suppressZero",
        ] as const
      ).filter((k) => JSON.stringify(conflict[k]) !== JSON.stringify(shown[k]))
    : [];
  const showValue = (k: (typeof changedByOther)[number], v: SettingsValues) => {
    if (k === "mfaRequiredRoles")
      return v.mfaRequiredRoles.length
        ? v.mfaRequiredRoles.map((r) => t(`settings.role_${r}`)).join(", ")
        : t("settings.none");
    if (k === "defaultLanguage") return LANGUAGES.find((l) => l.code === v.defaultLanguage)?.name ?? v[k];
    if (k === "suppressZero") return v.suppressZero ? t("settings.yes") : t("settings.no");
    return v[k] || t("settings.none");
  };

  return (
    <>
      <h1>{t("settings.title")}</h1>
      {result?.ok ? <Notice kind="success">{t("settings.saved")}</Notice> : null}
      {conflict ? (
        <div className="error-summary settings-conflict" role="alert" tabIndex={-1}>
          <p>{t("settings.conflict_title")}</p>
          <p>{t("settings.conflict_text")}</p>
          {changedByOther.length ? (
            <>
              <p id="conflict-list">{t("settings.conflict_saved_values")}</p>
              <dl aria-labelledby="conflict-list">
                {changedByOther.map((k) => (
                  <div key={k}>
                    <dt>{t(`settings.field_${k}`)}</dt>
                    <dd>{showValue(k, conflict)}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
        </div>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      {!loaderData.canEdit ? <Notice>{t("settings.read_only")}</Notice> : null}
      <Form method="post" className="settings-form" noValidate>
        <fieldset disabled={!loaderData.canEdit} className="plain-fieldset">
          <input type="hidden" name="version" value={version} readOnly />
          <TextField
            name="name"
            label={t("settings.field_name")}
            defaultValue={shown.name}
            required
            maxLength={200}
            errors={errors}
            key={`name-${version}-${shown.name}`}
          />
          <div className={langError ? "field field-invalid" : "field"}>
            <label htmlFor="f-defaultLanguage">{t("settings.field_defaultLanguage")}</label>
            <select
              id="f-defaultLanguage"
              name="defaultLanguage"
              defaultValue={shown.defaultLanguage}
              key={`lang-${version}-${shown.defaultLanguage}`}
              aria-invalid={langError ? true : undefined}
              aria-describedby={langError ? "f-defaultLanguage-error" : undefined}
            >
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
            {langError ? (
              <p className="field-error" id="f-defaultLanguage-error">
                {langError}
              </p>
            ) : null}
          </div>
          <TextField
            name="contactEmail"
            type="email"
            label={t("settings.field_contactEmail")}
            hint={t("settings.contact_hint")}
            defaultValue={shown.contactEmail}
            maxLength={254}
            autoComplete="email"
            dir="ltr"
            errors={errors}
            key={`mail-${version}-${shown.contactEmail}`}
          />
          <fieldset
            className={rolesError ? "field checkbox-group field-invalid" : "field checkbox-group"}
            aria-describedby={["f-mfa-hint", rolesError ? "f-mfa-error" : null].filter(Boolean).join(" ")}
            aria-invalid={rolesError ? true : undefined}
          >
            <legend>{t("settings.field_mfaRequiredRoles")}</legend>
            <p className="hint" id="f-mfa-hint">
              {t("settings.mfa_hint")}
            </p>
            {ROLES.map((role) => (
              <div className="checkbox" key={role}>
                <input
                  type="checkbox"
                  id={`f-mfa-${role}`}
                  name="mfaRequiredRoles"
                  value={role}
                  defaultChecked={shown.mfaRequiredRoles.includes(role)}
                  key={`${role}-${version}-${shown.mfaRequiredRoles.includes(role)}`}
                />
                <label htmlFor={`f-mfa-${role}`}>{t(`settings.role_${role}`)}</label>
              </div>
            ))}
            {rolesError ? (
              <p className="field-error" id="f-mfa-error">
                {rolesError[1]}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="field plain-fieldset small-cells-fieldset" aria-describedby="f-small-hint">
            <legend>{t("settings.small_cells_legend")}</legend>
            <p className="hint" id="f-small-hint">
              {t("settings.small_cells_hint")}
            </p>
            {SMALL_CELL_FIELDS.map((k) => (
              <TextField
                key={`${k}-${version}-${shown[k]}`}
                name={`smallCells.${k}`}
                type="text"
                inputMode="numeric"
                label={t(`settings.field_${k}`)}
                hint={t(`settings.hint_${k}`)}
                defaultValue={shown[k]}
                required
                maxLength={6}
                dir="ltr"
                errors={errors}
              />
            ))}
            <div className="checkbox">
              <input
                type="checkbox"
                id="f-smallCells-suppressZero"
                name="smallCells.suppressZero"
                defaultChecked={shown.suppressZero}
                key={`zero-${version}-${shown.suppressZero}`}
              />
              <label htmlFor="f-smallCells-suppressZero">{t("settings.field_suppressZero")}</label>
            </div>
          </fieldset>
          {loaderData.canEdit ? (
            <button type="submit" disabled={navigation.state === "submitting"}>
              {conflict ? t("settings.save_anyway") : t("common.save")}
            </button>
          ) : null}
        </fieldset>
      </Form>
    </>
  );
}

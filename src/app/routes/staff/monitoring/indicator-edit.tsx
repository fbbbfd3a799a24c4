import { data, Form, Link, useNavigation } from "react-router";
import { INDICATOR_UNITS, POLARITIES } from "#app/modules/monitoring/model.ts";
import { Checkbox, ErrorSummary, Notice, Select, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/indicator-edit";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

type Values = {
  code: string;
  name: string;
  numerator: string;
  denominator: string;
  factor: string;
  unit: string;
  decimals: string;
  polarity: string;
  inStatusIndex: boolean;
  public: boolean;
  source: string;
  notes: string;
};

const EMPTY: Values = {
  code: "",
  name: "",
  numerator: "",
  denominator: "",
  factor: "100",
  unit: "percent",
  decimals: "1",
  polarity: "neutral",
  inStatusIndex: false,
  public: true,
  source: "",
  notes: "",
};

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const isNew = params.code === "new";
  if (isNew) return { title: ctx.t("monitoring_data.indicator_new"), isNew, values: EMPTY, version: null };
  const rows = await ctx.services.monitoringData.listIndicators(principal, ctx.tenant.id);
  const row = rows.find((r) => r.code === params.code);
  if (!row) throw data(null, { status: 404 });
  const values: Values = {
    code: row.code,
    name: row.name,
    numerator: row.numerator,
    denominator: row.denominator ?? "",
    factor: String(row.factor),
    unit: row.unit,
    decimals: String(row.decimals),
    polarity: row.polarity,
    inStatusIndex: row.inStatusIndex,
    public: row.public,
    source: row.source ?? "",
    notes: row.notes ?? "",
  };
  return {
    title: ctx.t("monitoring_data.indicator_edit", { name: row.name }),
    isNew,
    values,
    version: row.version,
  };
}

type ActionResult = { ok: true } | { ok: false; errors: FormErrors; values: Values };

const num = (s: string) => {
  const n = Number(s.trim().replace(",", "."));
  return s.trim() !== "" && Number.isFinite(n) ? n : Number.NaN;
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values: Values = {
    code: params.code === "new" ? str("code") : params.code,
    name: str("name"),
    numerator: str("numerator"),
    denominator: str("denominator"),
    factor: str("factor"),
    unit: str("unit"),
    decimals: str("decimals"),
    polarity: str("polarity"),
    inStatusIndex: form.get("inStatusIndex") === "on",
    public: form.get("public") === "on",
    source: str("source"),
    notes: str("notes"),
  };
  const version = str("version");
  const r = await formAction(ctx.t, () =>
    ctx.services.monitoringData.saveIndicator(
      principal,
      ctx.tenant.id,
      {
        ...values,
        denominator: values.denominator,
        factor: num(values.factor),
        decimals: num(values.decimals),
        unit: values.unit as never,
        polarity: values.polarity as never,
        source: values.source.trim() || null,
        notes: values.notes.trim() || null,
      },
      version ? Number(version) : undefined,
    ),
  );
  if ("data" in r)
    return data(
      { ...(r.data as { ok: false; errors: FormErrors }), values } satisfies ActionResult,
      r.init ?? undefined,
    );
  return { ok: true } satisfies ActionResult;
}

export default function IndicatorEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const v = failed?.values ?? loaderData.values;
  const k = (name: string) => `${name}-${loaderData.version ?? "new"}-${failed ? "f" : "s"}`;
  return (
    <>
      <p>
        <Link to="/staff/monitoring/definitions">{t("monitoring_data.back_definitions")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {result?.ok ? <Notice kind="success">{t("monitoring_data.indicator_saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="md-indicator-form">
        {loaderData.version !== null ? (
          <input type="hidden" name="version" value={loaderData.version} />
        ) : null}
        {loaderData.isNew ? (
          <TextField
            name="code"
            label={t("monitoring_data.field_code")}
            hint={t("monitoring_data.hint_code")}
            defaultValue={v.code}
            required
            dir="ltr"
            errors={errors}
            key={k("code")}
          />
        ) : null}
        <TextField
          name="name"
          label={t("monitoring_data.field_name")}
          defaultValue={v.name}
          required
          maxLength={200}
          errors={errors}
          key={k("name")}
        />
        <TextField
          name="numerator"
          label={t("monitoring_data.field_numerator")}
          hint={t("monitoring_data.hint_formula")}
          defaultValue={v.numerator}
          required
          dir="ltr"
          errors={errors}
          key={k("numerator")}
        />
        <TextField
          name="denominator"
          label={t("monitoring_data.field_denominator")}
          hint={t("monitoring_data.hint_denominator")}
          defaultValue={v.denominator}
          dir="ltr"
          errors={errors}
          key={k("denominator")}
        />
        <TextField
          name="factor"
          label={t("monitoring_data.field_factor")}
          defaultValue={v.factor}
          inputMode="numeric"
          dir="ltr"
          errors={errors}
          key={k("factor")}
        />
        <Select
          name="unit"
          label={t("monitoring_data.field_unit")}
          defaultValue={v.unit}
          key={k("unit")}
          options={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`monitoring_data.unit_${u}`) }))}
        />
        <TextField
          name="decimals"
          label={t("monitoring_data.field_decimals")}
          defaultValue={v.decimals}
          inputMode="numeric"
          dir="ltr"
          errors={errors}
          key={k("decimals")}
        />
        <Select
          name="polarity"
          label={t("monitoring_data.field_polarity")}
          defaultValue={v.polarity}
          key={k("polarity")}
          options={POLARITIES.map((p) => ({ value: p, label: t(`monitoring_catalog.polarity_${p}`) }))}
        />
        <Checkbox
          id="f-inStatusIndex"
          name="inStatusIndex"
          label={t("monitoring_data.field_inStatusIndex")}
          defaultChecked={v.inStatusIndex}
          key={k("idx")}
        />
        <Checkbox
          id="f-public"
          name="public"
          label={t("monitoring_data.field_public")}
          defaultChecked={v.public}
          key={k("pub")}
        />
        <TextField
          name="source"
          label={t("monitoring_data.field_source")}
          defaultValue={v.source}
          maxLength={500}
          errors={errors}
          key={k("source")}
        />
        <TextField
          name="notes"
          label={t("monitoring_data.field_notes")}
          defaultValue={v.notes}
          maxLength={2000}
          errors={errors}
          key={k("notes")}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
      </Form>
    </>
  );
}

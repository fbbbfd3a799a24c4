import { Form, Link, useNavigation } from "react-router";
import { plausibilitySettingsInput } from "#app/modules/monitoring/contracts.ts";
import { PLAUSIBILITY_LIMITS } from "#app/modules/monitoring/model.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/data";

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const [periods, elements, plausibility] = await Promise.all([
    ctx.services.monitoringData.listPeriods(principal, ctx.tenant.id),
    ctx.services.monitoringData.listElements(principal, ctx.tenant.id),
    ctx.services.monitoringData.plausibilitySettings(principal, ctx.tenant.id),
  ]);
  return {
    title: ctx.t("monitoring_data.title"),
    periods,
    elements: elements
      .filter((e) => e.origin !== "lotse")
      .map((e) => ({ code: e.code, name: e.labelKey ? ctx.t(e.labelKey) : e.name })),
    plausibility,
    canApprove: can(principal, "monitoring.approve"),
    canDefine: can(principal, "monitoring.definitions.manage"),
    thisYear: String(ctx.services.core.clock.now().getUTCFullYear()),
  };
}

/** Decimal comma or point ("2,5" as German users type it); empty is no number. */
const decimal = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.trim().replace(",", ".")));

type ActionResult =
  | { ok: true; message: string }
  | { ok: false; errors: FormErrors; period?: string; intent: string };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const intent = str("intent");
  const period = str("period");
  const version = Number(str("version"));
  const data = ctx.services.monitoringData;
  const run = async (fn: () => Promise<string>): Promise<ActionResult | Response> => {
    const r = await formAction(ctx.t, fn);
    if ("data" in r) {
      const d = r.data as { ok: false; errors: FormErrors };
      return Response.json({ ...d, period, intent } satisfies ActionResult, r.init ?? undefined);
    }
    return { ok: true, message: r.value };
  };
  switch (intent) {
    case "plausibility":
      return run(async () => {
        await data.savePlausibilitySettings(
          principal,
          ctx.tenant.id,
          parseInput(plausibilitySettingsInput, {
            jumpFactor: decimal(formString(form, "jumpFactor")),
            minBase: decimal(formString(form, "minBase")),
            version,
          }),
        );
        return ctx.t("monitoring_data.plausibility_saved");
      });
    case "reopen":
      return run(async () => {
        await data.reopen(principal, ctx.tenant.id, period, version);
        return ctx.t("monitoring_data.reopened", { period });
      });
    case "templates":
      return run(async () => {
        const r = await data.installTemplates(principal, ctx.tenant.id);
        return ctx.t("monitoring_data.templates_installed", {
          elements: r.elements,
          indicators: r.indicators,
        });
      });
    case "lotse":
      return run(async () => {
        const r = await ctx.services.monitoring.refreshLotseFigures(principal, ctx.tenant.id, period);
        return ctx.t("monitoring_data.lotse_refreshed", { period, values: r.values });
      });
    default:
      return new Response(null, { status: 400 });
  }
}

/** The summary plus every message not shown beside a field (e.g. a year out of range). */
function ErrorList({ errors }: { errors: FormErrors }) {
  const rest = Object.entries(errors.fields);
  return (
    <>
      <ErrorSummary errors={errors} />
      {rest.length ? (
        <ul className="field-error">
          {rest.map(([k, m]) => (
            <li key={k}>{m}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export default function MonitoringData({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  const { periods, elements } = loaderData;
  return (
    <>
      <h1>{loaderData.title}</h1>
      <p>{t("monitoring_data.intro")}</p>
      {result?.ok ? <Notice kind="success">{result.message}</Notice> : null}
      {failed?.intent === "plausibility" ? (
        <ErrorSummary errors={failed.errors} />
      ) : failed && !periods.some((p) => p.period === failed.period) ? (
        <ErrorList errors={failed.errors} />
      ) : null}
      <ul className="md-links">
        <li>
          <Link to="/staff/monitoring/data/import">{t("monitoring_data.link_import")}</Link>
        </li>
        <li>
          <Link to="/staff/monitoring/definitions">{t("monitoring_data.link_definitions")}</Link>
        </li>
        <li>
          <Link to="/staff/monitoring">{t("monitoring_data.link_views")}</Link>
        </li>
      </ul>

      <h2>{t("monitoring_data.periods_title")}</h2>
      {periods.length === 0 ? <p>{t("monitoring_data.no_periods")}</p> : null}
      {periods.map((p) => {
        const errors = failed?.period === p.period ? failed.errors : undefined;
        return (
          <section key={p.period} className="md-period" aria-labelledby={`md-${p.period}`}>
            <h3 id={`md-${p.period}`}>
              {p.period}:{" "}
              {p.status === "approved"
                ? t("monitoring_data.status_approved", { release: p.releaseNumber ?? 0 })
                : p.releaseNumber
                  ? t("monitoring_data.status_changed", { release: p.releaseNumber })
                  : t("monitoring_data.status_open")}
            </h3>
            <p>
              {t("monitoring_data.value_count", { count: p.valueCount })}
              {p.approvedAt
                ? ` · ${t("monitoring_data.approved_at", { date: new Date(p.approvedAt) })}`
                : null}
            </p>
            {errors ? <ErrorList errors={errors} /> : null}
            <Form method="get" action={`/staff/monitoring/data/${p.period}`} className="md-inline">
              <label htmlFor={`md-el-${p.period}`}>{t("monitoring_data.grid_element")}</label>
              <select id={`md-el-${p.period}`} name="element">
                {elements.map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.name}
                  </option>
                ))}
              </select>
              <button type="submit">{t("monitoring_data.grid_open")}</button>
            </Form>
            {loaderData.canApprove && p.status === "open" ? (
              <p>
                <Link to={`/staff/monitoring/data/${p.period}/approve`}>
                  {t("monitoring_data.approve_check", { period: p.period })}
                </Link>
              </p>
            ) : null}
            {loaderData.canApprove && p.status === "approved" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="period" value={p.period} />
                <input type="hidden" name="version" value={p.version} />
                <button type="submit" className="secondary" disabled={busy}>
                  {t("monitoring_data.reopen", { period: p.period })}
                </button>
              </Form>
            ) : null}
          </section>
        );
      })}

      <h2>{t("monitoring_data.new_period_title")}</h2>
      <Form method="get" action={`/staff/monitoring/data/${loaderData.thisYear}`} className="md-inline">
        <label htmlFor="md-new-el">{t("monitoring_data.grid_element")}</label>
        <select id="md-new-el" name="element">
          {elements.map((e) => (
            <option key={e.code} value={e.code}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("monitoring_data.grid_open_year", { period: loaderData.thisYear })}</button>
      </Form>

      <h2>{t("monitoring_data.lotse_title")}</h2>
      <p>{t("monitoring_data.lotse_text")}</p>
      <Form method="post" className="md-inline">
        <input type="hidden" name="intent" value="lotse" />
        <label htmlFor="md-lotse-period">{t("monitoring_data.lotse_period")}</label>
        <input
          id="md-lotse-period"
          name="period"
          defaultValue={loaderData.thisYear}
          inputMode="numeric"
          maxLength={4}
          dir="ltr"
        />
        <button type="submit" disabled={busy}>
          {t("monitoring_data.lotse_refresh")}
        </button>
      </Form>

      {loaderData.canDefine ? (
        <>
          <h2>{t("monitoring_data.plausibility_title")}</h2>
          <p>{t("monitoring_data.plausibility_text")}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="plausibility" />
            <input type="hidden" name="version" value={loaderData.plausibility.version} />
            <TextField
              name="jumpFactor"
              inputMode="decimal"
              label={t("monitoring_data.plausibility_factor")}
              hint={t("monitoring_data.plausibility_factor_hint", PLAUSIBILITY_LIMITS.jumpFactor)}
              defaultValue={String(loaderData.plausibility.jumpFactor).replace(".", ",")}
              errors={failed?.intent === "plausibility" ? failed.errors : undefined}
            />
            <TextField
              name="minBase"
              inputMode="numeric"
              label={t("monitoring_data.plausibility_min_base")}
              hint={t("monitoring_data.plausibility_min_base_hint")}
              defaultValue={String(loaderData.plausibility.minBase)}
              errors={failed?.intent === "plausibility" ? failed.errors : undefined}
            />
            <p>
              <button type="submit" className="secondary" disabled={busy}>
                {t("monitoring_data.plausibility_save")}
              </button>
            </p>
          </Form>

          <h2>{t("monitoring_data.templates_title")}</h2>
          <p>{t("monitoring_data.templates_text")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="templates" />
            <button type="submit" className="secondary" disabled={busy}>
              {t("monitoring_data.templates_install")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

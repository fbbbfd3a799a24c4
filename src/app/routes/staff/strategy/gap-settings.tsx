import { data, Form, Link, redirect } from "react-router";
import { gapSettingsInput } from "#app/modules/strategy/contracts.ts";
import { GAP_RULE_LIMITS, LIFE_DOMAINS } from "#app/modules/strategy/gaps.model.ts";
import { needSignalInput } from "#app/modules/strategy/signals.contracts.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { parseInput } from "#app/server/validation.ts";
import { CheckboxGroup, ErrorSummary, formString, TextField } from "../../../components/form/index.ts";
import { SignalSettings } from "../../../components/strategy-gaps/signal-settings.tsx";
import { type PageContext, pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/gap-settings";

export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const s = ctx.services.strategy;
  const [settings, signals, choices] = await Promise.all([
    s.gapSettings(principal, ctx.tenant.id, ctx.lang),
    s.needSignals(principal, ctx.tenant.id, ctx.lang),
    s.signalChoices(principal, ctx.lang),
  ]);
  return { settings, signals, choices };
}

/** Adds or removes a need signal (decision 079); the page stays, showing the list or the errors. */
async function signalAction(ctx: PageContext, form: FormData, intent: string) {
  const principal = requirePrincipal(ctx);
  const f = (k: string) => formString(form, k);
  const result = await formAction(ctx.t, async () => {
    if (intent === "remove_signal") {
      if (!isUuid(f("id"))) throw data(null, { status: 404 });
      return ctx.services.strategy.removeNeedSignal(principal, ctx.tenant.id, f("id"));
    }
    const [formId, question, answer] = f("surveyAnswer").split("|");
    const input =
      f("kind") === "monitoring"
        ? { kind: "monitoring", termId: f("termId"), label: f("label"), monitoringCode: f("monitoringCode") }
        : { kind: "survey", termId: f("termId"), label: f("label"), formId, question, answer };
    return ctx.services.strategy.addNeedSignal(principal, ctx.tenant.id, parseInput(needSignalInput, input));
  });
  if ("data" in result) return data({ ...result.data, signal: true as const }, result.init ?? undefined);
  return { ok: true as const, signal: true as const };
}

/** Decimal comma or point ("2,5" as German users type it). */
const decimal = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.trim().replace(",", ".")));

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "add_signal" || intent === "remove_signal") return signalAction(ctx, form, intent);
  const result = await formAction(ctx.t, () =>
    ctx.services.strategy.saveGapSettings(
      principal,
      ctx.tenant.id,
      parseInput(gapSettingsInput, {
        factor: decimal(formString(form, "factor")),
        minNeed: decimal(formString(form, "minNeed")),
        version: Number(formString(form, "version")),
        domainTerms: LIFE_DOMAINS.map((domain) => ({
          domain,
          termIds: form.getAll(`terms_${domain}`).filter((v): v is string => typeof v === "string"),
        })),
      }),
    ),
  );
  if ("data" in result) return result;
  return redirect("/staff/strategy/gaps");
}

/** The tenant's gap rule and which framework terms each life domain of case work counts for. */
export default function GapSettings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const s = loaderData.settings;
  const signal = actionData && "signal" in actionData;
  const errors = actionData && "errors" in actionData && !signal ? actionData.errors : undefined;
  const signalErrors = actionData && "errors" in actionData && signal ? actionData.errors : undefined;
  const options = s.terms.map((x) => ({ value: x.id, label: x.label }));
  return (
    <>
      <p>
        <Link to="/staff/strategy/gaps">{t("strategy.gaps_back")}</Link>
      </p>
      <h1>{t("strategy.gap_settings_title")}</h1>
      <p>{t("strategy.gap_settings_intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="version" value={s.version} />
        <TextField
          name="factor"
          inputMode="decimal"
          label={t("strategy.gap_factor")}
          hint={t("strategy.gap_factor_hint", GAP_RULE_LIMITS.factor)}
          defaultValue={String(s.factor).replace(".", ",")}
          errors={errors}
        />
        <TextField
          name="minNeed"
          type="number"
          min={GAP_RULE_LIMITS.minNeed.min}
          max={GAP_RULE_LIMITS.minNeed.max}
          label={t("strategy.gap_min_need")}
          hint={t("strategy.gap_min_need_hint")}
          defaultValue={s.minNeed}
          errors={errors}
        />
        {LIFE_DOMAINS.map((domain, i) => (
          <CheckboxGroup
            key={domain}
            name={`terms_${domain}`}
            errorPath={`domainTerms.${i}`}
            legend={t("strategy.gap_domain", { domain: t(`strategy.domain_${domain}`) })}
            options={options}
            defaultValue={s.domainTerms.find((d) => d.domain === domain)?.termIds ?? []}
            errors={errors}
          />
        ))}
        <p>
          <button type="submit">{t("strategy.gap_settings_save")}</button>
        </p>
      </Form>
      <SignalSettings
        signals={loaderData.signals}
        choices={loaderData.choices}
        terms={s.terms}
        errors={signalErrors}
      />
    </>
  );
}

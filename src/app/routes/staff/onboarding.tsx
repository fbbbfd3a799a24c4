import { Form, useNavigation } from "react-router";
import { applySeedTemplateInput } from "#app/modules/onboarding/contracts.ts";
import { CHECK_FIX, type CheckKey, SEED_TEMPLATES, type StepStatus } from "#app/modules/onboarding/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, RadioGroup } from "../../components/form/index.ts";
import { pageContext } from "../../context.ts";
import { useT } from "../../i18n.tsx";
import { type FormErrors, formAction, requirePrincipal } from "../../server/guard.server.ts";
import type { Route } from "./+types/onboarding";

/**
 * The onboarding wizard (issue 15 §11, decision 097): the seed template, the task list linking
 * to the import wizard and the other pages, what is still missing, and go-live. Plain forms:
 * it works without JavaScript.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  return ctx.services.onboarding.status(requirePrincipal(ctx));
}

type ActionResult =
  | { ok: true; intent: "template"; axes: number; terms: number; forms: number }
  | { ok: true; intent: "golive" }
  | { ok: false; intent: string; errors: FormErrors };

export async function action({ request, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  if (intent === "golive") {
    const result = await formAction(ctx.t, () => ctx.services.onboarding.goLive(principal, ctx.requestId));
    if ("data" in result) return result;
    return { ok: true, intent: "golive" } satisfies ActionResult;
  }
  const result = await formAction(ctx.t, () =>
    ctx.services.onboarding.applyTemplate(
      principal,
      parseInput(applySeedTemplateInput, { template: formString(form, "template") }),
      ctx.requestId,
    ),
  );
  if ("data" in result) return result;
  const { axes, terms, forms } = result.value;
  return { ok: true, intent: "template", axes, terms, forms } satisfies ActionResult;
}

const STATUS_CLASS: Record<StepStatus, string> = {
  not_started: "task-status",
  in_progress: "task-status task-status-progress",
  done: "task-status task-status-done",
  optional: "task-status",
};

export default function Onboarding({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const s = loaderData;
  const result = actionData as ActionResult | undefined;
  const failed = result && !result.ok ? result : undefined;
  // A refused go-live names each missing item and links to it in the list below.
  const refused =
    failed?.intent === "golive" && failed.errors.code === "conflict"
      ? Object.keys(failed.errors.fields)
          .filter((f) => f.startsWith("checks."))
          .map((f) => f.slice("checks.".length) as CheckKey)
      : [];
  const missing = s.checks.filter((c) => !c.ok);
  return (
    <>
      <h1>{t("onboarding.title", { tenant: s.tenant.name })}</h1>
      <p>{t("onboarding.intro")}</p>
      {refused.length ? (
        <ErrorSummary
          errors={undefined}
          title={t("onboarding.golive_refused")}
          items={refused.map((k) => ({ href: `#check-${k}`, text: t(`onboarding.check_${k}`) }))}
        />
      ) : failed ? (
        <ErrorSummary errors={failed.errors} />
      ) : null}
      {result?.ok && result.intent === "template" ? (
        <Notice kind="success">
          {t("onboarding.template_applied", { axes: result.axes, terms: result.terms, forms: result.forms })}
        </Notice>
      ) : null}
      {s.tenant.live ? (
        <Notice kind="success">{t("onboarding.live_notice")}</Notice>
      ) : (
        <Notice kind="warning">{t("onboarding.not_live_notice")}</Notice>
      )}

      <h2 id="steps">{t("onboarding.steps_title")}</h2>
      <ol className="task-list" aria-labelledby="steps">
        {s.steps.map((step) => (
          <li key={step.key} className="task-list-item">
            <div>
              <a href={step.href}>{t(`onboarding.step_${step.key}`)}</a>
              <p className="hint">{t(`onboarding.step_${step.key}_hint`)}</p>
            </div>
            <strong className={STATUS_CLASS[step.status]}>{t(`onboarding.status_${step.status}`)}</strong>
          </li>
        ))}
        <li className="task-list-item">
          <div>
            <a href="#golive">{t("onboarding.step_golive")}</a>
            <p className="hint">{t("onboarding.step_golive_hint")}</p>
          </div>
          <strong className={STATUS_CLASS[s.tenant.live ? "done" : "not_started"]}>
            {t(`onboarding.status_${s.tenant.live ? "done" : "not_started"}`)}
          </strong>
        </li>
      </ol>

      <section aria-labelledby="template">
        <h2 id="template" tabIndex={-1}>
          {t("onboarding.template_title")}
        </h2>
        <p>{t("onboarding.template_hint")}</p>
        {s.tenant.template ? (
          <p>{t("onboarding.template_current", { name: t(`onboarding.template_${s.tenant.template}`) })}</p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="template" />
          <RadioGroup
            name="template"
            legend={t("onboarding.template_legend")}
            defaultValue={s.tenant.template ?? undefined}
            options={SEED_TEMPLATES.map((k) => ({ value: k, label: t(`onboarding.template_${k}`) }))}
            errors={failed?.intent === "template" ? failed.errors : undefined}
          />
          <button type="submit" disabled={busy}>
            {t("onboarding.template_apply")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="checks">
        <h2 id="checks">{t("onboarding.checks_title")}</h2>
        {missing.length === 0 ? (
          <p>{t("onboarding.checks_none")}</p>
        ) : (
          <ul className="check-list">
            {missing.map((c) => {
              const fix = CHECK_FIX[c.key];
              return (
                <li key={c.key} id={`check-${c.key}`} tabIndex={-1}>
                  <strong>{t(`onboarding.check_${c.key}`)}</strong>{" "}
                  <span className="hint">
                    {c.required ? t("onboarding.check_required") : t("onboarding.check_optional")}
                  </span>
                  {c.items ? (
                    <ul>
                      {c.items.map((i) => (
                        <li key={i.href}>
                          <a href={i.href}>
                            <bdi>{i.name}</bdi>
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <p>
                    {fix ? <a href={fix}>{t(`onboarding.fix_${c.key}`)}</a> : t(`onboarding.fix_${c.key}`)}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="golive">
        <h2 id="golive">{t("onboarding.golive_title")}</h2>
        {s.tenant.live ? (
          <p>{t("onboarding.golive_done")}</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="golive" />
            <p>{s.ready ? t("onboarding.golive_ready") : t("onboarding.golive_not_ready")}</p>
            <button type="submit" disabled={busy}>
              {t("onboarding.golive_button")}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

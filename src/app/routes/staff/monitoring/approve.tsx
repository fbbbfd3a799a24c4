import { data, Form, Link, useNavigation } from "react-router";
import { approveInput } from "#app/modules/monitoring/contracts.ts";
import { findingHref } from "#app/modules/monitoring/model.ts";
import { parseInput } from "#app/server/validation.ts";
import { Checkbox, ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { breakdownLabel } from "../../../components/monitoring/breakdown-label.ts";
import { pageContext } from "../../../context.ts";
import { useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/approve";

/**
 * The confirmation step of an approval (decision 133): the period's implausible values, each
 * linked to its grid cell, and the approval itself — with findings only when the approver ticks
 * that they checked exactly these.
 */

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: loaderData ? `${loaderData.title} · Lotse` : "Lotse" }];
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const s = ctx.services.monitoringData;
  const r = await formAction(ctx.t, async () => {
    const [check, periods] = await Promise.all([
      s.plausibility(principal, ctx.tenant.id, params.period),
      s.listPeriods(principal, ctx.tenant.id),
    ]);
    return { check, period: periods.find((p) => p.period === params.period)! };
  });
  if ("data" in r) throw data(null, { status: 404 });
  const { check, period } = r.value;
  const label = (f: (typeof check.findings)[number]) => (f.labelKey ? ctx.t(f.labelKey) : f.name);
  return {
    title: ctx.t("monitoring_data.approve_title", { period: params.period }),
    check,
    period,
    findings: check.findings.map((f) => ({
      ...f,
      label: label(f),
      breakdownLabel: f.kind === "element" ? breakdownLabel(ctx.t, f.breakdown) : "",
      href: findingHref(f),
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const confirm = formString(form, "confirmFindings");
  const r = await formAction(ctx.t, () => {
    const input = parseInput(approveInput, {
      version: Number(formString(form, "version")),
      note: formString(form, "note"),
      confirmFindings: confirm === "" ? undefined : Number(confirm),
    });
    return ctx.services.monitoringData.approve(
      principal,
      ctx.tenant.id,
      params.period,
      input.version,
      input.note,
      input.confirmFindings,
    );
  });
  if ("data" in r) {
    const d = r.data as {
      ok: false;
      errors: { title: string; fields: Record<string, string>; code: string };
    };
    // Unconfirmed (or changed) findings: the message belongs to the confirmation box.
    if (d.errors.code === "monitoring_implausible_values") d.errors.fields.confirmFindings = d.errors.title;
    return data(d, r.init ?? undefined);
  }
  return {
    ok: true as const,
    message: ctx.t("monitoring_data.approved", { period: params.period, release: r.value.releaseNumber }),
  };
}

export default function Approve({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const { check, period, findings } = loaderData;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const done = actionData && "message" in actionData ? actionData.message : null;
  return (
    <>
      <p>
        <Link to="/staff/monitoring/data">{t("monitoring_data.back")}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {done ? <Notice kind="success">{done}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p>
        {t("monitoring_data.value_count", { count: period.valueCount })} ·{" "}
        {t("monitoring_data.plausibility_rule", check.rule)}
      </p>
      {check.total === 0 ? (
        <Notice>{t("monitoring_data.plausibility_none")}</Notice>
      ) : (
        <>
          <Notice kind="warning">{t("monitoring_data.plausibility_found", { count: check.total })}</Notice>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
          <section className="table-scroll" aria-labelledby="md-findings" tabIndex={0}>
            <table>
              <caption id="md-findings">
                {t("monitoring_data.plausibility_caption", { period: check.period })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("monitoring_data.finding_what")}</th>
                  <th scope="col">{t("monitoring_data.grid_area")}</th>
                  <th scope="col">{t("monitoring_data.finding_breakdown")}</th>
                  <th scope="col">{t("monitoring_data.finding_value")}</th>
                  <th scope="col">{t("monitoring_data.finding_reason")}</th>
                  <th scope="col">{t("monitoring_data.finding_correct")}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={`${f.reason}|${f.code}|${f.area.id}|${f.breakdown}`}>
                    <th scope="row">{f.label}</th>
                    <td>
                      <bdi>{f.area.name}</bdi>
                    </td>
                    <td>{f.breakdownLabel}</td>
                    <td>{t("monitoring_data.finding_number", { value: f.value })}</td>
                    <td>
                      {t(`monitoring_data.finding_${f.reason}`, {
                        compared: f.compared ?? 0,
                        previous: String(Number(f.period) - 1),
                        factor: check.rule.jumpFactor,
                      })}
                    </td>
                    <td>
                      {f.href ? (
                        <Link to={f.href}>
                          {t("monitoring_data.finding_link", { area: f.area.name, what: f.label })}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {check.total > findings.length ? (
            <p>{t("monitoring_data.plausibility_more", { count: check.total - findings.length })}</p>
          ) : null}
        </>
      )}
      {period.status === "approved" && !done ? (
        <Notice>{t("monitoring_data.status_approved", { release: period.releaseNumber ?? 0 })}</Notice>
      ) : null}
      {period.status === "open" ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="version" value={check.periodVersion} />
          <TextField
            name="note"
            maxLength={500}
            label={t("monitoring_data.approve_note", { period: check.period })}
            errors={errors}
          />
          {check.total > 0 ? (
            <Checkbox
              name="confirmFindings"
              value={String(check.total)}
              label={t("monitoring_data.plausibility_confirm", { count: check.total })}
              errors={errors}
            />
          ) : null}
          <p>
            <button type="submit" disabled={busy}>
              {t("monitoring_data.approve", { period: check.period })}
            </button>
          </p>
        </Form>
      ) : null}
    </>
  );
}

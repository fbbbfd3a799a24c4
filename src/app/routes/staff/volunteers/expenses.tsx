import { data, Form, Link } from "react-router";
import { GERMAN_STATES } from "#app/modules/directory/types.ts";
import { formatMoney, moneyInput } from "#app/modules/funding/model.ts";
import {
  claimInput,
  decideClaimInput,
  poolSettingsInput,
} from "#app/modules/volunteers/expense-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, Select, TextField } from "../../../components/form/index.ts";
import { ClaimForm, claimFromForm } from "../../../components/volunteers-claims/claim-form.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/expenses";

const hours = (minutes: number) => (minutes / 60).toFixed(1);

/**
 * Expenses and hours (issue 17, What must work 5; decision 068): the year per volunteer against
 * the tax-free allowance, the claims to decide, a new claim, the treasury's CSV, the settings.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const now = ctx.services.core.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(now.slice(0, 4));
  const v = ctx.services.volunteers;
  const [summary, claims, settings, pool] = await Promise.all([
    v.yearSummary(principal, year),
    v.listClaims(principal, year),
    v.getSettings(principal),
    v.list(principal),
  ]);
  return {
    year,
    month: now.slice(0, 7),
    summary,
    claims,
    settings,
    volunteers: pool.filter((x) => x.status === "active").map((x) => ({ id: x.id, name: x.name })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const v = ctx.services.volunteers;
  const opts = { requestId: ctx.requestId };
  const r = await formAction(ctx.t, async () => {
    if (intent === "settings")
      return v.updateSettings(
        principal,
        parseInput(poolSettingsInput, {
          version: Number(formString(form, "version")),
          holidayState: formString(form, "holidayState"),
          allowanceCents: formString(form, "allowance"),
          hourlyRateCents: formString(form, "hourlyRate"),
          kmRateCents: formString(form, "kmRate"),
        }),
        opts,
      );
    if (intent === "decide")
      return v.decideClaim(
        principal,
        formString(form, "id"),
        parseInput(decideClaimInput, {
          version: Number(formString(form, "version")),
          decision: formString(form, "decision"),
          reason: formString(form, "reason"),
        }),
        opts,
      );
    return v.submitClaim(principal, parseInput(claimInput, claimFromForm(form)), opts);
  });
  if ("data" in r) return data(r.data, r.init ?? undefined);
  return { ok: true as const, errors: undefined };
}

export default function Expenses({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { summary, claims, settings, year } = loaderData;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const money = (cents: number) => formatMoney(cents, lang);
  return (
    <>
      <p>
        <Link to="/staff/volunteers">{t("volunteers.back")}</Link>
      </p>
      <h1>{t("volunteers.expenses_title", { year })}</h1>
      <p>{t("volunteers.expenses_intro", { allowance: money(summary.allowanceCents) })}</p>
      {actionData?.ok ? <Notice kind="success">{t("volunteers.saved")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <ul className="inline-list">
        <li>
          <Link to={`/staff/volunteers/expenses?year=${year - 1}`}>
            {t("volunteers.year_before", { year: year - 1 })}
          </Link>
        </li>
        <li>
          <a href={`/api/v1/volunteer-claims/export.csv?year=${year}`} download>
            {t("volunteers.expenses_csv", { year })}
          </a>
        </li>
      </ul>
      <div className="table-wrap">
        <table>
          <caption>{t("volunteers.expenses_summary_caption", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("volunteers.name")}</th>
              <th scope="col">{t("volunteers.expenses_flat_rate")}</th>
              <th scope="col">{t("volunteers.expenses_remaining")}</th>
              <th scope="col">{t("volunteers.expenses_receipts")}</th>
              <th scope="col">{t("volunteers.expenses_assignment_hours")}</th>
              <th scope="col">{t("volunteers.expenses_tandem_hours")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.volunteers.map((l) => (
              <tr key={l.volunteerId ?? l.volunteerName}>
                <th scope="row">{l.volunteerName}</th>
                <td>{money(l.flatRateCents)}</td>
                <td>
                  {money(l.remainingCents)}
                  {l.overAllowance ? <strong> {t("volunteers.expenses_over")}</strong> : null}
                </td>
                <td>{money(l.receiptsCents)}</td>
                <td>{hours(l.assignmentMinutes)}</td>
                <td>{hours(l.tandemMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.volunteers.length === 0 ? <p>{t("volunteers.expenses_none")}</p> : null}

      <section aria-labelledby="claims">
        <h2 id="claims">{t("volunteers.claims_title")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("volunteers.claims_caption", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("volunteers.name")}</th>
                <th scope="col">{t("volunteers.claim_period")}</th>
                <th scope="col">{t("volunteers.claim_kind")}</th>
                <th scope="col">{t("volunteers.claim_amount")}</th>
                <th scope="col">{t("volunteers.state")}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.volunteerName}</th>
                  <td>{c.period}</td>
                  <td>{t(`volunteers.claim_kind_${c.kind}`)}</td>
                  <td>{money(c.amountCents)}</td>
                  <td>
                    {c.state === "submitted" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="id" value={c.id} />
                        <input type="hidden" name="version" value={c.version} />
                        <label>
                          {t("volunteers.claim_reason")} <input name="reason" />
                        </label>{" "}
                        <button
                          type="submit"
                          name="decision"
                          value="approve"
                          aria-label={t("volunteers.claim_approve_for", {
                            name: c.volunteerName,
                            period: c.period,
                          })}
                        >
                          {t("volunteers.claim_approve")}
                        </button>{" "}
                        <button
                          type="submit"
                          name="decision"
                          value="refuse"
                          aria-label={t("volunteers.claim_refuse_for", {
                            name: c.volunteerName,
                            period: c.period,
                          })}
                        >
                          {t("volunteers.claim_refuse")}
                        </button>
                      </Form>
                    ) : (
                      t(`volunteers.claim_state_${c.state}`, { reason: c.refusalReason ?? "" })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="new-claim">
        <h2 id="new-claim">{t("volunteers.claim_new")}</h2>
        <ClaimForm month={loaderData.month} errors={errors} volunteers={loaderData.volunteers} />
      </section>

      <section aria-labelledby="settings">
        <h2 id="settings">{t("volunteers.settings_title")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <input type="hidden" name="version" value={settings.version} />
          <Select
            name="holidayState"
            label={t("volunteers.settings_holiday_state")}
            options={GERMAN_STATES.map((s) => ({ value: s, label: s }))}
            defaultValue={settings.holidayState}
            errors={errors}
          />
          <TextField
            name="allowance"
            label={t("volunteers.settings_allowance")}
            hint={t("volunteers.settings_allowance_hint")}
            errorPath="allowanceCents"
            defaultValue={moneyInput(settings.allowanceCents)}
            required
            errors={errors}
          />
          <TextField
            name="hourlyRate"
            label={t("volunteers.settings_hourly_rate")}
            errorPath="hourlyRateCents"
            defaultValue={moneyInput(settings.hourlyRateCents)}
            required
            errors={errors}
          />
          <TextField
            name="kmRate"
            label={t("volunteers.settings_km_rate")}
            errorPath="kmRateCents"
            defaultValue={moneyInput(settings.kmRateCents)}
            required
            errors={errors}
          />
          <p>
            <button type="submit">{t("volunteers.settings_save")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}

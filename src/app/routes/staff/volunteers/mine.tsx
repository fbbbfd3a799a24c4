import { data, Form, Link } from "react-router";
import { formatMoney } from "#app/modules/funding/model.ts";
import { requestEventInput } from "#app/modules/volunteers/contracts.ts";
import { claimInput } from "#app/modules/volunteers/expense-contracts.ts";
import { logHoursInput } from "#app/modules/volunteers/tandem-contracts.ts";
import { parseInput } from "#app/server/validation.ts";
import {
  DateField,
  ErrorSummary,
  formString,
  Notice,
  Select,
  TextField,
} from "../../../components/form/index.ts";
import { clock, languageNames } from "../../../components/volunteers.ts";
import { ClaimForm, claimFromForm } from "../../../components/volunteers-claims/claim-form.tsx";
import { StatementTable } from "../../../components/volunteers-statements.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/mine";

const hours = (minutes: number) => (minutes / 60).toFixed(1);
const INTENTS = ["accept", "decline", "hours", "claim"] as const;

/**
 * The volunteer's own page (issue 17, role `volunteer`; decision 076): offers to answer, their
 * assignments, hours in their tandems, expense claims and the year against the allowance.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const today = ctx.services.core.clock.now().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
  const [mine, statements, rules] = await Promise.all([
    ctx.services.volunteers.myYear(principal, Number(today.slice(0, 4))),
    ctx.services.volunteers.myStatements(principal),
    ctx.services.volunteers.myRules(principal),
  ]);
  return {
    today,
    mine,
    // The current rules when this volunteer has not acknowledged them yet (decision 110), and
    // whether they already block new offers (decision 125).
    rulesPending: rules.current && !rules.acknowledgedAt ? rules.current.seq : null,
    rulesBlocked: rules.blocked,
    statements,
    languageNames: languageNames(
      mine
        ? [
            ...mine.assignments.map((a) => a.language),
            ...mine.tandems.flatMap((x) => [...x.offers, ...x.wants]),
          ]
        : [],
      ctx.lang,
    ),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const asked = formString(form, "intent");
  const intent = (INTENTS as readonly string[]).includes(asked)
    ? (asked as (typeof INTENTS)[number])
    : "claim";
  const v = ctx.services.volunteers;
  const opts = { requestId: ctx.requestId };
  const r = await formAction(ctx.t, async () => {
    if (intent === "accept" || intent === "decline")
      return v.applyEvent(
        principal,
        formString(form, "id"),
        parseInput(requestEventInput, { type: intent, version: Number(formString(form, "version")) }),
        opts,
      );
    if (intent === "hours")
      return v.logHours(
        principal,
        formString(form, "tandemId"),
        parseInput(logHoursInput, { date: formString(form, "date"), minutes: formString(form, "minutes") }),
        opts,
      );
    return v.submitClaim(
      principal,
      parseInput(claimInput, { ...claimFromForm(form), volunteerId: undefined }),
      opts,
    );
  });
  if ("data" in r) return data({ ...r.data, intent }, r.init ?? undefined);
  return { ok: true as const, intent, errors: undefined };
}

export default function Mine({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { mine, today } = loaderData;
  const money = (cents: number) => formatMoney(cents, lang);
  const errorsFor = (i: string) =>
    actionData && !actionData.ok && actionData.intent === i ? actionData.errors : undefined;
  const language = (c: string) => loaderData.languageNames[c] ?? c;
  if (!mine)
    return (
      <>
        <h1>{t("volunteers.mine_title")}</h1>
        <p>{t("volunteers.mine_no_profile")}</p>
      </>
    );
  const running = mine.tandems.filter((x) => x.state === "active");
  const respond = errorsFor("accept") ?? errorsFor("decline");
  return (
    <>
      <h1>{t("volunteers.mine_title")}</h1>
      <p>{t("volunteers.mine_intro", { name: mine.volunteer.name })}</p>
      {actionData?.ok ? <Notice kind="success">{t("volunteers.saved")}</Notice> : null}
      {loaderData.rulesPending !== null ? (
        <Notice kind="warning">
          {t("volunteers.my_rules_pending", { seq: loaderData.rulesPending })}{" "}
          {loaderData.rulesBlocked ? `${t("volunteers.my_rules_blocked_short")} ` : null}
          <Link to="/staff/volunteers/me/rules">{t("volunteers.my_rules_open")}</Link>
        </Notice>
      ) : null}

      <section aria-labelledby="year">
        <h2 id="year">{t("volunteers.mine_year", { year: mine.year })}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("volunteers.mine_year_caption", { year: mine.year })}</caption>
            <tbody>
              {(
                [
                  ["mine_allowance", money(mine.allowanceCents)],
                  ["mine_approved", money(mine.approvedCents)],
                  ["mine_pending", money(mine.pendingCents)],
                  ["expenses_remaining", money(Math.max(0, mine.remainingCents))],
                  ["expenses_receipts", money(mine.receiptsCents)],
                  ["expenses_assignment_hours", hours(mine.assignmentMinutes)],
                  ["expenses_tandem_hours", hours(mine.tandemMinutes)],
                ] as const
              ).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{t(`volunteers.${key}`)}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="assignments">
        <h2 id="assignments">{t("volunteers.mine_assignments")}</h2>
        <ErrorSummary errors={respond} />
        {mine.assignments.length === 0 ? (
          <p>{t("volunteers.mine_assignments_none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("volunteers.mine_assignments")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("volunteers.date")}</th>
                  <th scope="col">{t("volunteers.language")}</th>
                  <th scope="col">{t("volunteers.institution")}</th>
                  <th scope="col">{t("volunteers.mode")}</th>
                  <th scope="col">{t("volunteers.state")}</th>
                </tr>
              </thead>
              <tbody>
                {mine.assignments.map((a) => {
                  const when = `${a.date} ${clock(a.startMinute)}`;
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        {when} ({a.durationMinutes} min)
                      </th>
                      <td>{language(a.language)}</td>
                      <td>{a.institutionName}</td>
                      <td>{t(`volunteers.mode_${a.mode}`)}</td>
                      <td>
                        {t(`volunteers.state_${a.state}`)}
                        {a.state === "offered" ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="id" value={a.id} />
                            <input type="hidden" name="version" value={a.version} />{" "}
                            <button
                              type="submit"
                              name="intent"
                              value="accept"
                              aria-label={t("volunteers.mine_accept_for", { when })}
                            >
                              {t("volunteers.mine_accept")}
                            </button>{" "}
                            <button
                              type="submit"
                              name="intent"
                              value="decline"
                              aria-label={t("volunteers.mine_decline_for", { when })}
                            >
                              {t("volunteers.mine_decline")}
                            </button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="tandems">
        <h2 id="tandems">{t("volunteers.mine_tandems")}</h2>
        {mine.tandems.length === 0 ? <p>{t("volunteers.tandems_none")}</p> : null}
        <ul>
          {mine.tandems.map((x) => (
            <li key={x.id}>
              {x.newcomerName ?? t("volunteers.tandem_newcomer")}: {t("volunteers.tandem_wants")}{" "}
              {x.wants.map(language).join(", ")};{" "}
              {x.state === "active"
                ? t("volunteers.tandem_state_active", { since: x.startedOn ?? "" })
                : t(`volunteers.tandem_state_${x.state}`, { until: x.endedOn ?? "" })}
            </li>
          ))}
        </ul>
        {running.length ? (
          <Form method="post" className="stack" noValidate>
            <h3>{t("volunteers.hours_log")}</h3>
            <input type="hidden" name="intent" value="hours" />
            <ErrorSummary errors={errorsFor("hours")} />
            <Select
              name="tandemId"
              label={t("volunteers.mine_tandem")}
              options={running.map((x) => ({
                value: x.id,
                label: `${x.newcomerName ?? t("volunteers.tandem_newcomer")} (${x.wants.map(language).join(", ")})`,
              }))}
              errors={errorsFor("hours")}
            />
            <DateField
              name="date"
              label={t("volunteers.date")}
              defaultValue={today}
              required
              errors={errorsFor("hours")}
            />
            <TextField
              name="minutes"
              type="number"
              label={t("volunteers.minutes")}
              required
              errors={errorsFor("hours")}
            />
            <p>
              <button type="submit">{t("volunteers.hours_log_button")}</button>
            </p>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">{t("volunteers.claims_title")}</h2>
        {mine.claims.length === 0 ? (
          <p>{t("volunteers.mine_claims_none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("volunteers.claims_caption", { year: mine.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("volunteers.claim_period")}</th>
                  <th scope="col">{t("volunteers.claim_kind")}</th>
                  <th scope="col">{t("volunteers.claim_amount")}</th>
                  <th scope="col">{t("volunteers.state")}</th>
                </tr>
              </thead>
              <tbody>
                {mine.claims.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.period}</th>
                    <td>{t(`volunteers.claim_kind_${c.kind}`)}</td>
                    <td>{money(c.amountCents)}</td>
                    <td>{t(`volunteers.claim_state_${c.state}`, { reason: c.refusalReason ?? "" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("volunteers.claim_new")}</h3>
        <p>{t("volunteers.mine_claim_hint", { remaining: money(Math.max(0, mine.remainingCents)) })}</p>
        <ErrorSummary errors={errorsFor("claim")} />
        <ClaimForm month={today.slice(0, 7)} errors={errorsFor("claim")} />
      </section>
      <section aria-labelledby="statements">
        <h2 id="statements">{t("volunteers.statements_mine")}</h2>
        {loaderData.statements.length === 0 ? (
          <p>{t("volunteers.statements_mine_none")}</p>
        ) : (
          <div className="table-wrap">
            <StatementTable
              statements={loaderData.statements}
              money={(c) => formatMoney(c, lang)}
              t={t}
              caption={t("volunteers.statements_mine")}
            />
          </div>
        )}
      </section>
    </>
  );
}

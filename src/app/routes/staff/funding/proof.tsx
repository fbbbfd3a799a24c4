import { data, Form, Link } from "react-router";
import { formatMoney } from "#app/modules/funding/model.ts";
import { bookRepaymentInput, examineProofInput } from "#app/modules/funding/proof-contracts.ts";
import { PROOF_OUTCOMES } from "#app/modules/funding/proof-model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { can } from "#app/server/policy/policy.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, RadioGroup, TextField } from "../../../components/form/index.ts";
import { RepaymentSection } from "../../../components/funding-repayment.tsx";
import { ReportAnswers } from "../../../components/funding-report.tsx";
import { SettlementTable } from "../../../components/funding-settlement.tsx";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePage, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/proof";

/** The proof of use of a grant: report, numbers against the plan, receipts; the examination (decision 070). */
export async function loader({ context, params }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const r = await ctx.services.funding.proofs.get(principal, params.id, ctx.requestId).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw data(null, { status: 404 });
    throw e;
  });
  // The call's report questionnaire's answers (decision 131): part of the proof's audited read.
  const report = r.proof.reportFormId
    ? await ctx.services.funding.proofReports.answers(principal, params.id, ctx.lang)
    : null;
  return {
    ...r,
    report,
    mayExamine: can(principal, "funding.proofs"),
    mayBook: can(principal, "funding.payments"),
    today: ctx.services.core.clock.now().toISOString().slice(0, 10),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  if (!isUuid(params.id)) throw data(null, { status: 404 });
  const form = await request.formData();
  const intent = formString(form, "intent") === "repayment" ? "repayment" : "examine";
  const version = Number(formString(form, "version")) || 0;
  // Booking a repayment received is a payments step (decision 119), examining is the proof's.
  const principal = requirePage(ctx, intent === "repayment" ? "funding.payments" : "funding.proofs");
  const r = await formAction(
    ctx.t,
    (): Promise<unknown> =>
      intent === "repayment"
        ? ctx.services.funding.repayments.book(
            principal,
            params.id,
            parseInput(bookRepaymentInput, {
              version,
              amount: formString(form, "amount"),
              receivedDate: formString(form, "receivedDate"),
              reference: formString(form, "reference"),
            }),
            ctx.requestId,
          )
        : ctx.services.funding.proofs.examine(
            principal,
            params.id,
            parseInput(examineProofInput, {
              version,
              outcome: formString(form, "outcome"),
              message: formString(form, "message"),
            }),
            ctx.requestId,
          ),
  );
  if ("data" in r) return data({ ...r.data, intent }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, intent };
}

export default function FundingProofStaff({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const m = (c: number) => formatMoney(c, lang);
  const { proof: p, mayExamine, mayBook, today } = loaderData;
  const errorsOf = (intent: string) =>
    actionData && !actionData.ok && actionData.intent === intent ? actionData.errors : undefined;
  const errors = errorsOf("examine");
  return (
    <>
      <p>
        <Link to={`/staff/funding/applications/${params.id}`}>{t("funding.back_application")}</Link>
      </p>
      <h1>{t("funding.proof_title")}</h1>
      <p>
        <strong>{loaderData.title}</strong> – {loaderData.organizationName} –{" "}
        {t("funding.proof_granted", { amount: m(loaderData.grantedCents) })}
      </p>
      {actionData?.ok ? <Notice kind="success">{t("funding.saved")}</Notice> : null}
      <p>{p.status ? t(`funding.proof_status_${p.status}`) : t("funding.proof_none", { due: p.dueDate })}</p>
      {p.status ? (
        <>
          {p.reportFormId ? (
            <ReportAnswers report={loaderData.report} />
          ) : (
            <>
              <h2>{t("funding.proof_report")}</h2>
              <p className="prewrap">{p.report}</p>
            </>
          )}
          <p>{t("funding.proof_participants_n", { count: p.participants })}</p>
          <h2>{t("funding.proof_costs")}</h2>
          <SettlementTable settlement={p.settlement} deviationBp={p.deviationBp} />
          {p.lines.some((l) => l.reason) ? (
            <ul>
              {p.lines
                .filter((l) => l.reason)
                .map((l) => (
                  <li key={l.type}>
                    {t(`funding.cost_${l.type}`)}: {l.reason}
                  </li>
                ))}
            </ul>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption>{t("funding.proof_receipts")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("funding.proof_receipt_date")}</th>
                  <th scope="col">{t("funding.proof_receipt_payee")}</th>
                  <th scope="col">{t("funding.col_cost_type")}</th>
                  <th scope="col" className="num">
                    {t("funding.proof_receipt_amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.receipts.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: receipts have no id; the list is the applicant's order.
                  <tr key={i}>
                    <td>{r.date}</td>
                    <td>{r.payee}</td>
                    <td>{t(`funding.cost_${r.type}`)}</td>
                    <td className="num">{m(r.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {p.message ? (
        <>
          <h2>{t("funding.proof_message")}</h2>
          <p className="prewrap">{p.message}</p>
        </>
      ) : null}
      {p.repayment ? (
        <RepaymentSection
          repayment={p.repayment}
          version={p.version}
          mayBook={mayBook}
          today={today}
          errors={errorsOf("repayment")}
        />
      ) : null}
      {mayExamine && p.status === "submitted" ? (
        <section aria-labelledby="examine">
          <h2 id="examine">{t("funding.proof_examine")}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="version" value={p.version} />
            <RadioGroup
              name="outcome"
              legend={t("funding.outcome")}
              options={PROOF_OUTCOMES.map((o) => ({
                value: o,
                label: t(`funding.proof_outcome_${o}`, { amount: m(p.settlement.repaymentCents) }),
              }))}
              errors={errors}
            />
            <TextField
              name="message"
              label={t("funding.proof_message")}
              hint={t("funding.proof_message_hint")}
              multiline
              rows={4}
              errors={errors}
            />
            <button type="submit">{t("funding.proof_examine_submit")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

import { data, Form, Link } from "react-router";
import { payInput, paymentStepInput, returnPaymentInput } from "#app/modules/funding/contracts.ts";
import { formatMoney } from "#app/modules/funding/model.ts";
import { isUuid } from "#app/server/db/ids.ts";
import { AppError } from "#app/server/errors.ts";
import { parseInput } from "#app/server/validation.ts";
import { ErrorSummary, formString, Notice, TextField } from "../../../components/form/index.ts";
import { pageContext } from "../../../context.ts";
import { useLang, useT } from "../../../i18n.tsx";
import { formAction, requirePrincipal } from "../../../server/guard.server.ts";
import type { Route } from "./+types/payment-orders";

/**
 * The finance queue (Kämmerei/Stadtkasse, decisions 078, 086): instalments staff approved wait
 * for the payment order — signed by a second person, never the approver — or go back with a
 * change request; ordered ones are booked paid with the treasury's reference. The exports
 * (XLSX of open orders, one order as PDF) are linked here.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const queue = await ctx.services.funding.payments.queue(principal);
  return { queue, userId: principal.userId, today: new Date().toISOString().slice(0, 10) };
}

const INTENTS = ["order", "return", "pay"] as const;

export async function action({ context, request }: Route.ActionArgs) {
  const ctx = context.get(pageContext);
  const principal = requirePrincipal(ctx);
  const form = await request.formData();
  const intent = INTENTS.find((i) => i === formString(form, "intent"));
  const paymentId = formString(form, "paymentId");
  const r = await formAction(ctx.t, async () => {
    if (!intent || !isUuid(paymentId)) throw AppError.notFound();
    const version = Number(formString(form, "version")) || 0;
    const f = ctx.services.funding.payments;
    if (intent === "order")
      return f.order(principal, paymentId, parseInput(paymentStepInput, { version }), ctx.requestId);
    if (intent === "return")
      return f.returnByFinance(
        principal,
        paymentId,
        parseInput(returnPaymentInput, { version, note: formString(form, "note") }),
        ctx.requestId,
      );
    const input = parseInput(payInput, {
      version,
      paidDate: formString(form, "paidDate"),
      bookingReference: formString(form, "bookingReference"),
    });
    return f.pay(principal, paymentId, input, ctx.requestId);
  });
  if ("data" in r) return data({ ...r.data, intent, paymentId }, r.init ?? undefined);
  return { ok: true as const, errors: undefined, intent, paymentId };
}

type Row = Route.ComponentProps["loaderData"]["queue"][number];

export default function FundingPaymentOrders({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useLang();
  const { queue, userId, today } = loaderData;
  const errorsFor = (id: string) =>
    actionData && !actionData.ok && actionData.paymentId === id ? actionData.errors : undefined;
  const toOrder = queue.filter((p) => p.status === "approved");
  const toBook = queue.filter((p) => p.status === "ordered");
  const heading = (p: Row) =>
    t("funding.orders_item", {
      organization: p.organizationName,
      title: p.title,
      amount: formatMoney(p.amountCents, lang),
      due: p.dueDate,
    });
  const hidden = (p: Row, intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="paymentId" value={p.id} />
      <input type="hidden" name="version" value={p.version} />
    </>
  );
  return (
    <>
      <h1>{t("funding.orders_title")}</h1>
      <p>{t("funding.orders_intro")}</p>
      {actionData?.ok ? (
        <Notice kind="success">{t(`funding.orders_done_${actionData.intent}`)}</Notice>
      ) : null}
      <p>
        <a href="/api/v1/funding/payment-orders.xlsx" download>
          {t("funding.orders_xlsx")}
        </a>
      </p>
      <section aria-labelledby="to-order">
        <h2 id="to-order">{t("funding.orders_to_order", { count: toOrder.length })}</h2>
        {toOrder.length === 0 ? <p>{t("funding.orders_none")}</p> : null}
        <ul className="stack">
          {toOrder.map((p) => (
            <li key={p.id}>
              <h3>{heading(p)}</h3>
              <ErrorSummary errors={errorsFor(p.id)} />
              {p.approvedBy === userId ? (
                <p>{t("funding.orders_own_approval")}</p>
              ) : (
                <Form method="post">
                  {hidden(p, "order")}
                  <button type="submit">{t("funding.orders_sign")}</button>
                </Form>
              )}
              <Form method="post" className="stack" noValidate>
                {hidden(p, "return")}
                <TextField
                  id={`note-${p.id}`}
                  name="note"
                  label={t("funding.payments_return_note")}
                  errors={errorsFor(p.id)}
                />
                <button type="submit">{t("funding.payments_return")}</button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="to-book">
        <h2 id="to-book">{t("funding.orders_to_book", { count: toBook.length })}</h2>
        {toBook.length === 0 ? <p>{t("funding.orders_none")}</p> : null}
        <ul className="stack">
          {toBook.map((p) => (
            <li key={p.id}>
              <h3>{heading(p)}</h3>
              <p>
                <a href={`/api/v1/funding/payments/${p.id}/order.pdf`} download>
                  {t("funding.orders_pdf")}
                </a>
              </p>
              <ErrorSummary errors={errorsFor(p.id)} />
              <Form method="post" className="stack" noValidate>
                {hidden(p, "pay")}
                <TextField
                  id={`paidDate-${p.id}`}
                  name="paidDate"
                  type="date"
                  label={t("funding.payments_paid_date")}
                  defaultValue={today}
                  errors={errorsFor(p.id)}
                />
                <TextField
                  id={`bookingReference-${p.id}`}
                  name="bookingReference"
                  label={t("funding.payments_reference")}
                  errors={errorsFor(p.id)}
                  dir="ltr"
                />
                <button type="submit">{t("funding.payments_book")}</button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <Link to="/staff">{t("funding.orders_back")}</Link>
      </p>
    </>
  );
}

import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  problemResponses,
  publicContext,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import {
  addPaymentInput,
  idParams,
  payInput,
  paymentOrderView,
  paymentStepInput,
  paymentsView,
  paymentView,
  requestFundsInput,
  returnPaymentInput,
  tokenParams,
} from "./contracts.ts";

const tags = ["funding"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const Payments = named(paymentsView, "FundingPayments");

/** Instalments of a grant, the two-step approval, the applicant's call of funds, the treasury's exports. */
export function registerFundingPaymentsApi(api: ApiRouter) {
  registerFlow(api);
  registerLink(api);
  registerExports(api);
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/payments",
      permission: "funding.read",
      tags,
      summary: "Instalments of a grant: granted, planned, paid, left (integer cents)",
      request: { params: idParams },
      responses: { 200: ok(Payments), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.payments.list(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/payments",
      permission: "funding.payments",
      tags,
      summary:
        "Staff plan an instalment (approved by them); the instalments never exceed the granted amount (422 with the figures)",
      request: { params: idParams, body: jsonBody(named(addPaymentInput, "FundingPaymentCreate")) },
      responses: { 201: ok(Payments, "Planned"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.payments.add(principal, id, c.req.valid("json"), requestId), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/payments/{id}/paid",
      permission: "funding.finance",
      tags,
      summary:
        "Finance books an ordered instalment paid with the booking reference; once only (409 for a second attempt)",
      request: { params: idParams, body: jsonBody(named(payInput, "FundingPaymentPaid")) },
      responses: { 200: ok(Payment), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.payments.pay(principal, id, c.req.valid("json"), requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/calls/{id}/payments.csv",
      permission: "funding.payments",
      tags,
      summary: "The payment list of a call for the treasury (CSV, semicolons, German amounts)",
      request: { params: idParams },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      const csv = await services.funding.payments.csv(principal, id);
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="auszahlungen-${id.slice(-8)}.csv"`,
        "cache-control": "private, no-store",
      });
    },
  );
}

const Payment = named(paymentView, "FundingPayment");

/** The two steps after the call: staff approve, finance orders (never the approver); either sends back. */
function registerFlow(api: ApiRouter) {
  const steps = [
    ["approve", "funding.payments", "Staff approve an applicant's call of funds (sachlich richtig)"],
    ["order", "funding.finance", "Finance signs the payment order; never the person who approved (409)"],
  ] as const;
  for (const [name, permission, summary] of steps) {
    api.openapi(
      defineRoute({
        method: "post",
        path: `/funding/payments/{id}/${name}`,
        permission,
        tags,
        summary,
        request: { params: idParams, body: jsonBody(named(paymentStepInput, "FundingPaymentStep")) },
        responses: { 200: ok(Payment), ...problemResponses },
      }),
      async (c) => {
        const { services, principal, requestId } = operationContext(c);
        const { id } = c.req.valid("param");
        return c.json(
          await services.funding.payments[name](principal, id, c.req.valid("json"), requestId),
          200,
        );
      },
    );
  }
  const returns = [
    [
      "return",
      "funding.payments",
      "returnByStaff",
      "Staff send a call or their approval back with a change request",
    ],
    [
      "order-return",
      "funding.finance",
      "returnByFinance",
      "Finance sends an approved instalment back to staff with a change request",
    ],
  ] as const;
  for (const [name, permission, method, summary] of returns) {
    api.openapi(
      defineRoute({
        method: "post",
        path: `/funding/payments/{id}/${name}`,
        permission,
        tags,
        summary,
        request: { params: idParams, body: jsonBody(named(returnPaymentInput, "FundingPaymentReturn")) },
        responses: { 200: ok(Payment), ...problemResponses },
      }),
      async (c) => {
        const { services, principal, requestId } = operationContext(c);
        const { id } = c.req.valid("param");
        return c.json(
          await services.funding.payments[method](principal, id, c.req.valid("json"), requestId),
          200,
        );
      },
    );
  }
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/payment-orders",
      permission: "funding.finance",
      tags,
      summary: "The finance queue: approved instalments to order and ordered ones to book, across calls",
      responses: { 200: ok(z.array(named(paymentOrderView, "FundingPaymentOrder"))), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.payments.queue(principal), 200);
    },
  );
}

/** The applicant's instalments and call of funds (Mittelabruf) through the status link. */
function registerLink(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/drafts/{token}/payments",
      permission: PUBLIC,
      tags,
      summary: "The applicant's instalments: granted, called, paid, left",
      request: { params: tokenParams },
      responses: { 200: ok(Payments), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      return c.json(await services.funding.payments.byLink(tenant.id, c.req.valid("param").token), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/drafts/{token}/payments",
      permission: PUBLIC,
      tags,
      summary: "Call funds (Mittelabruf) within what is left of the grant; staff approve it",
      request: { params: tokenParams, body: jsonBody(named(requestFundsInput, "FundingFundsRequest")) },
      responses: { 201: ok(Payments, "Called"), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token } = c.req.valid("param");
      return c.json(await services.funding.payments.request(tenant.id, token, c.req.valid("json")), 201);
    },
  );
}

/** For the treasury: the open payment orders as XLSX and one order as a tagged PDF. */
function registerExports(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/payment-orders.xlsx",
      permission: "funding.finance",
      tags,
      summary: "The ordered instalments still to be paid (XLSX for the finance system)",
      responses: {
        200: { description: "XLSX", content: { [XLSX]: { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const bytes = await services.funding.payments.ordersXlsx(principal);
      return c.body(bytes, 200, {
        "content-type": XLSX,
        "content-disposition": 'attachment; filename="auszahlungsanordnungen.xlsx"',
        "cache-control": "private, no-store",
      });
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/payments/{id}/order.pdf",
      permission: "funding.finance",
      tags,
      summary: "The payment order (Auszahlungsanordnung) of an ordered instalment, tagged PDF",
      request: { params: idParams },
      responses: {
        200: { description: "PDF", content: { "application/pdf": { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      const pdf = await services.funding.payments.orderPdf(principal, id);
      return pdfDownload(c, pdf, `auszahlungsanordnung-${id.slice(-8)}.pdf`);
    },
  );
}

import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { addPaymentInput, idParams, payInput, paymentsView, paymentView } from "./contracts.ts";

const tags = ["funding"];
const Payments = named(paymentsView, "FundingPayments");

/** Instalments of a grant and the treasury's payment list. */
export function registerFundingPaymentsApi(api: ApiRouter) {
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
      summary: "Plan an instalment; the instalments never exceed the granted amount (422 with the figures)",
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
      permission: "funding.payments",
      tags,
      summary: "Mark an instalment paid with the booking reference; once only (409 for a second attempt)",
      request: { params: idParams, body: jsonBody(named(payInput, "FundingPaymentPaid")) },
      responses: { 200: ok(named(paymentView, "FundingPayment")), ...problemResponses },
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

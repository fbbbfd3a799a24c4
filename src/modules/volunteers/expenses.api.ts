import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";
import {
  claimInput,
  claimView,
  decideClaimInput,
  poolSettingsInput,
  poolSettingsView,
  yearQuery,
  yearSummaryView,
} from "./expense-contracts.ts";
import { volunteerNumbersView } from "./numbers-contracts.ts";

const tags = ["volunteers"];
const Claim = named(claimView, "VolunteerExpenseClaim");
const Settings = named(poolSettingsView, "VolunteerPoolSettings");

/** The pool's settings, expense claims, the yearly summary and the treasury's CSV (decision 068). */
export function registerExpenseApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-pool/settings",
      permission: "volunteers.settings",
      tags,
      summary: "The pool's settings: holiday state of the lead time, yearly tax-free allowance",
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.getSettings(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/volunteer-pool/settings",
      permission: "volunteers.settings",
      tags,
      summary: "Change the pool's settings (send the version you read; 0 before the first save)",
      request: { body: jsonBody(named(poolSettingsInput, "VolunteerPoolSettingsUpdate")) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.updateSettings(principal, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-pool/numbers",
      permission: "volunteers.statistics",
      tags,
      summary:
        "Numbers for steering of a year: pool, requests per language, hours per quarter (small-cell rule)",
      request: { query: yearQuery },
      responses: { 200: ok(named(volunteerNumbersView, "VolunteerNumbers")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.numbers(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-claims",
      permission: "volunteers.claims.manage",
      tags,
      summary: "Every expense claim of a year",
      request: { query: yearQuery },
      responses: { 200: ok(z.array(Claim)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.listClaims(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-claims/mine",
      permission: "volunteers.claims.submit",
      tags,
      summary: "The signed-in volunteer's own claims of a year",
      request: { query: yearQuery },
      responses: { 200: ok(z.array(Claim)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.myClaims(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-claims/summary",
      permission: "volunteers.claims.manage",
      tags,
      summary: "A year per volunteer: flat rate against the tax-free allowance, receipts, hours",
      request: { query: yearQuery },
      responses: { 200: ok(named(yearSummaryView, "VolunteerYearSummary")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.yearSummary(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-claims/export.csv",
      permission: "volunteers.claims.manage",
      tags,
      summary: "The approved claims of a year for the treasury (CSV, semicolons, German amounts)",
      request: { query: yearQuery },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { year } = c.req.valid("query");
      return c.body(await services.volunteers.claimsCsv(principal, year), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="ehrenamt-auslagen-${year}.csv"`,
        "cache-control": "private, no-store",
      });
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-claims",
      permission: "volunteers.claims.submit",
      tags,
      summary: "Claim expenses: a flat rate (up to the allowance left) or receipts",
      request: { body: jsonBody(named(claimInput, "VolunteerExpenseClaimCreate")) },
      responses: { 201: ok(Claim, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.submitClaim(principal, c.req.valid("json"), { requestId }),
        201,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-claims/{id}/decision",
      permission: "volunteers.claims.manage",
      tags,
      summary: "Approve or refuse a claim (a refusal needs a reason; send the version you read)",
      request: { params: idParams, body: jsonBody(named(decideClaimInput, "VolunteerExpenseDecision")) },
      responses: { 200: ok(Claim), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const id = c.req.valid("param").id;
      return c.json(
        await services.volunteers.decideClaim(principal, id, c.req.valid("json"), { requestId }),
        200,
      );
    },
  );
}

import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  problemResponses,
} from "#app/server/http/api.ts";
import { idParams } from "./contracts.ts";
import { yearQuery } from "./expense-contracts.ts";
import {
  poolFiguresView,
  publishPoolFiguresInput,
  publishPoolFiguresView,
  statementPeriodQuery,
  statementRunInput,
  statementRunView,
  statementView,
} from "./statement-contracts.ts";

const tags = ["volunteers"];
const Statement = named(statementView, "VolunteerStatement");
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: "binary" }) } },
});
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Monthly statements and the pool's figures for monitoring (decision 099). */
export function registerStatementApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-statements/runs",
      permission: "volunteers.statements",
      tags,
      summary: "Issue a past month's statements for the whole pool in a job (corrections as new versions)",
      request: { body: jsonBody(named(statementRunInput, "VolunteerStatementRun")) },
      responses: {
        202: ok(named(statementRunView, "VolunteerStatementRunQueued"), "Queued"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.volunteers.runStatements(principal, c.req.valid("json"), { requestId }),
        202,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-statements",
      permission: "volunteers.statements",
      tags,
      summary: "Every statement of a month, every version",
      request: { query: statementPeriodQuery },
      responses: { 200: ok(z.array(Statement)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.listStatements(principal, c.req.valid("query").period), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-statements/mine",
      permission: "volunteers.claims.submit",
      tags,
      summary: "The signed-in volunteer's own statements",
      responses: { 200: ok(z.array(Statement)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.myStatements(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-statements/export.xlsx",
      permission: "volunteers.statements",
      tags,
      summary:
        "The finance office's list of a month: the newest statement per volunteer, one row each (XLSX)",
      request: { query: statementPeriodQuery },
      responses: { 200: binary(XLSX, "XLSX"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { period } = c.req.valid("query");
      return c.body(await services.volunteers.statementsXlsx(principal, period), 200, {
        "content-type": XLSX,
        "content-disposition": `attachment; filename="ehrenamt-abrechnung-${period}.xlsx"`,
        "cache-control": "private, no-store",
      });
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-statements/{id}/pdf",
      permission: "volunteers.claims.submit",
      tags,
      summary: "One statement as a tagged PDF: the volunteer their own, the coordinator any (audited read)",
      request: { params: idParams },
      responses: { 200: binary("application/pdf", "PDF (tagged, PDF/UA)"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { pdf, period, seq } = await services.volunteers.statementPdf(
        principal,
        c.req.valid("param").id,
        {
          requestId,
        },
      );
      return pdfDownload(c, pdf, `abrechnung-${period}-v${seq}.pdf`);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/volunteer-pool/figures",
      permission: "volunteers.statistics",
      tags,
      summary:
        "The pool's figures of a year: requests served/unserved per language and place, hours per language and institution type (small-cell rule)",
      request: { query: yearQuery },
      responses: { 200: ok(named(poolFiguresView, "VolunteerPoolFigures")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.figures(principal, c.req.valid("query").year), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/volunteer-pool/figures/monitoring",
      permission: "volunteers.statistics",
      tags,
      summary:
        "Publish the year's pool figures into monitoring as working values (needs monitoring's data right too)",
      request: { body: jsonBody(named(publishPoolFiguresInput, "VolunteerPoolFiguresPublish")) },
      responses: {
        200: ok(named(publishPoolFiguresView, "VolunteerPoolFiguresPublished")),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.volunteers.publishFigures(principal, c.req.valid("json").year), 200);
    },
  );
}

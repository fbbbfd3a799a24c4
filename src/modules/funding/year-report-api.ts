import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  pdfOk,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { yearParams, yearReportInput, yearReportStatus } from "./contracts.ts";

const tags = ["funding"];
const Status = named(yearReportStatus, "FundingYearReport");

/** The council's year report (decision 112): asked for, rendered by a job, downloaded as PDF. */
export function registerFundingYearReportApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/year-reports",
      permission: "funding.calls.manage",
      tags,
      summary: "Ask for the council's year report of a year; a job renders the tagged PDF",
      request: { body: jsonBody(named(yearReportInput, "FundingYearReportRequest")) },
      responses: { 202: ok(Status, "Queued"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.funding.yearReports.request(principal, c.req.valid("json").year, requestId),
        202,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/year-reports",
      permission: "funding.read",
      tags,
      summary: "The year reports asked for, newest year first, each ready or still being rendered",
      responses: { 200: ok(z.array(Status)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.yearReports.list(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/year-reports/{year}/pdf",
      permission: "funding.read",
      tags,
      summary: "The council's year report as a tagged PDF (404 until the job has rendered it)",
      request: { params: yearParams },
      responses: {
        200: pdfOk(),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { year } = c.req.valid("param");
      const pdf = await services.funding.yearReports.pdf(principal, year);
      return pdfDownload(c, pdf, `foerderung-jahresbericht-${year}.pdf`);
    },
  );
}

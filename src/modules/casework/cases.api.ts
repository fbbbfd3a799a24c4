import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  assignWorkersInput,
  caseInput,
  caseListQuery,
  changePhaseInput,
  closeCaseInput,
  reopenCaseInput,
  updateCaseInput,
} from "./contracts.ts";
import { idParam } from "./households.api.ts";
import { caseDetailOut, caseOut } from "./responses.ts";
import { caseDetailView, caseListView, caseView } from "./views.ts";

/** Cases (issue 4): open, list, read (audited), and their course. Access is decided in the service. */

const Case = named(caseView, "Case");
const tags = ["casework"];

export function registerCaseApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/cases",
      permission: "cases.write",
      tags,
      summary: "Open a case for a household (office from the household; assigning others needs cases.assign)",
      request: { params: idParam, body: jsonBody(named(caseInput, "CaseCreate")) },
      responses: { 201: ok(Case, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.create(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases",
      permission: "cases.read",
      tags,
      summary: "The cases you may see, filtered and paged (newest first); the list read is audited",
      request: { query: named(caseListQuery, "CaseListQuery") },
      responses: { 200: ok(named(caseListView, "CaseList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.casework.cases.list(principal, c.req.valid("query"), { requestId }), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{id}",
      permission: "cases.read",
      tags,
      summary:
        "One case with everything that belongs to it (audited read of the case, its persons and notes)",
      request: { params: idParam },
      responses: { 200: ok(named(caseDetailView, "CaseDetail")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const d = await services.casework.cases.get(principal, c.req.valid("param").id, { requestId });
      return c.json(caseDetailOut(d), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/cases/{id}",
      permission: "cases.write",
      tags,
      summary:
        "Change the case type (and the housing-loss stage, only for that type); send the version you read",
      request: { params: idParam, body: jsonBody(named(updateCaseInput, "CaseUpdate")) },
      responses: { 200: ok(Case), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.update(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/cases/{id}/workers",
      permission: "cases.assign",
      tags,
      summary: "Assign the case workers (supervisors)",
      request: { params: idParam, body: jsonBody(named(assignWorkersInput, "CaseWorkers")) },
      responses: { 200: ok(Case), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.assignWorkers(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/phase",
      permission: "cases.write",
      tags,
      summary: "Change the phase with a date and a reason (the reason is stored encrypted)",
      request: { params: idParam, body: jsonBody(named(changePhaseInput, "CasePhaseChange")) },
      responses: { 200: ok(Case), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.changePhase(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/close",
      permission: "cases.write",
      tags,
      summary: "Close the case with a reason (retention counts from the closing date)",
      request: { params: idParam, body: jsonBody(named(closeCaseInput, "CaseClose")) },
      responses: { 200: ok(Case), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.close(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/reopen",
      permission: "cases.write",
      tags,
      summary: "Reopen a closed case",
      request: { params: idParam, body: jsonBody(named(reopenCaseInput, "CaseReopen")) },
      responses: { 200: ok(Case), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const row = await services.casework.cases.reopen(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(caseOut(row), 200);
    },
  );
}

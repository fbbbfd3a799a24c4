import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  pdfDownload,
  pdfOk,
  problemResponses,
  publicContext,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import {
  applicantView,
  applicationListQuery,
  applicationPageView,
  applicationSummaryView,
  applicationView,
  callView,
  createCallInput,
  decideInput,
  erasureView,
  idParams,
  letterParams,
  okView,
  potQuery,
  potView,
  reviewInput,
  reviewsView,
  saveDraftInput,
  screenInput,
  startApplicationInput,
  submitApplicationInput,
  tokenLetterParams,
  tokenParams,
} from "./contracts.ts";

const tags = ["funding"];
const Call = named(callView, "FundingCall");
const Application = named(applicationView, "FundingApplication");
const Reviews = named(reviewsView, "FundingReviews");
const Applicant = named(applicantView, "FundingApplicantView");
const Pot = named(potView, "FundingPot");

const pdfResponses = {
  200: pdfOk(),
  ...problemResponses,
};

/** Staff and data protection: the decision letter, erasure on request. */
function registerLetters(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/letter/{lang}",
      permission: "funding.read",
      tags,
      summary: "The decision letter (Bescheid) as PDF: de, or the applicant's language (audited read)",
      request: { params: letterParams },
      responses: pdfResponses,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, lang } = c.req.valid("param");
      const pdf = await services.funding.letters.letter(principal, id, lang, requestId);
      return pdfDownload(c, pdf, `bescheid-${id.slice(-8)}-${lang}.pdf`);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/erasure",
      permission: "funding.erase",
      tags,
      summary:
        "Erase an applicant's data on request (Art. 17 GDPR): deleted unless granted; a grant keeps its financial record",
      request: { params: idParams },
      responses: { 200: ok(named(erasureView, "FundingErasure")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.funding.privacy.erase(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/drafts/{token}/letter/{lang}",
      permission: PUBLIC,
      tags,
      summary: "The applicant's decision letter through the status link",
      request: { params: tokenLetterParams },
      responses: pdfResponses,
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token, lang } = c.req.valid("param");
      const pdf = await services.funding.applicant.letter(tenant.id, token, lang);
      return pdfDownload(c, pdf, `bescheid-${lang}.pdf`);
    },
  );
}

/** Staff: calls, pot, applications, screening, reviews, decisions. */
function registerStaff(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/calls",
      permission: "funding.read",
      tags,
      summary: "Funding calls (Förderaufrufe)",
      responses: { 200: ok(z.array(Call)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.listCalls(principal), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/calls",
      permission: "funding.calls.manage",
      tags,
      summary:
        "Create a call: period, budget per year, project cap, cost types with rates (basis points), criteria",
      request: { body: jsonBody(named(createCallInput, "FundingCallCreate")) },
      responses: { 201: ok(Call, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.funding.createCall(principal, c.req.valid("json"), requestId), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/calls/{id}/pot",
      permission: "funding.read",
      tags,
      summary: "The year's pot of a call: planned, committed, available, paid, returned, net (integer cents)",
      request: { params: idParams, query: potQuery },
      responses: { 200: ok(Pot), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.pot(principal, id, c.req.valid("query").year), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/calls/{id}/pots",
      permission: "funding.read",
      tags,
      summary:
        "The pot of every year of a call's period: planned, committed, available, paid, returned, net (integer cents)",
      request: { params: idParams },
      responses: { 200: ok(z.array(Pot)), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.pots(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications",
      permission: "funding.read",
      tags,
      summary:
        "Submitted applications of a call in submission order, one page at a time (keyset: pass `next` as `after`, `prev` as `before`)",
      request: { query: applicationListQuery },
      responses: {
        200: ok(
          named(
            applicationPageView.extend({
              items: z.array(named(applicationSummaryView, "FundingApplicationSummary")),
            }),
            "FundingApplicationPage",
          ),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.listApplications(principal, c.req.valid("query")), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}",
      permission: "funding.read",
      tags,
      summary: "One application with the applicant's contact (audited read)",
      request: { params: idParams },
      responses: { 200: ok(Application), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(
        await services.funding.getApplication(principal, c.req.valid("param").id, requestId),
        200,
      );
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/screening",
      permission: "funding.screen",
      tags,
      summary: "Screening: eligible (to the board) or ineligible",
      request: { params: idParams, body: jsonBody(named(screenInput, "FundingScreening")) },
      responses: { 200: ok(Application), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.screen(principal, id, c.req.valid("json"), requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/applications/{id}/reviews",
      permission: "funding.read",
      tags,
      summary: "Reviews; a board member sees the others' scores only after scoring",
      request: { params: idParams },
      responses: { 200: ok(Reviews), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.funding.reviews(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/reviews",
      permission: "funding.review",
      tags,
      summary: "A board member's scores per criterion, or a declared conflict of interest (once)",
      request: { params: idParams, body: jsonBody(named(reviewInput, "FundingReviewInput")) },
      responses: { 201: ok(Reviews, "Stored"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.review(principal, id, c.req.valid("json")), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/applications/{id}/decision",
      permission: "funding.decide",
      tags,
      summary:
        "Decision: granted, partly granted or refused; a grant overdrawing the year's pot is refused (409, with the figures)",
      request: { params: idParams, body: jsonBody(named(decideInput, "FundingDecision")) },
      responses: { 200: ok(Application), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id } = c.req.valid("param");
      return c.json(await services.funding.decide(principal, id, c.req.valid("json"), requestId), 200);
    },
  );
}

/** Public: open calls, the e-mail link, the applicant's draft. */
function registerPublic(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/open-calls",
      permission: PUBLIC,
      tags,
      summary: "Calls taking applications today",
      responses: { 200: ok(z.array(Call)) },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      return c.json(await services.funding.openCalls(tenant.id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/application-links",
      permission: PUBLIC,
      tags,
      summary: "Start an application: a link to the draft is mailed (no account, no password)",
      request: { body: jsonBody(named(startApplicationInput, "FundingApplicationStart")) },
      responses: { 202: ok(okView, "Link sent"), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      await services.funding.applicant.start(tenant.id, c.req.valid("json"));
      return c.json({ ok: true }, 202);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/funding/drafts/{token}",
      permission: PUBLIC,
      tags,
      summary: "The applicant's application behind the e-mail link, with the eligible amount computed",
      request: { params: tokenParams },
      responses: { 200: ok(Applicant), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const r = await services.funding.applicant.byLink(tenant.id, c.req.valid("param").token);
      if (!("application" in r)) throw new AppError("invalid_token");
      return c.json(r.application, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/funding/drafts/{token}",
      permission: PUBLIC,
      tags,
      summary: 'Save the draft (optimistic version); amounts as cents or as typed text ("1.234,56 €")',
      request: { params: tokenParams, body: jsonBody(named(saveDraftInput, "FundingDraft")) },
      responses: { 200: ok(Applicant), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const r = await services.funding.applicant.saveDraft(
        tenant.id,
        c.req.valid("param").token,
        c.req.valid("json"),
      );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/funding/drafts/{token}/submission",
      permission: PUBLIC,
      tags,
      summary: "Submit the application; a receipt is mailed",
      request: { params: tokenParams, body: jsonBody(named(submitApplicationInput, "FundingSubmission")) },
      responses: { 200: ok(Applicant), ...problemResponses },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const { token } = c.req.valid("param");
      return c.json(
        await services.funding.applicant.submit(tenant.id, token, c.req.valid("json").version),
        200,
      );
    },
  );
}

export function registerFundingApi(api: ApiRouter) {
  registerStaff(api);
  registerPublic(api);
  registerLetters(api);
}

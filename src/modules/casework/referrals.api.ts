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
import type { ConsentView } from "./consent.ts";
import {
  caseReferralView,
  consentInput,
  consentListView,
  consentView,
  decisionInput,
  incomingQuery,
  issuedLinkView,
  issueLinkInput,
  outcomeInput,
  partnerReferralView,
  referralCreatedView,
  referralInput,
  referralWithOverrideInput,
  withdrawConsentInput,
  withdrawReferralInput,
} from "./referrals.contracts.ts";

/**
 * Consents and referrals (issue 4). The case routes check case access through case work
 * (`cases.access`) and hand the handle on; the receiving side is decided by the referral's
 * receiving organization.
 */

const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: "path" } });
const caseParam = z.object({ caseId: uuidParam("caseId") });
const caseItemParam = z.object({ caseId: uuidParam("caseId"), id: uuidParam("id") });
const idParam = z.object({ id: uuidParam("id") });
const tags = ["referrals"];

const Consent = named(consentView, "Consent");
const CaseReferral = named(caseReferralView, "CaseReferral");
const PartnerReferral = named(partnerReferralView, "IncomingReferral");
const Created = named(referralCreatedView, "ReferralCreated");

const consentOut = (c: ConsentView) => ({
  id: c.id,
  personId: c.personId,
  purpose: c.purpose,
  recipientType: c.recipientType,
  recipientId: c.recipientId,
  form: c.form,
  givenOn: c.givenOn,
  expiresOn: c.expiresOn,
  withdrawnOn: c.withdrawnOn,
  state: c.state,
  version: c.version,
});

export function registerReferralApi(api: ApiRouter) {
  registerConsentRoutes(api);
  registerCaseReferralRoutes(api);
  registerIncomingRoutes(api);
}

function registerConsentRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{caseId}/consents",
      permission: "cases.read",
      tags,
      summary: "Consents of the case's household members, with their state today",
      request: { params: caseParam },
      responses: { 200: ok(named(consentListView, "ConsentList")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const access = await services.casework.cases.access(principal, c.req.valid("param").caseId, "read");
      const r = await services.referrals.consents.list(principal, access);
      return c.json({ today: r.today, items: r.consents.map(consentOut) }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/consents",
      permission: "cases.write",
      tags,
      summary: "Record a consent (per person, purpose and recipient)",
      request: { params: caseParam, body: jsonBody(named(consentInput, "ConsentInput")) },
      responses: { 201: ok(Consent, "Recorded"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const access = await services.casework.cases.access(principal, c.req.valid("param").caseId, "write");
      const r = await services.referrals.consents.record(principal, access, c.req.valid("json"), requestId);
      return c.json(consentOut(r), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/consents/{id}/withdraw",
      permission: "cases.write",
      tags,
      summary: "Withdraw a consent (the record stays, with the withdrawal date)",
      request: { params: caseItemParam, body: jsonBody(named(withdrawConsentInput, "ConsentWithdrawal")) },
      responses: { 200: ok(Consent), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const access = await services.casework.cases.access(principal, p.caseId, "write");
      const r = await services.referrals.consents.withdraw(
        principal,
        access,
        p.id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(consentOut(r), 200);
    },
  );
}

function registerCaseReferralRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{caseId}/referrals",
      permission: "cases.read",
      tags,
      summary: "Referrals of the case and their status",
      request: { params: caseParam },
      responses: { 200: ok(z.object({ items: z.array(CaseReferral) })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const access = await services.casework.cases.access(principal, c.req.valid("param").caseId, "read");
      return c.json({ items: await services.referrals.listForCase(principal, access) }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals",
      permission: "referrals.send",
      tags,
      summary: "Send a referral (needs a consent in force for purpose 'referral' and this recipient)",
      request: { params: caseParam, body: jsonBody(named(referralInput, "ReferralInput")) },
      responses: { 201: ok(Created, "Sent"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId, lang } = operationContext(c);
      const access = await services.casework.cases.access(principal, c.req.valid("param").caseId, "write");
      const input = { ...c.req.valid("json"), consentOverrideReason: null };
      return c.json(await services.referrals.create(principal, access, input, { requestId, lang }), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals/override",
      permission: "referrals.consent_override",
      tags,
      summary: "Send a referral without consent, with a written reason (≥ 20 characters; audited)",
      request: {
        params: caseParam,
        body: jsonBody(named(referralWithOverrideInput, "ReferralOverrideInput")),
      },
      responses: { 201: ok(Created, "Sent"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId, lang } = operationContext(c);
      const access = await services.casework.cases.access(principal, c.req.valid("param").caseId, "write");
      const body = c.req.valid("json");
      const input = { ...body, consentOverrideReason: body.consentOverrideReason ?? "" };
      return c.json(await services.referrals.create(principal, access, input, { requestId, lang }), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals/{id}/link",
      permission: "referrals.send",
      tags,
      summary: "A new one-time link for a partner without an account (the previous one stops working)",
      request: { params: caseItemParam, body: jsonBody(named(issueLinkInput, "ReferralLinkRequest")) },
      responses: { 200: ok(named(issuedLinkView, "ReferralLink")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId, lang } = operationContext(c);
      const p = c.req.valid("param");
      const access = await services.casework.cases.access(principal, p.caseId, "write");
      const r = await services.referrals.issueLink(principal, access, p.id, c.req.valid("json"), {
        requestId,
        lang,
      });
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals/{id}/withdraw",
      permission: "referrals.send",
      tags,
      summary: "Take a referral back",
      request: { params: caseItemParam, body: jsonBody(named(withdrawReferralInput, "ReferralWithdrawal")) },
      responses: { 200: ok(CaseReferral), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const access = await services.casework.cases.access(principal, p.caseId, "write");
      return c.json(
        await services.referrals.withdraw(principal, access, p.id, c.req.valid("json"), requestId),
        200,
      );
    },
  );
}

function registerIncomingRoutes(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/referrals/incoming",
      permission: "referrals.receive",
      tags,
      summary: "Referrals addressed to the caller's organization (shared fields only, never the case)",
      request: { query: named(incomingQuery, "IncomingReferralQuery") },
      responses: { 200: ok(z.object({ items: z.array(PartnerReferral) })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: await services.referrals.incoming(principal, c.req.valid("query")) }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/referrals/incoming/{id}",
      permission: "referrals.receive",
      tags,
      summary: "One incoming referral (403 when it is addressed to someone else)",
      request: { params: idParam },
      responses: { 200: ok(PartnerReferral), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.referrals.incomingOne(principal, c.req.valid("param").id, requestId), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/referrals/incoming/{id}/decision",
      permission: "referrals.receive",
      tags,
      summary: "Accept or decline (a decline needs a reason)",
      request: { params: idParam, body: jsonBody(named(decisionInput, "ReferralDecision")) },
      responses: { 200: ok(PartnerReferral), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.referrals.decide(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/referrals/incoming/{id}/outcome",
      permission: "referrals.receive",
      tags,
      summary: "Record the outcome: started, completed or dropped",
      request: { params: idParam, body: jsonBody(named(outcomeInput, "ReferralOutcome")) },
      responses: { 200: ok(PartnerReferral), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.referrals.recordOutcome(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(r, 200);
    },
  );
}

import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";
import { CONSENT_PURPOSES, RECIPIENT_TYPES, REFERRAL_KINDS, REFERRAL_TARGET_TYPES } from "./schema.ts";

const Consent = z
  .object({
    id: z.string(),
    personId: z.string(),
    purpose: z.enum(CONSENT_PURPOSES),
    recipientType: z.enum(RECIPIENT_TYPES),
    recipientId: z.string().nullable(),
    form: z.string(),
    givenOn: z.string(),
    expiresOn: z.string().nullable(),
    withdrawnOn: z.string().nullable(),
    state: z.enum(["valid", "expired", "withdrawn", "not_yet_valid"]),
    version: z.number().int(),
  })
  .openapi("Consent");
const ConsentInput = z
  .object({
    personId: z.string(),
    purpose: z.string(),
    recipientType: z.string(),
    recipientId: z.string().nullish(),
    form: z.string(),
    givenOn: z.string().openapi({ format: "date" }),
    expiresOn: z.string().nullish().openapi({ format: "date" }),
  })
  .partial()
  .openapi("ConsentInput");
const Shared = z
  .object({
    givenName: z.string().optional(),
    languages: z.array(z.object({ lang: z.string(), level: z.string() })).optional(),
    phone: z.string().optional(),
    note: z.string().optional(),
  })
  .openapi("ReferralSharedFields");
const PartnerReferral = z
  .object({
    id: z.string(),
    kind: z.enum(REFERRAL_KINDS),
    status: z.string(),
    targetType: z.enum(REFERRAL_TARGET_TYPES),
    targetName: z.string().nullable(),
    shared: Shared,
    sentAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    outcomeAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("IncomingReferral");
const CaseReferral = PartnerReferral.extend({
  personId: z.string(),
  targetId: z.string(),
  consentId: z.string().nullable(),
  consentOverridden: z.boolean(),
  linkExpiresAt: z.string().nullable(),
}).openapi("CaseReferral");
const ReferralInput = z
  .object({
    personId: z.string(),
    kind: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    shareGivenName: z.boolean(),
    shareLanguages: z.boolean(),
    phone: z.string().nullish(),
    note: z.string().nullish(),
    link: z.boolean(),
    notifyEmail: z.string().nullish(),
  })
  .partial()
  .openapi("ReferralInput");
const OverrideInput = ReferralInput.extend({
  consentOverrideReason: z
    .string()
    .openapi({ description: "Why the referral must go without consent (≥ 20 characters)" }),
})
  .partial()
  .openapi("ReferralOverrideInput");
const Version = z.object({ version: z.number().int() }).partial();

const caseParam = z.object({ caseId: z.string() });
const caseItemParam = z.object({ caseId: z.string(), id: z.string() });
const idParam = z.object({ id: z.string() });
const tags = ["referrals"];

export function registerReferralApi(api: ApiRouter) {
  // ---- consents ----
  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{caseId}/consents",
      permission: "cases.read",
      tags,
      summary: "Consents of the case's household members, with their state today",
      request: { params: caseParam },
      responses: { 200: ok(z.object({ today: z.string(), items: z.array(Consent) })), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .referrals.consents.list(c.get("principal")!, c.req.valid("param").caseId);
      return c.json({ today: r.today, items: r.consents }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/consents",
      permission: "cases.write",
      tags,
      summary: "Record a consent (per person, purpose and recipient)",
      request: { params: caseParam, body: jsonBody(ConsentInput) },
      responses: { 201: ok(Consent, "Recorded"), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .referrals.consents.record(
          c.get("principal")!,
          c.req.valid("param").caseId,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/consents/{id}/withdraw",
      permission: "cases.write",
      tags,
      summary: "Withdraw a consent (the record stays, with the withdrawal date)",
      request: {
        params: caseItemParam,
        body: jsonBody(z.object({ version: z.number().int(), withdrawnOn: z.string() }).partial()),
      },
      responses: { 200: ok(Consent), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const r = await c
        .get("services")
        .referrals.consents.withdraw(
          c.get("principal")!,
          p.caseId,
          p.id,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(r, 200);
    },
  );

  // ---- referrals of a case ----
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
      const items = await c
        .get("services")
        .referrals.listForCase(c.get("principal")!, c.req.valid("param").caseId);
      return c.json({ items }, 200);
    },
  );
  const created = z
    .object({ referral: CaseReferral, link: z.string().nullable() })
    .openapi("ReferralCreated");
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals",
      permission: "referrals.send",
      tags,
      summary: "Send a referral (needs a consent in force for purpose 'referral' and this recipient)",
      request: { params: caseParam, body: jsonBody(ReferralInput) },
      responses: { 201: ok(created, "Sent"), ...problemResponses },
    }),
    async (c) => {
      const { consentOverrideReason: _ignored, ...body } = c.req.valid("json") as Record<string, unknown>;
      const r = await c
        .get("services")
        .referrals.create(c.get("principal")!, c.req.valid("param").caseId, body, {
          requestId: c.get("requestId"),
          lang: c.get("lang"),
        });
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals/override",
      permission: "referrals.consent_override",
      tags,
      summary: "Send a referral without consent, with a written reason (audited)",
      request: { params: caseParam, body: jsonBody(OverrideInput) },
      responses: { 201: ok(created, "Sent"), ...problemResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const r = await c
        .get("services")
        .referrals.create(
          c.get("principal")!,
          c.req.valid("param").caseId,
          { ...body, consentOverrideReason: body.consentOverrideReason ?? "" },
          { requestId: c.get("requestId"), lang: c.get("lang") },
        );
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{caseId}/referrals/{id}/link",
      permission: "referrals.send",
      tags,
      summary: "A new one-time link for a partner without an account (the previous one stops working)",
      request: {
        params: caseItemParam,
        body: jsonBody(z.object({ version: z.number().int(), notifyEmail: z.string().nullish() }).partial()),
      },
      responses: {
        200: ok(z.object({ link: z.string(), expiresAt: z.string(), referral: CaseReferral })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const r = await c
        .get("services")
        .referrals.issueLink(c.get("principal")!, p.caseId, p.id, c.req.valid("json"), {
          requestId: c.get("requestId"),
          lang: c.get("lang"),
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
      request: { params: caseItemParam, body: jsonBody(Version) },
      responses: { 200: ok(CaseReferral), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid("param");
      const r = await c
        .get("services")
        .referrals.withdraw(c.get("principal")!, p.caseId, p.id, c.req.valid("json"), c.get("requestId"));
      return c.json(r, 200);
    },
  );

  // ---- the receiving side ----
  api.openapi(
    defineRoute({
      method: "get",
      path: "/referrals/incoming",
      permission: "referrals.receive",
      tags,
      summary: "Referrals addressed to the caller's organization (shared fields only, never the case)",
      request: { query: z.object({ status: z.string().optional() }) },
      responses: { 200: ok(z.object({ items: z.array(PartnerReferral) })), ...problemResponses },
    }),
    async (c) => {
      const items = await c.get("services").referrals.incoming(c.get("principal")!, c.req.valid("query"));
      return c.json({ items }, 200);
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
      const r = await c
        .get("services")
        .referrals.incomingOne(c.get("principal")!, c.req.valid("param").id, c.get("requestId"));
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/referrals/incoming/{id}/decision",
      permission: "referrals.receive",
      tags,
      summary: "Accept or decline (a decline needs a reason)",
      request: {
        params: idParam,
        body: jsonBody(
          z
            .object({ version: z.number().int(), decision: z.string(), reason: z.string().nullish() })
            .partial(),
        ),
      },
      responses: { 200: ok(PartnerReferral), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .referrals.decide(
          c.get("principal")!,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("requestId"),
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
      request: {
        params: idParam,
        body: jsonBody(z.object({ version: z.number().int(), outcome: z.string() }).partial()),
      },
      responses: { 200: ok(PartnerReferral), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .referrals.recordOutcome(
          c.get("principal")!,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(r, 200);
    },
  );
}

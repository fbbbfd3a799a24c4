import { type ApiRouter, defineRoute, jsonBody, ok, problemResponses, z } from "#app/server/http/api.ts";

const BreakGlass = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string().nullable(),
    caseId: z.string(),
    caseReference: z.string().nullable(),
    reason: z.string(),
    startedAt: z.string(),
    expiresAt: z.string(),
    active: z.boolean(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewOutcome: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .openapi("BreakGlassAccess");
const LegalHold = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    legalHold: z.boolean(),
    legalHoldReason: z.string().nullable(),
    retentionDueOn: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("LegalHold");
const personParam = z.object({ personId: z.string() });
const tags = ["privacy"];

export function registerPrivacyApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/break-glass",
      permission: "cases.break_glass",
      tags,
      summary: "Open a case without regular access, with a reason (alerts the data-protection officer)",
      request: {
        body: jsonBody(
          z
            .object({
              case: z.string().openapi({ description: "Case reference or id" }),
              reason: z.string().openapi({ description: "At least 30 characters" }),
            })
            .partial(),
        ),
      },
      responses: { 201: ok(BreakGlass, "Opened"), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .privacy.openBreakGlass(c.get("principal")!, c.req.valid("json"), c.get("requestId"));
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/break-glass/mine",
      permission: "cases.break_glass",
      tags,
      summary: "The caller's own break-glass accesses",
      responses: { 200: ok(z.object({ items: z.array(BreakGlass) })), ...problemResponses },
    }),
    async (c) => c.json({ items: await c.get("services").privacy.myBreakGlass(c.get("principal")!) }, 200),
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/privacy/break-glass",
      permission: "privacy.break_glass_review",
      tags,
      summary: "Break-glass accesses for review (pending=true: not yet reviewed)",
      request: { query: z.object({ pending: z.enum(["true", "false"]).optional() }) },
      responses: { 200: ok(z.object({ items: z.array(BreakGlass) })), ...problemResponses },
    }),
    async (c) => {
      const items = await c
        .get("services")
        .privacy.reviewQueue(c.get("principal")!, { pending: c.req.valid("query").pending === "true" });
      return c.json({ items }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/privacy/break-glass/{id}/review",
      permission: "privacy.break_glass_review",
      tags,
      summary: "Review a break-glass access: justified or unjustified, with a note",
      request: {
        params: z.object({ id: z.string() }),
        body: jsonBody(z.object({ outcome: z.string(), note: z.string().nullish() }).partial()),
      },
      responses: { 200: ok(BreakGlass), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .privacy.review(
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
      method: "get",
      path: "/privacy/persons",
      permission: "privacy.access_log",
      tags,
      summary: "Find a person by name (name and birth year only)",
      request: { query: z.object({ q: z.string().optional() }) },
      responses: {
        200: ok(
          z.object({
            items: z.array(
              z.object({ id: z.string(), name: z.string(), birthYear: z.number().int().nullable() }),
            ),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const items = await c
        .get("services")
        .privacy.searchPersons(c.get("principal")!, c.req.valid("query").q ?? "");
      return c.json({ items }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/privacy/persons/{personId}/access-log",
      permission: "privacy.access_log",
      tags,
      summary: "Who read this person's data (person, household, cases, notes, referrals)",
      request: { params: personParam },
      responses: {
        200: ok(
          z.object({
            name: z.string(),
            entries: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                actorUserId: z.string().nullable(),
                actorName: z.string().nullable(),
                actorKind: z.string(),
                entityType: z.string(),
                entityId: z.string().nullable(),
                reason: z.string().nullable(),
              }),
            ),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await c.get("services").privacy.accessLog(c.get("principal")!, c.req.valid("param").personId);
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/privacy/persons/{personId}/export",
      permission: "privacy.subject_access",
      tags,
      summary: "Art. 15: everything stored about the person, as JSON (audited)",
      request: { params: personParam },
      responses: { 200: ok(z.record(z.string(), z.unknown())), ...problemResponses },
    }),
    async (c) => {
      const doc = await c
        .get("services")
        .privacy.subjectAccess(c.get("principal")!, c.req.valid("param").personId, c.get("requestId"));
      return c.json(doc as Record<string, unknown>, 200, {
        "content-disposition": `attachment; filename="art15-${c.req.valid("param").personId}.json"`,
      });
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/privacy/persons/{personId}/erase",
      permission: "privacy.erase",
      tags,
      summary:
        "Art. 17: erase the person (and the household when nobody else is left); refused under legal hold",
      request: { params: personParam, body: jsonBody(z.object({ confirm: z.boolean() }).partial()) },
      responses: {
        200: ok(z.object({ deleted: z.record(z.string(), z.number()) })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .privacy.erase(
          c.get("principal")!,
          c.req.valid("param").personId,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/legal-hold/{case}",
      permission: "cases.legal_hold",
      tags,
      summary: "A case's legal hold, by reference or id (no case content)",
      request: { params: z.object({ case: z.string() }) },
      responses: { 200: ok(LegalHold), ...problemResponses },
    }),
    async (c) => {
      const r = await c.get("services").privacy.legalHold(c.get("principal")!, c.req.valid("param").case);
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/legal-hold/{case}",
      permission: "cases.legal_hold",
      tags,
      summary: "Set or clear the legal hold of a case (by id), with a reason",
      request: {
        params: z.object({ case: z.string() }),
        body: jsonBody(
          z.object({ version: z.number().int(), hold: z.boolean(), reason: z.string().nullish() }).partial(),
        ),
      },
      responses: { 200: ok(LegalHold), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .privacy.setLegalHold(
          c.get("principal")!,
          c.req.valid("param").case,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(r, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/retention/run",
      permission: "casework.settings",
      tags,
      summary: "Run the retention deletion now (the daily job does the same)",
      responses: {
        200: ok(
          z.object({
            deletedCases: z.number().int(),
            deletedHouseholds: z.number().int(),
            today: z.string(),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await c.get("services").retention.runNow(c.get("principal")!), 200),
  );
}

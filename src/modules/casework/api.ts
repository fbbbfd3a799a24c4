import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  ok,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { CASE_STATUSES, CASE_TYPES } from "./schema.ts";

/**
 * Case work API (issue 4). Every route names its permission; the need-to-know rule (which
 * case, which household) is decided in the service (casework/access.ts), and every read is
 * audited there.
 */

const Obj = (name: string, description: string) =>
  z.record(z.string(), z.unknown()).openapi(name, { description });
const CaseDetail = Obj(
  "CaseDetail",
  "A case with household, persons, phases, needs, plan, contacts, notes, attachments",
);
const CaseRow = Obj("Case", "A case row (reference, type, office, phase, status, dates, version)");
const Household = Obj("HouseholdDetail", "A household with persons, relations and the visible cases");
const Person = Obj("Person", "A person (health decrypted)");
const Written = Obj("Written", "The written record (id, version)");

const CaseListItem = z
  .object({
    id: z.string(),
    reference: z.string(),
    householdId: z.string(),
    householdLabel: z.string(),
    caseType: z.enum(CASE_TYPES),
    officeId: z.string().nullable(),
    phaseKey: z.string(),
    status: z.enum(CASE_STATUSES),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("CaseListItem");
const CaseListQuery = z.object({
  office: z.string().optional().openapi({ description: "Office id" }),
  phase: z.string().optional(),
  status: z.string().optional(),
  type: z.string().optional(),
  worker: z.string().optional().openapi({ description: "User id of an assigned case worker" }),
  q: z.string().max(100).optional().openapi({ description: "Part of the reference or household label" }),
  overdue: z.string().optional().openapi({ description: "1: only cases with an overdue open plan task" }),
  limit: z.string().optional(),
  offset: z.string().optional(),
});

const Any = z.record(z.string(), z.unknown());
const Version = z.number().int().min(1);
const id = (name: string) => z.uuid().openapi({ param: { name, in: "path" } });
const CaseParam = z.object({ id: id("id") });

function duplicateConflict(duplicates: unknown): never {
  throw new AppError("possible_duplicate", { extra: { duplicates } });
}

export function registerCaseworkApi(api: ApiRouter) {
  // ---- households and persons ----
  api.openapi(
    defineRoute({
      method: "post",
      path: "/households",
      permission: "cases.write",
      tags: ["casework"],
      summary:
        "Intake: a household with its persons and optionally a first case. 409 possible_duplicate lists similar persons (allowDuplicate: true creates anyway)",
      request: {
        body: jsonBody(
          z
            .object({
              household: Any,
              persons: z.array(Any).max(20),
              case: Any.optional(),
              allowDuplicate: z.boolean().optional(),
            })
            .openapi("HouseholdIntake"),
        ),
      },
      responses: {
        201: ok(
          z.object({
            householdId: z.string(),
            personIds: z.array(z.string()),
            caseId: z.string().nullable(),
          }),
          "Created",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const r = await c
        .get("services")
        .casework.createHousehold(c.get("principal")!, body as never, { requestId: c.get("requestId") });
      if (r.status === "duplicates") duplicateConflict(r.duplicates);
      return c.json({ householdId: r.householdId, personIds: r.personIds, caseId: r.caseId }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/households/{id}",
      permission: "cases.read",
      tags: ["casework"],
      summary: "A household, its persons and the cases you may see (audited read)",
      request: { params: CaseParam },
      responses: { 200: ok(Household), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await c.get("services").casework.getHousehold(c.get("principal")!, c.req.valid("param").id, {
          requestId: c.get("requestId"),
        }),
        200,
      ),
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/households/{id}",
      permission: "cases.write",
      tags: ["casework"],
      summary: "Change a household (address re-places area and office); send the version you read",
      request: { params: CaseParam, body: jsonBody(z.object({ version: Version }).catchall(z.unknown())) },
      responses: { 200: ok(Written), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      const h = await c
        .get("services")
        .casework.updateHousehold(c.get("principal")!, c.req.valid("param").id, version, input as never, {
          requestId: c.get("requestId"),
        });
      return c.json({ id: h.id, version: h.version }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/persons",
      permission: "cases.write",
      tags: ["casework"],
      summary: "Add a person to a household (409 possible_duplicate unless allowDuplicate)",
      request: {
        params: CaseParam,
        body: jsonBody(z.object({ allowDuplicate: z.boolean().optional() }).catchall(z.unknown())),
      },
      responses: { 201: ok(Person, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { allowDuplicate, ...input } = c.req.valid("json");
      const r = await c
        .get("services")
        .casework.addPerson(c.get("principal")!, c.req.valid("param").id, input as never, {
          requestId: c.get("requestId"),
          allowDuplicate: allowDuplicate === true,
        });
      if (r.status === "duplicates") duplicateConflict(r.duplicates);
      return c.json(r.person as never, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/cases",
      permission: "cases.write",
      tags: ["casework"],
      summary: "Open a case for a household (office from the household; assigning others needs cases.assign)",
      request: { params: CaseParam, body: jsonBody(Any) },
      responses: { 201: ok(CaseRow, "Created"), ...problemResponses },
    }),
    async (c) => {
      const row = await c
        .get("services")
        .casework.createCase(c.get("principal")!, c.req.valid("param").id, c.req.valid("json"), {
          requestId: c.get("requestId"),
        });
      return c.json(row as never, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/households/{id}/merge",
      permission: "cases.assign",
      tags: ["casework"],
      summary: "Merge a duplicate household into this one (persons and cases move; audited)",
      request: {
        params: CaseParam,
        body: jsonBody(z.object({ mergedId: z.uuid(), mergedVersion: Version })),
      },
      responses: {
        200: ok(z.object({ survivorId: z.string(), personsMoved: z.number(), casesMoved: z.number() })),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { mergedId, mergedVersion } = c.req.valid("json");
      const r = await c
        .get("services")
        .casework.mergeHouseholds(c.get("principal")!, c.req.valid("param").id, mergedId, mergedVersion, {
          requestId: c.get("requestId"),
        });
      return c.json(r, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/persons/{id}",
      permission: "cases.read",
      tags: ["casework"],
      summary: "One person (audited read)",
      request: { params: CaseParam },
      responses: { 200: ok(Person), ...problemResponses },
    }),
    async (c) =>
      c.json(
        (await c.get("services").casework.getPerson(c.get("principal")!, c.req.valid("param").id, {
          requestId: c.get("requestId"),
        })) as never,
        200,
      ),
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/persons/{id}",
      permission: "cases.write",
      tags: ["casework"],
      summary: "Change a person (send the version you read)",
      request: { params: CaseParam, body: jsonBody(z.object({ version: Version }).catchall(z.unknown())) },
      responses: { 200: ok(Person), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      const p = await c
        .get("services")
        .casework.updatePerson(c.get("principal")!, c.req.valid("param").id, version, input as never, {
          requestId: c.get("requestId"),
        });
      return c.json(p as never, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/persons/{id}/relations",
      permission: "cases.write",
      tags: ["casework"],
      summary: "Record a family relation to another person",
      request: { params: CaseParam, body: jsonBody(Any) },
      responses: { 201: ok(Written, "Created"), ...problemResponses },
    }),
    async (c) => {
      const r = await c
        .get("services")
        .casework.addRelation(c.get("principal")!, c.req.valid("param").id, c.req.valid("json"), {
          requestId: c.get("requestId"),
        });
      return c.json({ id: r.id }, 201);
    },
  );

  // ---- cases ----
  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases",
      permission: "cases.read",
      tags: ["casework"],
      summary: "The cases you may see, filtered and paged (newest first); the list read is audited",
      request: { query: CaseListQuery },
      responses: {
        200: ok(
          z.object({
            items: z.array(CaseListItem),
            hasMore: z.boolean(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
        ),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(
        await c
          .get("services")
          .casework.listCases(c.get("principal")!, c.req.valid("query"), { requestId: c.get("requestId") }),
        200,
      ),
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{id}",
      permission: "cases.read",
      tags: ["casework"],
      summary:
        "One case with everything that belongs to it (audited read of the case, its persons and notes)",
      request: { params: CaseParam },
      responses: { 200: ok(CaseDetail), ...problemResponses },
    }),
    async (c) => {
      const d = await c
        .get("services")
        .casework.getCase(c.get("principal")!, c.req.valid("param").id, { requestId: c.get("requestId") });
      const { staff: _staff, ...rest } = d;
      return c.json(rest as never, 200);
    },
  );

  const caseWrite = (
    path: string,
    summary: string,
    run: (
      s: ReturnType<typeof servicesOf>,
      p: Parameters<ReturnType<typeof servicesOf>["getCase"]>[0],
      caseId: string,
      version: number,
      body: Record<string, unknown>,
      requestId: string,
    ) => Promise<unknown>,
    method: "post" | "put" = "post",
    permission: "cases.write" | "cases.assign" = "cases.write",
  ) =>
    api.openapi(
      defineRoute({
        method,
        path,
        permission,
        tags: ["casework"],
        summary,
        request: { params: CaseParam, body: jsonBody(z.object({ version: Version }).catchall(z.unknown())) },
        responses: { 200: ok(CaseRow), ...problemResponses },
      }),
      async (c) => {
        const { version, ...body } = c.req.valid("json");
        const r = await run(
          servicesOf(c),
          c.get("principal")!,
          c.req.valid("param").id,
          version,
          body,
          c.get("requestId"),
        );
        return c.json(r as never, 200);
      },
    );

  caseWrite(
    "/cases/{id}",
    "Change the case type (and the housing-loss stage, only for that type); send the version you read",
    (s, p, id, v, b, requestId) => s.updateCase(p, id, v, b, { requestId }),
    "put",
  );
  caseWrite(
    "/cases/{id}/workers",
    "Assign the case workers (supervisors)",
    (s, p, id, v, b, requestId) => s.assignWorkers(p, id, v, b, { requestId }),
    "put",
    "cases.assign",
  );
  caseWrite(
    "/cases/{id}/phase",
    "Change the phase with a date and a reason (the reason is stored encrypted)",
    (s, p, id, v, b, requestId) => s.changePhase(p, id, v, b, { requestId }),
  );
  caseWrite(
    "/cases/{id}/close",
    "Close the case with a reason (retention counts from the closing date)",
    (s, p, id, v, b, requestId) => s.closeCase(p, id, v, b, { requestId }),
  );
  caseWrite("/cases/{id}/reopen", "Reopen a closed case", (s, p, id, v, _b, requestId) =>
    s.reopenCase(p, id, v, { requestId }),
  );

  const childCreate = (
    path: string,
    summary: string,
    run: (
      s: ReturnType<typeof servicesOf>,
      p: never,
      caseId: string,
      body: unknown,
      requestId: string,
    ) => Promise<unknown>,
  ) =>
    api.openapi(
      defineRoute({
        method: "post",
        path,
        permission: "cases.write",
        tags: ["casework"],
        summary,
        request: { params: CaseParam, body: jsonBody(Any) },
        responses: { 201: ok(Written, "Created"), ...problemResponses },
      }),
      async (c) => {
        const r = (await run(
          servicesOf(c),
          c.get("principal")! as never,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("requestId"),
        )) as { id: string; version?: number };
        return c.json({ id: r.id, ...(r.version !== undefined ? { version: r.version } : {}) }, 201);
      },
    );
  childCreate("/cases/{id}/needs", "Record a need in a life domain", (s, p, id, b, requestId) =>
    s.addNeed(p, id, b, { requestId }),
  );
  childCreate("/cases/{id}/plan-items", "Add a help-plan goal or task", (s, p, id, b, requestId) =>
    s.addPlanItem(p, id, b, { requestId }),
  );
  childCreate(
    "/cases/{id}/contacts",
    "Record a contact (home visit, office hours, phone, accompaniment)",
    (s, p, id, b, requestId) => s.addContact(p, id, b, { requestId }),
  );
  childCreate("/cases/{id}/notes", "Add a note (stored encrypted)", (s, p, id, b, requestId) =>
    s.addNote(p, id, b, { requestId }),
  );
  childCreate(
    "/cases/{id}/attachments",
    "Attach a file: { fileName, content (base64) }; PDF, PNG or JPEG, at most 10 MiB; stored encrypted",
    (s, p, id, b, requestId) => {
      const body = (b ?? {}) as { fileName?: unknown; content?: unknown };
      const fileName = typeof body.fileName === "string" ? body.fileName : "";
      const content =
        typeof body.content === "string" ? Buffer.from(body.content, "base64") : new Uint8Array();
      return s.addAttachment(p, id, { fileName, mimeType: "", content }, { requestId });
    },
  );

  const childUpdate = (
    path: string,
    param: string,
    summary: string,
    run: (
      s: ReturnType<typeof servicesOf>,
      p: never,
      caseId: string,
      childId: string,
      version: number,
      body: unknown,
      requestId: string,
    ) => Promise<unknown>,
  ) =>
    api.openapi(
      defineRoute({
        method: "put",
        path,
        permission: "cases.write",
        tags: ["casework"],
        summary,
        request: {
          params: z.object({ id: id("id"), [param]: id(param) }),
          body: jsonBody(z.object({ version: Version }).catchall(z.unknown())),
        },
        responses: { 200: ok(Written), ...problemResponses },
      }),
      async (c) => {
        const params = c.req.valid("param") as Record<string, string>;
        const { version, ...body } = c.req.valid("json");
        const r = (await run(
          servicesOf(c),
          c.get("principal")! as never,
          params.id!,
          params[param]!,
          version,
          body,
          c.get("requestId"),
        )) as { id: string; version: number };
        return c.json({ id: r.id, version: r.version }, 200);
      },
    );
  childUpdate(
    "/cases/{id}/needs/{needId}",
    "needId",
    "Change a need's status or note",
    (s, p, id, n, v, b, requestId) => s.updateNeed(p, id, n, v, b, { requestId }),
  );
  childUpdate(
    "/cases/{id}/plan-items/{itemId}",
    "itemId",
    "Change a help-plan item",
    (s, p, id, n, v, b, requestId) => s.updatePlanItem(p, id, n, v, b, { requestId }),
  );
  childUpdate("/cases/{id}/notes/{noteId}", "noteId", "Change a note", (s, p, id, n, v, b, requestId) =>
    s.updateNote(p, id, n, v, b, { requestId }),
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{id}/attachments/{attachmentId}",
      permission: "cases.read",
      tags: ["casework"],
      summary: "Download an attachment (decrypted; audited read)",
      request: { params: z.object({ id: id("id"), attachmentId: id("attachmentId") }) },
      responses: {
        200: {
          description: "The file",
          content: { "application/octet-stream": { schema: { type: "string" as const, format: "binary" } } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id: caseId, attachmentId } = c.req.valid("param");
      const f = await servicesOf(c).getAttachment(c.get("principal")!, caseId, attachmentId, {
        requestId: c.get("requestId"),
      });
      return c.body(f.content as never, 200, {
        "content-type": f.mimeType,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      }) as never;
    },
  );

  // ---- settings ----
  const Settings = z
    .object({
      retentionYears: z.number().int(),
      version: z.number().int(),
      phases: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          label: z.string(),
          sort: z.number(),
          active: z.boolean(),
        }),
      ),
    })
    .openapi("CaseworkSettings");
  api.openapi(
    defineRoute({
      method: "get",
      path: "/casework/settings",
      permission: "casework.settings",
      tags: ["casework"],
      summary: "Retention period and the phase model",
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => c.json((await servicesOf(c).settings(c.get("principal")!)) as never, 200),
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/casework/settings",
      permission: "casework.settings",
      tags: ["casework"],
      summary: "Change the retention period in years (send the version you read)",
      request: { body: jsonBody(z.object({ version: Version, retentionYears: z.number() })) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      const { version, ...input } = c.req.valid("json");
      await servicesOf(c).updateSettings(c.get("principal")!, version, input, {
        requestId: c.get("requestId"),
      });
      return c.json((await servicesOf(c).settings(c.get("principal")!)) as never, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/casework/phases",
      permission: "casework.settings",
      tags: ["casework"],
      summary: "Add a phase at the end of the phase model",
      request: { body: jsonBody(z.object({ key: z.string(), label: z.string() })) },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      await servicesOf(c).addPhase(c.get("principal")!, c.req.valid("json"), {
        requestId: c.get("requestId"),
      });
      return c.json((await servicesOf(c).settings(c.get("principal")!)) as never, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/casework/phases",
      permission: "casework.settings",
      tags: ["casework"],
      summary: "Relabel, reorder or (de)activate phases",
      request: {
        body: jsonBody(
          z.object({
            phases: z
              .array(z.object({ id: z.string(), label: z.string(), sort: z.number(), active: z.boolean() }))
              .max(50),
          }),
        ),
      },
      responses: { 200: ok(Settings), ...problemResponses },
    }),
    async (c) => {
      await servicesOf(c).updatePhases(c.get("principal")!, c.req.valid("json").phases, {
        requestId: c.get("requestId"),
      });
      return c.json((await servicesOf(c).settings(c.get("principal")!)) as never, 200);
    },
  );
}

function servicesOf(c: { get(key: "services"): { casework: import("./service.ts").CaseworkService } }) {
  return c.get("services").casework;
}

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
import {
  attachmentUploadInput,
  contactInput,
  needInput,
  noteInput,
  planItemInput,
  updateNeedInput,
  updateNoteInput,
  updatePlanItemInput,
} from "./contracts.ts";
import { idParam, Written } from "./households.api.ts";

/** The records of a case (issue 4): needs, help-plan items, contacts, notes, attachments. */

const tags = ["casework"];
const uuidParam = (name: string) => z.uuid().openapi({ param: { name, in: "path" } });
const created = { 201: ok(Written, "Created"), ...problemResponses };
const saved = { 200: ok(Written), ...problemResponses };
const written = (r: { id: string; version?: number }) => ({
  id: r.id,
  ...(r.version !== undefined ? { version: r.version } : {}),
});

export function registerRecordApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/needs",
      permission: "cases.write",
      tags,
      summary: "Record a need in a life domain",
      request: { params: idParam, body: jsonBody(named(needInput, "NeedCreate")) },
      responses: created,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.needs.add(principal, c.req.valid("param").id, c.req.valid("json"), {
        requestId,
      });
      return c.json(written(r), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/cases/{id}/needs/{needId}",
      permission: "cases.write",
      tags,
      summary: "Change a need's status or note",
      request: {
        params: z.object({ id: uuidParam("id"), needId: uuidParam("needId") }),
        body: jsonBody(named(updateNeedInput, "NeedUpdate")),
      },
      responses: saved,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const r = await services.casework.needs.update(principal, p.id, p.needId, c.req.valid("json"), {
        requestId,
      });
      return c.json(written(r), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/plan-items",
      permission: "cases.write",
      tags,
      summary: "Add a help-plan goal or task",
      request: { params: idParam, body: jsonBody(named(planItemInput, "PlanItemCreate")) },
      responses: created,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.planItems.add(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json(written(r), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/cases/{id}/plan-items/{itemId}",
      permission: "cases.write",
      tags,
      summary: "Change a help-plan item",
      request: {
        params: z.object({ id: uuidParam("id"), itemId: uuidParam("itemId") }),
        body: jsonBody(named(updatePlanItemInput, "PlanItemUpdate")),
      },
      responses: saved,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const r = await services.casework.planItems.update(principal, p.id, p.itemId, c.req.valid("json"), {
        requestId,
      });
      return c.json(written(r), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/contacts",
      permission: "cases.write",
      tags,
      summary: "Record a contact (home visit, office hours, phone, accompaniment)",
      request: { params: idParam, body: jsonBody(named(contactInput, "ContactCreate")) },
      responses: created,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.contacts.add(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        {
          requestId,
        },
      );
      return c.json({ id: r.id }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/notes",
      permission: "cases.write",
      tags,
      summary: "Add a note (stored encrypted)",
      request: { params: idParam, body: jsonBody(named(noteInput, "NoteCreate")) },
      responses: created,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.casework.notes.add(principal, c.req.valid("param").id, c.req.valid("json"), {
        requestId,
      });
      return c.json(written(r), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/cases/{id}/notes/{noteId}",
      permission: "cases.write",
      tags,
      summary: "Change a note",
      request: {
        params: z.object({ id: uuidParam("id"), noteId: uuidParam("noteId") }),
        body: jsonBody(named(updateNoteInput, "NoteUpdate")),
      },
      responses: saved,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = c.req.valid("param");
      const r = await services.casework.notes.update(principal, p.id, p.noteId, c.req.valid("json"), {
        requestId,
      });
      return c.json(written(r), 200);
    },
  );

  registerAttachmentApi(api);
}

function registerAttachmentApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/attachments",
      permission: "cases.write",
      tags,
      summary:
        "Attach a file: { fileName, content (base64) }; PDF, PNG or JPEG, at most 10 MiB; stored encrypted",
      request: { params: idParam, body: jsonBody(named(attachmentUploadInput, "AttachmentUpload")) },
      responses: created,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const body = c.req.valid("json");
      const r = await services.casework.attachments.add(
        principal,
        c.req.valid("param").id,
        { fileName: body.fileName, content: Buffer.from(body.content, "base64") },
        { requestId },
      );
      return c.json({ id: r.id }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/cases/{id}/attachments/{attachmentId}",
      permission: "cases.read",
      tags,
      summary: "Download an attachment (decrypted; audited read)",
      request: { params: z.object({ id: uuidParam("id"), attachmentId: uuidParam("attachmentId") }) },
      responses: {
        200: {
          description: "The file",
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id: caseId, attachmentId } = c.req.valid("param");
      const f = await services.casework.attachments.get(principal, caseId, attachmentId, { requestId });
      return c.body(new Uint8Array(f.content), 200, {
        "content-type": f.mimeType,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
    },
  );
}

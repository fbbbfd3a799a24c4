/** The staff API of review (/api/v1/directory/revisions/…, review-queue, settings). */
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  z,
} from "#app/server/http/api.ts";
import {
  directorySettingsUpdate,
  directorySettingsView,
  rejectInput,
  revisionDetailView,
  revisionListView,
  revisionView,
  versionInput,
} from "./contracts.ts";
import { entryParams, notFoundResponses } from "./entries.api.ts";
import { revisionOut } from "./responses.ts";

const Revision = named(revisionView, "DirectoryRevision");
const RevisionList = named(revisionListView, "DirectoryRevisionList");
const Version = named(versionInput, "DirectoryVersion");
const Settings = named(directorySettingsView, "DirectorySettings");
const idParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

function registerTransition(
  api: ApiRouter,
  path: string,
  permission: "directory.edit" | "directory.publish",
  summary: string,
  run: "submit" | "publish" | "withdraw",
) {
  api.openapi(
    defineRoute({
      method: "post",
      path,
      permission,
      tags: ["directory"],
      summary,
      request: { params: idParam, body: jsonBody(Version) },
      responses: { 200: ok(Revision), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const out = await services.directory[run](
        principal,
        c.req.valid("param").id,
        c.req.valid("json").version,
        requestId,
      );
      return c.json(revisionOut(out), 200);
    },
  );
}

export function registerReviewApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}/revisions",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Version history of an entry, newest first",
      request: { params: entryParams },
      responses: { 200: ok(RevisionList), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { type, id } = c.req.valid("param");
      const items = await services.directory.revisions(principal, type, id);
      return c.json({ items: items.map(revisionOut) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/revisions/{id}",
      permission: "directory.read",
      tags: ["directory"],
      summary: "One revision with its data and its changes against the published entry",
      request: { params: idParam },
      responses: { 200: ok(named(revisionDetailView, "DirectoryRevisionDetail")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const out = await services.directory.revision(principal, c.req.valid("param").id);
      return c.json({ ...out, revision: revisionOut(out.revision) }, 200);
    },
  );

  registerTransition(
    api,
    "/directory/revisions/{id}/submit",
    "directory.edit",
    "Submit a draft for review",
    "submit",
  );
  registerTransition(
    api,
    "/directory/revisions/{id}/publish",
    "directory.publish",
    "Publish a revision in review",
    "publish",
  );
  registerTransition(
    api,
    "/directory/revisions/{id}/withdraw",
    "directory.edit",
    "Drop an open revision",
    "withdraw",
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/revisions/{id}/reject",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Reject a revision in review, with a note for its author",
      request: { params: idParam, body: jsonBody(named(rejectInput, "DirectoryReject")) },
      responses: { 200: ok(Revision), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const out = await services.directory.reject(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(revisionOut(out), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/review-queue",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Revisions waiting for review, oldest first",
      responses: { 200: ok(RevisionList), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const items = await services.directory.reviewQueue(principal);
      return c.json({ items: items.map(revisionOut) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/settings",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Directory settings (days after which an unchecked entry gets a reminder)",
      responses: { 200: ok(Settings), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.directory.settings(principal), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/settings",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Change the reminder interval (optimistic locking: send the version you read; 0 at first)",
      request: { body: jsonBody(named(directorySettingsUpdate, "DirectorySettingsUpdate")) },
      responses: { 200: ok(Settings), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.directory.updateSettings(principal, c.req.valid("json"), requestId), 200);
    },
  );
}

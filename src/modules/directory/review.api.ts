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

type Directory = ReturnType<typeof operationContext>["services"]["directory"];
type Principal = ReturnType<typeof operationContext>["principal"];

/** A step of a revision's review (POST /directory/revisions/{id}/…): body in, revision out. */
function registerRevisionStep<B extends z.ZodType>(
  api: ApiRouter,
  step: {
    name: string;
    permission: "directory.edit" | "directory.publish";
    summary: string;
    body: B;
    run: (
      d: Directory,
      p: Principal,
      id: string,
      body: z.output<B>,
      requestId: string,
    ) => ReturnType<Directory["submit"]>;
  },
) {
  // Widened here so that the route's types do not depend on B; the handler narrows it back.
  const body: z.ZodType = step.body;
  api.openapi(
    defineRoute({
      method: "post",
      path: `/directory/revisions/{id}/${step.name}`,
      permission: step.permission,
      tags: ["directory"],
      summary: step.summary,
      request: { params: idParam, body: jsonBody(body) },
      responses: { 200: ok(Revision), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const input = c.req.valid("json") as z.output<B>;
      const out = await step.run(services.directory, principal, c.req.valid("param").id, input, requestId);
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

  registerRevisionStep(api, {
    name: "submit",
    permission: "directory.edit",
    summary: "Submit a draft for review",
    body: Version,
    run: (d, p, id, b, r) => d.submit(p, id, b.version, r),
  });
  registerRevisionStep(api, {
    name: "publish",
    permission: "directory.publish",
    summary: "Publish a revision in review",
    body: Version,
    run: (d, p, id, b, r) => d.publish(p, id, b.version, r),
  });
  registerRevisionStep(api, {
    name: "withdraw",
    permission: "directory.edit",
    summary: "Drop an open revision",
    body: Version,
    run: (d, p, id, b, r) => d.withdraw(p, id, b.version, r),
  });
  registerRevisionStep(api, {
    name: "reject",
    permission: "directory.publish",
    summary: "Reject a revision in review, with a note for its author",
    body: named(rejectInput, "DirectoryReject"),
    run: (d, p, id, b, r) => d.reject(p, id, b, r),
  });

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

/**
 * The staff API of entries (/api/v1/directory/entries/…): list, read, create and save, confirm
 * and archive. Creating and saving carry the entry's data, whose shape depends on its type, so
 * each type has its own pair of operations with its own typed body.
 */
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  archivedView,
  checkedView,
  createEntryInput,
  entryListQuery,
  entryListView,
  entryView,
  savedView,
  saveEntryInput,
  versionInput,
} from "./contracts.ts";
import { ENTITY_TYPES, type EntityType } from "./model.ts";
import { entryOut, listItemOut, revisionOut } from "./responses.ts";
import { ENTRY_INPUTS } from "./validate.ts";

export const notFoundResponses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

export const typeParam = z.object({
  type: z.enum(ENTITY_TYPES).openapi({ param: { name: "type", in: "path" } }),
});
export const entryParams = typeParam.extend({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

const Saved = named(savedView, "DirectorySaved");
const Version = named(versionInput, "DirectoryVersion");
const TITLE: Record<EntityType, string> = {
  organization: "Organization",
  place: "Place",
  offer: "Offer",
  event: "Event",
};

// The data of each type is one component, referred to by its create and save bodies and by the views.
for (const type of ENTITY_TYPES) named(ENTRY_INPUTS[type], `Directory${TITLE[type]}Data`);

/** POST /directory/entries/<type> and PUT /directory/entries/<type>/{id} of one entry type. */
function registerWrites(api: ApiRouter, type: EntityType) {
  const name = TITLE[type];
  api.openapi(
    defineRoute({
      method: "post",
      path: `/directory/entries/${type}`,
      permission: "directory.edit",
      tags: ["directory"],
      summary: `Create a ${type} as a draft (or publish at once with publishNow and directory.publish)`,
      request: { body: jsonBody(named(createEntryInput(type), `Directory${name}Create`)) },
      responses: { 201: ok(Saved, "Created"), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const body = c.req.valid("json");
      const input = { type, entityId: null, revisionId: null, version: 0, ...body };
      const out = await services.directory.saveEntry(principal, input, requestId);
      return c.json({ ...out, revision: revisionOut(out.revision) }, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: `/directory/entries/${type}/{id}`,
      permission: "directory.edit",
      tags: ["directory"],
      summary: `Save a change to a ${type} as a draft revision (optimistic locking: send the version you read)`,
      request: { params: idParam, body: jsonBody(named(saveEntryInput(type), `Directory${name}Save`)) },
      responses: { 200: ok(Saved), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const input = { type, entityId: c.req.valid("param").id, ...c.req.valid("json") };
      const out = await services.directory.saveEntry(principal, input, requestId);
      return c.json({ ...out, revision: revisionOut(out.revision) }, 200);
    },
  );
}

export function registerEntryApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}",
      permission: "directory.read",
      tags: ["directory"],
      summary:
        "Entries of one type (partner staff: their organization's only), with status filter and search",
      request: { params: typeParam, query: entryListQuery },
      responses: { 200: ok(named(entryListView, "DirectoryList")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const items = await services.directory.list(principal, c.req.valid("param").type, c.req.valid("query"));
      return c.json({ items: items.map(listItemOut) }, 200);
    },
  );

  for (const type of ENTITY_TYPES) registerWrites(api, type);

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}",
      permission: "directory.read",
      tags: ["directory"],
      summary: "One entry: its published data and its open revision",
      request: { params: entryParams },
      responses: { 200: ok(named(entryView, "DirectoryEntry")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { type, id } = c.req.valid("param");
      return c.json(entryOut(await services.directory.get(principal, type, id)), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/entries/{type}/{id}/check",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Confirm the entry is still correct (sets the last-checked date)",
      request: { params: entryParams },
      responses: { 200: ok(named(checkedView, "DirectoryChecked")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { type, id } = c.req.valid("param");
      const out = await services.directory.confirmChecked(principal, type, id, requestId);
      return c.json({ lastCheckedAt: out.lastCheckedAt.toISOString() }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/entries/{type}/{id}/archive",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Take an entry off the public site (kept for history)",
      request: { params: entryParams, body: jsonBody(Version) },
      responses: { 200: ok(named(archivedView, "DirectoryArchived")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { type, id } = c.req.valid("param");
      const out = await services.directory.archive(
        principal,
        type,
        id,
        c.req.valid("json").version,
        requestId,
      );
      return c.json(out, 200);
    },
  );
}

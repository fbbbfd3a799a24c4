import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  ok,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { CONTENT_LANGUAGES, SETTABLE_STATUSES, TRANSLATION_STATUSES } from "../translations/languages.ts";
import { MAX_IMAGE_BYTES } from "./images.ts";
import { ENTRY_STATUSES, REVISION_STATUSES } from "./schema.ts";
import { ENTITY_TYPES, type EntryView, LIST_STATUSES, type RevisionView } from "./service.ts";

/**
 * The directory's staff API (/api/v1/directory/…): entries, revisions and review, versions,
 * translations, images and the reminder setting. Entry data is validated by the service with
 * per-field messages (the schemas in validate.ts), so the request schemas here are loose.
 *
 * Images are uploaded as JSON with base64 content ({ "data": "<base64>", "alt": "…" }), at
 * most MAX_IMAGE_BYTES after decoding; they are served publicly at
 * GET /api/v1/directory/images/{id} with long-lived caching (an image never changes).
 */

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

const TypeParam = z.object({ type: z.enum(ENTITY_TYPES).openapi({ param: { name: "type", in: "path" } }) });
const EntryParams = z.object({
  type: z.enum(ENTITY_TYPES).openapi({ param: { name: "type", in: "path" } }),
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const LangParam = z.object({
  lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: "lang", in: "path" } }),
});
const EntryLangParams = EntryParams.extend({
  lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: "lang", in: "path" } }),
});

const Data = z
  .record(z.string(), z.unknown())
  .openapi("DirectoryEntryData", { description: "The entry's fields as in validate.ts (German texts)" });

const Revision = z
  .object({
    id: z.string(),
    entityType: z.enum(ENTITY_TYPES),
    entityId: z.string(),
    number: z.number().int(),
    status: z.enum(REVISION_STATUSES),
    organizationId: z.string().nullable(),
    authorId: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    name: z.string(),
  })
  .openapi("DirectoryRevision");

const Entry = z
  .object({
    type: z.enum(ENTITY_TYPES),
    id: z.string(),
    status: z.enum(ENTRY_STATUSES),
    version: z.number().int(),
    organizationId: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
    updatedAt: z.string(),
    data: Data,
    areaId: z.string().nullable(),
    openRevision: Revision.extend({ data: Data }).nullable(),
    rejectedRevision: Revision.nullable(),
    canEdit: z.boolean(),
    canPublish: z.boolean(),
  })
  .openapi("DirectoryEntry");

const ListItem = z
  .object({
    type: z.enum(ENTITY_TYPES),
    id: z.string(),
    name: z.string(),
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
    status: z.enum(ENTRY_STATUSES),
    version: z.number().int(),
    lastCheckedAt: z.string().nullable(),
    updatedAt: z.string(),
    pending: z
      .object({ id: z.string(), status: z.enum(REVISION_STATUSES), number: z.number().int() })
      .nullable(),
    checkDue: z.boolean(),
  })
  .openapi("DirectoryListItem");

const ListQuery = z.object({
  status: z.enum(LIST_STATUSES).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

const SaveBody = z
  .object({
    data: Data,
    revisionId: z.string().max(40).nullish().openapi({ description: "The open revision being edited" }),
    version: z.number().int().min(0).openapi({
      description: "Version of the open revision (with revisionId), else of the entry (0 for a new entry)",
    }),
    publishNow: z.boolean().optional().openapi({ description: "Publish without review (directory.publish)" }),
  })
  .openapi("DirectorySave");
const CreateBody = z.object({ data: Data, publishNow: z.boolean().optional() }).openapi("DirectoryCreate");
const Saved = z
  .object({ entityId: z.string(), revision: Revision, published: z.boolean() })
  .openapi("DirectorySaved");
const VersionBody = z.object({ version: z.number().int().min(1) }).openapi("DirectoryVersion");
const RejectBody = z
  .object({ version: z.number().int().min(1), note: z.string().max(5000) })
  .openapi("DirectoryReject");

const Change = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const RevisionDetail = z
  .object({
    revision: Revision,
    data: Data,
    current: Data.nullable(),
    entryVersion: z.number().int().nullable(),
    changes: z.array(Change),
    canPublish: z.boolean(),
    canEdit: z.boolean(),
  })
  .openapi("DirectoryRevisionDetail");

const Cell = z.object({
  lang: z.enum(CONTENT_LANGUAGES),
  status: z.enum(TRANSLATION_STATUSES),
  text: z.string().nullable(),
  version: z.number().int(),
});
const Translations = z
  .object({ fields: z.array(z.string()), cells: z.record(z.string(), z.record(z.string(), Cell)) })
  .openapi("DirectoryTranslations");
const TranslationPut = z
  .object({
    field: z.string().max(40),
    text: z.string().max(40_000),
    status: z.enum(SETTABLE_STATUSES),
    version: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "Version of the translation read; 0 if missing" }),
  })
  .openapi("DirectoryTranslationPut");
const TranslationSaved = z
  .object({
    lang: z.string(),
    field: z.string(),
    status: z.enum(TRANSLATION_STATUSES),
    version: z.number().int(),
  })
  .openapi("DirectoryTranslationSaved");
const Overview = z
  .object({
    lang: z.enum(CONTENT_LANGUAGES),
    counts: z.array(
      z.object({ entityType: z.string(), total: z.number(), missing: z.number(), outdated: z.number() }),
    ),
    items: z.array(
      z.object({
        type: z.enum(ENTITY_TYPES),
        id: z.string(),
        name: z.string(),
        status: z.enum(ENTRY_STATUSES),
        fields: z.array(z.object({ field: z.string(), status: z.enum(TRANSLATION_STATUSES) })),
      }),
    ),
  })
  .openapi("DirectoryTranslationOverview");

const ImageUpload = z
  .object({
    data: z
      .string()
      .max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 1024)
      .openapi({ description: `Base64 of the file (PNG, JPEG or WebP, at most ${MAX_IMAGE_BYTES} bytes)` }),
    alt: z.string().max(300).nullish(),
  })
  .openapi("DirectoryImageUpload");
const ImageSaved = z
  .object({
    id: z.string(),
    url: z.string(),
    mimeType: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    byteSize: z.number().int(),
  })
  .openapi("DirectoryImage");

const Settings = z
  .object({ reviewIntervalDays: z.number().int(), version: z.number().int() })
  .openapi("DirectorySettings");

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const revisionJson = (r: RevisionView) => ({
  ...r,
  submittedAt: iso(r.submittedAt),
  reviewedAt: iso(r.reviewedAt),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const entryJson = (e: EntryView) => ({
  ...e,
  data: e.data as Record<string, unknown>,
  lastCheckedAt: iso(e.lastCheckedAt),
  updatedAt: e.updatedAt.toISOString(),
  openRevision: e.openRevision
    ? { ...revisionJson(e.openRevision), data: e.openRevision.data as Record<string, unknown> }
    : null,
  rejectedRevision: e.rejectedRevision ? revisionJson(e.rejectedRevision) : null,
});

export const imageUrl = (id: string) => `/api/v1/directory/images/${id}`;

/** Strict base64 (standard alphabet, padding optional); anything else is bad input, not a 500. */
function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean))
    throw AppError.validation([{ field: "data", code: "image_not_an_image" }]);
  return new Uint8Array(Buffer.from(clean, "base64"));
}

export function registerDirectoryApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}",
      permission: "directory.read",
      tags: ["directory"],
      summary:
        "Entries of one type (partner staff: their organization's only), with status filter and search",
      request: { params: TypeParam, query: ListQuery },
      responses: { 200: ok(z.object({ items: z.array(ListItem) })), ...responses },
    }),
    async (c) => {
      const items = await c
        .get("services")
        .directory.list(c.get("principal")!, c.req.valid("param").type, c.req.valid("query"));
      return c.json(
        {
          items: items.map((i) => ({
            ...i,
            lastCheckedAt: iso(i.lastCheckedAt),
            updatedAt: i.updatedAt.toISOString(),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/entries/{type}",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Create an entry as a draft (or publish at once with publishNow and directory.publish)",
      request: { params: TypeParam, body: jsonBody(CreateBody) },
      responses: { 201: ok(Saved, "Created"), ...responses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const out = await c
        .get("services")
        .directory.save(c.get("principal")!, c.req.valid("param").type, null, body.data, {
          version: 0,
          publishNow: body.publishNow ?? false,
          requestId: c.get("requestId"),
        });
      return c.json({ ...out, revision: revisionJson(out.revision) }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}",
      permission: "directory.read",
      tags: ["directory"],
      summary: "One entry: its published data and its open revision",
      request: { params: EntryParams },
      responses: { 200: ok(Entry), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      return c.json(entryJson(await c.get("services").directory.get(c.get("principal")!, type, id)), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/entries/{type}/{id}",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Save a change as a draft revision (optimistic locking: send the version you read)",
      request: { params: EntryParams, body: jsonBody(SaveBody) },
      responses: { 200: ok(Saved), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      const body = c.req.valid("json");
      const out = await c.get("services").directory.save(c.get("principal")!, type, id, body.data, {
        revisionId: body.revisionId ?? null,
        version: body.version,
        publishNow: body.publishNow ?? false,
        requestId: c.get("requestId"),
      });
      return c.json({ ...out, revision: revisionJson(out.revision) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/entries/{type}/{id}/check",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Confirm the entry is still correct (sets the last-checked date)",
      request: { params: EntryParams },
      responses: { 200: ok(z.object({ lastCheckedAt: z.string() })), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      const out = await c
        .get("services")
        .directory.confirmChecked(c.get("principal")!, type, id, c.get("requestId"));
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
      request: { params: EntryParams, body: jsonBody(VersionBody) },
      responses: { 200: ok(z.object({ version: z.number().int() })), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      const out = await c
        .get("services")
        .directory.archive(c.get("principal")!, type, id, c.req.valid("json").version, c.get("requestId"));
      return c.json(out, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}/revisions",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Version history of an entry, newest first",
      request: { params: EntryParams },
      responses: { 200: ok(z.object({ items: z.array(Revision) })), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      const items = await c.get("services").directory.revisions(c.get("principal")!, type, id);
      return c.json({ items: items.map(revisionJson) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/revisions/{id}",
      permission: "directory.read",
      tags: ["directory"],
      summary: "One revision with its data and its changes against the published entry",
      request: { params: IdParam },
      responses: { 200: ok(RevisionDetail), ...responses },
    }),
    async (c) => {
      const out = await c.get("services").directory.revision(c.get("principal")!, c.req.valid("param").id);
      return c.json(
        {
          ...out,
          revision: revisionJson(out.revision),
          data: out.data as Record<string, unknown>,
          current: out.current as Record<string, unknown> | null,
        },
        200,
      );
    },
  );

  const transition = (
    path: string,
    permission: "directory.edit" | "directory.publish",
    summary: string,
    run: "submit" | "publish" | "withdraw",
  ) =>
    api.openapi(
      defineRoute({
        method: "post",
        path,
        permission,
        tags: ["directory"],
        summary,
        request: { params: IdParam, body: jsonBody(VersionBody) },
        responses: { 200: ok(Revision), ...responses },
      }),
      async (c) => {
        const svc = c.get("services").directory;
        const out = await svc[run](
          c.get("principal")!,
          c.req.valid("param").id,
          c.req.valid("json").version,
          c.get("requestId"),
        );
        return c.json(revisionJson(out), 200);
      },
    );
  transition("/directory/revisions/{id}/submit", "directory.edit", "Submit a draft for review", "submit");
  transition(
    "/directory/revisions/{id}/publish",
    "directory.publish",
    "Publish a revision in review",
    "publish",
  );
  transition("/directory/revisions/{id}/withdraw", "directory.edit", "Drop an open revision", "withdraw");

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/revisions/{id}/reject",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Reject a revision in review, with a note for its author",
      request: { params: IdParam, body: jsonBody(RejectBody) },
      responses: { 200: ok(Revision), ...responses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const out = await c
        .get("services")
        .directory.reject(
          c.get("principal")!,
          c.req.valid("param").id,
          body.version,
          body.note,
          c.get("requestId"),
        );
      return c.json(revisionJson(out), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/review-queue",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Revisions waiting for review, oldest first",
      responses: { 200: ok(z.object({ items: z.array(Revision) })), ...responses },
    }),
    async (c) => {
      const items = await c.get("services").directory.reviewQueue(c.get("principal")!);
      return c.json({ items: items.map(revisionJson) }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}/translations",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Every language's text and status of an entry's text fields",
      request: { params: EntryParams },
      responses: { 200: ok(Translations), ...responses },
    }),
    async (c) => {
      const { type, id } = c.req.valid("param");
      return c.json(await c.get("services").directory.translationsOf(c.get("principal")!, type, id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/entries/{type}/{id}/translations/{lang}",
      permission: "directory.translate",
      tags: ["directory"],
      summary: "Write one text field in a language other than German",
      request: { params: EntryLangParams, body: jsonBody(TranslationPut) },
      responses: { 200: ok(TranslationSaved), ...responses },
    }),
    async (c) => {
      const { type, id, lang } = c.req.valid("param");
      const out = await c
        .get("services")
        .directory.setTranslation(
          c.get("principal")!,
          type,
          id,
          { ...c.req.valid("json"), lang },
          c.get("requestId"),
        );
      return c.json(out, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/translations/{lang}",
      permission: "directory.translate",
      tags: ["directory"],
      summary: "Translation overview of one language: what is missing or outdated",
      request: { params: LangParam },
      responses: { 200: ok(Overview), ...responses },
    }),
    async (c) => {
      return c.json(
        await c.get("services").directory.translationOverview(c.get("principal")!, c.req.valid("param").lang),
        200,
      );
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/images",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Upload an organization logo or offer picture (base64 JSON; PNG, JPEG or WebP)",
      request: { body: jsonBody(ImageUpload) },
      responses: { 201: ok(ImageSaved, "Created"), ...responses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const out = await c
        .get("services")
        .directory.uploadImage(c.get("principal")!, decodeBase64(body.data), {
          alt: body.alt ?? null,
          requestId: c.get("requestId"),
        });
      return c.json({ ...out, url: imageUrl(out.id) }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/images/{id}",
      permission: PUBLIC,
      tags: ["directory"],
      summary: "An uploaded image (public, cached for a year: an image never changes)",
      request: { params: IdParam },
      responses: {
        200: {
          description: "The image",
          content: {
            "image/png": { schema: z.string().openapi({ format: "binary" }) },
            "image/jpeg": { schema: z.string().openapi({ format: "binary" }) },
            "image/webp": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        404: responses[404],
      },
    }),
    async (c) => {
      const img = await c.get("services").directory.image(c.get("tenant").id, c.req.valid("param").id);
      return new Response(new Uint8Array(img.bytes), {
        status: 200,
        headers: {
          "content-type": img.mimeType,
          "content-length": String(img.byteSize),
          "cache-control": "public, max-age=31536000, immutable",
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'",
        },
      }) as never;
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/settings",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Directory settings (days after which an unchecked entry gets a reminder)",
      responses: { 200: ok(Settings), ...responses },
    }),
    async (c) => c.json(await c.get("services").directory.settings(c.get("principal")!), 200),
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/settings",
      permission: "directory.publish",
      tags: ["directory"],
      summary: "Change the reminder interval (optimistic locking: send the version you read; 0 at first)",
      request: {
        body: jsonBody(
          z
            .object({ reviewIntervalDays: z.number().int(), version: z.number().int().min(0) })
            .openapi("DirectorySettingsUpdate"),
        ),
      },
      responses: { 200: ok(Settings), ...responses },
    }),
    async (c) =>
      c.json(
        await c
          .get("services")
          .directory.updateSettings(c.get("principal")!, c.req.valid("json"), c.get("requestId")),
        200,
      ),
  );
}

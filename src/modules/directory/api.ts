/**
 * The directory's staff API (/api/v1/directory/…): entries (entries.api.ts), revisions, review
 * and the reminder setting (review.api.ts), translations and images (here). Every operation
 * declares its input and its answer from contracts.ts.
 *
 * Images are uploaded as JSON with base64 content ({ "data": "<base64>", "alt": "…" }), at
 * most MAX_IMAGE_BYTES after decoding; they are served publicly at
 * GET /api/v1/directory/images/{id} with long-lived caching (an image never changes).
 */
import {
  type ApiRouter,
  AppError,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  publicContext,
  z,
} from "#app/server/http/api.ts";
import { PUBLIC } from "#app/server/policy/policy.ts";
import { CONTENT_LANGUAGES } from "../translations/languages.ts";
import {
  imageUploadInput,
  imageView,
  translationInput,
  translationOverviewView,
  translationSavedView,
  translationsView,
} from "./contracts.ts";
import { entryParams, notFoundResponses, registerEntryApi } from "./entries.api.ts";
import { imageUrl } from "./responses.ts";
import { registerReviewApi } from "./review.api.ts";

export { imageUrl } from "./responses.ts";

const langParam = z.object({
  lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: "lang", in: "path" } }),
});
const idParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

/** Strict base64 (standard alphabet, padding optional); anything else is bad input, not a 500. */
function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean))
    throw AppError.validation([{ field: "data", code: "image_not_an_image" }]);
  return new Uint8Array(Buffer.from(clean, "base64"));
}

function registerTranslationApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/entries/{type}/{id}/translations",
      permission: "directory.read",
      tags: ["directory"],
      summary: "Every language's text and status of an entry's text fields",
      request: { params: entryParams },
      responses: { 200: ok(named(translationsView, "DirectoryTranslations")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { type, id } = c.req.valid("param");
      return c.json(await services.directory.translationsOf(principal, type, id), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/directory/entries/{type}/{id}/translations/{lang}",
      permission: "directory.translate",
      tags: ["directory"],
      summary: "Write one text field in a language other than German",
      request: {
        params: entryParams.extend(langParam.shape),
        body: jsonBody(named(translationInput, "DirectoryTranslationPut")),
      },
      responses: { 200: ok(named(translationSavedView, "DirectoryTranslationSaved")), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { type, id, lang } = c.req.valid("param");
      const input = { ...c.req.valid("json"), lang };
      return c.json(await services.directory.setTranslation(principal, type, id, input, requestId), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/translations/{lang}",
      permission: "directory.translate",
      tags: ["directory"],
      summary: "Translation overview of one language: what is missing or outdated",
      request: { params: langParam },
      responses: {
        200: ok(named(translationOverviewView, "DirectoryTranslationOverview")),
        ...notFoundResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.directory.translationOverview(principal, c.req.valid("param").lang), 200);
    },
  );
}

function registerImageApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "post",
      path: "/directory/images",
      permission: "directory.edit",
      tags: ["directory"],
      summary: "Upload an organization logo or offer picture (base64 JSON; PNG, JPEG or WebP)",
      request: { body: jsonBody(named(imageUploadInput, "DirectoryImageUpload")) },
      responses: { 201: ok(named(imageView, "DirectoryImage"), "Created"), ...notFoundResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const body = c.req.valid("json");
      const out = await services.directory.uploadImage(principal, decodeBase64(body.data), {
        alt: body.alt,
        requestId,
      });
      return c.json({ ...out, url: imageUrl(out.id) }, 201);
    },
  );

  const binary = { schema: z.string().openapi({ format: "binary" }) };
  api.openapi(
    defineRoute({
      method: "get",
      path: "/directory/images/{id}",
      permission: PUBLIC,
      tags: ["directory"],
      summary: "An uploaded image (public, cached for a year: an image never changes)",
      request: { params: idParam },
      responses: {
        200: {
          description: "The image",
          content: { "image/png": binary, "image/jpeg": binary, "image/webp": binary },
        },
        404: notFoundResponses[404],
      },
    }),
    async (c) => {
      const { services, tenant } = publicContext(c);
      const img = await services.directory.image(tenant.id, c.req.valid("param").id);
      return c.body(new Uint8Array(img.bytes), 200, {
        "content-type": img.mimeType,
        "content-length": String(img.byteSize),
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'",
      });
    },
  );
}

export function registerDirectoryApi(api: ApiRouter) {
  registerEntryApi(api);
  registerReviewApi(api);
  registerTranslationApi(api);
  registerImageApi(api);
}

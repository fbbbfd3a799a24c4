import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  ok,
  ProblemSchema,
  problemResponses,
  z,
} from "#app/server/http/api.ts";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  SETTABLE_STATUSES,
  TRANSLATION_STATUSES,
} from "../translations/languages.ts";
import type { TermRow } from "./repo.ts";
import { AXIS_KINDS } from "./schema.ts";
import { TERM_FIELDS } from "./service.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

const Resolved = z
  .object({
    text: z.string(),
    lang: z.enum(CONTENT_LANGUAGES),
    status: z.enum(TRANSLATION_STATUSES),
    isFallback: z.boolean().openapi({ description: "True when the text is not in the requested language" }),
  })
  .openapi("ResolvedText");
const Cell = z
  .object({
    lang: z.enum(CONTENT_LANGUAGES),
    status: z.enum(TRANSLATION_STATUSES),
    text: z.string().nullable(),
    version: z
      .number()
      .int()
      .openapi({ description: "0 when missing; send it back to create the translation" }),
  })
  .openapi("TranslationCell");
const Term = z
  .object({
    id: z.string(),
    axisId: z.string(),
    key: z.string(),
    code: z.string().nullable(),
    sort: z.number().int(),
    parentId: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    label: Resolved.nullable(),
    description: Resolved.nullable(),
    translations: z.record(z.string(), z.object({ label: Cell.optional(), description: Cell.optional() })),
  })
  .openapi("FrameworkTerm");
const Axis = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.enum(AXIS_KINDS),
    sort: z.number().int(),
    label: Resolved.nullable(),
    terms: z.array(Term),
  })
  .openapi("FrameworkAxis");
const FrameworkList = z.object({ lang: z.enum(CONTENT_LANGUAGES), axes: z.array(Axis) }).openapi("Framework");
const TermSaved = z
  .object({
    id: z.string(),
    axisId: z.string(),
    key: z.string(),
    code: z.string().nullable(),
    sort: z.number().int(),
    parentId: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi("FrameworkTermSaved");
// Limits are checked by the service (per-field messages in the reader's language).
const TermCreate = z
  .object({
    axisId: z.string().max(40),
    label: z.string().max(1000).openapi({ description: "German source label" }),
    description: z.string().max(10_000).optional(),
    code: z.string().max(100).optional(),
    key: z.string().max(100).optional(),
    parentId: z.string().max(40).nullish(),
  })
  .openapi("FrameworkTermCreate");
const TermUpdate = z
  .object({
    version: z.number().int().min(1),
    label: z.string().max(1000).optional(),
    description: z.string().max(10_000).optional().openapi({ description: "Empty string removes it" }),
    code: z.string().max(100).optional(),
    sort: z.number().int().optional(),
    parentId: z.string().max(40).nullish(),
    active: z.boolean().optional(),
  })
  .openapi("FrameworkTermUpdate");
const TranslationPut = z
  .object({
    field: z.enum(TERM_FIELDS),
    text: z.string().max(10_000),
    status: z.enum(SETTABLE_STATUSES),
    version: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "Version of the translation read; 0 if missing" }),
  })
  .openapi("FrameworkTermTranslation");
const TranslationSaved = z
  .object({
    lang: z.string(),
    field: z.enum(TERM_FIELDS),
    status: z.enum(TRANSLATION_STATUSES),
    version: z.number().int(),
  })
  .openapi("FrameworkTermTranslationSaved");
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
const LangParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  lang: z.enum(CONTENT_LANGUAGES).openapi({ param: { name: "lang", in: "path" } }),
});
const ListQuery = z.object({
  lang: z
    .enum(CONTENT_LANGUAGES)
    .optional()
    .openapi({ description: "Content language; defaults to the reader's language" }),
});

const saved = (t: TermRow) => ({
  id: t.id,
  axisId: t.axisId,
  key: t.key,
  code: t.code,
  sort: t.sort,
  parentId: t.parentId,
  active: t.active,
  version: t.version,
});

export function registerFrameworkApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/framework",
      permission: "framework.read",
      tags: ["framework"],
      summary:
        "The Handlungsrahmen: axes and terms in a language, with fallback flags and translation status",
      request: { query: ListQuery },
      responses: { 200: ok(FrameworkList), ...problemResponses },
    }),
    async (c) => {
      const lang: ContentLanguage = c.req.valid("query").lang ?? c.get("lang");
      const axes = await c
        .get("services")
        .framework.listForStaff(c.get("principal")!, c.get("tenant").id, lang);
      return c.json({ lang, axes }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/framework/terms",
      permission: "framework.update",
      tags: ["framework"],
      summary: "Add a term to an axis (German label; translations follow)",
      request: { body: jsonBody(TermCreate) },
      responses: { 201: ok(TermSaved, "Created"), ...problemResponses },
    }),
    async (c) => {
      const term = await c
        .get("services")
        .framework.createTerm(
          c.get("principal")!,
          c.get("tenant").id,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(saved(term), 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "patch",
      path: "/framework/terms/{id}",
      permission: "framework.update",
      tags: ["framework"],
      summary: "Change a term (optimistic locking: send the version you read)",
      request: { params: IdParam, body: jsonBody(TermUpdate) },
      responses: { 200: ok(TermSaved), ...responses },
    }),
    async (c) => {
      const term = await c
        .get("services")
        .framework.updateTerm(
          c.get("principal")!,
          c.get("tenant").id,
          c.req.valid("param").id,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(saved(term), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/framework/terms/{id}/translations/{lang}",
      permission: "framework.update",
      tags: ["framework"],
      summary: "Write a term's label or description in a language other than German",
      request: { params: LangParam, body: jsonBody(TranslationPut) },
      responses: { 200: ok(TranslationSaved), ...responses },
    }),
    async (c) => {
      const { id, lang } = c.req.valid("param");
      const out = await c
        .get("services")
        .framework.setTermTranslation(
          c.get("principal")!,
          c.get("tenant").id,
          id,
          lang,
          c.req.valid("json"),
          c.get("requestId"),
        );
      return c.json(out, 200);
    },
  );
}

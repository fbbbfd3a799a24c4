import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  problemResponses,
} from "#app/server/http/api.ts";
import {
  createFrameworkTermInput,
  frameworkListQuery,
  frameworkTermSavedView,
  frameworkTermTranslationInput,
  frameworkTermTranslationSavedView,
  frameworkView,
  termIdParams,
  termLanguageParams,
  updateFrameworkTermInput,
} from "./contracts.ts";
import type { TermRow } from "./repo.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;

const TermSaved = named(frameworkTermSavedView, "FrameworkTermSaved");

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
      request: { query: frameworkListQuery },
      responses: { 200: ok(named(frameworkView, "Framework")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, lang: readerLang } = operationContext(c);
      const lang = c.req.valid("query").lang ?? readerLang;
      const axes = await services.framework.listForStaff(principal, tenant.id, lang);
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
      request: { body: jsonBody(named(createFrameworkTermInput, "FrameworkTermCreate")) },
      responses: { 201: ok(TermSaved, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const term = await services.framework.createTerm(principal, tenant.id, c.req.valid("json"), requestId);
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
      request: {
        params: termIdParams,
        body: jsonBody(named(updateFrameworkTermInput, "FrameworkTermUpdate")),
      },
      responses: { 200: ok(TermSaved), ...responses },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const term = await services.framework.updateTerm(
        principal,
        tenant.id,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
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
      request: {
        params: termLanguageParams,
        body: jsonBody(named(frameworkTermTranslationInput, "FrameworkTermTranslation")),
      },
      responses: {
        200: ok(named(frameworkTermTranslationSavedView, "FrameworkTermTranslationSaved")),
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal, tenant, requestId } = operationContext(c);
      const { id, lang } = c.req.valid("param");
      const out = await services.framework.setTermTranslation(
        principal,
        tenant.id,
        id,
        lang,
        c.req.valid("json"),
        requestId,
      );
      return c.json(out, 200);
    },
  );
}

/** The guide's API for saved packages, hand-outs from a case and news (decision 082). */
import type { Context } from "hono";
import { z } from "zod";
import {
  type ApiRouter,
  defineRoute,
  jsonBody,
  named,
  ok,
  operationContext,
  ProblemSchema,
  pdfDownload,
  problemResponses,
} from "#app/server/http/api.ts";
import { TARGET_LANGUAGES } from "../translations/languages.ts";
import {
  caseIdParams,
  handoutInput,
  newsInput,
  newsTranslationInput,
  packageRenderInput,
  pageIdParams,
  savedPackageInput,
  savedPackagePdfQuery,
  updateNewsInput,
  updateSavedPackageInput,
} from "./contracts.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const pdfResponse = {
  description: "PDF",
  content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
};
const savedPackageView = named(
  z.object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    pageIds: z.array(z.string()),
    offerIds: z.array(z.string()),
    version: z.number().int(),
  }),
  "GuideSavedPackage",
);
const newsView = named(
  z.object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    publishedOn: z.string(),
    expiresOn: z.string().nullable(),
    pageIds: z.array(z.string()),
    version: z.number().int(),
  }),
  "GuideNews",
);
const newsOf = (n: z.input<typeof newsView>) => newsView.parse(n);
export const renderView = named(
  z.object({
    id: z.string(),
    status: z.enum(["queued", "done", "failed"]),
    lang: z.string(),
    title: z.string(),
    requested: z.object({ pages: z.number().int(), offers: z.number().int() }),
    rendered: z.object({ pages: z.number().int(), offers: z.number().int() }).nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    pdfPath: z.string().nullable(),
  }),
  "GuidePackageRender",
);
/**
 * A package GET whose file is not built yet (decision 123): a browser following a link (the
 * hand-out's) goes to the progress page, which reloads itself without JavaScript; an API client
 * gets 202 with the render and its progress resource in `Location`.
 */
export function preparing(c: Context, render: z.output<typeof renderView>) {
  c.header("cache-control", "private, no-store");
  if ((c.req.header("accept") ?? "").includes("text/html"))
    return c.redirect(`/staff/guide/package/${render.id}`, 303);
  c.header("location", `/api/v1/guide/package-renders/${render.id}`);
  return c.json(render, 202);
}
/** The responses of a package GET: the built file, or the render being prepared. */
export const packageGetResponses = {
  200: pdfResponse,
  202: ok(renderView, "Not built yet: queued in the job queue (Location: its progress)"),
  303: { description: "Not built yet, for a browser: to the progress page" },
  ...responses,
} as const;

const newsLangParams = z.object({ id: z.uuid({ error: "code:invalid" }), lang: z.enum(TARGET_LANGUAGES) });

export function registerGuideMoreApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/packages",
      permission: "guide.package",
      tags: ["guide"],
      summary: "Saved welcome packages, by name",
      responses: { 200: ok(z.object({ items: z.array(savedPackageView) })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: await services.guide.savedPackages(principal) }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/packages",
      permission: "guide.packages.manage",
      tags: ["guide"],
      summary: "Save a named package of published pages and public offers (in order)",
      request: { body: jsonBody(named(savedPackageInput, "GuideSavedPackageCreate")) },
      responses: { 201: ok(savedPackageView, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.guide.createSavedPackage(principal, c.req.valid("json"), requestId), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/guide/packages/{id}",
      permission: "guide.packages.manage",
      tags: ["guide"],
      summary: "Replace a saved package (send the version you read)",
      request: {
        params: pageIdParams,
        body: jsonBody(named(updateSavedPackageInput, "GuideSavedPackageUpdate")),
      },
      responses: { 200: ok(savedPackageView), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const p = await services.guide.updateSavedPackage(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(p, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "delete",
      path: "/guide/packages/{id}",
      permission: "guide.packages.manage",
      tags: ["guide"],
      summary: "Delete a saved package",
      request: { params: pageIdParams },
      responses: { 204: { description: "Deleted" }, ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.guide.deleteSavedPackage(principal, c.req.valid("param").id, requestId);
      return c.body(null, 204);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/packages/{id}/pdf",
      permission: "guide.package",
      tags: ["guide"],
      summary:
        "A saved package as tagged PDF in one language (withdrawn pages and ended offers left out): the built file, or 202 while the job queue builds it",
      request: { params: pageIdParams, query: savedPackagePdfQuery },
      responses: packageGetResponses,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.guide.savedPackagePdf(
        principal,
        c.req.valid("param").id,
        c.req.valid("query").lang,
        requestId,
      );
      return "render" in r ? preparing(c, r.render) : pdfDownload(c, r.pdf, r.filename);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/package-renders",
      permission: "guide.package",
      tags: ["guide"],
      summary:
        "Queue a welcome package PDF (a saved package, or pages and offers chosen now) to be rendered in the job queue",
      request: { body: jsonBody(named(packageRenderInput, "GuidePackageRenderRequest")) },
      responses: { 202: ok(renderView, "Queued"), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(await services.guide.requestPackage(principal, c.req.valid("json"), requestId), 202);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/package-renders/{id}",
      permission: "guide.package",
      tags: ["guide"],
      summary: "The progress of one's own package PDF request (queued, done, failed)",
      request: { params: pageIdParams },
      responses: { 200: ok(renderView), ...responses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json(await services.guide.packageRender(principal, c.req.valid("param").id), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/package-renders/{id}/pdf",
      permission: "guide.package",
      tags: ["guide"],
      summary: "The rendered package PDF of one's own request (404 while it is queued)",
      request: { params: pageIdParams },
      responses: { 200: pdfResponse, ...responses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { pdf, filename } = await services.guide.packageRenderPdf(principal, c.req.valid("param").id);
      return pdfDownload(c, pdf, `${filename}`);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/cases/{id}/welcome-package",
      permission: "guide.handout",
      tags: ["guide"],
      summary:
        "Hand a welcome package out to the case's household: recorded as a contact of the case; returns where to fetch the PDF",
      request: { params: caseIdParams, body: jsonBody(named(handoutInput, "GuideHandout")) },
      responses: {
        201: ok(z.object({ contactId: z.string(), pdfPath: z.string() }), "Recorded"),
        ...responses,
      },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.guide.handOut(principal, c.req.valid("param").id, c.req.valid("json"), {
        requestId,
      });
      return c.json(r, 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/news",
      permission: "guide.news",
      tags: ["guide"],
      summary: "Every news message, newest first",
      responses: { 200: ok(z.object({ items: z.array(newsView) })), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      return c.json({ items: (await services.guide.news(principal)).map(newsOf) }, 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/news",
      permission: "guide.news",
      tags: ["guide"],
      summary: "Write a dated news message (German; shown from its date until it expires)",
      request: { body: jsonBody(named(newsInput, "GuideNewsCreate")) },
      responses: { 201: ok(newsView, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      return c.json(newsOf(await services.guide.createNews(principal, c.req.valid("json"), requestId)), 201);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/guide/news/{id}",
      permission: "guide.news",
      tags: ["guide"],
      summary: "Replace a news message (send the version you read; changed text outdates its translations)",
      request: { params: pageIdParams, body: jsonBody(named(updateNewsInput, "GuideNewsUpdate")) },
      responses: { 200: ok(newsView), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const n = await services.guide.updateNews(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json(newsOf(n), 200);
    },
  );
  api.openapi(
    defineRoute({
      method: "delete",
      path: "/guide/news/{id}",
      permission: "guide.news",
      tags: ["guide"],
      summary: "Delete a news message with its translations",
      request: { params: pageIdParams },
      responses: { 204: { description: "Deleted" }, ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      await services.guide.deleteNews(principal, c.req.valid("param").id, requestId);
      return c.body(null, 204);
    },
  );
  api.openapi(
    defineRoute({
      method: "put",
      path: "/guide/news/{id}/translations/{lang}",
      permission: "guide.news",
      tags: ["guide"],
      summary: "Write one language of a news message (title and body)",
      request: {
        params: newsLangParams,
        body: jsonBody(named(newsTranslationInput, "GuideNewsTranslation")),
      },
      responses: { 204: { description: "Saved" }, ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, lang } = c.req.valid("param");
      await services.guide.saveNewsTranslation(principal, id, lang, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );
}

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
import {
  createPageInput,
  langParams,
  overviewParams,
  packageQuery,
  pageIdParams,
  savedView,
  transitionInput,
  translationInput,
  treeView,
  updatePageInput,
} from "./contracts.ts";
import { PAGE_STATUSES } from "./model.ts";
import { packageGetResponses, preparing } from "./packages.api.ts";

const responses = {
  ...problemResponses,
  404: { description: "Not found", content: { "application/problem+json": { schema: ProblemSchema } } },
} as const;
const Saved = named(savedView, "GuidePageSaved");
const publishInput = transitionInput.pick({ version: true });
const statusCount = z.number().int();
const overviewView = z.object({
  lang: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      depth: z.number().int(),
      status: z.enum(["missing", "machine", "draft", "reviewed", "outdated"]),
    }),
  ),
  counts: z.object({
    missing: statusCount,
    machine: statusCount,
    draft: statusCount,
    reviewed: statusCount,
    outdated: statusCount,
  }),
});

export function registerGuideApi(api: ApiRouter) {
  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/pages",
      permission: "guide.read",
      tags: ["guide"],
      summary: "The guide's page tree in reading order, with status, owner and whether the check is due",
      responses: { 200: ok(named(treeView, "GuideTree")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const tree = await services.guide.tree(principal);
      return c.json(treeView.parse(tree), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/export.zip",
      permission: "guide.interchange",
      tags: ["guide"],
      summary:
        "The page tree as Markdown files with front matter, one per page and language, in a zip (import it back through the import runs, kind guide)",
      responses: {
        200: {
          description: "Zip archive",
          content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const { zip, filename } = await services.guide.interchange.exportMarkdown(principal);
      return c.body(new Uint8Array(zip), 200, {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      });
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/pages",
      permission: "guide.edit",
      tags: ["guide"],
      summary: "Create a page (a draft) under a parent or as a root; rich text is sanitised",
      request: { body: jsonBody(named(createPageInput, "GuidePageCreate")) },
      responses: { 201: ok(Saved, "Created"), ...problemResponses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const page = await services.guide.create(principal, c.req.valid("json"), requestId);
      return c.json({ id: page.id, version: page.version }, 201);
    },
  );

  api.openapi(
    defineRoute({
      method: "patch",
      path: "/guide/pages/{id}",
      permission: "guide.edit",
      tags: ["guide"],
      summary:
        "Save a page's working copy (send the version you read; a move into its own subtree is refused)",
      request: { params: pageIdParams, body: jsonBody(named(updatePageInput, "GuidePageUpdate")) },
      responses: { 200: ok(Saved), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const page = await services.guide.update(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ id: page.id, version: page.version }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/pages/{id}/transition",
      permission: "guide.edit",
      tags: ["guide"],
      summary: `Move a page through ${PAGE_STATUSES.join(" → ")}: submit, publish (a new version) or return`,
      request: { params: pageIdParams, body: jsonBody(named(transitionInput, "GuidePageTransition")) },
      responses: { 200: ok(Saved), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const page = await services.guide.transition(
        principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        requestId,
      );
      return c.json({ id: page.id, version: page.version }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "post",
      path: "/guide/pages/{id}/publish",
      permission: "guide.publish",
      tags: ["guide"],
      summary:
        "Publish a page under review as a new numbered version (its translations of changed fields become outdated)",
      request: { params: pageIdParams, body: jsonBody(named(publishInput, "GuidePagePublish")) },
      responses: { 200: ok(Saved), ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { version } = c.req.valid("json");
      const page = await services.guide.transition(
        principal,
        c.req.valid("param").id,
        { transition: "publish", version },
        requestId,
      );
      return c.json({ id: page.id, version: page.version }, 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/translations/{lang}",
      permission: "guide.translate",
      tags: ["guide"],
      summary: "Translation overview of one language: each published page's status (missing, outdated, …)",
      request: { params: overviewParams },
      responses: { 200: ok(named(overviewView, "GuideTranslationOverview")), ...problemResponses },
    }),
    async (c) => {
      const { services, principal } = operationContext(c);
      const o = await services.guide.overview(principal, c.req.valid("param").lang);
      return c.json(overviewView.parse(o), 200);
    },
  );

  api.openapi(
    defineRoute({
      method: "put",
      path: "/guide/pages/{id}/translations/{lang}",
      permission: "guide.translate",
      tags: ["guide"],
      summary: "Write one language of a published page (title and body; send the row versions you read)",
      request: { params: langParams, body: jsonBody(named(translationInput, "GuideTranslationSave")) },
      responses: { 204: { description: "Saved" }, ...responses },
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const { id, lang } = c.req.valid("param");
      await services.guide.saveTranslation(principal, id, lang, c.req.valid("json"), requestId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    defineRoute({
      method: "get",
      path: "/guide/package.pdf",
      permission: "guide.package",
      tags: ["guide"],
      summary:
        "The welcome package of chosen published pages and offers in one language, as tagged PDF with QR codes: the built file, or 202 while the job queue builds it",
      request: { query: packageQuery },
      responses: packageGetResponses,
    }),
    async (c) => {
      const { services, principal, requestId } = operationContext(c);
      const r = await services.guide.welcomePackage(principal, c.req.valid("query"), requestId);
      return "render" in r ? preparing(c, r.render) : pdfDownload(c, r.pdf, r.filename);
    },
  );
}

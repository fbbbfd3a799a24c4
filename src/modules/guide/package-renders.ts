/**
 * The welcome package rendered in the durable job queue (issue 23 item 5, decision 115): a
 * request checks the content and stores it with a queued job in one transaction; the job renders
 * the tagged PDF (on a worker thread, as before) and stores the file; the requester's page shows
 * the progress and then the download. No PDF is rendered inside a request (decision 123): the
 * GET routes serve a built file of the same model, or queue one and say it is being prepared.
 */
import { sha256Hex } from "../../server/crypto.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { errorClass } from "../jobs/queue.ts";
import type { PackageQuery, PackageRenderInput } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import type { PackageLanguage } from "./model.ts";
import type { PackageContent, PackageRenderer, RenderOptions } from "./package.ts";
import { type NewRender, type PackageRenderRow, rendersRepo } from "./package-renders.repo.ts";
import type { createSavedPackages } from "./packages.ts";
import { PACKAGE_ENTITY } from "./packages.ts";

type SavedPackages = Pick<ReturnType<typeof createSavedPackages>, "load">;

export const PACKAGE_PDF_JOB = "guide.package_pdf";
export const RENDER_ENTITY = "guide_package_render";
/** A rendered file is kept this long for its download, then the daily job deletes it. */
export const KEEP_RENDER_DAYS = 7;

export type PackageRenderView = {
  id: string;
  status: PackageRenderRow["status"];
  lang: PackageLanguage;
  title: string;
  /** Pages and offers asked for, and (when done) those in the file. */
  requested: { pages: number; offers: number };
  rendered: { pages: number; offers: number } | null;
  createdAt: string;
  finishedAt: string | null;
  /** Where to download the file once it is done. */
  pdfPath: string | null;
};

/** What was asked for, as a key: a second GET of the same content joins the queued render. */
export const contentKeyOf = (c: {
  lang: string;
  title: string;
  pageIds: readonly string[];
  offerIds: readonly string[];
}) => sha256Hex(JSON.stringify([c.lang, c.title, c.pageIds, c.offerIds]));

export const view = (r: PackageRenderRow): PackageRenderView => ({
  id: r.id,
  status: r.status,
  lang: r.lang as PackageLanguage,
  title: r.title,
  requested: { pages: r.pageIds.length, offers: r.offerIds.length },
  rendered: r.status === "done" ? { pages: r.pages ?? 0, offers: r.offers ?? 0 } : null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  pdfPath: r.status === "done" ? `/api/v1/guide/package-renders/${r.id}/pdf` : null,
});

export function createPackageRenders(deps: GuideDeps, renderer: PackageRenderer, saved: SavedPackages) {
  const { db } = deps;

  deps.jobs.register(PACKAGE_PDF_JOB, async (payload, ctx) => {
    const id = typeof payload.renderId === "string" ? payload.renderId : "";
    const row = id ? await rendersRepo.byId(db, ctx.tenantId, id) : undefined;
    if (row?.status !== "queued") return;
    const now = () => deps.clock.now();
    try {
      const out = await renderer.render(
        ctx.tenantId,
        { lang: row.lang as PackageLanguage, pageIds: row.pageIds, offerIds: row.offerIds, title: row.title },
        // Pages withdrawn or offers ended since the request are left out, as for a saved package.
        { strict: false },
      );
      await rendersRepo.finish(
        db,
        ctx.tenantId,
        id,
        { status: "done", pdf: out.pdf, pages: out.pages, offers: out.offers, modelHash: out.hash },
        now(),
      );
    } catch (err) {
      // Everything withdrawn since the request: nothing to render, and a retry will not change that.
      const empty = isAppError(err) && err.code === "validation_failed";
      deps.logger.warn(
        { tenantId: ctx.tenantId, renderId: id, error: errorClass(err) },
        "guide package render failed",
      );
      if (empty || ctx.lastAttempt)
        await rendersRepo.finish(db, ctx.tenantId, id, { status: "failed" }, now());
      if (!empty) throw err;
    }
  });

  /** A render of the principal's own request (a file is its requester's; others get 404). */
  async function own(principal: Principal, id: string) {
    authorize(principal, "guide.package");
    const row = await rendersRepo.byId(db, principal.tenantId, id);
    if (!row || row.requestedBy !== principal.userId) throw AppError.notFound();
    return row;
  }

  /**
   * Writes the render row and its job in one transaction and audits the request (language and
   * counts, no personal data). `principal` null: a public request, audited as the system; `after`
   * runs in the same transaction (the public request's mail).
   */
  async function queue(
    principal: Principal | null,
    row: Omit<NewRender, "contentKey">,
    requestId: string | undefined,
    after?: (tx: DbOrTx, render: PackageRenderRow) => Promise<void>,
  ): Promise<PackageRenderRow> {
    return db.transaction(async (tx) => {
      const render = await rendersRepo.insert(
        tx,
        { ...row, contentKey: contentKeyOf(row) },
        deps.clock.now(),
      );
      await deps.jobs.enqueue(
        PACKAGE_PDF_JOB,
        { renderId: render.id },
        { tenantId: row.tenantId, maxAttempts: 3 },
        tx,
      );
      await deps.audit.record(
        {
          actor: principal ? { kind: "user", principal } : { kind: "system", tenantId: row.tenantId },
          requestId: requestId ?? null,
          action: "guide.package",
          entityType: RENDER_ENTITY,
          entityId: render.id,
          changes: diff(null, {
            lang: row.lang,
            pages: render.pageIds.length,
            offers: render.offerIds.length,
            ...(row.packageId ? { packageId: row.packageId } : {}),
            ...(principal ? {} : { public: true }),
          }),
        },
        tx,
      );
      if (after) await after(tx, render);
      return render;
    });
  }

  /**
   * A GET of a package PDF (decision 123): the built file of today's model when there is one
   * (audited as a download, as the render on request was), else the principal's queued render of
   * this content, or a new one. Never renders inside the request.
   */
  async function fileOrQueue(
    principal: Principal,
    content: PackageContent & { title: string },
    opts: RenderOptions & { packageId?: string; requestId?: string | undefined },
  ): Promise<{ pdf: Buffer; filename: string } | { render: PackageRenderView }> {
    const tenantId = principal.tenantId;
    const built = await renderer.modelOf(tenantId, content, opts);
    const file = await rendersRepo.doneByHash(db, tenantId, built.hash);
    if (file?.pdf) {
      await deps.audit.record({
        actor: { kind: "user", principal },
        requestId: opts.requestId ?? null,
        action: "guide.package",
        entityType: opts.packageId ? PACKAGE_ENTITY : RENDER_ENTITY,
        entityId: opts.packageId ?? file.id,
        changes: diff(null, { lang: content.lang, pages: built.pages, offers: built.offers }),
      });
      // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
      return { pdf: Buffer.from(file.pdf), filename: `willkommen-${content.lang}.pdf` };
    }
    const ask = {
      tenantId,
      requestedBy: principal.userId,
      lang: content.lang,
      packageId: opts.packageId ?? null,
      title: content.title,
      pageIds: built.pageIds,
      offerIds: built.offerIds,
    };
    const queued = await rendersRepo.queuedFor(db, tenantId, principal.userId, contentKeyOf(ask));
    return { render: view(queued ?? (await queue(principal, ask, opts.requestId))) };
  }

  return {
    /**
     * Queues a package PDF. Pages and offers chosen now must be published and public today (field
     * errors `pageIds.N`, `offerIds.N`); a saved package's withdrawn parts are left out.
     */
    async requestPackage(
      principal: Principal,
      input: PackageRenderInput,
      requestId?: string,
    ): Promise<PackageRenderView> {
      authorize(principal, "guide.package");
      const pkg = input.packageId ? await saved.load(principal.tenantId, input.packageId) : null;
      const content = pkg
        ? { lang: input.lang, pageIds: pkg.pageIds, offerIds: pkg.offerIds }
        : { lang: input.lang, pageIds: input.pageIds, offerIds: input.offerIds };
      const resolved = await renderer.resolveContent(principal.tenantId, content, pkg === null);
      if (!resolved.pageIds.length && !resolved.offers.length)
        throw AppError.validation([{ field: pkg ? "packageId" : "pageIds", code: "guide_package_empty" }]);
      const title = input.title?.trim() || (pkg ? pkg.title || pkg.name : "");
      const row = await queue(
        principal,
        {
          tenantId: principal.tenantId,
          requestedBy: principal.userId,
          lang: input.lang,
          packageId: pkg?.id ?? null,
          title,
          pageIds: resolved.pageIds,
          offerIds: resolved.offers.map((o) => o.id),
        },
        requestId,
      );
      return view(row);
    },
    /** GET /guide/package.pdf: pages and offers chosen now (each must be public), in the order given. */
    async welcomePackage(principal: Principal, input: PackageQuery, requestId?: string) {
      authorize(principal, "guide.package");
      const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
      return fileOrQueue(
        principal,
        {
          lang: input.lang,
          pageIds: list(input.page),
          offerIds: list(input.offer),
          title: input.title ?? "",
        },
        // The form's field is "page" (repeated).
        { strict: true, requestId, pageField: () => "page" },
      );
    },
    /**
     * GET /guide/packages/{id}/pdf (also the hand-out's link): a saved package in one language. A
     * page withdrawn or an offer ended since it was saved is left out.
     */
    async savedPackagePdf(principal: Principal, id: string, lang: PackageLanguage, requestId?: string) {
      authorize(principal, "guide.package");
      const p = await saved.load(principal.tenantId, id);
      return fileOrQueue(
        principal,
        { lang, pageIds: p.pageIds, offerIds: p.offerIds, title: p.title || p.name },
        { strict: false, requestId, packageId: p.id },
      );
    },
    /** For the public request by mail (package-requests.ts); not part of the guide's service. */
    queue,
    /** The request's progress (queued, done, failed) and, once done, where to download it. */
    async packageRender(principal: Principal, id: string): Promise<PackageRenderView> {
      return view(await own(principal, id));
    },
    /** The rendered file; not found while it is queued or when it failed. */
    async packageRenderPdf(principal: Principal, id: string) {
      const row = await own(principal, id);
      if (row.status !== "done" || !row.pdf) throw AppError.notFound();
      // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
      return { pdf: Buffer.from(row.pdf), filename: `willkommen-${row.lang}.pdf` };
    },
  };
}
export type PackageRenders = ReturnType<typeof createPackageRenders>;

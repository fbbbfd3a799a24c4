/**
 * The welcome package rendered in the durable job queue (issue 23 item 5, decision 115): a
 * request checks the content and stores it with a queued job in one transaction; the job renders
 * the tagged PDF (on a worker thread, as before) and stores the file; the requester's page shows
 * the progress and then the download. No PDF is rendered inside a request on this path.
 */
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { errorClass } from "../jobs/queue.ts";
import type { PackageRenderInput } from "./contracts.ts";
import type { GuideDeps } from "./deps.ts";
import type { PackageLanguage } from "./model.ts";
import type { PackageRenderer } from "./package.ts";
import { type PackageRenderRow, rendersRepo } from "./package-renders.repo.ts";
import type { createSavedPackages } from "./packages.ts";

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

const view = (r: PackageRenderRow): PackageRenderView => ({
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
        { status: "done", pdf: out.pdf, pages: out.pages, offers: out.offers },
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
      return db.transaction(async (tx) => {
        const row = await rendersRepo.insert(
          tx,
          {
            tenantId: principal.tenantId,
            requestedBy: principal.userId,
            lang: input.lang,
            packageId: pkg?.id ?? null,
            title,
            pageIds: resolved.pageIds,
            offerIds: resolved.offers.map((o) => o.id),
          },
          deps.clock.now(),
        );
        await deps.jobs.enqueue(
          PACKAGE_PDF_JOB,
          { renderId: row.id },
          { tenantId: principal.tenantId, maxAttempts: 3 },
          tx,
        );
        // As the rendering on request did (decision 074): language and counts, no personal data.
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            requestId: requestId ?? null,
            action: "guide.package",
            entityType: RENDER_ENTITY,
            entityId: row.id,
            changes: diff(null, {
              lang: input.lang,
              pages: row.pageIds.length,
              offers: row.offerIds.length,
              ...(pkg ? { packageId: pkg.id } : {}),
            }),
          },
          tx,
        );
        return view(row);
      });
    },
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

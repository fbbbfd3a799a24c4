import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guidePackageRenders as renders } from "./schema.ts";

export type PackageRenderRow = typeof renders.$inferSelect;
type NewRender = Pick<
  PackageRenderRow,
  "tenantId" | "requestedBy" | "lang" | "packageId" | "title" | "pageIds" | "offerIds"
>;

/** Welcome package PDFs rendered in the job queue (decision 115). */
export const rendersRepo = {
  async insert(db: DbOrTx, row: NewRender, now: Date): Promise<PackageRenderRow> {
    const [r] = await db
      .insert(renders)
      .values({ ...row, createdAt: now })
      .returning();
    return r!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PackageRenderRow | undefined> {
    const [r] = await db
      .select()
      .from(renders)
      .where(and(eq(renders.tenantId, tenantId), eq(renders.id, id)));
    return r;
  },
  /** The job's outcome; only a queued row changes, so a late retry never replaces a finished file. */
  async finish(
    db: DbOrTx,
    tenantId: string,
    id: string,
    outcome:
      | { status: "done"; pdf: Buffer; pages: number; offers: number }
      | { status: "failed"; pdf?: undefined; pages?: undefined; offers?: undefined },
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(renders)
      .set({
        status: outcome.status,
        pdf: outcome.pdf ?? null,
        pages: outcome.pages ?? null,
        offers: outcome.offers ?? null,
        finishedAt: now,
      })
      .where(and(eq(renders.tenantId, tenantId), eq(renders.id, id), eq(renders.status, "queued")))
      .returning({ id: renders.id });
    return rows.length > 0;
  },
  /** Deletes the tenant's renders made before `before` (the daily job). */
  async purge(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
    const rows = await db
      .delete(renders)
      .where(and(eq(renders.tenantId, tenantId), lt(renders.createdAt, before)))
      .returning({ id: renders.id });
    return rows.length;
  },
};

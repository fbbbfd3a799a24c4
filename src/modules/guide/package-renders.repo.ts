import { and, count, desc, eq, gte, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { guidePackageRenders as renders } from "./schema.ts";

export type PackageRenderRow = typeof renders.$inferSelect;
export type NewRender = Pick<
  PackageRenderRow,
  "tenantId" | "requestedBy" | "lang" | "packageId" | "title" | "pageIds" | "offerIds" | "contentKey"
> &
  Partial<Pick<PackageRenderRow, "tokenHash" | "addressKey" | "sourceKey">>;

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
      | { status: "done"; pdf: Buffer; pages: number; offers: number; modelHash: string }
      | {
          status: "failed";
          pdf?: undefined;
          pages?: undefined;
          offers?: undefined;
          modelHash?: undefined;
        },
    now: Date,
  ): Promise<boolean> {
    const rows = await db
      .update(renders)
      .set({
        status: outcome.status,
        pdf: outcome.pdf ?? null,
        pages: outcome.pages ?? null,
        offers: outcome.offers ?? null,
        modelHash: outcome.modelHash ?? null,
        finishedAt: now,
      })
      .where(and(eq(renders.tenantId, tenantId), eq(renders.id, id), eq(renders.status, "queued")))
      .returning({ id: renders.id });
    return rows.length > 0;
  },
  /** The newest built file of this model (decision 123), whoever asked for it: it holds no personal data. */
  async doneByHash(db: DbOrTx, tenantId: string, modelHash: string): Promise<PackageRenderRow | undefined> {
    const [r] = await db
      .select()
      .from(renders)
      .where(
        and(
          eq(renders.tenantId, tenantId),
          eq(renders.modelHash, modelHash),
          eq(renders.status, "done"),
          isNotNull(renders.pdf),
        ),
      )
      .orderBy(desc(renders.finishedAt))
      .limit(1);
    return r;
  },
  /** The requester's queued render of the same content, which a repeated GET joins. */
  async queuedFor(
    db: DbOrTx,
    tenantId: string,
    requestedBy: string,
    contentKey: string,
  ): Promise<PackageRenderRow | undefined> {
    const [r] = await db
      .select()
      .from(renders)
      .where(
        and(
          eq(renders.tenantId, tenantId),
          eq(renders.requestedBy, requestedBy),
          eq(renders.contentKey, contentKey),
          eq(renders.status, "queued"),
        ),
      )
      .limit(1);
    return r;
  },
  async byToken(db: DbOrTx, tenantId: string, tokenHash: string): Promise<PackageRenderRow | undefined> {
    const [r] = await db
      .select()
      .from(renders)
      .where(and(eq(renders.tenantId, tenantId), eq(renders.tokenHash, tokenHash)));
    return r;
  },
  /** Public requests since `since` by one mail address or one client address (the rate limits). */
  async countPublic(
    db: DbOrTx,
    tenantId: string,
    key: { addressKey: string } | { sourceKey: string },
    since: Date,
  ): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(renders)
      .where(
        and(
          eq(renders.tenantId, tenantId),
          "addressKey" in key ? eq(renders.addressKey, key.addressKey) : eq(renders.sourceKey, key.sourceKey),
          gte(renders.createdAt, since),
        ),
      );
    return r?.n ?? 0;
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

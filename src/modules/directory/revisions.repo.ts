/** Revisions of entries: every proposed and published version, and where each stands. */
import { and, asc, desc, eq, inArray, max, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { OrgFilter, RevisionInsert, RevisionRow } from "./entries.repo.ts";
import { directoryRevisions, type RevisionEntityType, type RevisionStatus } from "./schema.ts";

/** Revisions of a tenant's entries of one type: one entry or several, optionally with given statuses. */
function ofEntries(
  tenantId: string,
  type: RevisionEntityType,
  entityIds: string | readonly string[],
  statuses?: readonly RevisionStatus[],
): SQL {
  return and(
    eq(directoryRevisions.tenantId, tenantId),
    eq(directoryRevisions.entityType, type),
    typeof entityIds === "string"
      ? eq(directoryRevisions.entityId, entityIds)
      : inArray(directoryRevisions.entityId, [...entityIds]),
    statuses ? inArray(directoryRevisions.status, [...statuses]) : undefined,
  )!;
}

export const revisionsRepo = {
  async insertRevision(db: DbOrTx, row: RevisionInsert): Promise<RevisionRow> {
    const [created] = await db.insert(directoryRevisions).values(row).returning();
    return created!;
  },

  async revision(db: DbOrTx, tenantId: string, id: string): Promise<RevisionRow | undefined> {
    const [row] = await db
      .select()
      .from(directoryRevisions)
      .where(and(eq(directoryRevisions.tenantId, tenantId), eq(directoryRevisions.id, id)));
    return row;
  },

  async updateRevisionIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Omit<RevisionRow, "tenantId" | "id" | "version">>,
    now: Date,
  ): Promise<RevisionRow | undefined> {
    const [row] = await db
      .update(directoryRevisions)
      .set({ ...patch, version: sql`${directoryRevisions.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(directoryRevisions.tenantId, tenantId),
          eq(directoryRevisions.id, id),
          eq(directoryRevisions.version, version),
        ),
      )
      .returning();
    return row;
  },

  /** Every revision of an entry, newest first (without data: the history list). */
  async revisionsOf(db: DbOrTx, tenantId: string, type: RevisionEntityType, entityId: string) {
    return db
      .select()
      .from(directoryRevisions)
      .where(ofEntries(tenantId, type, entityId))
      .orderBy(desc(directoryRevisions.number));
  },

  async nextRevisionNumber(db: DbOrTx, tenantId: string, type: RevisionEntityType, entityId: string) {
    const [row] = await db
      .select({ n: max(directoryRevisions.number) })
      .from(directoryRevisions)
      .where(ofEntries(tenantId, type, entityId));
    return (row?.n ?? 0) + 1;
  },

  /** The open (draft or in review) revisions of these entries, at most one per entry. */
  async openRevisions(
    db: DbOrTx,
    tenantId: string,
    type: RevisionEntityType,
    entityIds: readonly string[],
  ): Promise<RevisionRow[]> {
    if (entityIds.length === 0) return [];
    return db
      .select()
      .from(directoryRevisions)
      .where(ofEntries(tenantId, type, entityIds, ["draft", "in_review"]));
  },

  /** The latest revision of each of these entries (for list badges: open or rejected). */
  async latestRevisions(
    db: DbOrTx,
    tenantId: string,
    type: RevisionEntityType,
    entityIds: readonly string[],
  ): Promise<Map<string, RevisionRow>> {
    const out = new Map<string, RevisionRow>();
    if (entityIds.length === 0) return out;
    const rows = await db
      .select()
      .from(directoryRevisions)
      .where(ofEntries(tenantId, type, entityIds))
      .orderBy(asc(directoryRevisions.number));
    for (const r of rows) out.set(r.entityId, r);
    return out;
  },

  /** Revisions with a status (the review queue), oldest submission first. */
  async revisionsByStatus(
    db: DbOrTx,
    tenantId: string,
    status: RevisionStatus,
    orgs: OrgFilter,
    limit: number,
  ): Promise<RevisionRow[]> {
    const where: SQL[] = [eq(directoryRevisions.tenantId, tenantId), eq(directoryRevisions.status, status)];
    if (orgs !== "all") {
      if (orgs.length === 0) return [];
      where.push(inArray(directoryRevisions.organizationId, [...orgs]));
    }
    return db
      .select()
      .from(directoryRevisions)
      .where(and(...where))
      .orderBy(asc(directoryRevisions.submittedAt), asc(directoryRevisions.id))
      .limit(limit);
  },

  /** Entries whose open revision matches (for the status filter "in review"/"draft change"). */
  async entityIdsWithRevisionStatus(
    db: DbOrTx,
    tenantId: string,
    type: RevisionEntityType,
    statuses: RevisionStatus[],
  ): Promise<string[]> {
    const rows = await db
      .selectDistinct({ id: directoryRevisions.entityId })
      .from(directoryRevisions)
      .where(
        and(
          eq(directoryRevisions.tenantId, tenantId),
          eq(directoryRevisions.entityType, type),
          inArray(directoryRevisions.status, statuses),
        ),
      );
    return rows.map((r) => r.id);
  },
};

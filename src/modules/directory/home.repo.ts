import { and, asc, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { nameColumn, type OrgFilter, orgColumn, table } from "./entries.repo.ts";
import { directoryRevisions, type RevisionEntityType } from "./schema.ts";

const CHECK_TYPES: RevisionEntityType[] = ["organization", "place", "offer", "event"];

/** The staff home's queries of the directory (decision 092): a window count plus the top rows. */
export const directoryHomeRepo = {
  /** Revisions in review in these organizations, the longest waiting first. */
  async inReview(db: DbOrTx, tenantId: string, orgs: OrgFilter, limit: number) {
    const where: SQL[] = [
      eq(directoryRevisions.tenantId, tenantId),
      eq(directoryRevisions.status, "in_review"),
    ];
    if (orgs !== "all") {
      if (orgs.length === 0) return { total: 0, rows: [] };
      where.push(inArray(directoryRevisions.organizationId, [...orgs]));
    }
    const rows = await db
      .select({
        id: directoryRevisions.id,
        entityType: directoryRevisions.entityType,
        data: directoryRevisions.data,
        submittedAt: directoryRevisions.submittedAt,
        total: sql<number>`count(*) over ()`,
      })
      .from(directoryRevisions)
      .where(and(...where))
      .orderBy(asc(directoryRevisions.submittedAt), asc(directoryRevisions.id))
      .limit(limit);
    return { total: Number(rows[0]?.total ?? 0), rows };
  },

  /**
   * Published entries of these organizations not checked since `checkedBefore` (never checked:
   * counted from the last change), per type in one query each, the longest unchecked first.
   */
  async toCheck(db: DbOrTx, tenantId: string, orgIds: readonly string[], checkedBefore: Date, limit: number) {
    if (orgIds.length === 0) return { total: 0, rows: [] };
    const perType = await Promise.all(
      CHECK_TYPES.map(async (type) => {
        const t = table(type);
        const checked = sql<Date>`coalesce(${t.lastCheckedAt}, ${t.updatedAt})`;
        const rows = (await db
          .select({ id: t.id, name: nameColumn(type), checked, total: sql<number>`count(*) over ()` })
          .from(t)
          .where(
            and(
              eq(t.tenantId, tenantId),
              eq(t.status, "published"),
              inArray(orgColumn(type), [...orgIds]),
              lt(checked, checkedBefore),
            ),
          )
          .orderBy(asc(checked), desc(t.id))
          .limit(limit)) as { id: string; name: string; checked: Date | string; total: number }[];
        return rows.map((r) => ({ ...r, type, checked: new Date(r.checked), total: Number(r.total) }));
      }),
    );
    const total = perType.reduce((n, rows) => n + (rows[0]?.total ?? 0), 0);
    const rows = perType
      .flat()
      .sort((a, b) => a.checked.getTime() - b.checked.getTime())
      .slice(0, limit);
    return { total, rows };
  },
};

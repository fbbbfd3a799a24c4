import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from "./model.ts";
import { volunteerExpenseClaims, volunteerPoolSettings } from "./schema.ts";

export type ClaimRow = typeof volunteerExpenseClaims.$inferSelect;
export type ClaimInsert = typeof volunteerExpenseClaims.$inferInsert;

export const settingsRepo = {
  /** The tenant's settings, the defaults until a coordinator saved them (version 0). */
  async get(db: DbOrTx, tenantId: string): Promise<PoolSettings & { version: number }> {
    const [row] = await db
      .select()
      .from(volunteerPoolSettings)
      .where(eq(volunteerPoolSettings.tenantId, tenantId));
    return row
      ? {
          holidayState: row.holidayState,
          allowanceCents: row.allowanceCents,
          hourlyRateCents: row.hourlyRateCents,
          kmRateCents: row.kmRateCents,
          version: row.version,
        }
      : { ...DEFAULT_POOL_SETTINGS, version: 0 };
  },
  /** Saves only if nobody saved since `version` (0: the defaults, nothing saved yet). */
  async save(db: DbOrTx, tenantId: string, version: number, s: PoolSettings, now: Date): Promise<boolean> {
    if (version === 0) {
      const rows = await db
        .insert(volunteerPoolSettings)
        .values({ tenantId, ...s, version: 1 })
        .onConflictDoNothing()
        .returning({ v: volunteerPoolSettings.version });
      return rows.length === 1;
    }
    const rows = await db
      .update(volunteerPoolSettings)
      .set({ ...s, version: sql`${volunteerPoolSettings.version} + 1`, updatedAt: now })
      .where(and(eq(volunteerPoolSettings.tenantId, tenantId), eq(volunteerPoolSettings.version, version)))
      .returning({ v: volunteerPoolSettings.version });
    return rows.length === 1;
  },
};

export const claimRepo = {
  async insert(db: DbOrTx, row: ClaimInsert): Promise<ClaimRow> {
    const [created] = await db.insert(volunteerExpenseClaims).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ClaimRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteerExpenseClaims)
      .where(and(eq(volunteerExpenseClaims.tenantId, tenantId), eq(volunteerExpenseClaims.id, id)));
    return row;
  },
  /** Claims of a year ("YYYY"), or of one volunteer in it, oldest period first. */
  ofYear(db: DbOrTx, tenantId: string, year: string, volunteerId?: string): Promise<ClaimRow[]> {
    return db
      .select()
      .from(volunteerExpenseClaims)
      .where(
        and(
          eq(volunteerExpenseClaims.tenantId, tenantId),
          like(volunteerExpenseClaims.period, `${year}-%`),
          volunteerId ? eq(volunteerExpenseClaims.volunteerId, volunteerId) : undefined,
        ),
      )
      .orderBy(
        asc(volunteerExpenseClaims.period),
        asc(volunteerExpenseClaims.volunteerName),
        asc(volunteerExpenseClaims.createdAt),
      );
  },
  /** Approved flat-rate cents of one volunteer in a year: what counts against the allowance. */
  async flatRateSum(db: DbOrTx, tenantId: string, volunteerId: string, year: string): Promise<number> {
    const [row] = await db
      .select({ sum: sql<string | null>`sum(${volunteerExpenseClaims.amountCents})` })
      .from(volunteerExpenseClaims)
      .where(
        and(
          eq(volunteerExpenseClaims.tenantId, tenantId),
          eq(volunteerExpenseClaims.volunteerId, volunteerId),
          eq(volunteerExpenseClaims.kind, "flat_rate"),
          inArray(volunteerExpenseClaims.state, ["approved"]),
          like(volunteerExpenseClaims.period, `${year}-%`),
        ),
      );
    return Number(row?.sum ?? 0);
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<ClaimInsert>,
    now: Date,
  ): Promise<ClaimRow | undefined> {
    const [row] = await db
      .update(volunteerExpenseClaims)
      .set({ ...patch, version: sql`${volunteerExpenseClaims.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(volunteerExpenseClaims.tenantId, tenantId),
          eq(volunteerExpenseClaims.id, id),
          eq(volunteerExpenseClaims.version, version),
        ),
      )
      .returning();
    return row;
  },
  /** Erasure: the claims stay (accounting records, § 147 AO) under the name, without the profile. */
  async unlinkVolunteer(db: DbOrTx, tenantId: string, volunteerId: string): Promise<number> {
    const rows = await db
      .update(volunteerExpenseClaims)
      .set({ volunteerId: null })
      .where(
        and(
          eq(volunteerExpenseClaims.tenantId, tenantId),
          eq(volunteerExpenseClaims.volunteerId, volunteerId),
        ),
      )
      .returning({ id: volunteerExpenseClaims.id });
    return rows.length;
  },
  /** Retention: claims of periods before `beforePeriod` ("YYYY-MM") go. */
  async deleteBefore(db: DbOrTx, tenantId: string, beforePeriod: string): Promise<number> {
    const rows = await db
      .delete(volunteerExpenseClaims)
      .where(
        and(
          eq(volunteerExpenseClaims.tenantId, tenantId),
          sql`${volunteerExpenseClaims.period} < ${beforePeriod}`,
        ),
      )
      .returning({ id: volunteerExpenseClaims.id });
    return rows.length;
  },
};

import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { roleGrants, users } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;
export type RoleGrantRow = typeof roleGrants.$inferSelect;
export type RoleGrantInsert = typeof roleGrants.$inferInsert;

export type UserPatch = Partial<
  Pick<
    UserRow,
    | "email"
    | "displayName"
    | "status"
    | "preferredLanguage"
    | "passwordHash"
    | "totpSecret"
    | "totpEnabled"
    | "totpLastStep"
  >
>;

export const userRepo = {
  async insert(db: DbOrTx, row: UserInsert): Promise<UserRow> {
    const [created] = await db.insert(users).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    return row;
  },
  async byEmail(db: DbOrTx, tenantId: string, email: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
    return row;
  },
  async list(
    db: DbOrTx,
    tenantId: string,
    f: { q?: string | undefined; status?: string | undefined },
    limit: number,
    offset: number,
  ): Promise<UserRow[]> {
    const where: SQL[] = [eq(users.tenantId, tenantId)];
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.push(or(ilike(users.email, like), ilike(users.displayName, like))!);
    }
    if (f.status === "active" || f.status === "disabled") where.push(eq(users.status, f.status));
    return db
      .select()
      .from(users)
      .where(and(...where))
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(limit)
      .offset(offset);
  },
  /** Names of these users of the tenant, whatever their status (ids not found are left out). */
  async namesByIds(
    db: DbOrTx,
    tenantId: string,
    ids: string[],
  ): Promise<{ id: string; displayName: string }[]> {
    if (!ids.length) return [];
    return db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: UserPatch,
    now: Date,
  ): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.version, version)))
      .returning();
    return row;
  },
  /** Updates that belong to the account holder's own sign-in (password, TOTP); they still bump the version. */
  async update(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: UserPatch,
    now: Date,
  ): Promise<UserRow | undefined> {
    const [row] = await db
      .update(users)
      .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .returning();
    return row;
  },
  /** Accepts a TOTP step only if it is newer than the last one accepted (no replay, also under concurrency). */
  async advanceTotpStep(db: DbOrTx, tenantId: string, id: string, step: number): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(users.tenantId, tenantId),
          eq(users.id, id),
          sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`,
        ),
      )
      .returning({ id: users.id });
    return rows.length === 1;
  },

  async grantsOf(db: DbOrTx, tenantId: string, userId: string): Promise<RoleGrantRow[]> {
    return db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId)))
      .orderBy(asc(roleGrants.role), asc(roleGrants.id));
  },
  async grantsOfMany(db: DbOrTx, tenantId: string, userIds: string[]): Promise<RoleGrantRow[]> {
    if (userIds.length === 0) return [];
    return db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.tenantId, tenantId), inArray(roleGrants.userId, userIds)))
      .orderBy(asc(roleGrants.role), asc(roleGrants.id));
  },
  /** Active users holding `role` (any scope), with their grants of that role. */
  async withRole(db: DbOrTx, tenantId: string, role: RoleGrantRow["role"]) {
    return db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        preferredLanguage: users.preferredLanguage,
        scopeType: roleGrants.scopeType,
        scopeId: roleGrants.scopeId,
      })
      .from(roleGrants)
      .innerJoin(users, and(eq(users.tenantId, roleGrants.tenantId), eq(users.id, roleGrants.userId)))
      .where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.role, role), eq(users.status, "active")))
      .orderBy(asc(users.displayName), asc(users.id));
  },
  async replaceGrants(db: DbOrTx, tenantId: string, userId: string, rows: RoleGrantInsert[]): Promise<void> {
    await db.delete(roleGrants).where(and(eq(roleGrants.tenantId, tenantId), eq(roleGrants.userId, userId)));
    if (rows.length) await db.insert(roleGrants).values(rows);
  },
};

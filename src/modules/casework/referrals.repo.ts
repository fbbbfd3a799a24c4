import { and, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseRepo } from "./cases.repo.ts";
import { consents, referrals } from "./schema.ts";

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentInsert = typeof consents.$inferInsert;
export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralInsert = typeof referrals.$inferInsert;

/** For the data-protection services (privacy.ts); the need-to-know facts of a case. */
export const caseHeadRepo = { byId: caseRepo.head };
export type { CaseHead } from "./cases.repo.ts";

export const consentRepo = {
  async insert(db: DbOrTx, row: ConsentInsert): Promise<ConsentRow> {
    const [r] = await db.insert(consents).values(row).returning();
    return r!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ConsentRow | undefined> {
    const [r] = await db
      .select()
      .from(consents)
      .where(and(eq(consents.tenantId, tenantId), eq(consents.id, id)));
    return r;
  },
  ofPersons(db: DbOrTx, tenantId: string, personIds: string[]): Promise<ConsentRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(consents)
      .where(and(eq(consents.tenantId, tenantId), inArray(consents.personId, personIds)))
      .orderBy(desc(consents.givenOn), desc(consents.id));
  },
  /**
   * Consents of a person for a purpose that are in force on `today` (given, not expired, not
   * withdrawn) and name one of the recipients (or "any").
   */
  valid(
    db: DbOrTx,
    tenantId: string,
    personId: string,
    purpose: ConsentRow["purpose"],
    today: string,
    recipients: { type: ConsentRow["recipientType"]; id: string }[],
  ): Promise<ConsentRow[]> {
    const match: SQL[] = [eq(consents.recipientType, "any")];
    for (const r of recipients)
      match.push(and(eq(consents.recipientType, r.type), eq(consents.recipientId, r.id))!);
    return db
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.tenantId, tenantId),
          eq(consents.personId, personId),
          eq(consents.purpose, purpose),
          sql`${consents.givenOn} <= ${today}`,
          or(isNull(consents.expiresOn), sql`${consents.expiresOn} >= ${today}`),
          or(isNull(consents.withdrawnOn), sql`${consents.withdrawnOn} > ${today}`),
          or(...match),
        ),
      )
      .orderBy(desc(consents.givenOn), desc(consents.id));
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<Pick<ConsentRow, "withdrawnOn" | "expiresOn">>,
    now: Date,
  ): Promise<ConsentRow | undefined> {
    const [r] = await db
      .update(consents)
      .set({ ...patch, version: sql`${consents.version} + 1`, updatedAt: now })
      .where(and(eq(consents.tenantId, tenantId), eq(consents.id, id), eq(consents.version, version)))
      .returning();
    return r;
  },
};

export const referralRepo = {
  async insert(db: DbOrTx, row: ReferralInsert): Promise<ReferralRow> {
    const [r] = await db.insert(referrals).values(row).returning();
    return r!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<ReferralRow | undefined> {
    const [r] = await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.tenantId, tenantId), eq(referrals.id, id)));
    return r;
  },
  async byTokenHash(db: DbOrTx, tokenHash: string): Promise<ReferralRow | undefined> {
    const [r] = await db.select().from(referrals).where(eq(referrals.tokenHash, tokenHash));
    return r;
  },
  ofCase(db: DbOrTx, tenantId: string, caseId: string): Promise<ReferralRow[]> {
    return db
      .select()
      .from(referrals)
      .where(and(eq(referrals.tenantId, tenantId), eq(referrals.caseId, caseId)))
      .orderBy(desc(referrals.createdAt), desc(referrals.id));
  },
  /** Incoming referrals: all of the tenant's, or those to these organizations. */
  incoming(
    db: DbOrTx,
    tenantId: string,
    organizationIds: string[] | "all",
    filter: { status?: ReferralRow["status"] | undefined },
    limit: number,
  ): Promise<ReferralRow[]> {
    if (organizationIds !== "all" && organizationIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(referrals)
      .where(
        and(
          eq(referrals.tenantId, tenantId),
          organizationIds === "all" ? undefined : inArray(referrals.receivingOrganizationId, organizationIds),
          filter.status ? eq(referrals.status, filter.status) : undefined,
        ),
      )
      .orderBy(desc(referrals.createdAt), desc(referrals.id))
      .limit(limit);
  },
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<
      Pick<
        ReferralRow,
        "status" | "decisionReason" | "decidedAt" | "outcomeAt" | "tokenHash" | "tokenExpiresAt"
      >
    >,
    now: Date,
  ): Promise<ReferralRow | undefined> {
    const [r] = await db
      .update(referrals)
      .set({ ...patch, version: sql`${referrals.version} + 1`, updatedAt: now })
      .where(and(eq(referrals.tenantId, tenantId), eq(referrals.id, id), eq(referrals.version, version)))
      .returning();
    return r;
  },
};

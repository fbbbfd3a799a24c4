import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { offers, organizations } from "../directory/schema.ts";
import { cases, caseWorkers, consents, persons, referrals } from "./schema.ts";

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentInsert = typeof consents.$inferInsert;
export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralInsert = typeof referrals.$inferInsert;

/** What the need-to-know rule needs about a case, and the household it belongs to. */
export type CaseHead = {
  id: string;
  tenantId: string;
  officeId: string | null;
  householdId: string;
  status: string;
  workerIds: string[];
};

export const caseHeadRepo = {
  async byId(db: DbOrTx, tenantId: string, caseId: string): Promise<CaseHead | undefined> {
    const [c] = await db
      .select({
        id: cases.id,
        tenantId: cases.tenantId,
        officeId: cases.officeId,
        householdId: cases.householdId,
        status: cases.status,
      })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
    if (!c) return undefined;
    const w = await db
      .select({ userId: caseWorkers.userId })
      .from(caseWorkers)
      .where(and(eq(caseWorkers.tenantId, tenantId), eq(caseWorkers.caseId, caseId)));
    return { ...c, workerIds: w.map((x) => x.userId) };
  },
  /** The persons of the case's household (names for pickers; the rest stays with the case module). */
  personsOfHousehold(db: DbOrTx, tenantId: string, householdId: string) {
    return db
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        languages: persons.languages,
      })
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId)))
      .orderBy(asc(persons.givenName), asc(persons.id));
  },
};

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

/**
 * Referral targets from the directory, read-only: the offer's or organization's name, its
 * organization (the receiving side) and a contact e-mail for the one-time link.
 */
export const targetRepo = {
  async offer(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({
        id: offers.id,
        name: offers.title,
        organizationId: offers.organizationId,
        email: organizations.email,
      })
      .from(offers)
      .leftJoin(
        organizations,
        and(eq(organizations.tenantId, offers.tenantId), eq(organizations.id, offers.organizationId)),
      )
      .where(and(eq(offers.tenantId, tenantId), eq(offers.id, id)));
    return r;
  },
  async organization(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select({ id: organizations.id, name: organizations.name, email: organizations.email })
      .from(organizations)
      .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, id)));
    return r;
  },
  /** Published offers and organizations for the referral form's pickers. */
  async choices(db: DbOrTx, tenantId: string) {
    const [o, g] = await Promise.all([
      db
        .select({ id: offers.id, name: offers.title })
        .from(offers)
        .where(and(eq(offers.tenantId, tenantId), eq(offers.status, "published")))
        .orderBy(asc(offers.title))
        .limit(1000),
      db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(eq(organizations.tenantId, tenantId), eq(organizations.status, "published")))
        .orderBy(asc(organizations.name))
        .limit(1000),
    ]);
    return { offers: o, organizations: g };
  },
  async names(db: DbOrTx, tenantId: string, offerIds: string[], orgIds: string[]) {
    const [o, g] = await Promise.all([
      offerIds.length
        ? db
            .select({ id: offers.id, name: offers.title })
            .from(offers)
            .where(and(eq(offers.tenantId, tenantId), inArray(offers.id, offerIds)))
        : [],
      orgIds.length
        ? db
            .select({ id: organizations.id, name: organizations.name })
            .from(organizations)
            .where(and(eq(organizations.tenantId, tenantId), inArray(organizations.id, orgIds)))
        : [],
    ]);
    return new Map([...o, ...g].map((x) => [x.id, x.name]));
  },
};

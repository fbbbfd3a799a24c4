import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { BIRTH_DATE_SLACK_DAYS, NAME_SIMILARITY } from "./duplicates.ts";
import { familyRelations, households, persons } from "./schema.ts";

export type PersonRow = typeof persons.$inferSelect;
export type PersonInsert = typeof persons.$inferInsert;
export type FamilyRelationRow = typeof familyRelations.$inferSelect;
export type SimilarPerson = {
  personId: string;
  householdId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  similarity: number;
};

export const personRepo = {
  async insert(db: DbOrTx, row: PersonInsert): Promise<PersonRow> {
    const [created] = await db.insert(persons).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id)));
    return row;
  },
  async ofHousehold(db: DbOrTx, tenantId: string, householdId: string): Promise<PersonRow[]> {
    return db
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId)))
      .orderBy(asc(persons.createdAt), asc(persons.id));
  },
  /** Names and languages of a household's persons, for pickers (consents, referrals). */
  namesOfHousehold(db: DbOrTx, tenantId: string, householdId: string) {
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
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<PersonInsert>,
    now: Date,
  ): Promise<PersonRow | undefined> {
    const [row] = await db
      .update(persons)
      .set({ ...patch, version: sql`${persons.version} + 1`, updatedAt: now })
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id), eq(persons.version, version)))
      .returning();
    return row;
  },

  /**
   * Persons whose name key is similar (pg_trgm) and whose birth date is the same or close
   * (within the slack, day and month swapped, or a 1 January placeholder in the same year).
   */
  async similar(
    db: DbOrTx,
    tenantId: string,
    key: string,
    birthDate: string,
    excludeHousehold?: string,
  ): Promise<SimilarPerson[]> {
    const sim = sql<number>`similarity(${persons.nameKey}, ${key})`;
    const d = sql`${birthDate}::date`;
    const closeDate = sql`(
      abs(${persons.birthDate} - ${d}) <= ${BIRTH_DATE_SLACK_DAYS}
      OR (extract(month from ${persons.birthDate}) = extract(day from ${d})
          AND extract(day from ${persons.birthDate}) = extract(month from ${d}))
      OR (extract(year from ${persons.birthDate}) = extract(year from ${d})
          AND (to_char(${persons.birthDate}, 'MM-DD') = '01-01' OR to_char(${d}, 'MM-DD') = '01-01'))
    )`;
    const where: SQL[] = [
      eq(persons.tenantId, tenantId),
      sql`${persons.nameKey} % ${key}`,
      sql`${sim} >= ${NAME_SIMILARITY}`,
      closeDate,
    ];
    if (excludeHousehold) where.push(ne(persons.householdId, excludeHousehold));
    return db
      .select({
        personId: persons.id,
        householdId: persons.householdId,
        givenName: persons.givenName,
        familyName: persons.familyName,
        birthDate: persons.birthDate,
        similarity: sim,
      })
      .from(persons)
      .innerJoin(
        households,
        and(eq(households.tenantId, persons.tenantId), eq(households.id, persons.householdId)),
      )
      .where(and(...where, isNull(households.mergedInto)))
      .orderBy(desc(sim))
      .limit(20);
  },

  // ---- family relations ----
  async relationsOf(db: DbOrTx, tenantId: string, personIds: string[]): Promise<FamilyRelationRow[]> {
    if (!personIds.length) return [];
    return db
      .select()
      .from(familyRelations)
      .where(
        and(
          eq(familyRelations.tenantId, tenantId),
          or(
            inArray(familyRelations.personId, personIds),
            inArray(familyRelations.relatedPersonId, personIds),
          ),
        ),
      )
      .orderBy(asc(familyRelations.createdAt));
  },
  async insertRelation(db: DbOrTx, row: typeof familyRelations.$inferInsert): Promise<FamilyRelationRow> {
    const [created] = await db.insert(familyRelations).values(row).returning();
    return created!;
  },
  async deleteRelation(db: DbOrTx, tenantId: string, id: string) {
    await db
      .delete(familyRelations)
      .where(and(eq(familyRelations.tenantId, tenantId), eq(familyRelations.id, id)));
  },
};

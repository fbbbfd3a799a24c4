import { and, asc, desc, eq, exists, ilike, inArray, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { postcodes } from "../directory/schema.ts";
import { caseReferenceCounters, caseworkSettings, householdMerges } from "./core-schema.ts";
import { BIRTH_DATE_SLACK_DAYS, NAME_SIMILARITY } from "./duplicates.ts";
import {
  caseAttachments,
  caseContacts,
  caseNeeds,
  caseNotes,
  casePhaseChanges,
  casePhaseDefinitions,
  cases,
  caseWorkers,
  familyRelations,
  helpPlanItems,
  households,
  persons,
} from "./schema.ts";

export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdInsert = typeof households.$inferInsert;
export type PersonRow = typeof persons.$inferSelect;
export type PersonInsert = typeof persons.$inferInsert;
export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type NeedRow = typeof caseNeeds.$inferSelect;
export type PlanItemRow = typeof helpPlanItems.$inferSelect;
export type ContactRow = typeof caseContacts.$inferSelect;
export type NoteRow = typeof caseNotes.$inferSelect;
export type PhaseDefinitionRow = typeof casePhaseDefinitions.$inferSelect;
export type PhaseChangeRow = typeof casePhaseChanges.$inferSelect;
export type FamilyRelationRow = typeof familyRelations.$inferSelect;
export type AttachmentMeta = Omit<typeof caseAttachments.$inferSelect, "contentEnc">;

const bump = <T extends { version: unknown }>(t: T) => sql`${t.version} + 1`;

/** The case list's filter, already narrowed to what the principal may see. */
export type CaseListFilter = {
  /** "all", or the offices whose cases are visible (plus assigned cases of userId). */
  officeIds: string[] | "all";
  userId: string;
  office?: string | undefined;
  phase?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  worker?: string | undefined;
  q?: string | undefined;
  overdueBefore?: string | undefined;
};

export type CaseListRow = {
  id: string;
  reference: string;
  householdId: string;
  householdLabel: string;
  caseType: CaseRow["caseType"];
  officeId: string | null;
  phaseKey: string;
  status: CaseRow["status"];
  openedOn: string;
  closedOn: string | null;
  version: number;
};

/** Up to this many matching references or household labels, a name search fetches its cases by id. */
const SEARCH_CANDIDATES = 200;

function escapeLike(q: string) {
  return q.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export const caseworkRepo = {
  // ---- settings and phases ----
  async settings(db: DbOrTx, tenantId: string) {
    const [row] = await db.select().from(caseworkSettings).where(eq(caseworkSettings.tenantId, tenantId));
    return row;
  },
  async insertSettings(db: DbOrTx, tenantId: string, now: Date) {
    await db
      .insert(caseworkSettings)
      .values({ tenantId, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
  },
  async updateSettingsIfVersion(
    db: DbOrTx,
    tenantId: string,
    version: number,
    retentionYears: number,
    now: Date,
  ) {
    const [row] = await db
      .update(caseworkSettings)
      .set({ retentionYears, version: bump(caseworkSettings), updatedAt: now })
      .where(and(eq(caseworkSettings.tenantId, tenantId), eq(caseworkSettings.version, version)))
      .returning();
    return row;
  },
  async phases(db: DbOrTx, tenantId: string): Promise<PhaseDefinitionRow[]> {
    return db
      .select()
      .from(casePhaseDefinitions)
      .where(eq(casePhaseDefinitions.tenantId, tenantId))
      .orderBy(asc(casePhaseDefinitions.sort), asc(casePhaseDefinitions.key));
  },
  async insertPhases(db: DbOrTx, rows: (typeof casePhaseDefinitions.$inferInsert)[]) {
    if (rows.length) await db.insert(casePhaseDefinitions).values(rows).onConflictDoNothing();
  },
  async updatePhase(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: { label: string; sort: number; active: boolean },
  ) {
    await db
      .update(casePhaseDefinitions)
      .set(patch)
      .where(and(eq(casePhaseDefinitions.tenantId, tenantId), eq(casePhaseDefinitions.id, id)));
  },

  /** Next reference number of the year, atomically. */
  async nextReference(db: DbOrTx, tenantId: string, year: number): Promise<number> {
    const [row] = await db
      .insert(caseReferenceCounters)
      .values({ tenantId, year, last: 1 })
      .onConflictDoUpdate({
        target: [caseReferenceCounters.tenantId, caseReferenceCounters.year],
        set: { last: sql`${caseReferenceCounters.last} + 1` },
      })
      .returning({ last: caseReferenceCounters.last });
    return row!.last;
  },

  /** Centroid of a postcode the tenant maintains (directory's postcode table; read only). */
  async postcodeCentroid(db: DbOrTx, tenantId: string, postcode: string) {
    const [row] = await db
      .select({ lon: postcodes.lon, lat: postcodes.lat })
      .from(postcodes)
      .where(and(eq(postcodes.tenantId, tenantId), eq(postcodes.postcode, postcode)));
    return row;
  },

  // ---- households and persons ----
  async insertHousehold(db: DbOrTx, row: HouseholdInsert): Promise<HouseholdRow> {
    const [created] = await db.insert(households).values(row).returning();
    return created!;
  },
  async household(db: DbOrTx, tenantId: string, id: string): Promise<HouseholdRow | undefined> {
    const [row] = await db
      .select()
      .from(households)
      .where(and(eq(households.tenantId, tenantId), eq(households.id, id)));
    return row;
  },
  async householdsByIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<HouseholdRow[]> {
    if (!ids.length) return [];
    return db
      .select()
      .from(households)
      .where(and(eq(households.tenantId, tenantId), inArray(households.id, ids)));
  },
  async updateHouseholdIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<HouseholdInsert>,
    now: Date,
  ): Promise<HouseholdRow | undefined> {
    const [row] = await db
      .update(households)
      .set({ ...patch, version: bump(households), updatedAt: now })
      .where(and(eq(households.tenantId, tenantId), eq(households.id, id), eq(households.version, version)))
      .returning();
    return row;
  },
  async insertPerson(db: DbOrTx, row: PersonInsert): Promise<PersonRow> {
    const [created] = await db.insert(persons).values(row).returning();
    return created!;
  },
  async person(db: DbOrTx, tenantId: string, id: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id)));
    return row;
  },
  async personsOf(db: DbOrTx, tenantId: string, householdId: string): Promise<PersonRow[]> {
    return db
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId)))
      .orderBy(asc(persons.createdAt), asc(persons.id));
  },
  async updatePersonIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<PersonInsert>,
    now: Date,
  ): Promise<PersonRow | undefined> {
    const [row] = await db
      .update(persons)
      .set({ ...patch, version: bump(persons), updatedAt: now })
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id), eq(persons.version, version)))
      .returning();
    return row;
  },
  async movePersons(db: DbOrTx, tenantId: string, fromHousehold: string, toHousehold: string, now: Date) {
    const rows = await db
      .update(persons)
      .set({ householdId: toHousehold, version: bump(persons), updatedAt: now })
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, fromHousehold)))
      .returning({ id: persons.id });
    return rows.length;
  },
  async moveCases(db: DbOrTx, tenantId: string, fromHousehold: string, toHousehold: string, now: Date) {
    const rows = await db
      .update(cases)
      .set({ householdId: toHousehold, version: bump(cases), updatedAt: now })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, fromHousehold)))
      .returning({ id: cases.id });
    return rows.length;
  },
  async insertMerge(db: DbOrTx, row: typeof householdMerges.$inferInsert) {
    await db.insert(householdMerges).values(row);
  },

  /**
   * Persons whose name key is similar (pg_trgm) and whose birth date is the same or close
   * (within the slack, day and month swapped, or a 1 January placeholder in the same year).
   */
  async similarPersons(
    db: DbOrTx,
    tenantId: string,
    key: string,
    birthDate: string,
    excludeHousehold?: string,
  ) {
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
  async insertRelation(db: DbOrTx, row: typeof familyRelations.$inferInsert) {
    const [created] = await db.insert(familyRelations).values(row).returning();
    return created!;
  },
  async deleteRelation(db: DbOrTx, tenantId: string, id: string) {
    const rows = await db
      .delete(familyRelations)
      .where(and(eq(familyRelations.tenantId, tenantId), eq(familyRelations.id, id)))
      .returning({ id: familyRelations.id, personId: familyRelations.personId });
    return rows[0];
  },

  // ---- cases ----
  async insertCase(db: DbOrTx, row: CaseInsert): Promise<CaseRow> {
    const [created] = await db.insert(cases).values(row).returning();
    return created!;
  },
  async case(db: DbOrTx, tenantId: string, id: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
    return row;
  },
  async casesOfHousehold(db: DbOrTx, tenantId: string, householdId: string): Promise<CaseRow[]> {
    return db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, householdId)))
      .orderBy(desc(cases.openedOn), desc(cases.id));
  },
  async updateCaseIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<CaseInsert>,
    now: Date,
  ): Promise<CaseRow | undefined> {
    const [row] = await db
      .update(cases)
      .set({ ...patch, version: bump(cases), updatedAt: now })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return row;
  },
  async workersOf(db: DbOrTx, tenantId: string, caseIds: string[]) {
    if (!caseIds.length) return [];
    return db
      .select({ caseId: caseWorkers.caseId, userId: caseWorkers.userId, lead: caseWorkers.lead })
      .from(caseWorkers)
      .where(and(eq(caseWorkers.tenantId, tenantId), inArray(caseWorkers.caseId, caseIds)));
  },
  async replaceWorkers(
    db: DbOrTx,
    tenantId: string,
    caseId: string,
    workers: { userId: string; lead: boolean }[],
    now: Date,
  ) {
    await db
      .delete(caseWorkers)
      .where(and(eq(caseWorkers.tenantId, tenantId), eq(caseWorkers.caseId, caseId)));
    if (workers.length) {
      await db
        .insert(caseWorkers)
        .values(workers.map((w) => ({ tenantId, caseId, userId: w.userId, lead: w.lead, createdAt: now })));
    }
  },

  /**
   * The filtered, access-scoped, paged case list. Access: the case's office is one of
   * officeIds, or the user is assigned. Newest first; limit+1 rows tell whether a next page exists.
   */
  async listCases(
    db: DbOrTx,
    tenantId: string,
    f: CaseListFilter,
    limit: number,
    offset: number,
  ): Promise<CaseListRow[]> {
    const where: SQL[] = [eq(cases.tenantId, tenantId)];
    // Uncorrelated on purpose: PostgreSQL hashes the user's case ids once. A correlated EXISTS
    // under the OR is costed per row, which pushed the plan over the JIT threshold (≈ 45 ms of
    // compilation per search) and away from the LIMIT-friendly index walk.
    const assigned = inArray(
      cases.id,
      db
        .select({ id: caseWorkers.caseId })
        .from(caseWorkers)
        .where(and(eq(caseWorkers.tenantId, tenantId), eq(caseWorkers.userId, f.userId))),
    );
    if (f.officeIds !== "all") {
      where.push(f.officeIds.length ? or(inArray(cases.officeId, f.officeIds), assigned)! : assigned);
    }
    if (f.office) where.push(eq(cases.officeId, f.office));
    if (f.phase) where.push(eq(cases.phaseKey, f.phase));
    if (f.status) where.push(eq(cases.status, f.status as CaseRow["status"]));
    if (f.type) where.push(eq(cases.caseType, f.type as CaseRow["caseType"]));
    if (f.worker) {
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(caseWorkers)
            .where(
              and(
                eq(caseWorkers.tenantId, cases.tenantId),
                eq(caseWorkers.caseId, cases.id),
                eq(caseWorkers.userId, f.worker),
              ),
            ),
        ),
      );
    }
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      // Two cheap look-ups through the trigram indexes first. A selective search (the usual
      // name) then fetches its few cases by id; an unselective one keeps the plain filter,
      // where walking the cases newest first stops after one page. (The planner can't pick
      // between the two by itself: the matches sit in two tables under one OR.)
      const [refHits, labelHits] = await Promise.all([
        db
          .select({ id: cases.id })
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), ilike(cases.reference, like)))
          .limit(SEARCH_CANDIDATES + 1),
        db
          .select({ id: households.id })
          .from(households)
          .where(and(eq(households.tenantId, tenantId), ilike(households.label, like)))
          .limit(SEARCH_CANDIDATES + 1),
      ]);
      if (refHits.length <= SEARCH_CANDIDATES && labelHits.length <= SEARCH_CANDIDATES) {
        if (refHits.length + labelHits.length === 0) return [];
        const byRef = refHits.length
          ? inArray(
              cases.id,
              refHits.map((r) => r.id),
            )
          : undefined;
        const byLabel = labelHits.length
          ? inArray(
              cases.householdId,
              labelHits.map((r) => r.id),
            )
          : undefined;
        where.push(byRef && byLabel ? or(byRef, byLabel)! : (byRef ?? byLabel)!);
      } else {
        where.push(or(ilike(cases.reference, like), ilike(households.label, like))!);
      }
    }
    if (f.overdueBefore) {
      where.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(helpPlanItems)
            .where(
              and(
                eq(helpPlanItems.tenantId, cases.tenantId),
                eq(helpPlanItems.caseId, cases.id),
                eq(helpPlanItems.status, "open"),
                lt(helpPlanItems.dueOn, f.overdueBefore),
              ),
            ),
        ),
      );
    }
    return db
      .select({
        id: cases.id,
        reference: cases.reference,
        householdId: cases.householdId,
        householdLabel: households.label,
        caseType: cases.caseType,
        officeId: cases.officeId,
        phaseKey: cases.phaseKey,
        status: cases.status,
        openedOn: cases.openedOn,
        closedOn: cases.closedOn,
        version: cases.version,
      })
      .from(cases)
      .innerJoin(
        households,
        and(eq(households.tenantId, cases.tenantId), eq(households.id, cases.householdId)),
      )
      .where(and(...where))
      .orderBy(desc(cases.openedOn), desc(cases.id))
      .limit(limit)
      .offset(offset);
  },

  /** Households the principal may see (own office, or a visible case), by label; newest first. */
  async listHouseholds(
    db: DbOrTx,
    tenantId: string,
    f: { officeIds: string[] | "all"; userId: string; q?: string | undefined },
    limit: number,
    offset: number,
  ) {
    const where: SQL[] = [eq(households.tenantId, tenantId), isNull(households.mergedInto)];
    if (f.officeIds !== "all") {
      const visibleCase = exists(
        db
          .select({ one: sql`1` })
          .from(cases)
          .where(
            and(
              eq(cases.tenantId, households.tenantId),
              eq(cases.householdId, households.id),
              or(
                ...(f.officeIds.length ? [inArray(cases.officeId, f.officeIds)] : []),
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(caseWorkers)
                    .where(
                      and(
                        eq(caseWorkers.tenantId, cases.tenantId),
                        eq(caseWorkers.caseId, cases.id),
                        eq(caseWorkers.userId, f.userId),
                      ),
                    ),
                ),
              ),
            ),
          ),
      );
      where.push(
        f.officeIds.length ? or(inArray(households.officeId, f.officeIds), visibleCase)! : visibleCase,
      );
    }
    if (f.q) where.push(ilike(households.label, `%${escapeLike(f.q)}%`));
    return db
      .select({
        id: households.id,
        label: households.label,
        officeId: households.officeId,
        createdAt: households.createdAt,
      })
      .from(households)
      .where(and(...where))
      .orderBy(desc(households.createdAt), desc(households.id))
      .limit(limit)
      .offset(offset);
  },

  // ---- phases, needs, plan, contacts, notes, attachments ----
  async insertPhaseChange(db: DbOrTx, row: typeof casePhaseChanges.$inferInsert) {
    await db.insert(casePhaseChanges).values(row);
  },
  async phaseChanges(db: DbOrTx, tenantId: string, caseId: string): Promise<PhaseChangeRow[]> {
    return db
      .select()
      .from(casePhaseChanges)
      .where(and(eq(casePhaseChanges.tenantId, tenantId), eq(casePhaseChanges.caseId, caseId)))
      .orderBy(
        desc(casePhaseChanges.changedOn),
        desc(casePhaseChanges.createdAt),
        // The opening entry (no previous phase) is the oldest on its day.
        asc(sql`(${casePhaseChanges.fromPhase} IS NULL)`),
        desc(casePhaseChanges.id),
      );
  },
  async insertNeed(db: DbOrTx, row: typeof caseNeeds.$inferInsert): Promise<NeedRow> {
    const [created] = await db.insert(caseNeeds).values(row).returning();
    return created!;
  },
  async needs(db: DbOrTx, tenantId: string, caseId: string): Promise<NeedRow[]> {
    return db
      .select()
      .from(caseNeeds)
      .where(and(eq(caseNeeds.tenantId, tenantId), eq(caseNeeds.caseId, caseId)))
      .orderBy(asc(caseNeeds.createdAt), asc(caseNeeds.id));
  },
  async need(db: DbOrTx, tenantId: string, id: string): Promise<NeedRow | undefined> {
    const [row] = await db
      .select()
      .from(caseNeeds)
      .where(and(eq(caseNeeds.tenantId, tenantId), eq(caseNeeds.id, id)));
    return row;
  },
  async updateNeedIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<typeof caseNeeds.$inferInsert>,
    now: Date,
  ): Promise<NeedRow | undefined> {
    const [row] = await db
      .update(caseNeeds)
      .set({ ...patch, version: bump(caseNeeds), updatedAt: now })
      .where(and(eq(caseNeeds.tenantId, tenantId), eq(caseNeeds.id, id), eq(caseNeeds.version, version)))
      .returning();
    return row;
  },
  async insertPlanItem(db: DbOrTx, row: typeof helpPlanItems.$inferInsert): Promise<PlanItemRow> {
    const [created] = await db.insert(helpPlanItems).values(row).returning();
    return created!;
  },
  async planItems(db: DbOrTx, tenantId: string, caseId: string): Promise<PlanItemRow[]> {
    return db
      .select()
      .from(helpPlanItems)
      .where(and(eq(helpPlanItems.tenantId, tenantId), eq(helpPlanItems.caseId, caseId)))
      .orderBy(asc(helpPlanItems.createdAt), asc(helpPlanItems.id));
  },
  async planItem(db: DbOrTx, tenantId: string, id: string): Promise<PlanItemRow | undefined> {
    const [row] = await db
      .select()
      .from(helpPlanItems)
      .where(and(eq(helpPlanItems.tenantId, tenantId), eq(helpPlanItems.id, id)));
    return row;
  },
  async updatePlanItemIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<typeof helpPlanItems.$inferInsert>,
    now: Date,
  ): Promise<PlanItemRow | undefined> {
    const [row] = await db
      .update(helpPlanItems)
      .set({ ...patch, version: bump(helpPlanItems), updatedAt: now })
      .where(
        and(
          eq(helpPlanItems.tenantId, tenantId),
          eq(helpPlanItems.id, id),
          eq(helpPlanItems.version, version),
        ),
      )
      .returning();
    return row;
  },
  async insertContact(db: DbOrTx, row: typeof caseContacts.$inferInsert): Promise<ContactRow> {
    const [created] = await db.insert(caseContacts).values(row).returning();
    return created!;
  },
  async contacts(db: DbOrTx, tenantId: string, caseId: string): Promise<ContactRow[]> {
    return db
      .select()
      .from(caseContacts)
      .where(and(eq(caseContacts.tenantId, tenantId), eq(caseContacts.caseId, caseId)))
      .orderBy(desc(caseContacts.occurredAt), desc(caseContacts.id));
  },
  async insertNote(db: DbOrTx, row: typeof caseNotes.$inferInsert): Promise<NoteRow> {
    const [created] = await db.insert(caseNotes).values(row).returning();
    return created!;
  },
  async notes(db: DbOrTx, tenantId: string, caseId: string): Promise<NoteRow[]> {
    return db
      .select()
      .from(caseNotes)
      .where(and(eq(caseNotes.tenantId, tenantId), eq(caseNotes.caseId, caseId)))
      .orderBy(desc(caseNotes.createdAt), desc(caseNotes.id));
  },
  async note(db: DbOrTx, tenantId: string, id: string): Promise<NoteRow | undefined> {
    const [row] = await db
      .select()
      .from(caseNotes)
      .where(and(eq(caseNotes.tenantId, tenantId), eq(caseNotes.id, id)));
    return row;
  },
  async updateNoteIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<typeof caseNotes.$inferInsert>,
    now: Date,
  ): Promise<NoteRow | undefined> {
    const [row] = await db
      .update(caseNotes)
      .set({ ...patch, version: bump(caseNotes), updatedAt: now })
      .where(and(eq(caseNotes.tenantId, tenantId), eq(caseNotes.id, id), eq(caseNotes.version, version)))
      .returning();
    return row;
  },
  async insertAttachment(db: DbOrTx, row: typeof caseAttachments.$inferInsert): Promise<AttachmentMeta> {
    const [created] = await db.insert(caseAttachments).values(row).returning({
      tenantId: caseAttachments.tenantId,
      id: caseAttachments.id,
      caseId: caseAttachments.caseId,
      fileNameEnc: caseAttachments.fileNameEnc,
      mimeType: caseAttachments.mimeType,
      byteSize: caseAttachments.byteSize,
      authorId: caseAttachments.authorId,
      createdAt: caseAttachments.createdAt,
    });
    return created!;
  },
  async attachments(db: DbOrTx, tenantId: string, caseId: string): Promise<AttachmentMeta[]> {
    return db
      .select({
        tenantId: caseAttachments.tenantId,
        id: caseAttachments.id,
        caseId: caseAttachments.caseId,
        fileNameEnc: caseAttachments.fileNameEnc,
        mimeType: caseAttachments.mimeType,
        byteSize: caseAttachments.byteSize,
        authorId: caseAttachments.authorId,
        createdAt: caseAttachments.createdAt,
      })
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, tenantId), eq(caseAttachments.caseId, caseId)))
      .orderBy(desc(caseAttachments.createdAt));
  },
  async attachment(db: DbOrTx, tenantId: string, id: string) {
    const [row] = await db
      .select()
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, tenantId), eq(caseAttachments.id, id)));
    return row;
  },
};

/** What questionnaires and survey samples need to know about persons (issue 5): no names, no case content. */
export type SurveyPersonFacts = {
  personId: string;
  sex: string;
  birthDate: string | null;
  assignedOn: string | null;
  areaId: string | null;
  accommodationKind: string | null;
  /** The phase of the household's open case, if any. */
  phaseKey: string | null;
  openCase: boolean;
};

export const surveyPersonRepo = {
  /** Persons (not in merged-away households), optionally only those assigned in a year, or only these ids. */
  async facts(
    db: DbOrTx,
    tenantId: string,
    filter: { assignedYear?: number | undefined; personIds?: string[] | undefined },
  ): Promise<SurveyPersonFacts[]> {
    const conds: SQL[] = [sql`p.tenant_id = ${tenantId}`, sql`h.merged_into is null`];
    if (filter.assignedYear !== undefined) {
      conds.push(
        sql`p.assigned_to_municipality_on >= ${`${filter.assignedYear}-01-01`} and p.assigned_to_municipality_on <= ${`${filter.assignedYear}-12-31`}`,
      );
    }
    if (filter.personIds) {
      if (filter.personIds.length === 0) return [];
      conds.push(
        sql`p.id in (${sql.join(
          filter.personIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    }
    const result = await db.execute(sql`
      select p.id as "personId", p.sex, p.birth_date::text as "birthDate",
             p.assigned_to_municipality_on::text as "assignedOn",
             h.area_id as "areaId", h.accommodation_kind as "accommodationKind",
             oc.phase_key as "phaseKey", (oc.id is not null) as "openCase"
      from persons p
      join households h on h.tenant_id = p.tenant_id and h.id = p.household_id
      left join lateral (
        select c.id, c.phase_key from cases c
        where c.tenant_id = p.tenant_id and c.household_id = h.id and c.status = 'open'
        order by c.opened_on desc limit 1
      ) oc on true
      where ${sql.join(conds, sql` and `)}
      order by p.id`);
    return (result as unknown as { rows: SurveyPersonFacts[] }).rows.map((r) => ({
      ...r,
      openCase: r.openCase === true,
    }));
  },

  async names(db: DbOrTx, tenantId: string, personIds: string[]) {
    if (personIds.length === 0) return [];
    return db
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        householdId: persons.householdId,
        householdLabel: households.label,
      })
      .from(persons)
      .innerJoin(
        households,
        and(eq(households.tenantId, persons.tenantId), eq(households.id, persons.householdId)),
      )
      .where(and(eq(persons.tenantId, tenantId), inArray(persons.id, personIds)));
  },
};

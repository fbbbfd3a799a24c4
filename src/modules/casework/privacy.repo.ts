import { and, asc, desc, eq, gt, ilike, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import type { DeletedCounts } from "../../server/modules.ts";
import { householdMerges } from "./core-schema.ts";
import {
  breakGlassAccesses,
  caseAttachments,
  caseContacts,
  caseNeeds,
  caseNotes,
  casePhaseChanges,
  cases,
  caseWorkers,
  consents,
  familyRelations,
  helpPlanItems,
  households,
  persons,
  referrals,
} from "./schema.ts";

export type BreakGlassRow = typeof breakGlassAccesses.$inferSelect;

export type { DeletedCounts };

async function del(
  tx: DbOrTx,
  counts: DeletedCounts,
  key: string,
  // biome-ignore lint/suspicious/noExplicitAny: any table with tenant_id and an id-ish column
  table: any,
  where: ReturnType<typeof and>,
): Promise<string[]> {
  const rows = (await tx
    .delete(table)
    .where(where)
    .returning(table.id ? { id: table.id } : { id: sql<string>`null` })) as { id: string | null }[];
  if (rows.length) counts[key] = (counts[key] ?? 0) + rows.length;
  return rows.map((r) => r.id).filter((x): x is string => !!x);
}

export const privacyRepo = {
  caseByReference(db: DbOrTx, tenantId: string, reference: string) {
    return db
      .select({ id: cases.id, officeId: cases.officeId, reference: cases.reference })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.reference, reference)))
      .then((r) => r[0]);
  },
  caseById(db: DbOrTx, tenantId: string, id: string) {
    return db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)))
      .then((r) => r[0]);
  },
  casesByIds(db: DbOrTx, tenantId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select({ id: cases.id, reference: cases.reference, officeId: cases.officeId })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), inArray(cases.id, ids)));
  },
  async setLegalHold(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: { legalHold: boolean; legalHoldReason: string | null },
    now: Date,
  ) {
    const [r] = await db
      .update(cases)
      .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return r;
  },

  // ---- break-glass ----
  async insertBreakGlass(db: DbOrTx, row: typeof breakGlassAccesses.$inferInsert): Promise<BreakGlassRow> {
    const [r] = await db.insert(breakGlassAccesses).values(row).returning();
    return r!;
  },
  breakGlassList(
    db: DbOrTx,
    tenantId: string,
    filter: { pending?: boolean; userId?: string },
    limit: number,
  ) {
    return db
      .select()
      .from(breakGlassAccesses)
      .where(
        and(
          eq(breakGlassAccesses.tenantId, tenantId),
          filter.pending ? isNull(breakGlassAccesses.reviewedAt) : undefined,
          filter.userId ? eq(breakGlassAccesses.userId, filter.userId) : undefined,
        ),
      )
      .orderBy(desc(breakGlassAccesses.startedAt), desc(breakGlassAccesses.id))
      .limit(limit);
  },
  async breakGlassById(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select()
      .from(breakGlassAccesses)
      .where(and(eq(breakGlassAccesses.tenantId, tenantId), eq(breakGlassAccesses.id, id)));
    return r;
  },
  activeBreakGlassOf(db: DbOrTx, tenantId: string, userId: string, now: Date) {
    return db
      .select()
      .from(breakGlassAccesses)
      .where(
        and(
          eq(breakGlassAccesses.tenantId, tenantId),
          eq(breakGlassAccesses.userId, userId),
          gt(breakGlassAccesses.expiresAt, now),
        ),
      )
      .orderBy(desc(breakGlassAccesses.startedAt));
  },
  async reviewBreakGlass(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: { reviewedBy: string; reviewedAt: Date; reviewOutcome: string; reviewNote: string | null },
  ) {
    const [r] = await db
      .update(breakGlassAccesses)
      .set(patch)
      .where(
        and(
          eq(breakGlassAccesses.tenantId, tenantId),
          eq(breakGlassAccesses.id, id),
          isNull(breakGlassAccesses.reviewedAt),
        ),
      )
      .returning();
    return r;
  },

  // ---- persons (search for the data-protection officer) ----
  searchPersons(db: DbOrTx, tenantId: string, q: string, limit: number) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return db
      .select({
        id: persons.id,
        givenName: persons.givenName,
        familyName: persons.familyName,
        birthDate: persons.birthDate,
      })
      .from(persons)
      .where(
        and(
          eq(persons.tenantId, tenantId),
          or(
            ilike(sql`${persons.givenName} || ' ' || ${persons.familyName}`, pattern),
            ilike(sql`${persons.familyName} || ' ' || ${persons.givenName}`, pattern),
          ),
        ),
      )
      .orderBy(asc(persons.familyName), asc(persons.givenName), asc(persons.id))
      .limit(limit);
  },
  async person(db: DbOrTx, tenantId: string, id: string) {
    const [r] = await db
      .select()
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id)));
    return r;
  },

  /** Everything stored about a person's household, for the Art. 15 export and erasure. */
  async dossier(db: DbOrTx, tenantId: string, personId: string) {
    const person = await this.person(db, tenantId, personId);
    if (!person) return undefined;
    const [household] = await db
      .select()
      .from(households)
      .where(and(eq(households.tenantId, tenantId), eq(households.id, person.householdId)));
    const caseRows = await db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, person.householdId)))
      .orderBy(asc(cases.openedOn));
    const caseIds = caseRows.map((c) => c.id);
    const inCases = (t: { tenantId: PgColumn; caseId: PgColumn }) =>
      and(
        eq(t.tenantId, tenantId),
        inArray(t.caseId, caseIds.length ? caseIds : ["00000000-0000-0000-0000-000000000000"]),
      );
    const [needs, plan, contacts, notes, attachments, phaseChanges, referralRows, consentRows, relations] =
      await Promise.all([
        db.select().from(caseNeeds).where(inCases(caseNeeds)).orderBy(asc(caseNeeds.createdAt)),
        db.select().from(helpPlanItems).where(inCases(helpPlanItems)).orderBy(asc(helpPlanItems.createdAt)),
        db.select().from(caseContacts).where(inCases(caseContacts)).orderBy(asc(caseContacts.occurredAt)),
        db.select().from(caseNotes).where(inCases(caseNotes)).orderBy(asc(caseNotes.createdAt)),
        db
          .select({
            id: caseAttachments.id,
            caseId: caseAttachments.caseId,
            fileNameEnc: caseAttachments.fileNameEnc,
            mimeType: caseAttachments.mimeType,
            byteSize: caseAttachments.byteSize,
            createdAt: caseAttachments.createdAt,
          })
          .from(caseAttachments)
          .where(inCases(caseAttachments)),
        db
          .select()
          .from(casePhaseChanges)
          .where(inCases(casePhaseChanges))
          .orderBy(asc(casePhaseChanges.changedOn)),
        db
          .select()
          .from(referrals)
          .where(and(eq(referrals.tenantId, tenantId), eq(referrals.personId, personId)))
          .orderBy(asc(referrals.createdAt)),
        db
          .select()
          .from(consents)
          .where(and(eq(consents.tenantId, tenantId), eq(consents.personId, personId)))
          .orderBy(asc(consents.givenOn)),
        db
          .select()
          .from(familyRelations)
          .where(
            and(
              eq(familyRelations.tenantId, tenantId),
              or(eq(familyRelations.personId, personId), eq(familyRelations.relatedPersonId, personId)),
            ),
          ),
      ]);
    const otherPersons = await db
      .select({ id: persons.id })
      .from(persons)
      .where(
        and(
          eq(persons.tenantId, tenantId),
          eq(persons.householdId, person.householdId),
          ne(persons.id, personId),
        ),
      );
    return {
      person,
      household,
      cases: caseRows,
      needs,
      plan,
      contacts,
      notes,
      attachments,
      phaseChanges,
      referrals: referralRows,
      consents: consentRows,
      relations,
      otherPersonIds: otherPersons.map((p) => p.id),
    };
  },

  // ---- deletion (erasure and retention) ----

  /** Deletes cases and everything hanging off them; returns the ids deleted (for audit redaction). */
  async deleteCases(
    tx: DbOrTx,
    tenantId: string,
    caseIds: string[],
    counts: DeletedCounts,
  ): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const ids: string[] = [];
    const w = (t: { tenantId: PgColumn; caseId: PgColumn }) =>
      and(eq(t.tenantId, tenantId), inArray(t.caseId, caseIds));
    ids.push(...(await del(tx, counts, "needs", caseNeeds, w(caseNeeds))));
    ids.push(...(await del(tx, counts, "planItems", helpPlanItems, w(helpPlanItems))));
    ids.push(...(await del(tx, counts, "contacts", caseContacts, w(caseContacts))));
    ids.push(...(await del(tx, counts, "notes", caseNotes, w(caseNotes))));
    ids.push(...(await del(tx, counts, "attachments", caseAttachments, w(caseAttachments))));
    ids.push(...(await del(tx, counts, "referrals", referrals, w(referrals))));
    ids.push(...(await del(tx, counts, "phaseChanges", casePhaseChanges, w(casePhaseChanges))));
    ids.push(...(await del(tx, counts, "breakGlass", breakGlassAccesses, w(breakGlassAccesses))));
    await del(tx, counts, "caseWorkers", caseWorkers, w(caseWorkers));
    ids.push(
      ...(await del(
        tx,
        counts,
        "cases",
        cases,
        and(eq(cases.tenantId, tenantId), inArray(cases.id, caseIds)),
      )),
    );
    return ids;
  },

  /**
   * Deletes one person with their consents, referrals, person-level needs/notes and relations
   * (other modules' data about them goes first, through erasure.ts).
   */
  async deletePerson(
    tx: DbOrTx,
    tenantId: string,
    personId: string,
    counts: DeletedCounts,
  ): Promise<string[]> {
    const ids: string[] = [];
    ids.push(
      ...(await del(
        tx,
        counts,
        "referrals",
        referrals,
        and(eq(referrals.tenantId, tenantId), eq(referrals.personId, personId)),
      )),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "consents",
        consents,
        and(eq(consents.tenantId, tenantId), eq(consents.personId, personId)),
      )),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "needs",
        caseNeeds,
        and(eq(caseNeeds.tenantId, tenantId), eq(caseNeeds.personId, personId)),
      )),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "notes",
        caseNotes,
        and(eq(caseNotes.tenantId, tenantId), eq(caseNotes.personId, personId)),
      )),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "relations",
        familyRelations,
        and(
          eq(familyRelations.tenantId, tenantId),
          or(eq(familyRelations.personId, personId), eq(familyRelations.relatedPersonId, personId)),
        ),
      )),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "persons",
        persons,
        and(eq(persons.tenantId, tenantId), eq(persons.id, personId)),
      )),
    );
    return ids;
  },

  /** Deletes a household with all its persons and cases. */
  async deleteHousehold(
    tx: DbOrTx,
    tenantId: string,
    householdId: string,
    counts: DeletedCounts,
  ): Promise<string[]> {
    const ids: string[] = [];
    const caseRows = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, householdId)));
    ids.push(
      ...(await this.deleteCases(
        tx,
        tenantId,
        caseRows.map((c) => c.id),
        counts,
      )),
    );
    const personRows = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId)));
    for (const p of personRows) ids.push(...(await this.deletePerson(tx, tenantId, p.id, counts)));
    await del(
      tx,
      counts,
      "merges",
      householdMerges,
      and(
        eq(householdMerges.tenantId, tenantId),
        or(eq(householdMerges.survivorId, householdId), eq(householdMerges.mergedId, householdId)),
      ),
    );
    ids.push(
      ...(await del(
        tx,
        counts,
        "households",
        households,
        and(eq(households.tenantId, tenantId), eq(households.id, householdId)),
      )),
    );
    return ids;
  },

  /** The cases and persons of a household (whose data in other modules goes with it). */
  async householdMembers(db: DbOrTx, tenantId: string, householdId: string) {
    const [caseRows, personRows] = await Promise.all([
      db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, householdId))),
      db
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId))),
    ]);
    return { caseIds: caseRows.map((c) => c.id), personIds: personRows.map((p) => p.id) };
  },
  householdCaseCount(db: DbOrTx, tenantId: string, householdId: string) {
    return db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.householdId, householdId)))
      .then((r) => Number(r[0]?.n ?? 0));
  },
  householdPersonCount(db: DbOrTx, tenantId: string, householdId: string) {
    return db
      .select({ n: sql<number>`count(*)::int` })
      .from(persons)
      .where(and(eq(persons.tenantId, tenantId), eq(persons.householdId, householdId)))
      .then((r) => Number(r[0]?.n ?? 0));
  },

  /** Closed cases due for deletion on `today`, not on legal hold. */
  dueForRetention(db: DbOrTx, tenantId: string, today: string, limit: number) {
    return db
      .select({ id: cases.id, householdId: cases.householdId })
      .from(cases)
      .where(
        and(
          eq(cases.tenantId, tenantId),
          eq(cases.status, "closed"),
          eq(cases.legalHold, false),
          lte(cases.retentionDueOn, today),
        ),
      )
      .orderBy(asc(cases.retentionDueOn), asc(cases.id))
      .limit(limit);
  },
  async lockCase(tx: DbOrTx, tenantId: string, id: string) {
    const [r] = await tx
      .select({
        id: cases.id,
        householdId: cases.householdId,
        status: cases.status,
        legalHold: cases.legalHold,
        retentionDueOn: cases.retentionDueOn,
      })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)))
      .for("update");
    return r;
  },
};

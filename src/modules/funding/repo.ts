import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { DECIDED } from "./model.ts";
import { fundingApplications, fundingCalls, fundingLetters, fundingReviews } from "./schema.ts";

export type CallRow = typeof fundingCalls.$inferSelect;
export type ApplicationRow = typeof fundingApplications.$inferSelect;
export type ReviewRow = typeof fundingReviews.$inferSelect;
/** A position in the application list: submission instant in microseconds (decimal) and id. */
export type ListKey = { us: string; id: string };

const app = fundingApplications;
/** At most this many funded projects are listed beside one measure or offer. */
export const FUNDED_LINKS_MAX = 100;

export const fundingRepo = {
  async insertCall(db: DbOrTx, row: typeof fundingCalls.$inferInsert): Promise<CallRow> {
    const [r] = await db.insert(fundingCalls).values(row).returning();
    return r!;
  },
  async call(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<CallRow | undefined> {
    const q = db
      .select()
      .from(fundingCalls)
      .where(and(eq(fundingCalls.tenantId, tenantId), eq(fundingCalls.id, id)));
    const [r] = lock ? await q.for("update") : await q;
    return r;
  },
  async calls(db: DbOrTx, tenantId: string): Promise<CallRow[]> {
    return db
      .select()
      .from(fundingCalls)
      .where(eq(fundingCalls.tenantId, tenantId))
      .orderBy(desc(fundingCalls.periodStart));
  },
  async callByTitle(db: DbOrTx, tenantId: string, title: string): Promise<CallRow | undefined> {
    const [r] = await db
      .select()
      .from(fundingCalls)
      .where(and(eq(fundingCalls.tenantId, tenantId), eq(fundingCalls.title, title)));
    return r;
  },

  /** Committed (granted) cents and counts of one call's year, in one aggregate query. */
  async potFigures(db: DbOrTx, tenantId: string, callId: string, year: number) {
    const [r] = await db
      .select({
        committed: sql<string>`coalesce(sum(${app.grantedCents}) filter (where ${inArray(app.status, [...DECIDED])}), 0)`,
        decided: sql<number>`count(*) filter (where ${inArray(app.status, [...DECIDED])})::int`,
        pending: sql<number>`count(*) filter (where ${inArray(app.status, ["submitted", "in_review"])})::int`,
      })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId), eq(app.year, year)));
    // sum() of integers is numeric/bigint: read as text, exact.
    return { committedCents: Number(r?.committed ?? 0), decided: r?.decided ?? 0, pending: r?.pending ?? 0 };
  },

  async insertApplication(db: DbOrTx, row: typeof app.$inferInsert): Promise<ApplicationRow> {
    const [r] = await db.insert(app).values(row).returning();
    return r!;
  },
  async application(db: DbOrTx, tenantId: string, id: string): Promise<ApplicationRow | undefined> {
    const [r] = await db
      .select()
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id)));
    return r;
  },
  async applicationByToken(db: DbOrTx, tokenHash: string): Promise<ApplicationRow | undefined> {
    const [r] = await db.select().from(app).where(eq(app.tokenHash, tokenHash));
    return r;
  },
  /**
   * One page of a call's submitted applications (drafts stay the applicant's own), in submission
   * order, by keyset (decision 102): rows after or before the key (submission instant in
   * microseconds, id); one more row is read to know whether another page lies beyond.
   * Served by the index `funding_applications_list`.
   */
  async applicationsPage(
    db: DbOrTx,
    tenantId: string,
    callId: string,
    page: { after?: ListKey; before?: ListKey; limit: number },
  ) {
    const at = (k: ListKey) => sql`(timestamptz 'epoch' + ${k.us}::bigint * interval '1 microsecond')`;
    const key = sql`(${app.submittedAt}, ${app.id})`;
    const rows = await db
      .select({
        id: app.id,
        callId: app.callId,
        year: app.year,
        status: app.status,
        organizationName: app.organizationName,
        title: app.title,
        requestedCents: app.requestedCents,
        eligibleCents: app.eligibleCents,
        grantedCents: app.grantedCents,
        submittedAt: app.submittedAt,
        version: app.version,
        // extract(epoch) is numeric: exact to the microsecond, unlike a JavaScript Date.
        us: sql<string>`(extract(epoch from ${app.submittedAt}) * 1000000)::bigint::text`,
      })
      .from(app)
      .where(
        and(
          eq(app.tenantId, tenantId),
          eq(app.callId, callId),
          isNotNull(app.submittedAt),
          page.after ? sql`${key} > (${at(page.after)}, ${page.after.id}::uuid)` : undefined,
          page.before ? sql`${key} < (${at(page.before)}, ${page.before.id}::uuid)` : undefined,
        ),
      )
      .orderBy(...(page.before ? [desc(app.submittedAt), desc(app.id)] : [app.submittedAt, app.id]))
      .limit(page.limit + 1);
    // `more`: another page lies beyond in the direction read (after: later rows; before: earlier).
    const more = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    return { rows: page.before ? kept.reverse() : kept, more };
  },
  /** Funded applications linked to a strategy measure or a directory offer (decision 102). */
  async fundedLinkedTo(db: DbOrTx, tenantId: string, target: { measureId: string } | { offerId: string }) {
    return db
      .select({
        id: app.id,
        title: app.title,
        organizationName: app.organizationName,
        year: app.year,
        grantedCents: app.grantedCents,
      })
      .from(app)
      .where(
        and(
          eq(app.tenantId, tenantId),
          inArray(app.status, ["granted", "partly_granted"]),
          "measureId" in target
            ? eq(app.measureId, target.measureId)
            : sql`${app.offerIds} @> ARRAY[${target.offerId}::uuid]`,
        ),
      )
      .orderBy(desc(app.year), app.title, app.id)
      .limit(FUNDED_LINKS_MAX);
  },
  async countSubmitted(db: DbOrTx, tenantId: string, callId: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId), isNotNull(app.submittedAt)));
    return r?.n ?? 0;
  },
  async countApplications(db: DbOrTx, tenantId: string, callId: string): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.callId, callId)));
    return r?.n ?? 0;
  },
  /** Compare-and-set on version: undefined when someone else saved first. */
  async updateApplication(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<typeof app.$inferInsert>,
    now: Date,
  ): Promise<ApplicationRow | undefined> {
    const [r] = await db
      .update(app)
      .set({ ...patch, version: sql`${app.version} + 1`, updatedAt: now })
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id), eq(app.version, version)))
      .returning();
    return r;
  },

  async reviews(db: DbOrTx, tenantId: string, applicationId: string): Promise<ReviewRow[]> {
    return db
      .select()
      .from(fundingReviews)
      .where(and(eq(fundingReviews.tenantId, tenantId), eq(fundingReviews.applicationId, applicationId)))
      .orderBy(fundingReviews.createdAt);
  },
  /** One review per reviewer and application; a second one is refused by the unique index. */
  async insertReview(db: DbOrTx, row: typeof fundingReviews.$inferInsert): Promise<ReviewRow | undefined> {
    const [r] = await db.insert(fundingReviews).values(row).onConflictDoNothing().returning();
    return r;
  },

  // --- data protection (privacy.ts) ----------------------------------------------------------

  /**
   * Applications due for deletion or contact erasure (decision 062), a batch at a time:
   * drafts whose link expired before `draftsBefore`; refused or ineligible ones decided before
   * `refusedBefore`; funded ones of a year ≤ `fundedContactYear` whose contact is not yet erased
   * (kind "contact"), and of a year ≤ `fundedDeleteYear` (kind "delete").
   */
  async dueForRetention(
    db: DbOrTx,
    tenantId: string,
    c: { draftsBefore: Date; refusedBefore: Date; fundedContactYear: number; fundedDeleteYear: number },
    limit: number,
  ): Promise<{ id: string; kind: "delete" | "contact" }[]> {
    const funded = inArray(app.status, ["granted", "partly_granted"]);
    const kind = sql<
      "delete" | "contact"
    >`case when ${and(funded, sql`${app.year} > ${c.fundedDeleteYear}`)} then 'contact' else 'delete' end`;
    return db
      .select({ id: app.id, kind })
      .from(app)
      .where(
        and(
          eq(app.tenantId, tenantId),
          or(
            and(eq(app.status, "draft"), lt(app.tokenExpiresAt, c.draftsBefore)),
            and(
              inArray(app.status, ["refused", "ineligible"]),
              lt(sql`coalesce(${app.decidedAt}, ${app.updatedAt})`, c.refusedBefore),
            ),
            and(funded, sql`${app.year} <= ${c.fundedDeleteYear}`),
            and(funded, sql`${app.year} <= ${c.fundedContactYear}`, isNull(app.erasedAt)),
          ),
        ),
      )
      .orderBy(app.id)
      .limit(limit);
  },
  /** Deletes an application with its reviews and letters (cascade); the ids for the audit redaction. */
  async deleteApplication(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
    const rows = await db
      .delete(app)
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id)))
      .returning({ id: app.id });
    return rows.map((r) => r.id);
  },
  /**
   * Erases the applicant's personal data and keeps the financial record (organization, title,
   * figures, decision): contact, summary and link go, and the letters that name the contact.
   * Returns the number of letters deleted.
   */
  async eraseContact(db: DbOrTx, tenantId: string, id: string, now: Date): Promise<number> {
    await db
      .update(app)
      .set({
        contactName: "",
        contactEmail: "",
        reportResponseId: null,
        summary: "",
        tokenHash: null,
        tokenExpiresAt: null,
        erasedAt: now,
        version: sql`${app.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(app.tenantId, tenantId), eq(app.id, id)));
    const letters = await db
      .delete(fundingLetters)
      .where(and(eq(fundingLetters.tenantId, tenantId), eq(fundingLetters.applicationId, id)))
      .returning({ lang: fundingLetters.lang });
    return letters.length;
  },

  // --- decision letters (letter.ts) ----------------------------------------------------------

  async upsertLetter(db: DbOrTx, row: typeof fundingLetters.$inferInsert): Promise<void> {
    await db
      .insert(fundingLetters)
      .values(row)
      .onConflictDoUpdate({
        target: [fundingLetters.tenantId, fundingLetters.applicationId, fundingLetters.lang],
        set: { pdf: row.pdf, createdAt: row.createdAt ?? sql`now()` },
      });
  },
  async letterLangs(db: DbOrTx, tenantId: string, applicationId: string): Promise<string[]> {
    const rows = await db
      .select({ lang: fundingLetters.lang })
      .from(fundingLetters)
      .where(and(eq(fundingLetters.tenantId, tenantId), eq(fundingLetters.applicationId, applicationId)))
      .orderBy(fundingLetters.lang);
    return rows.map((r) => r.lang);
  },
  async letter(db: DbOrTx, tenantId: string, applicationId: string, lang: string) {
    const [r] = await db
      .select({ pdf: fundingLetters.pdf, createdAt: fundingLetters.createdAt })
      .from(fundingLetters)
      .where(
        and(
          eq(fundingLetters.tenantId, tenantId),
          eq(fundingLetters.applicationId, applicationId),
          eq(fundingLetters.lang, lang),
        ),
      );
    return r;
  },
};

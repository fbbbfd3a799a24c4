import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import {
  networkAgreements as agreements,
  networkBodies as bodies,
  networkMeetings as meetings,
  networkSignatories as signatories,
} from "./schema.ts";

export type AgreementRow = typeof agreements.$inferSelect;
export type SignatoryRow = typeof signatories.$inferSelect;

/** Agreements, declarations and their signatories. */
export const agreementRepo = {
  async list(db: DbOrTx, tenantId: string): Promise<AgreementRow[]> {
    return db
      .select()
      .from(agreements)
      .where(eq(agreements.tenantId, tenantId))
      .orderBy(sql`${agreements.reviewDate} asc nulls last`, asc(agreements.title));
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<AgreementRow | undefined> {
    const [row] = await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id)));
    return row;
  },
  async insert(db: DbOrTx, row: typeof agreements.$inferInsert): Promise<AgreementRow> {
    const [created] = await db.insert(agreements).values(row).returning();
    return created!;
  },
  /** Compare-and-set on the version: undefined when someone else saved first. */
  async updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: Partial<
      Pick<
        AgreementRow,
        | "state"
        | "reviewDate"
        | "published"
        | "title"
        | "subject"
        | "text"
        | "parties"
        | "startDate"
        | "meetingId"
        | "measureId"
      >
    >,
    now: Date,
  ): Promise<AgreementRow | undefined> {
    const [row] = await db
      .update(agreements)
      .set({ ...patch, version: sql`${agreements.version} + 1`, updatedAt: now })
      .where(and(eq(agreements.tenantId, tenantId), eq(agreements.id, id), eq(agreements.version, version)))
      .returning();
    return row;
  },
  async signatories(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<SignatoryRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(signatories)
      .where(and(eq(signatories.tenantId, tenantId), inArray(signatories.agreementId, [...ids])))
      .orderBy(asc(signatories.signedOn), asc(signatories.id));
  },
  async insertSignatory(db: DbOrTx, row: typeof signatories.$inferInsert): Promise<SignatoryRow> {
    const [created] = await db.insert(signatories).values(row).returning();
    return created!;
  },
  /** The latest meetings with their body's name: what an agreement can come out of. */
  async meetingChoices(db: DbOrTx, tenantId: string, limit: number) {
    return db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, bodyName: bodies.name })
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
      .where(eq(meetings.tenantId, tenantId))
      .orderBy(desc(meetings.startsAt), asc(meetings.id))
      .limit(limit);
  },
};

import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../server/db/client.ts";
import { caseAttachments, caseContacts, caseNeeds, caseNotes, helpPlanItems } from "./schema.ts";

/**
 * The one repository of what belongs to a case (needs, help-plan items, contacts, notes,
 * attachments): every record has `tenant_id`, `id` and `case_id`; the editable ones also
 * `version` and `updated_at` for optimistic locking.
 */
type RecordTable = PgTable & { tenantId: PgColumn; id: PgColumn; caseId: PgColumn };
type VersionedTable = RecordTable & { version: PgColumn; updatedAt: PgColumn };

// Drizzle's query builders lose the row types of a table passed in generically; these casts
// restore them (the table is the one the types were read from).
type Db = DbOrTx & {
  insert(t: PgTable): { values(v: unknown): { returning(): Promise<unknown[]> } };
};

function recordRepo<T extends RecordTable>(table: T, order: (t: T) => SQL[]) {
  type Row = T["$inferSelect"];
  type Insert = T["$inferInsert"];
  return {
    async insert(db: DbOrTx, row: Insert): Promise<Row> {
      const [created] = await (db as Db).insert(table).values(row).returning();
      return created as Row;
    },
    async byId(db: DbOrTx, tenantId: string, id: string): Promise<Row | undefined> {
      const [row] = await db
        .select()
        .from(table as PgTable)
        .where(and(eq(table.tenantId, tenantId), eq(table.id, id)));
      return row as Row | undefined;
    },
    async ofCase(db: DbOrTx, tenantId: string, caseId: string): Promise<Row[]> {
      return (await db
        .select()
        .from(table as PgTable)
        .where(and(eq(table.tenantId, tenantId), eq(table.caseId, caseId)))
        .orderBy(...order(table))) as Row[];
    },
  };
}

function versionedRecordRepo<T extends VersionedTable>(table: T, order: (t: T) => SQL[]) {
  type Row = T["$inferSelect"];
  return {
    ...recordRepo(table, order),
    /** Compare-and-set on version: undefined when someone else saved first. */
    async updateIfVersion(
      db: DbOrTx,
      tenantId: string,
      id: string,
      version: number,
      patch: Partial<T["$inferInsert"]>,
      now: Date,
    ): Promise<Row | undefined> {
      const [row] = await db
        .update(table as PgTable)
        .set({ ...patch, version: sql`${table.version} + 1`, updatedAt: now } as Record<string, unknown>)
        .where(and(eq(table.tenantId, tenantId), eq(table.id, id), eq(table.version, version)))
        .returning();
      return row as Row | undefined;
    },
  };
}

export const needRepo = versionedRecordRepo(caseNeeds, (t) => [asc(t.createdAt), asc(t.id)]);
export const planItemRepo = versionedRecordRepo(helpPlanItems, (t) => [asc(t.createdAt), asc(t.id)]);
export const noteRepo = versionedRecordRepo(caseNotes, (t) => [desc(t.createdAt), desc(t.id)]);
export const contactRepo = recordRepo(caseContacts, (t) => [desc(t.occurredAt), desc(t.id)]);

/** Attachments: lists and inserts return the metadata only, never the (large) content. */
const { contentEnc: _content, ...attachmentMeta } = getTableColumns(caseAttachments);
const attachments = recordRepo(caseAttachments, (t) => [desc(t.createdAt)]);
export const attachmentRepo = {
  byId: attachments.byId,
  async insert(db: DbOrTx, row: typeof caseAttachments.$inferInsert): Promise<AttachmentMeta> {
    const [created] = await db.insert(caseAttachments).values(row).returning(attachmentMeta);
    return created!;
  },
  ofCase(db: DbOrTx, tenantId: string, caseId: string): Promise<AttachmentMeta[]> {
    return db
      .select(attachmentMeta)
      .from(caseAttachments)
      .where(and(eq(caseAttachments.tenantId, tenantId), eq(caseAttachments.caseId, caseId)))
      .orderBy(desc(caseAttachments.createdAt));
  },
};

export type NeedRow = typeof caseNeeds.$inferSelect;
export type PlanItemRow = typeof helpPlanItems.$inferSelect;
export type ContactRow = typeof caseContacts.$inferSelect;
export type NoteRow = typeof caseNotes.$inferSelect;
export type AttachmentMeta = Omit<typeof caseAttachments.$inferSelect, "contentEnc">;

import { and, count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { mailOutbox } from "./schema.ts";

export type MailRow = typeof mailOutbox.$inferSelect;
export type MailInsert = typeof mailOutbox.$inferInsert;
export type MailSummary = Omit<MailRow, "text" | "html" | "attachments">;

const summaryColumns = {
  tenantId: mailOutbox.tenantId,
  id: mailOutbox.id,
  to: mailOutbox.to,
  subject: mailOutbox.subject,
  status: mailOutbox.status,
  transport: mailOutbox.transport,
  messageId: mailOutbox.messageId,
  lastError: mailOutbox.lastError,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
};

export const mailRepo = {
  async insert(db: DbOrTx, row: MailInsert): Promise<MailRow> {
    const [created] = await db.insert(mailOutbox).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, tenantId: string, id: string): Promise<MailRow | undefined> {
    const [row] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.id, id)));
    return row;
  },
  async update(
    db: DbOrTx,
    tenantId: string,
    id: string,
    patch: Partial<
      Pick<MailRow, "status" | "text" | "html" | "attachments" | "messageId" | "lastError" | "sentAt">
    >,
  ): Promise<void> {
    await db
      .update(mailOutbox)
      .set(patch)
      .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.id, id)));
  },
  async list(db: DbOrTx, tenantId: string, limit: number, offset: number): Promise<MailSummary[]> {
    return db
      .select(summaryColumns)
      .from(mailOutbox)
      .where(eq(mailOutbox.tenantId, tenantId))
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(limit)
      .offset(offset);
  },
  async count(db: DbOrTx, tenantId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.tenantId, tenantId));
    return row?.n ?? 0;
  },
};

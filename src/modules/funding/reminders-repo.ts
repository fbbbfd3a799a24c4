import { and, eq, gt, gte, inArray, isNull, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { fundingApplications, fundingCalls, fundingProofs, fundingReminders } from "./schema.ts";

const app = fundingApplications;
const call = fundingCalls;
const rem = fundingReminders;

/** Candidates and the sent-once ledger of the daily reminders (reminders.ts). */
export const remindersRepo = {
  /** Grants of recent years with contact data and no proof filed yet, with the call's proof period. */
  async grantsWithoutProof(db: DbOrTx, tenantId: string, fromYear: number) {
    return db
      .select({
        id: app.id,
        year: app.year,
        lang: app.lang,
        title: app.title,
        contactEmail: app.contactEmail,
        proofMonths: call.proofMonths,
      })
      .from(app)
      .innerJoin(call, and(eq(call.tenantId, app.tenantId), eq(call.id, app.callId)))
      .leftJoin(
        fundingProofs,
        and(eq(fundingProofs.tenantId, app.tenantId), eq(fundingProofs.applicationId, app.id)),
      )
      .where(
        and(
          eq(app.tenantId, tenantId),
          inArray(app.status, ["granted", "partly_granted"]),
          gte(app.year, fromYear),
          isNull(app.erasedAt),
          ne(app.contactEmail, ""),
          isNull(fundingProofs.applicationId),
        ),
      );
  },
  /** Drafts (link still open) of calls whose closing date lies between `from` and `to`. */
  async draftsBeforeDeadline(db: DbOrTx, tenantId: string, from: string, to: string, now: Date) {
    return db
      .select({
        id: app.id,
        lang: app.lang,
        title: app.title,
        contactEmail: app.contactEmail,
        callTitle: call.title,
        deadline: call.deadline,
      })
      .from(app)
      .innerJoin(call, and(eq(call.tenantId, app.tenantId), eq(call.id, app.callId)))
      .where(
        and(
          eq(app.tenantId, tenantId),
          eq(app.status, "draft"),
          ne(app.contactEmail, ""),
          gte(call.deadline, from),
          lte(call.deadline, to),
          gt(app.tokenExpiresAt, now),
        ),
      );
  },
  /** Records a reminder; false when it was sent before (the run is idempotent). */
  async claim(
    db: DbOrTx,
    row: {
      tenantId: string;
      applicationId: string;
      kind: "proof" | "deadline";
      dueDate: string;
      sentAt: Date;
    },
  ): Promise<boolean> {
    const r = await db.insert(rem).values(row).onConflictDoNothing().returning({ id: rem.applicationId });
    return r.length === 1;
  },
};

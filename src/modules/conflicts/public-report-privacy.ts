import { sha256Hex } from "../../server/crypto.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ErasePublicReport } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { PENDING_RETENTION_DAYS } from "./model.ts";
import { publicReportRepo } from "./public-report-repo.ts";
import { localDate } from "./sla.ts";

const DAY = 86_400_000;
const ENTITY = "conflict_public_report";
const BATCH = 200;

/** The day a report received then is erased when nobody moderated it (decision 129). */
export function pendingEraseOn(receivedAt: Date, days: number): string {
  return localDate(new Date(receivedAt.getTime() + days * DAY));
}

/** The tenant's period for unmoderated reports (the default while nothing was saved). */
export async function pendingRetentionDays(deps: ConflictDeps, tenantId: string): Promise<number> {
  return (await publicReportRepo.settings(deps.db, tenantId))?.pendingRetentionDays ?? PENDING_RETENTION_DAYS;
}

/**
 * A public report's data-protection rules (decisions 120 and 129): the reporter withdraws a report
 * still waiting for moderation with their status link; the contact point erases one on request
 * with a reason; the daily job erases rejected reports after REJECTED_RETENTION_DAYS and waiting
 * ones after the tenant's period. Every erasure strips the report's audit entries to ids and
 * leaves one entry naming the id only (the erasure's reason, where staff gave one).
 */
export function createPublicReportPrivacy(deps: ConflictDeps) {
  const { db } = deps;

  /** Deletes in the caller's transaction; the audit entry comes after the redaction, so it stays. */
  async function gone(
    tx: DbOrTx,
    tenantId: string,
    id: string,
    entry: { action: string; state: string; principal?: Principal; reason?: string; requestId?: string },
  ) {
    await deps.audit.redactEntities(tx, tenantId, [id]);
    await deps.audit.record(
      {
        actor: entry.principal ? { kind: "user", principal: entry.principal } : { kind: "system", tenantId },
        action: entry.action,
        entityType: ENTITY,
        entityId: id,
        changes: { state: { old: entry.state, new: null } },
        reason: entry.reason ?? null,
        requestId: entry.requestId ?? null,
      },
      tx,
    );
  }

  async function retentionBatch(
    tenantId: string,
    due: { id: string }[],
    state: "pending" | "rejected",
    remove: (tx: DbOrTx, id: string) => Promise<unknown>,
  ): Promise<number> {
    let deleted = 0;
    for (const r of due) {
      await db.transaction(async (tx) => {
        // Moderated meanwhile (a waiting one accepted): nothing of it is left here to erase.
        if (!(await remove(tx, r.id))) return;
        await gone(tx, tenantId, r.id, { action: "retention_delete", state });
        deleted++;
      });
    }
    return deleted;
  }

  return {
    /**
     * The reporter's withdrawal (Art. 17) through the status link: only while the report waits
     * for moderation. False when the link names no waiting report (unknown, taken up, rejected).
     */
    async withdrawPublic(tenantId: string, token: string): Promise<boolean> {
      if (!token || token.length > 200) return false;
      const r = await publicReportRepo.byStatusToken(db, sha256Hex(token));
      if (!r || r.tenantId !== tenantId || r.state !== "pending") return false;
      return db.transaction(async (tx) => {
        if (!(await publicReportRepo.deletePending(tx, tenantId, r.id))) return false;
        await gone(tx, tenantId, r.id, { action: "withdraw", state: "pending" });
        return true;
      });
    },

    /**
     * The contact point erases a waiting report on request (a call or a mail from the reporter),
     * with the request's reason in the audit entry; compare-and-set on the version as read.
     */
    async erasePublic(principal: Principal, id: string, input: ErasePublicReport, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const tenantId = principal.tenantId;
      const r = isUuid(id) ? await publicReportRepo.byId(db, tenantId, id) : undefined;
      if (!r) throw AppError.notFound();
      if (r.state !== "pending" || r.version !== input.version) throw AppError.versionConflict(r.version);
      await db.transaction(async (tx) => {
        if (!(await publicReportRepo.takePending(tx, tenantId, id, input.version)))
          throw AppError.versionConflict();
        await gone(tx, tenantId, id, {
          action: "erase",
          state: "pending",
          principal,
          reason: input.reason,
          requestId,
        });
      });
      return { id, reference: r.reference };
    },

    /**
     * The daily job's part: rejected reports past their date, and waiting ones whose erasure day
     * (received + the tenant's period) has come.
     */
    async publicReportRetention(tenantId: string): Promise<number> {
      const now = deps.clock.now();
      const today = localDate(now);
      let deleted = 0;
      for (;;) {
        const due = await publicReportRepo.dueForRetention(db, tenantId, today, BATCH);
        if (due.length === 0) break;
        deleted += await retentionBatch(tenantId, due, "rejected", (tx, id) =>
          publicReportRepo.delete(tx, tenantId, id),
        );
      }
      const days = await pendingRetentionDays(deps, tenantId);
      // Received more than days-1 days ago may be due by the day; the calendar day decides.
      const before = new Date(now.getTime() - (days - 1) * DAY);
      for (;;) {
        const rows = await publicReportRepo.pendingBefore(db, tenantId, before, BATCH);
        const due = rows.filter((r) => pendingEraseOn(r.receivedAt, days) <= today);
        if (due.length === 0) break;
        deleted += await retentionBatch(tenantId, due, "pending", (tx, id) =>
          publicReportRepo.deletePending(tx, tenantId, id),
        );
        if (due.length < rows.length) break;
      }
      return deleted;
    },
  };
}

import type { Database, DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { CaseRow } from "./cases.repo.ts";
import type { CaseGuard } from "./guard.ts";
import { personRepo } from "./persons.repo.ts";
import { userActor } from "./support.ts";

/** What the helper needs of a record repository (`case-records.repo.ts`). */
type RecordRepo<R> = { byId(db: DbOrTx, tenantId: string, id: string): Promise<R | undefined> };
type VersionedRepo<R, P> = RecordRepo<R> & {
  updateIfVersion(
    db: DbOrTx,
    tenantId: string,
    id: string,
    version: number,
    patch: P,
    now: Date,
  ): Promise<R | undefined>;
};

/**
 * The one way a record of a case (need, plan item, contact, note, attachment) is written:
 * the case's write rule applies, and the write and its audit entry (ids and field names, never
 * content) commit together. The record services (`needs.ts`, `plan-items.ts`, …) add their rules.
 */
export function createCaseRecords(deps: {
  db: Database;
  audit: AuditService;
  clock: { now(): Date };
  guard: CaseGuard;
}) {
  const { db } = deps;

  return {
    async write<T>(
      principal: Principal,
      caseId: string,
      entity: { type: string; action: "create" | "update" },
      fn: (c: CaseRow) => Promise<{ id: string; result: T; fields: string[] }>,
      requestId?: string | null,
    ): Promise<T> {
      const { row } = await deps.guard.loadCase(principal, caseId, "write");
      return db.transaction(async () => {
        const { id, result, fields } = await fn(row);
        await deps.audit.record({
          actor: userActor(principal),
          action: entity.action,
          entityType: entity.type,
          entityId: id,
          changes: { caseId: { old: null, new: caseId }, fields: { old: null, new: [...fields].sort() } },
          requestId: requestId ?? null,
        });
        return result;
      });
    },

    /** The record `id` if it belongs to the case; 404 otherwise. */
    async ofCase<R extends { caseId: string }>(
      repo: RecordRepo<R>,
      tenantId: string,
      caseId: string,
      id: string,
    ): Promise<R> {
      const row = isUuid(id) ? await repo.byId(db, tenantId, id) : undefined;
      if (!row || row.caseId !== caseId) throw AppError.notFound();
      return row;
    },

    /** Saves `patch` if nobody saved the record since `version` was read; else a version conflict. */
    async saveIfVersion<R extends { version: number }, P>(
      repo: VersionedRepo<R, P>,
      tenantId: string,
      before: R & { id: string },
      version: number,
      patch: P,
    ): Promise<R> {
      const after = await repo.updateIfVersion(db, tenantId, before.id, version, patch, deps.clock.now());
      if (!after) throw AppError.versionConflict(before.version);
      return after;
    },

    /** Refuses a person who is not a member of the case's household, at `personId`. */
    async checkPerson(tenantId: string, personId: string | null, c: CaseRow): Promise<void> {
      if (!personId) return;
      const p = await personRepo.byId(db, tenantId, personId);
      if (!p || p.householdId !== c.householdId)
        throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
    },
  };
}
export type CaseRecords = ReturnType<typeof createCaseRecords>;

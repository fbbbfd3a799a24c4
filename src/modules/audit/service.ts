import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditQuery } from "./contracts.ts";
import type { AuditChanges, AuditEntry } from "./model.ts";
import { auditFilterOf } from "./query.ts";
import { type AuditFilter, type AuditRow, auditRepo } from "./repo.ts";

export type { Actor, AuditChanges, AuditEntry } from "./model.ts";

/** Fields whose values never go into the audit log, only the fact that they changed. */
const SECRET_FIELDS = new Set(["passwordHash", "password", "totpSecret", "tokenHash", "secret"]);

/** old → new for every field that differs; secrets are masked. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const out: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (k === "updatedAt" || k === "version") continue;
    const o = before?.[k] ?? null;
    const n = after?.[k] ?? null;
    if (JSON.stringify(o) === JSON.stringify(n)) continue;
    out[k] = SECRET_FIELDS.has(k)
      ? { old: o === null ? null : "•••", new: n === null ? null : "•••" }
      : { old: o, new: n };
  }
  return out;
}

function exposedChanges(exposed: Record<string, string[]> | undefined): AuditChanges | null {
  if (!exposed) return null;
  const out: AuditChanges = {};
  for (const [k, ids] of Object.entries(exposed)) out[k] = { old: null, new: ids };
  return out;
}

export function createAuditService(deps: CoreDeps) {
  async function record(entry: AuditEntry, db: DbOrTx = deps.db): Promise<void> {
    const a = entry.actor;
    await auditRepo.insert(db, {
      tenantId: a.kind === "user" ? a.principal.tenantId : a.tenantId,
      at: deps.clock.now(),
      actorUserId: a.kind === "user" ? a.principal.userId : null,
      actorKind: a.kind,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      changes: entry.changes ?? null,
      reason: entry.reason ?? null,
      requestId: entry.requestId ?? null,
    });
  }
  return {
    record,
    /**
     * Every read of a sensitive record (case, person, note) goes through here. `exposed` names
     * the ids of other records the read showed (e.g. `{ personIds: [...] }`); it is stored as
     * `changes.<key>.new` (ids only, never content).
     */
    recordRead(
      principal: Principal,
      entityType: string,
      entityId: string,
      opts: { reason?: string | null; requestId?: string | null; exposed?: Record<string, string[]> } = {},
      db: DbOrTx = deps.db,
    ) {
      return record(
        {
          actor: { kind: "user", principal },
          action: "read",
          entityType,
          entityId,
          changes: exposedChanges(opts.exposed),
          reason: opts.reason ?? null,
          requestId: opts.requestId ?? null,
        },
        db,
      );
    },
    /** Several reads at once (one entry each, one statement): a detail page showing a case, its persons and notes. */
    async recordReads(
      principal: Principal,
      items: { entityType: string; entityId: string; exposed?: Record<string, string[]> }[],
      opts: { reason?: string | null; requestId?: string | null } = {},
      db: DbOrTx = deps.db,
    ): Promise<void> {
      const at = deps.clock.now();
      await auditRepo.insertMany(
        db,
        items.map((i) => ({
          tenantId: principal.tenantId,
          at,
          actorUserId: principal.userId,
          actorKind: "user",
          action: "read",
          entityType: i.entityType,
          entityId: i.entityId,
          changes: exposedChanges(i.exposed),
          reason: opts.reason ?? null,
          requestId: opts.requestId ?? null,
        })),
      );
    },
    list(tenantId: string, filter: AuditFilter, page: { limit: number; offset: number }) {
      return auditRepo.list(deps.db, tenantId, filter, page.limit, page.offset);
    },
    /** For the data-protection officer's access log (the caller authorizes): reads of these records. */
    readsOf(tenantId: string, ids: string[], limit = 500) {
      return auditRepo.readsOf(deps.db, tenantId, ids, limit);
    },
    /** For erasure and retention only, inside their transaction: see auditRepo.redactEntities. */
    redactEntities(tx: DbOrTx, tenantId: string, ids: string[]) {
      return auditRepo.redactEntities(tx, tenantId, ids);
    },

    /**
     * The audit log view (API and /staff/audit): the principal's tenant only, filtered.
     * Newest first; hasMore tells whether a next page exists.
     */
    async search(
      principal: Principal,
      query: AuditQuery,
    ): Promise<{ items: AuditRow[]; hasMore: boolean; limit: number; offset: number }> {
      authorize(principal, "audit.read");
      const filter = auditFilterOf(query);
      const rows = await auditRepo.list(deps.db, principal.tenantId, filter, query.limit + 1, query.offset);
      return {
        items: rows.slice(0, query.limit),
        hasMore: rows.length > query.limit,
        limit: query.limit,
        offset: query.offset,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

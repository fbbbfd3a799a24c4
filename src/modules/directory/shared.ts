/**
 * What every directory sub-service shares: its dependencies, the clock, the scope rule of
 * partner staff, "this entry or revision of this tenant, or 404", the audit entry and the
 * entry's links. Queries run on the shared handle; inside `db.transaction` they join it
 * (decision 018), so nothing here takes a `tx`.
 */
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { type Action, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { FrameworkService } from "../framework/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { TranslationService } from "../translations/service.ts";
import type { UserService } from "../users/service.ts";
import { type AnyEntryRow, entriesRepo, type OrgFilter, type RevisionRow } from "./entries.repo.ts";
import { type EntryData, rowToData } from "./entry-data.ts";
import type { EntityType } from "./model.ts";
import { revisionsRepo } from "./revisions.repo.ts";

export type DirectoryDeps = CoreDeps & {
  audit: AuditService;
  areas: AreaService;
  framework: FrameworkService;
  translations: TranslationService;
  jobs: JobQueue;
  mail: MailService;
  users: UserService;
  tenants: TenantService;
};

export const DAY_MS = 86_400_000;

export function createDirectoryContext(deps: DirectoryDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  /**
   * Which organizations' entries the principal may act on with `action`: "all" for a grant on
   * the whole tenant, else the organizations its scoped grants name. A scoped grant with no
   * resource passes authorize(), so lists must be filtered with this.
   */
  function orgsFor(principal: Principal, action: Action): OrgFilter {
    return scopeIdsFor(principal, action, "organization");
  }

  async function loadEntry(tenantId: string, type: EntityType, id: string): Promise<AnyEntryRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await entriesRepo.entry(db, type, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function loadRevision(tenantId: string, id: string): Promise<RevisionRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const r = await revisionsRepo.revision(db, tenantId, id);
    if (!r) throw AppError.notFound();
    return r;
  }

  async function links(tenantId: string, type: EntityType, id: string) {
    const [termIds, placeIds] = await Promise.all([
      type === "place" ? Promise.resolve([]) : entriesRepo.termIds(db, tenantId, type, id),
      type === "offer" ? entriesRepo.offerPlaceIds(db, tenantId, id) : Promise.resolve([]),
    ]);
    return { termIds, placeIds };
  }

  /** The entry's data as it is now (row and link tables). */
  async function currentData(tenantId: string, type: EntityType, row: AnyEntryRow): Promise<EntryData> {
    return rowToData(type, row, await links(tenantId, type, row.id));
  }

  /** One audit entry: ids and field names only (entries carry contact persons' names and numbers). */
  function audit(
    actor: Actor,
    action: string,
    type: EntityType,
    entityId: string,
    changes: Record<string, { old: unknown; new: unknown }>,
    requestId?: string,
  ) {
    return deps.audit.record({
      actor,
      action,
      entityType: type,
      entityId,
      changes,
      requestId: requestId ?? null,
    });
  }

  return {
    deps,
    db,
    now,
    orgsFor,
    scope: (organizationId: string | null) => ({ organizationId }),
    loadEntry,
    loadRevision,
    currentData,
    audit,
  };
}
export type DirectoryContext = ReturnType<typeof createDirectoryContext>;

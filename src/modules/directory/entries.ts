/** Reading entries: the staff list (filtered, searched, scoped), pickers and one entry with its open change. */
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type EntryListQuery, MAX_LIST } from "./contracts.ts";
import { type EntryListItem, entriesRepo, type PlaceRow } from "./entries.repo.ts";
import {
  assertType,
  type EntryData,
  type EntryListView,
  type EntryView,
  orgOf,
  revisionView,
} from "./entry-data.ts";
import {
  ENTRY_STATUSES,
  type EntityType,
  type EntryStatus,
  LIST_STATUSES,
  type ListStatus,
} from "./model.ts";
import type { Reminders } from "./reminders.ts";
import { revisionsRepo } from "./revisions.repo.ts";
import { DAY_MS, type DirectoryContext } from "./shared.ts";

type ListFilter = {
  status?: ListStatus | undefined;
  q?: string | undefined;
  limit?: number;
  offset?: number;
};

export function createEntries(ctx: DirectoryContext, reminders: Reminders) {
  const { db, now, orgsFor, scope } = ctx;

  /** Entry ids whose latest change stands where the list filter asks ("in review", "changes", "rejected"). */
  async function idsByChange(tenantId: string, type: EntityType, st: ListStatus | undefined) {
    if (st !== "in_review" && st !== "changes" && st !== "rejected") return undefined;
    const statuses =
      st === "in_review"
        ? ["in_review" as const]
        : st === "changes"
          ? ["draft" as const]
          : ["rejected" as const];
    return revisionsRepo.entityIdsWithRevisionStatus(db, tenantId, type, statuses);
  }

  async function organizationNames(tenantId: string, rows: EntryListItem[]) {
    const orgIds = [...new Set(rows.map((r) => r.organizationId).filter((x): x is string => !!x))];
    const orgs = await entriesRepo.listEntries(
      db,
      "organization",
      tenantId,
      { orgs: "all", ids: orgIds },
      MAX_LIST,
      0,
    );
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  async function listOf(
    principal: Principal,
    type: EntityType,
    filter: ListFilter,
  ): Promise<EntryListView[]> {
    const tenantId = principal.tenantId;
    const orgs = orgsFor(principal, "directory.read");
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), MAX_LIST);
    const offset = Math.max(filter.offset ?? 0, 0);
    const q = filter.q?.trim().slice(0, 200) || undefined;
    const st = filter.status;
    const ids = await idsByChange(tenantId, type, st);
    const entryStatus =
      st && (ENTRY_STATUSES as readonly string[]).includes(st) ? (st as EntryStatus) : undefined;
    let rows = await entriesRepo.listEntries(
      db,
      type,
      tenantId,
      { orgs, q, status: entryStatus, ...(ids ? { ids } : {}) },
      limit,
      offset,
    );
    const latest = await revisionsRepo.latestRevisions(
      db,
      tenantId,
      type,
      rows.map((r) => r.id),
    );
    if (st === "rejected") rows = rows.filter((r) => latest.get(r.id)?.status === "rejected");
    const orgNames = await organizationNames(tenantId, rows);
    const cutoff = now().getTime() - (await reminders.reviewIntervalDays(tenantId)) * DAY_MS;
    return rows.map((r) => {
      const rev = latest.get(r.id);
      const pending =
        rev && (rev.status === "draft" || rev.status === "in_review" || rev.status === "rejected")
          ? { id: rev.id, status: rev.status, number: rev.number }
          : null;
      return {
        ...r,
        type,
        organizationName: r.organizationId ? (orgNames.get(r.organizationId) ?? null) : null,
        pending,
        checkDue: r.status === "published" && (r.lastCheckedAt ?? r.updatedAt).getTime() < cutoff,
      };
    });
  }

  return {
    orgsFor,

    /** A status the list does not know is no filter (pages pass the query string as it came). */
    async list(
      principal: Principal,
      type: string,
      filter: Omit<EntryListQuery, "status"> & { status?: string | undefined } = {},
    ): Promise<EntryListView[]> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const status = (LIST_STATUSES as readonly string[]).includes(filter.status ?? "")
        ? (filter.status as ListStatus)
        : undefined;
      return listOf(principal, t, { ...filter, status });
    },

    /** Organizations, places and offers the principal may link an entry to (for pickers). */
    async choices(principal: Principal) {
      authorize(principal, "directory.read");
      const orgs = orgsFor(principal, "directory.edit");
      const tenantId = principal.tenantId;
      const [organizations, places, offers] = await Promise.all([
        entriesRepo.listEntries(db, "organization", tenantId, { orgs }, 2000, 0),
        entriesRepo.listEntries(db, "place", tenantId, { orgs: "all" }, 5000, 0),
        entriesRepo.listEntries(db, "offer", tenantId, { orgs }, 5000, 0),
      ]);
      const slim = (r: EntryListItem) => ({ id: r.id, name: r.name, organizationId: r.organizationId });
      return {
        organizations: organizations.filter((r) => r.status !== "archived").map(slim),
        places: places.filter((r) => r.status !== "archived").map(slim),
        offers: offers.filter((r) => r.status !== "archived").map(slim),
      };
    },

    async get(principal: Principal, type: string, id: string): Promise<EntryView> {
      authorize(principal, "directory.read");
      const t = assertType(type);
      const row = await ctx.loadEntry(principal.tenantId, t, id);
      const data = await ctx.currentData(principal.tenantId, t, row);
      const org = orgOf(t, row.id, data);
      authorize(principal, "directory.read", scope(org));
      const latest = (await revisionsRepo.latestRevisions(db, principal.tenantId, t, [row.id])).get(row.id);
      const open = latest && (latest.status === "draft" || latest.status === "in_review") ? latest : null;
      return {
        type: t,
        id: row.id,
        status: row.status,
        version: row.version,
        organizationId: org,
        lastCheckedAt: row.lastCheckedAt,
        updatedAt: row.updatedAt,
        data,
        areaId: t === "place" ? (row as PlaceRow).areaId : null,
        openRevision: open ? { ...revisionView(open), data: open.data as EntryData } : null,
        rejectedRevision: latest?.status === "rejected" ? revisionView(latest) : null,
        canEdit: can(principal, "directory.edit", scope(org)),
        canPublish: can(principal, "directory.publish", scope(org)),
      };
    },
  };
}

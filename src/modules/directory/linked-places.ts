/**
 * Places another module shows on the public site and takes down by the system (decision 121:
 * an accommodation as a public place). Taking down archives the place only at the version that
 * module published: an entry an editor changed since is left as it is and reported, never
 * silently overwritten.
 */
import { entriesRepo } from "./entries.repo.ts";
import type { DirectoryContext } from "./shared.ts";

export type LinkedPlaceState = { status: string; version: number };
export type TakeDownOutcome = "archived" | "changed" | "gone";

export function createLinkedPlaces(ctx: DirectoryContext) {
  const { db, now } = ctx;
  return {
    /** Status and version of each place that still exists (archived ones included). */
    async states(tenantId: string, ids: readonly string[]): Promise<Map<string, LinkedPlaceState>> {
      const rows = await Promise.all(ids.map((id) => entriesRepo.entry(db, "place", tenantId, id)));
      return new Map(rows.flatMap((r) => (r ? [[r.id, { status: r.status, version: r.version }]] : [])));
    },

    /**
     * Archives the place as the system if it is still at `version` (compare-and-set, in the
     * caller's transaction). "gone": deleted or already off the public site; "changed": an
     * editor saved it since, so it stays public for the editors to decide.
     */
    async archiveIfVersion(tenantId: string, id: string, version: number): Promise<TakeDownOutcome> {
      const row = await entriesRepo.entry(db, "place", tenantId, id);
      if (!row || row.status === "archived") return "gone";
      if (row.version !== version) return "changed";
      const after = await entriesRepo.updateEntryIfVersion(
        db,
        "place",
        tenantId,
        id,
        version,
        { status: "archived" },
        now(),
      );
      if (!after) return "changed";
      await ctx.audit({ kind: "system", tenantId }, "directory.archive", "place", id, {
        status: { old: row.status, new: "archived" },
      });
      return "archived";
    },
  };
}
export type LinkedPlaces = ReturnType<typeof createLinkedPlaces>;

import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ConflictDeps } from "./deps.ts";
import { DUPLICATE_WINDOW_DAYS, similarKinds } from "./model.ts";
import { conflictRepo } from "./repo.ts";

/** The duplicate warning on a conflict (decision 103). */
export function createDuplicates(deps: Pick<ConflictDeps, "db">) {
  const { db } = deps;
  return {
    /**
     * Open conflicts that look like the same incident (decision 103): same area, a kind of the
     * same family, reported within a week either side, and the same place when both name one.
     * A warning with links for the contact point, who may merge this one into one of them (decision 113).
     */
    async possibleDuplicates(principal: Principal, id: string) {
      authorize(principal, "conflicts.read");
      const c = await conflictRepo.byId(db, principal.tenantId, id);
      if (!c) throw AppError.notFound();
      // A closed conflict (a merged duplicate among them) warns of nothing.
      if (c.state === "closed") return [];
      const window = DUPLICATE_WINDOW_DAYS * 86_400_000;
      const rows = await conflictRepo.similarOpen(db, principal.tenantId, {
        areaId: c.areaId,
        kinds: similarKinds(c.kind),
        from: new Date(c.reportedAt.getTime() - window),
        to: new Date(c.reportedAt.getTime() + window),
        exceptId: c.id,
      });
      const norm = (p: string | null) => p?.trim().toLocaleLowerCase("de") || null;
      return rows
        .filter((r) => !norm(c.place) || !norm(r.place) || norm(c.place) === norm(r.place))
        .slice(0, 5)
        .map((r) => ({
          id: r.id,
          reference: r.reference,
          kind: r.kind,
          state: r.state,
          reportedAt: r.reportedAt.toISOString(),
        }));
    },
  };
}

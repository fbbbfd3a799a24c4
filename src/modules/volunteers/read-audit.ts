import type { Principal } from "../../server/policy/roles.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";

/**
 * One view of a record: a page shown again after its own form post (React Router reloads the
 * page's data after every action) or reopened shortly after is the same view (decision 076).
 */
export const VIEW_WINDOW_MINUTES = 15;

/**
 * Audits a read of a profile or tandem once per view: not again when the same user's read of the
 * same record is already in the log from the last `VIEW_WINDOW_MINUTES`. Returns whether it logged.
 */
export function createReadAudit(deps: Pick<VolunteerDeps, "audit" | "clock">) {
  return async function recordView(
    principal: Principal,
    entityType: string,
    entityId: string,
    opts: Audited = {},
  ): Promise<boolean> {
    const from = new Date(deps.clock.now().getTime() - VIEW_WINDOW_MINUTES * 60_000);
    const recent = await deps.audit.list(
      principal.tenantId,
      { actorUserId: principal.userId, action: "read", entityType, entityId, from },
      { limit: 1, offset: 0 },
    );
    if (recent.length > 0) return false;
    await deps.audit.recordRead(principal, entityType, entityId, { requestId: opts.requestId ?? null });
    return true;
  };
}

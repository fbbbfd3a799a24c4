import { AppError } from "../../server/errors.ts";
import type { Actor } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { SetUserRoles } from "./contracts.ts";
import type { UserView } from "./model.ts";
import { userRepo } from "./repo.ts";
import { check, dedupe, tenantOf, toGrant, type UserDeps, view } from "./shared.ts";

/** A user's role grants, replaced as a whole with the user's version (optimistic locking). */
export function createRoleEditor(deps: UserDeps) {
  const { db } = deps;
  return {
    /** Replaces all role grants of a user. An admin cannot take the tenant-wide admin role from themselves. */
    async setRoles(actor: Actor, id: string, input: SetUserRoles, requestId?: string): Promise<UserView> {
      check(actor, "users.manage");
      const tenantId = tenantOf(actor);
      const grants = dedupe(input.grants);
      const before = await userRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const beforeGrants = (await userRepo.grantsOf(db, tenantId, id)).map(toGrant);
      const tenantAdmin = (g: { role: string; scopeType: string }) =>
        g.role === "admin" && g.scopeType === "tenant";
      if (
        actor.kind === "user" &&
        actor.principal.userId === id &&
        beforeGrants.some(tenantAdmin) &&
        !grants.some(tenantAdmin)
      ) {
        throw new AppError("conflict", { fields: [{ field: "grants", code: "own_admin_role" }] });
      }
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const after = await userRepo.updateIfVersion(tx, tenantId, id, input.version, {}, now);
        if (!after) throw AppError.versionConflict(before.version);
        await userRepo.replaceGrants(
          tx,
          tenantId,
          id,
          grants.map((g) => ({ tenantId, userId: id, ...g, createdAt: now })),
        );
        await deps.audit.record(
          {
            actor,
            action: "update_roles",
            entityType: "user",
            entityId: id,
            changes: diff({ grants: beforeGrants }, { grants }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return view(after, await userRepo.grantsOf(tx, tenantId, id));
      });
    },
  };
}

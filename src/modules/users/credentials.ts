import { AppError } from "../../server/errors.ts";
import type { RoleGrant } from "../../server/policy/roles.ts";
import type { Actor } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { hashPassword } from "./password.ts";
import { type UserPatch, type UserRow, userRepo } from "./repo.ts";
import { auditable, toGrant, type UserDeps } from "./shared.ts";

/**
 * For the auth module only (sign-in happens before there is a principal): the stored record,
 * including the password hash and the encrypted TOTP secret, and the account holder's own
 * sign-in related changes.
 */
export function createCredentials(deps: UserDeps) {
  const { db } = deps;
  return {
    byEmail(tenantId: string, email: string): Promise<UserRow | undefined> {
      return userRepo.byEmail(db, tenantId, email.trim().toLowerCase());
    },
    byId(tenantId: string, id: string): Promise<UserRow | undefined> {
      return userRepo.byId(db, tenantId, id);
    },
    async grants(tenantId: string, userId: string): Promise<RoleGrant[]> {
      return (await userRepo.grantsOf(db, tenantId, userId)).map(toGrant);
    },
    /** Sign-in related changes the account holder makes (password, TOTP), audited by the caller's action name. */
    async change(
      actor: Actor,
      tenantId: string,
      id: string,
      patch: UserPatch,
      action: string,
      requestId?: string,
    ): Promise<UserRow> {
      const before = await userRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const after = await userRepo.update(db, tenantId, id, patch, deps.clock.now());
      if (!after) throw AppError.notFound();
      await deps.audit.record({
        actor,
        action,
        entityType: "user",
        entityId: id,
        changes: diff(auditable(before), auditable(after)),
        requestId: requestId ?? null,
      });
      return after;
    },
    advanceTotpStep(tenantId: string, id: string, step: number): Promise<boolean> {
      return userRepo.advanceTotpStep(db, tenantId, id, step);
    },
    hashPassword,
  };
}

import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal, Role, RoleGrant } from "../../server/policy/roles.ts";
import type { Actor } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { CreateUser, UpdateUser, UserListQuery } from "./contracts.ts";
import { createCredentials } from "./credentials.ts";
import type { StaffName, UserView } from "./model.ts";
import { hashPassword } from "./password.ts";
import { type UserPatch, type UserRow, userRepo } from "./repo.ts";
import { createRoleEditor } from "./roles.ts";
import {
  auditable,
  check,
  dedupe,
  emailTaken,
  isUniqueViolation,
  tenantOf,
  type UserDeps,
  view,
} from "./shared.ts";

export type { CreateUser as CreateUserInput, UpdateUser as UpdateUserInput } from "./contracts.ts";
export { emailAddress as emailSchema, roleGrantInput as roleGrantSchema } from "./contracts.ts";
export type { StaffName, UserView } from "./model.ts";
export type { UserRow } from "./repo.ts";
export { toGrant, type UserDeps } from "./shared.ts";

/**
 * Staff accounts: this file holds the accounts themselves; roles.ts the role grants;
 * credentials.ts what only the auth module uses (hashes, TOTP, sign-in changes).
 */
export function createUserService(deps: UserDeps) {
  const { db } = deps;

  async function load(tenantId: string, id: string): Promise<UserRow> {
    const u = await userRepo.byId(db, tenantId, id);
    if (!u) throw AppError.notFound();
    return u;
  }

  /** The patch of an update: only what is given and differs; a taken e-mail is a field error. */
  async function patchOf(tenantId: string, before: UserRow, p: UpdateUser): Promise<UserPatch> {
    const patch: UserPatch = {};
    if (p.email !== undefined && p.email !== before.email) {
      const other = await userRepo.byEmail(db, tenantId, p.email);
      if (other && other.id !== before.id) throw emailTaken();
      patch.email = p.email;
    }
    if (p.displayName !== undefined) patch.displayName = p.displayName;
    if (p.status !== undefined) patch.status = p.status;
    if (p.preferredLanguage !== undefined) patch.preferredLanguage = p.preferredLanguage ?? null;
    return patch;
  }

  /** Changes a user only if nobody else saved since `input.version` was read. */
  async function update(actor: Actor, id: string, input: UpdateUser, requestId?: string): Promise<UserView> {
    check(actor, "users.manage");
    const tenantId = tenantOf(actor);
    const before = await load(tenantId, id);
    if (actor.kind === "user" && actor.principal.userId === id && input.status === "disabled") {
      // An admin cannot lock themselves out (and with it, possibly, everyone).
      throw new AppError("conflict", { fields: [{ field: "status", code: "own_account" }] });
    }
    const patch = await patchOf(tenantId, before, input);
    let after: UserRow | undefined;
    try {
      after = await userRepo.updateIfVersion(db, tenantId, id, input.version, patch, deps.clock.now());
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
    if (!after) throw AppError.versionConflict(before.version);
    await deps.audit.record({
      actor,
      action: input.status === "disabled" && before.status !== "disabled" ? "disable" : "update",
      entityType: "user",
      entityId: id,
      changes: diff(auditable(before), auditable(after)),
      requestId: requestId ?? null,
    });
    return view(after, await userRepo.grantsOf(db, tenantId, id));
  }

  return {
    async create(actor: Actor, p: CreateUser, requestId?: string): Promise<UserView> {
      check(actor, "users.manage");
      const tenantId = tenantOf(actor);
      if (await userRepo.byEmail(db, tenantId, p.email)) throw emailTaken();
      const passwordHash = p.password ? await hashPassword(p.password) : null;
      const grants = dedupe(p.grants ?? []);
      try {
        return await db.transaction(async (tx) => {
          const now = deps.clock.now();
          const user = await userRepo.insert(tx, {
            tenantId,
            email: p.email,
            displayName: p.displayName,
            passwordHash,
            preferredLanguage: p.preferredLanguage ?? null,
            createdAt: now,
            updatedAt: now,
          });
          await userRepo.replaceGrants(
            tx,
            tenantId,
            user.id,
            grants.map((g) => ({ tenantId, userId: user.id, ...g, createdAt: now })),
          );
          await deps.audit.record(
            {
              actor,
              action: "create",
              entityType: "user",
              entityId: user.id,
              changes: diff(null, auditable(user, grants)),
              requestId: requestId ?? null,
            },
            tx,
          );
          return view(user, await userRepo.grantsOf(tx, tenantId, user.id));
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw emailTaken();
        throw e;
      }
    },

    update,

    /** Disabled users cannot sign in; their open sessions stop working at the next request. */
    disable(actor: Actor, id: string, version: number, requestId?: string): Promise<UserView> {
      return update(actor, id, { version, status: "disabled" }, requestId);
    },

    ...createRoleEditor(deps),

    async list(principal: Principal, query: UserListQuery): Promise<UserView[]> {
      authorize(principal, "users.read");
      const rows = await userRepo.list(
        db,
        principal.tenantId,
        { q: query.q, status: query.status },
        query.limit,
        query.offset,
      );
      const grants = await userRepo.grantsOfMany(
        db,
        principal.tenantId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        view(
          r,
          grants.filter((g) => g.userId === r.id),
        ),
      );
    },

    /**
     * Names of the tenant's active staff (id and display name only), for pickers in other
     * modules (office teams, case workers). Callers decide who may see it.
     */
    async staffNames(tenantId: string): Promise<StaffName[]> {
      const rows = await userRepo.list(db, tenantId, { status: "active" }, 2000, 0);
      return rows.map((r) => ({ id: r.id, displayName: r.displayName }));
    },

    /**
     * Display names of these users, disabled ones included (the audit log names who acted); an
     * id that no longer names a user of the tenant is missing from the map.
     */
    async namesByIds(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      const rows = await userRepo.namesByIds(db, tenantId, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },

    /**
     * Active users holding `role` in any scope (id, e-mail, name, language, the grant's scope):
     * e.g. the data-protection officers an alert goes to, or the volunteers a referral may
     * name. Callers decide who may see it.
     */
    withRole(tenantId: string, role: Role) {
      return userRepo.withRole(db, tenantId, role);
    },

    /**
     * Active staff with their grants (id, e-mail, language): the staff home's digest builds each
     * one's items as they would see them (decision 092). Callers decide who may see it.
     */
    async activeWithGrants(tenantId: string) {
      const rows = await userRepo.list(db, tenantId, { status: "active" }, 5000, 0);
      const grants = await userRepo.grantsOfMany(
        db,
        tenantId,
        rows.map((r) => r.id),
      );
      const byUser = new Map<string, RoleGrant[]>();
      for (const g of grants)
        byUser.set(g.userId, [
          ...(byUser.get(g.userId) ?? []),
          { role: g.role, scopeType: g.scopeType, scopeId: g.scopeId },
        ]);
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        preferredLanguage: r.preferredLanguage,
        grants: byUser.get(r.id) ?? [],
      }));
    },

    async byId(principal: Principal, id: string): Promise<UserView> {
      if (principal.userId !== id) authorize(principal, "users.read");
      const u = await load(principal.tenantId, id);
      return view(u, await userRepo.grantsOf(db, principal.tenantId, id));
    },

    /** For the auth module only (sign-in happens before there is a principal). */
    credentials: createCredentials(deps),
  };
}
export type UserService = ReturnType<typeof createUserService>;

import { z } from "zod";
import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { type Action, authorize } from "../../server/policy/policy.ts";
import { type Principal, ROLES, type Role, type RoleGrant, SCOPE_TYPES } from "../../server/policy/roles.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { hashPassword, passwordSchema } from "./password.ts";
import { type RoleGrantRow, type UserPatch, type UserRow, userRepo } from "./repo.ts";
import { USER_STATUSES } from "./schema.ts";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
const displayNameSchema = z.string().trim().min(1).max(200);
const languageSchema = z.enum(LANGUAGE_CODES as [string, ...string[]]);

export const roleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    scopeType: z.enum(SCOPE_TYPES).default("tenant"),
    scopeId: z.uuid().nullish(),
  })
  .transform((g, ctx): RoleGrant => {
    if (g.scopeType === "tenant") return { role: g.role, scopeType: "tenant", scopeId: null };
    if (!g.scopeId) {
      ctx.addIssue({ code: "custom", path: ["scopeId"], message: "code:required" });
      return z.NEVER;
    }
    return { role: g.role, scopeType: g.scopeType, scopeId: g.scopeId };
  });
const grantsSchema = z.array(roleGrantSchema).max(50);

export const createUserSchema = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  password: passwordSchema.optional(),
  preferredLanguage: languageSchema.nullish(),
  grants: grantsSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  email: emailSchema.optional(),
  displayName: displayNameSchema.optional(),
  status: z.enum(USER_STATUSES).optional(),
  preferredLanguage: languageSchema.nullish(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** What other modules and the API see of a user: never the password hash or the TOTP secret. */
export type UserView = {
  id: string;
  email: string;
  displayName: string;
  status: "active" | "disabled";
  preferredLanguage: string | null;
  totpEnabled: boolean;
  hasPassword: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  grants: RoleGrant[];
};

export function toGrant(g: Pick<RoleGrantRow, "role" | "scopeType" | "scopeId">): RoleGrant {
  return { role: g.role, scopeType: g.scopeType, scopeId: g.scopeId ?? null };
}

function view(u: UserRow, grants: RoleGrantRow[]): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    status: u.status,
    preferredLanguage: u.preferredLanguage,
    totpEnabled: u.totpEnabled,
    hasPassword: u.passwordHash !== null,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    grants: grants.map(toGrant),
  };
}

/** The audited fields of a user (secrets are masked by diff()). */
function auditable(u: UserRow | null, grants?: RoleGrant[]) {
  if (!u) return null;
  return {
    email: u.email,
    displayName: u.displayName,
    status: u.status,
    preferredLanguage: u.preferredLanguage,
    passwordHash: u.passwordHash,
    totpEnabled: u.totpEnabled,
    ...(grants ? { grants } : {}),
  };
}

function dedupe(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const k = `${g.role}|${g.scopeType}|${g.scopeId ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const emailTaken = () => new AppError("already_exists", { fields: [{ field: "email", code: "taken" }] });

function tenantOf(actor: Actor): string {
  return actor.kind === "user" ? actor.principal.tenantId : actor.tenantId;
}
/** Users act under the policy; the CLI and the demo seed act as the system. */
function check(actor: Actor, action: Action): void {
  if (actor.kind === "user") authorize(actor.principal, action);
}

export function createUserService(deps: CoreDeps & { audit: AuditService }) {
  const { db } = deps;

  async function load(tenantId: string, id: string, tx: DbOrTx = db): Promise<UserRow> {
    const u = await userRepo.byId(tx, tenantId, id);
    if (!u) throw AppError.notFound();
    return u;
  }

  async function update(
    actor: Actor,
    id: string,
    version: number,
    input: UpdateUserInput,
    requestId?: string,
  ): Promise<UserView> {
    check(actor, "users.manage");
    const tenantId = tenantOf(actor);
    const parsed = updateUserSchema.safeParse(input);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const before = await load(tenantId, id);
    const patch: UserPatch = {};
    const p = parsed.data;
    if (p.email !== undefined && p.email !== before.email) {
      const other = await userRepo.byEmail(db, tenantId, p.email);
      if (other && other.id !== id) throw emailTaken();
      patch.email = p.email;
    }
    if (p.displayName !== undefined) patch.displayName = p.displayName;
    if (p.status !== undefined) patch.status = p.status;
    if (p.preferredLanguage !== undefined) patch.preferredLanguage = p.preferredLanguage ?? null;
    if (actor.kind === "user" && actor.principal.userId === id && p.status === "disabled") {
      // An admin cannot lock themselves out (and with it, possibly, everyone).
      throw new AppError("conflict", { fields: [{ field: "status", code: "own_account" }] });
    }
    let after: UserRow | undefined;
    try {
      after = await userRepo.updateIfVersion(db, tenantId, id, version, patch, deps.clock.now());
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTaken();
      throw e;
    }
    if (!after) throw AppError.versionConflict(before.version);
    await deps.audit.record({
      actor,
      action: p.status === "disabled" && before.status !== "disabled" ? "disable" : "update",
      entityType: "user",
      entityId: id,
      changes: diff(auditable(before), auditable(after)),
      requestId: requestId ?? null,
    });
    return view(after, await userRepo.grantsOf(db, tenantId, id));
  }

  return {
    async create(actor: Actor, input: CreateUserInput, requestId?: string): Promise<UserView> {
      check(actor, "users.manage");
      const tenantId = tenantOf(actor);
      const parsed = createUserSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const p = parsed.data;
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
      return update(actor, id, version, { status: "disabled" }, requestId);
    },

    /** Replaces all role grants of a user (optimistic locking on the user's version). */
    async setRoles(
      actor: Actor,
      id: string,
      version: number,
      input: z.input<typeof grantsSchema>,
      requestId?: string,
    ): Promise<UserView> {
      check(actor, "users.manage");
      const tenantId = tenantOf(actor);
      const parsed = grantsSchema.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues, "grants");
      const grants = dedupe(parsed.data);
      const before = await load(tenantId, id);
      const beforeGrants = (await userRepo.grantsOf(db, tenantId, id)).map(toGrant);
      if (
        actor.kind === "user" &&
        actor.principal.userId === id &&
        beforeGrants.some((g) => g.role === "admin" && g.scopeType === "tenant") &&
        !grants.some((g) => g.role === "admin" && g.scopeType === "tenant")
      ) {
        throw new AppError("conflict", { fields: [{ field: "grants", code: "own_admin_role" }] });
      }
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const after = await userRepo.updateIfVersion(tx, tenantId, id, version, {}, now);
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

    async list(
      principal: Principal,
      filter: { q?: string | undefined; status?: string | undefined } = {},
      page: { limit: number; offset: number } = { limit: 100, offset: 0 },
    ): Promise<UserView[]> {
      authorize(principal, "users.read");
      const rows = await userRepo.list(
        db,
        principal.tenantId,
        { q: filter.q?.slice(0, 200), status: filter.status },
        Math.min(Math.max(page.limit, 1), 500),
        Math.max(page.offset, 0),
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
    async staffNames(tenantId: string): Promise<{ id: string; displayName: string }[]> {
      const rows = await userRepo.list(db, tenantId, { status: "active" }, 2000, 0);
      return rows.map((r) => ({ id: r.id, displayName: r.displayName }));
    },

    /**
     * Active users holding `role` in any scope (id, e-mail, name, language, the grant's scope):
     * e.g. the data-protection officers an alert goes to, or the volunteers a referral may
     * name. Callers decide who may see it.
     */
    withRole(tenantId: string, role: Role) {
      return userRepo.withRole(db, tenantId, role);
    },

    async byId(principal: Principal, id: string): Promise<UserView> {
      if (principal.userId !== id) authorize(principal, "users.read");
      const u = await load(principal.tenantId, id);
      return view(u, await userRepo.grantsOf(db, principal.tenantId, id));
    },

    // ---- For the auth module only (sign-in happens before there is a principal). ----

    /** The stored record, including the password hash and the encrypted TOTP secret. */
    credentials: {
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
        const before = await load(tenantId, id);
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
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;

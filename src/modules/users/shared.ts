import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { type Action, authorize } from "../../server/policy/policy.ts";
import type { RoleGrant } from "../../server/policy/roles.ts";
import type { Actor, AuditService } from "../audit/service.ts";
import type { UserView } from "./model.ts";
import type { RoleGrantRow, UserRow } from "./repo.ts";

/** What every part of the user service receives. */
export type UserDeps = CoreDeps & { audit: AuditService };

export function toGrant(g: Pick<RoleGrantRow, "role" | "scopeType" | "scopeId">): RoleGrant {
  return { role: g.role, scopeType: g.scopeType, scopeId: g.scopeId ?? null };
}

export function view(u: UserRow, grants: RoleGrantRow[]): UserView {
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
export function auditable(u: UserRow | null, grants?: RoleGrant[]) {
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

export function dedupe(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const k = `${g.role}|${g.scopeType}|${g.scopeId ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export const emailTaken = () =>
  new AppError("already_exists", { fields: [{ field: "email", code: "taken" }] });

export function tenantOf(actor: Actor): string {
  return actor.kind === "user" ? actor.principal.tenantId : actor.tenantId;
}

/** Users act under the policy; the CLI and the demo seed act as the system. */
export function check(actor: Actor, action: Action): void {
  if (actor.kind === "user") authorize(actor.principal, action);
}

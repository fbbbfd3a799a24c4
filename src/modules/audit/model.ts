/**
 * The audit module's public model: the shapes of entries and changes, and the time zone
 * calendar days in filters mean. Browser-safe: no table definitions, no database.
 */
import type { Principal } from "../../server/policy/roles.ts";

/** Lotse serves German municipalities: calendar dates in filters mean days in this zone. */
export const AUDIT_TIME_ZONE = "Europe/Berlin";

/** old → new per changed field (secrets masked). */
export type AuditChanges = Record<string, { old: unknown; new: unknown }>;

/** Who acted: a signed-in user, or the system (jobs, seeds) or the CLI for a tenant. */
export type Actor = { kind: "user"; principal: Principal } | { kind: "system" | "cli"; tenantId: string };

export type AuditEntry = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: AuditChanges | null;
  reason?: string | null;
  requestId?: string | null;
};

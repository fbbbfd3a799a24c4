/** Roles (see README "Roles"). A role is granted within a scope: the whole tenant, an organization, an office/team, or an area. */
export const ROLES = [
  "admin",
  "coordinator",
  "case_worker",
  /** Teamleitung: supervises the case work of an office/team (scope the grant to the office). */
  "supervisor",
  /** Datenschutzbeauftragte(r): reads the access log and reviews break-glass access; sees no case content. */
  "data_protection_officer",
  "partner_staff",
  "volunteer_coordinator",
  "volunteer",
  "analyst",
  "board_member",
  /** Kämmerei / Stadtkasse: signs payment orders as the second person and books payments (funding). */
  "finance",
  /**
   * Unterbringungskoordination (issue 21, decision 081): accommodations, rooms and occupancy,
   * and the placement list of every accommodation; no case file (placing a household reads its
   * persons from case work and so needs case work's write access to the case as well).
   */
  "housing_coordinator",
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ["tenant", "organization", "office", "area"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export type RoleGrant = { role: Role; scopeType: ScopeType; scopeId: string | null };

/** Who is acting. Built from the session by the auth module; never from request input. */
export type Principal = {
  userId: string;
  tenantId: string;
  sessionId: string;
  grants: RoleGrant[];
  /** False while a required second factor has not been given in this session. */
  mfaSatisfied: boolean;
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

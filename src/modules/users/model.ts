/**
 * The users module's public model: account statuses, the password policy's limits and the
 * view other modules and pages receive. Browser-safe: no table definitions, no database.
 */
import type { RoleGrant } from "../../server/policy/roles.ts";

export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Password policy: long enough to resist guessing, short enough that hashing stays cheap. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** What other modules and the API see of a user: never the password hash or the TOTP secret. */
export type UserView = {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  preferredLanguage: string | null;
  totpEnabled: boolean;
  hasPassword: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  grants: RoleGrant[];
};

/** A staff member as pickers show them (office teams, case workers). */
export type StaffName = { id: string; displayName: string };

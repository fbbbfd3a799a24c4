import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { ROLES, SCOPE_TYPES } from "../../server/policy/roles.ts";
import { USER_STATUSES } from "./model.ts";

export { USER_STATUSES, type UserStatus } from "./model.ts";

/** Staff accounts. The e-mail is stored lower-cased and is unique within the tenant. */
export const users = pgTable(
  "users",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    /** argon2id; null for accounts that only sign in through OIDC. */
    passwordHash: text("password_hash"),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    preferredLanguage: text("preferred_language"),
    /** TOTP secret, AES-256-GCM encrypted (src/server/crypto.ts); set while enrolling and once enabled. */
    totpSecret: text("totp_secret"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: integer("totp_last_step"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("users_tenant_email_key").on(t.tenantId, t.email),
  ],
);

/** A role granted to a user, for the whole tenant or scoped to an organization, office/team or area. */
export const roleGrants = pgTable(
  "role_grants",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    scopeType: text("scope_type", { enum: SCOPE_TYPES }).notNull().default("tenant"),
    scopeId: uuid("scope_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("role_grants_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

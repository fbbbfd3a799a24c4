import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, tenantIdColumn } from "../../server/db/columns.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Sign-in sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: ts("created_at").notNull(),
    /** Touched at most once a minute; the idle timeout counts from here. */
    lastSeenAt: ts("last_seen_at").notNull(),
    /** Absolute end, however active the session is. */
    expiresAt: ts("expires_at").notNull(),
    /** False while a required second factor is still outstanding. */
    mfaSatisfied: boolean("mfa_satisfied").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("sessions_tenant_token_key").on(t.tenantId, t.tokenHash),
    index("sessions_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

/**
 * Failed sign-in attempts per key: "email:<sha256 of the normalized address>" (the address itself
 * is not stored) or "totp:<user id>". Consecutive failures lock the key for a growing time.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    tenantId: tenantIdColumn(),
    key: text("key").notNull(),
    failures: integer("failures").notNull().default(0),
    /** How many times this key was locked in a row; picks the next lock's length. */
    lockCount: integer("lock_count").notNull().default(0),
    lockedUntil: ts("locked_until"),
    lastFailureAt: ts("last_failure_at"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** Password-reset links: the token's SHA-256, valid for an hour, usable once. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: ts("created_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("password_reset_tokens_tenant_token_key").on(t.tenantId, t.tokenHash),
    index("password_reset_tokens_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

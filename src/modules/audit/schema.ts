import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { idColumn, tenantIdColumn } from "../../server/db/columns.ts";
import type { AuditChanges } from "./model.ts";

export type { AuditChanges } from "./model.ts";

/**
 * Append-only audit log. A trigger (see migration) refuses UPDATE and DELETE unless the
 * session sets lotse.audit_redaction, which only erasure and retention do.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().default(sql`now()`),
    actorUserId: uuid("actor_user_id"),
    /** user, system (jobs), cli */
    actorKind: text("actor_kind").notNull(),
    /** e.g. create, update, delete, read, login, login_failed, export, break_glass */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    changes: jsonb("changes").$type<AuditChanges>(),
    /** Why, where a reason is required (break-glass, consent override). */
    reason: text("reason"),
    requestId: text("request_id"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("audit_log_tenant_at_idx").on(t.tenantId, t.at),
    index("audit_log_tenant_entity_idx").on(t.tenantId, t.entityType, t.entityId),
    index("audit_log_tenant_actor_idx").on(t.tenantId, t.actorUserId, t.at),
  ],
);

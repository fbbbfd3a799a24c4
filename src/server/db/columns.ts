import { sql } from "drizzle-orm";
import { integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { uuidv7 } from "./ids.ts";

/**
 * Shared column builders. Every domain table starts with tenant_id and keys on
 * (tenant_id, id), so a deployment can later shard by tenant (STACK.md).
 */
export const tenantIdColumn = () => uuid("tenant_id").notNull();
export const idColumn = () =>
  uuid("id")
    .notNull()
    .$defaultFn(() => uuidv7());
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().default(sql`now()`);
export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().default(sql`now()`);
/** Optimistic-lock counter: every update must name the version it read (no silent overwrite). */
export const versionColumn = () => integer("version").notNull().default(1);

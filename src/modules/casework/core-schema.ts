import { index, integer, jsonb, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";

/** Case-work settings per tenant (Staff → Settings → Case work). */
export const caseworkSettings = pgTable(
  "casework_settings",
  {
    tenantId: tenantIdColumn(),
    /** Years after closure until retention deletes a case (default 3). */
    retentionYears: integer("retention_years").notNull().default(3),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** The last case reference number handed out per tenant and year ("2026-00042"). */
export const caseReferenceCounters = pgTable(
  "case_reference_counters",
  {
    tenantId: tenantIdColumn(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

/** A merge of a duplicate household into the surviving one: what moved (ids and counts only). */
export const householdMerges = pgTable(
  "household_merges",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    survivorId: uuid("survivor_id").notNull(),
    mergedId: uuid("merged_id").notNull(),
    mergedBy: uuid("merged_by"),
    moved: jsonb("moved").$type<{ persons: number; cases: number }>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("household_merges_survivor_idx").on(t.tenantId, t.survivorId),
  ],
);

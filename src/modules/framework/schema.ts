import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { AxisKind } from "./model.ts";

export { AXIS_KINDS, type AxisKind } from "./model.ts";

/**
 * Handlungsrahmen: the tenant's classification axes (fields of action, milestones, …).
 * Labels and descriptions are translated content (entity type "framework_axis"/"framework_term"
 * in content_translations), German being the source.
 */
export const frameworkAxes = pgTable(
  "framework_axes",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text("kind").$type<AxisKind>().notNull(),
    /** Stable machine name within the tenant, e.g. "unna-fields". */
    key: text("key").notNull(),
    sort: integer("sort").notNull().default(0),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("framework_axes_tenant_key").on(t.tenantId, t.key),
  ],
);

export const frameworkTerms = pgTable(
  "framework_terms",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    axisId: uuid("axis_id").notNull(),
    /** Stable machine name within the axis, e.g. "fruehe-hilfen". */
    key: text("key").notNull(),
    sort: integer("sort").notNull().default(0),
    /** A term may refine another term of the same axis. */
    parentId: uuid("parent_id"),
    /** Short code used in the seeds' documents, e.g. "HF1", "M3". */
    code: text("code"),
    /** Deactivated terms stay for existing references but are not offered for new ones. */
    active: boolean("active").notNull().default(true),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("framework_terms_tenant_axis_key").on(t.tenantId, t.axisId, t.key),
    foreignKey({
      name: "framework_terms_axis_fk",
      columns: [t.tenantId, t.axisId],
      foreignColumns: [frameworkAxes.tenantId, frameworkAxes.id],
    }),
    index("framework_terms_tenant_axis_sort_idx").on(t.tenantId, t.axisId, t.sort),
  ],
);

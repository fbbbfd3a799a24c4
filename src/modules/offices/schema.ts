import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import { OFFICE_KINDS } from "./model.ts";

export { OFFICE_KINDS, type OfficeKind } from "./model.ts";

/**
 * Dienststellen/Teams: Willkommensbüro, Halte-Stelle, … Each has a catchment of areas (a
 * grant of a role scoped to the office covers its team's work) and a team of users.
 * "Which office is responsible for me?": locate the address in the area tree, then take the
 * office whose catchment holds the most specific of those areas.
 */
export const offices = pgTable(
  "offices",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    kind: text("kind", { enum: OFFICE_KINDS }).notNull().default("welcome_office"),
    /** The directory place where the office receives people (address, hours, languages). */
    placeId: uuid("place_id"),
    email: text("email"),
    phone: text("phone"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Einzugsgebiet: the areas an office is responsible for. An area belongs to at most one office. */
export const officeAreas = pgTable(
  "office_areas",
  {
    tenantId: tenantIdColumn(),
    officeId: uuid("office_id").notNull(),
    areaId: uuid("area_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.areaId] }),
    index("office_areas_tenant_office_idx").on(t.tenantId, t.officeId),
  ],
);

/** The office's team. Access to case work is granted by role grants scoped to the office. */
export const officeMembers = pgTable(
  "office_members",
  {
    tenantId: tenantIdColumn(),
    officeId: uuid("office_id").notNull(),
    userId: uuid("user_id").notNull(),
    /** Shown publicly only as a function, never as a name, e.g. "Sozialberatung". */
    function: text("function"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.officeId, t.userId] }),
    index("office_members_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

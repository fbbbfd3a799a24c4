import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import {
  type Absence,
  CANCELLERS,
  type Certificate,
  type LanguageSkill,
  type Mode,
  REQUEST_STATES,
  SETTINGS,
  type Setting,
  TRAVEL_MODES,
  VOLUNTEER_STATUSES,
  type WeeklySlot,
} from "./model.ts";

/**
 * Ehrenamtliche Sprachmittler:innen. Personal data: read through the policy, each read audited,
 * erased with their assignments' link (service `erase`).
 */
export const volunteers = pgTable(
  "volunteers",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The volunteer's Lotse account (role `volunteer`), once they have one. */
    userId: uuid("user_id"),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    /** The language the volunteer's mails are written in. */
    uiLanguage: text("ui_language").notNull().default("de"),
    status: text("status", { enum: VOLUNTEER_STATUSES }).notNull().default("applicant"),
    languages: jsonb("languages").$type<LanguageSkill[]>().notNull(),
    /** Municipalities (area names) the volunteer serves on site. */
    areas: text("areas").array().notNull(),
    modes: text("modes").array().$type<Mode[]>().notNull(),
    settings: text("settings").array().$type<Setting[]>().notNull(),
    travelMode: text("travel_mode", { enum: TRAVEL_MODES }),
    certificates: jsonb("certificates").$type<Certificate[]>().notNull(),
    availability: jsonb("availability").$type<WeeklySlot[]>().notNull(),
    absences: jsonb("absences").$type<Absence[]>().notNull(),
    /** The day the volunteer left the pool (status inactive): retention counts from here. */
    leftOn: date("left_on", { mode: "string" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("volunteers_tenant_user_idx").on(t.tenantId, t.userId),
  ],
);

/** Vermittlungsanfrage: an institution books a language mediator for one conversation. */
export const mediationRequests = pgTable(
  "mediation_requests",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The booking institution: an organization of the directory. */
    organizationId: uuid("organization_id"),
    institutionName: text("institution_name").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    language: text("language").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    setting: text("setting", { enum: SETTINGS }).notNull(),
    topic: text("topic").notNull(),
    /** Municipality of an on-site conversation. */
    area: text("area"),
    date: date("date", { mode: "string" }).notNull(),
    startMinute: integer("start_minute").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    state: text("state", { enum: REQUEST_STATES }).notNull().default("submitted"),
    volunteerId: uuid("volunteer_id"),
    heldMinutes: integer("held_minutes"),
    cancelledBy: text("cancelled_by", { enum: CANCELLERS }),
    cancelledLate: boolean("cancelled_late"),
    /** A measure of the goal tree (strategy module), validated through the `measures` port. */
    measureId: uuid("measure_id"),
    /** The institution contact's booking link the request came through (public form). */
    bookingLinkId: uuid("booking_link_id"),
    /** The form's one-time token: a second submit of the same form returns the first request. */
    idempotencyKey: text("idempotency_key"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("mediation_requests_tenant_date_idx").on(t.tenantId, t.date),
    index("mediation_requests_tenant_volunteer_idx").on(t.tenantId, t.volunteerId, t.date),
    uniqueIndex("mediation_requests_idempotency_key").on(t.tenantId, t.idempotencyKey),
  ],
);

/**
 * Buchungslink: a link per institution contact that a coordinator issues and can revoke. Only
 * the token's SHA-256 is stored; the contact books and follows their requests through it.
 */
export const mediationBookingLinks = pgTable(
  "mediation_booking_links",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    /** The institution: an organization of the directory. */
    organizationId: uuid("organization_id").notNull(),
    institutionName: text("institution_name").notNull(),
    contactName: text("contact_name").notNull(),
    contactEmail: text("contact_email").notNull(),
    /** The language the contact's mails are written in. */
    language: text("language").notNull().default("de"),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("mediation_booking_links_token").on(t.tokenHash),
    index("mediation_booking_links_tenant_org_idx").on(t.tenantId, t.organizationId),
  ],
);

import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  doublePrecision,
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
  type Accessibility,
  type ContactPerson,
  ENTITY_TYPES,
  ENTRY_STATUSES,
  type EntityType,
  type OpeningHours,
  REVISION_STATUSES,
} from "./model.ts";

/**
 * Wegweiser: the directory of providers, places, offers and events (issue 3).
 *
 * The rows in organizations/places/offers/events are what the public sees (the published
 * state). Every change by staff is a revision in directory_revisions (draft → in_review →
 * published | rejected); publishing copies the revision's data into the row. Revisions are
 * kept, so every published version can be shown again. German text lives in the row (the
 * source); translations of text fields live in content_translations (entity types
 * "organization", "place", "offer", "event"; decision 011).
 */

export {
  type Accessibility,
  type ContactPerson,
  ENTRY_STATUSES,
  type EntryStatus,
  type HoursException,
  type OpeningHours,
  REVISION_STATUSES,
  type RevisionStatus,
  type TimeSlot,
  type WeeklyHours,
} from "./model.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** Träger / Anbieter. */
export const organizations = pgTable(
  "organizations",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    /** Sanitised rich text (German source). */
    description: text("description"),
    website: text("website"),
    email: text("email"),
    phone: text("phone"),
    logoImageId: uuid("logo_image_id"),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("draft"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("organizations_tenant_name_idx").on(t.tenantId, t.name),
  ],
);

/** Orte: where offers take place. */
export const places = pgTable(
  "places",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    organizationId: uuid("organization_id"),
    name: text("name").notNull(),
    street: text("street"),
    postcode: text("postcode"),
    city: text("city"),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    /** True when the coordinates are only approximate (the demo); the UI says so. */
    coordinatesApproximate: boolean("coordinates_approximate").notNull().default(false),
    /** Smallest area containing the point, set by the service through areas.locate(). */
    areaId: uuid("area_id"),
    accessibility: jsonb("accessibility").$type<Accessibility>().notNull().default({}),
    /** Languages spoken at the place (BCP 47 primary tags, e.g. "ar", "tr"). */
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    openingHours: jsonb("opening_hours").$type<OpeningHours>(),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("draft"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("places_tenant_org_idx").on(t.tenantId, t.organizationId),
    index("places_tenant_area_idx").on(t.tenantId, t.areaId),
    index("places_tenant_lonlat_idx").on(t.tenantId, t.lon, t.lat),
  ],
);

/** Angebote. */
export const offers = pgTable(
  "offers",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    organizationId: uuid("organization_id").notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    /** Sanitised rich text (German source). */
    description: text("description"),
    openingHours: jsonb("opening_hours").$type<OpeningHours>(),
    /** The whole offer is by appointment only (per-day appointment times are in openingHours). */
    appointmentOnly: boolean("appointment_only").notNull().default(false),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    contacts: jsonb("contacts").$type<ContactPerson[]>().notNull().default([]),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    ageMin: integer("age_min"),
    ageMax: integer("age_max"),
    free: boolean("free").notNull().default(true),
    costNote: text("cost_note"),
    childcare: boolean("childcare").notNull().default(false),
    registrationRequired: boolean("registration_required").notNull().default(false),
    registrationNote: text("registration_note"),
    imageId: uuid("image_id"),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("draft"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }),
    /**
     * Folded text of title, summary and description in every language (lower-case, unaccented),
     * maintained by the service for trigram search.
     */
    searchText: text("search_text").notNull().default(""),
    /** The words of search_text (searchTextOf() in search-text.ts), for the word index of the public search. */
    searchWords: text("search_words")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`string_to_array(search_text, ' ')`),
    /**
     * Derived for the public search, kept by triggers (migrations-post/030-directory-search.sql):
     * the offer's framework terms (from entry_terms) and the grid cells of its places
     * (lotse_geo_cells(), from offer_places/places). Never written by the application.
     */
    termIds: uuid("term_ids").array().notNull().default(sql`'{}'::uuid[]`),
    geoCells: integer("geo_cells").array().notNull().default(sql`'{}'::integer[]`),
    /**
     * Derived from opening_hours by a row trigger (migrations-post/040-offer-hours.sql, decision
     * 118) for the gap analysis's supply: weekly opening minutes (a slot past midnight wraps, none
     * is 0) and whether a slot ends in the evening. Never written by the application.
     */
    weeklyMinutes: integer("weekly_minutes"),
    eveningSlot: boolean("evening_slot"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("offers_tenant_org_idx").on(t.tenantId, t.organizationId),
    // One GIN index over words, terms and cells: a query's conditions on them are scan keys of a
    // single index scan, which intersects their posting lists from the rarest (fast at 200,000 offers).
    index("offers_public_search_idx").using("gin", t.searchWords, t.termIds, t.geoCells),
    // Narrow: the map and the place joins check "published and valid" without the wide row.
    index("offers_tenant_public_idx")
      .on(t.tenantId, t.id, t.validFrom, t.validTo)
      .where(sql`status = 'published'`),
    index("offers_tenant_status_idx").on(t.tenantId, t.status),
    index("offers_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** An offer takes place at one or more places. */
export const offerPlaces = pgTable(
  "offer_places",
  {
    tenantId: tenantIdColumn(),
    offerId: uuid("offer_id").notNull(),
    placeId: uuid("place_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.offerId, t.placeId] }),
    index("offer_places_tenant_place_idx").on(t.tenantId, t.placeId),
  ],
);

/** Framework tags of an offer or event (category, field of action, life phase, integration phase, target group). */
export const entryTerms = pgTable(
  "entry_terms",
  {
    tenantId: tenantIdColumn(),
    /** "offer" | "event" | "organization". */
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    termId: uuid("term_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.entityType, t.entityId, t.termId] }),
    index("entry_terms_tenant_term_idx").on(t.tenantId, t.termId, t.entityType),
  ],
);

/** Veranstaltungen: single or recurring (RFC 5545 RRULE, expanded in the service). */
export const events = pgTable(
  "events",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    organizationId: uuid("organization_id").notNull(),
    offerId: uuid("offer_id"),
    placeId: uuid("place_id"),
    title: text("title").notNull(),
    summary: text("summary"),
    description: text("description"),
    /** First occurrence, as local wall time in the tenant's time zone. */
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    rrule: text("rrule"),
    /** Cancelled occurrences (ISO dates). */
    exdates: text("exdates").array().notNull().default(sql`'{}'::text[]`),
    /** Last occurrence's end (null: unbounded), for date filters in SQL. */
    seriesEndsAt: timestamp("series_ends_at", { withTimezone: true, mode: "date" }),
    free: boolean("free").notNull().default(true),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    status: text("status", { enum: ENTRY_STATUSES }).notNull().default("draft"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }),
    searchText: text("search_text").notNull().default(""),
    /** The words of search_text, as for offers. */
    searchWords: text("search_words")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`string_to_array(search_text, ' ')`),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("events_tenant_starts_idx").on(t.tenantId, t.startsAt),
    index("events_search_words_idx").using("gin", t.searchWords),
    index("events_tenant_org_idx").on(t.tenantId, t.organizationId),
  ],
);

export const REVISION_ENTITY_TYPES = ENTITY_TYPES;
export type RevisionEntityType = EntityType;

/**
 * Every proposed and published version of an entry. `data` is the complete entry as the
 * service's input schema describes it (including German texts and framework tags).
 */
export const directoryRevisions = pgTable(
  "directory_revisions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    entityType: text("entity_type", { enum: REVISION_ENTITY_TYPES }).notNull(),
    entityId: uuid("entity_id").notNull(),
    /** 1, 2, 3 … per entry. */
    number: integer("number").notNull(),
    status: text("status", { enum: REVISION_STATUSES }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** The organization the entry belongs to (scope of partner staff). */
    organizationId: uuid("organization_id"),
    authorId: uuid("author_id"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "date" }),
    reviewNote: text("review_note"),
    /** The entry's version this revision was started from (null: a new entry); publishing checks it. */
    baseVersion: integer("base_version"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("directory_revisions_entity_number_key").on(t.tenantId, t.entityType, t.entityId, t.number),
    index("directory_revisions_tenant_status_idx").on(t.tenantId, t.status),
    index("directory_revisions_tenant_org_idx").on(t.tenantId, t.organizationId),
  ],
);

/** The last "please check your entry" reminder per entry (one reminder per entry per interval). */
export const directoryReminders = pgTable(
  "directory_reminders",
  {
    tenantId: tenantIdColumn(),
    entityType: text("entity_type", { enum: REVISION_ENTITY_TYPES }).notNull(),
    entityId: uuid("entity_id").notNull(),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.entityType, t.entityId] })],
);

/** Directory settings of a tenant (absent row: the defaults). */
export const directorySettings = pgTable("directory_settings", {
  tenantId: tenantIdColumn().primaryKey(),
  /** Entries not checked for this many days get a reminder to their organization's partner staff. */
  reviewIntervalDays: integer("review_interval_days").notNull().default(180),
  version: versionColumn(),
  updatedAt: updatedAt(),
});

/** Uploaded images (logos, offer pictures), checked by content and re-encoded size limits in the service. */
export const directoryImages = pgTable(
  "directory_images",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    mimeType: text("mime_type").notNull(),
    bytes: bytea("bytes").notNull(),
    byteSize: integer("byte_size").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    /** Alternative text (German source; translations in content_translations, entity "image"). */
    alt: text("alt"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Postcode centroids the tenant maintains (HSDS `postcode`, "near an address" without a geocoder). */
export const postcodes = pgTable(
  "postcodes",
  {
    tenantId: tenantIdColumn(),
    postcode: text("postcode").notNull(),
    name: text("name"),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    approximate: boolean("approximate").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.postcode] })],
);

/**
 * Every word that occurs in a search_text of the tenant's offers and events (kept up to date by
 * a trigger, migrations-post/030-directory-search.sql; never pruned: a stale word just matches
 * nothing). The public search looks a query's words up here by trigram similarity (typos,
 * parts of compounds) and then finds entries through the word index (search.ts).
 */
export const searchVocabulary = pgTable(
  "search_vocabulary",
  {
    tenantId: tenantIdColumn(),
    word: text("word").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.word] }),
    index("search_vocabulary_word_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`),
  ],
);

/**
 * The public map's read model: one narrow row per published place with published offers (kept
 * by triggers, migrations-post/030-directory-search.sql; never written by the application), so
 * the map of a city reads one row per place instead of joining every offer there. Offers without
 * validity dates are counted in openOffers; the dated ones keep their ranges (valid_from[i],
 * valid_to[i], either may be null) and are checked against the day when the map is read.
 */
export const directoryMapPlaces = pgTable(
  "directory_map_places",
  {
    tenantId: tenantIdColumn(),
    placeId: uuid("place_id").notNull(),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    areaId: uuid("area_id"),
    openOffers: integer("open_offers").notNull().default(0),
    validFrom: date("valid_from").array().notNull().default(sql`'{}'::date[]`),
    validTo: date("valid_to").array().notNull().default(sql`'{}'::date[]`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.placeId] }),
    index("directory_map_places_tenant_area_idx").on(t.tenantId, t.areaId),
    index("directory_map_places_tenant_lonlat_idx").on(t.tenantId, t.lon, t.lat),
  ],
);

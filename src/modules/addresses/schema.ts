import { doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt } from "../../server/db/columns.ts";

/**
 * The tenant's official address list (decision 095): one row per house number, WGS84. Public
 * register data (Hauskoordinaten, OpenStreetMap), never about a person. The natural key
 * (street key, number, suffix, town key) is what a merge matches on.
 */
export const addresses = pgTable(
  "addresses",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    street: text("street").notNull(),
    /** normalise.ts `streetKey`: "Bahnhofstr." and "Bahnhofstraße" → "bahnhofstrasse". */
    streetKey: text("street_key").notNull(),
    houseNumber: integer("house_number").notNull(),
    /** "a", "/1", "-14"; empty when there is none (part of the unique key). */
    suffix: text("suffix").notNull().default(""),
    postcode: text("postcode"),
    locality: text("locality"),
    localityKey: text("locality_key").notNull().default(""),
    district: text("district"),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("addresses_natural_key").on(t.tenantId, t.streetKey, t.houseNumber, t.suffix, t.localityKey),
    index("addresses_tenant_postcode_idx").on(t.tenantId, t.postcode),
  ],
);

/**
 * The streets of the list, derived from `addresses` after every import (one row per street
 * key and town): the typo-tolerant lookup compares typed keys with these through their
 * trigrams (a GIN index over a text[]; core PostgreSQL, no pg_trgm), then by edit distance.
 */
export const addressStreets = pgTable(
  "address_streets",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    locality: text("locality"),
    localityKey: text("locality_key").notNull().default(""),
    /** Trigrams of the key padded with one space each side (normalise.ts `trigrams`). */
    grams: text("grams").array().notNull(),
    addressCount: integer("address_count").notNull(),
    /** The mean of the street's addresses: where a street without a house number points. */
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("address_streets_key").on(t.tenantId, t.key, t.localityKey),
    index("address_streets_grams_idx").using("gin", t.grams),
  ],
);

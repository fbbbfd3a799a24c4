// Queries of the interchange formats (HSDS API and export, GeoJSON export, import duplicate
// detection, postcode centroids). Read-only over the published directory, except postcodes.
import { and, asc, between, count, eq, gte, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { OfferRow, OrganizationRow, PlaceRow } from "./repo.ts";
import { entryTerms, offerPlaces, offers, organizations, places, postcodes } from "./schema.ts";

export type PostcodeRow = typeof postcodes.$inferSelect;

export type OfferFilter = {
  /** Folded words; every word must occur in search_text. */
  words?: string[];
  organizationId?: string;
  termIds?: string[];
  modifiedAfter?: Date;
  /** Only offers at one of these places. */
  placeIds?: string[];
};

function offerWhere(tenantId: string, f: OfferFilter): SQL {
  const conds: SQL[] = [eq(offers.tenantId, tenantId), eq(offers.status, "published")];
  for (const w of f.words ?? []) conds.push(ilike(offers.searchText, `%${w.replace(/[%_\\]/g, "\\$&")}%`));
  if (f.organizationId) conds.push(eq(offers.organizationId, f.organizationId));
  if (f.modifiedAfter) conds.push(gte(offers.updatedAt, f.modifiedAfter));
  if (f.termIds) {
    conds.push(
      f.termIds.length === 0
        ? sql`false`
        : sql`exists (select 1 from ${entryTerms} et where et.tenant_id = ${offers.tenantId} and et.entity_type = 'offer' and et.entity_id = ${offers.id} and et.term_id in ${f.termIds})`,
    );
  }
  if (f.placeIds) {
    conds.push(
      f.placeIds.length === 0
        ? sql`false`
        : sql`exists (select 1 from ${offerPlaces} op where op.tenant_id = ${offers.tenantId} and op.offer_id = ${offers.id} and op.place_id in ${f.placeIds})`,
    );
  }
  return and(...conds)!;
}

export const interchangeRepo = {
  async countOffers(db: DbOrTx, tenantId: string, f: OfferFilter): Promise<number> {
    const [r] = await db.select({ n: count() }).from(offers).where(offerWhere(tenantId, f));
    return Number(r?.n ?? 0);
  },

  async offers(
    db: DbOrTx,
    tenantId: string,
    f: OfferFilter,
    limit: number,
    offset: number,
  ): Promise<OfferRow[]> {
    return db
      .select()
      .from(offers)
      .where(offerWhere(tenantId, f))
      .orderBy(asc(offers.title), asc(offers.id))
      .limit(limit)
      .offset(offset);
  },

  async offerById(db: DbOrTx, tenantId: string, id: string): Promise<OfferRow | undefined> {
    const [r] = await db
      .select()
      .from(offers)
      .where(and(eq(offers.tenantId, tenantId), eq(offers.id, id), eq(offers.status, "published")));
    return r;
  },

  async countOrganizations(db: DbOrTx, tenantId: string, words: string[]): Promise<number> {
    const [r] = await db.select({ n: count() }).from(organizations).where(orgWhere(tenantId, words));
    return Number(r?.n ?? 0);
  },

  async organizations(
    db: DbOrTx,
    tenantId: string,
    words: string[],
    limit: number,
    offset: number,
  ): Promise<OrganizationRow[]> {
    return db
      .select()
      .from(organizations)
      .where(orgWhere(tenantId, words))
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(limit)
      .offset(offset);
  },

  async organizationsByIds(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<OrganizationRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(organizations)
      .where(
        and(
          eq(organizations.tenantId, tenantId),
          inArray(organizations.id, [...ids]),
          eq(organizations.status, "published"),
        ),
      );
  },

  async placesByIds(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<PlaceRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(places)
      .where(
        and(eq(places.tenantId, tenantId), inArray(places.id, [...ids]), eq(places.status, "published")),
      );
  },

  /** Published places, optionally only those with a postcode or inside a lon/lat box. */
  async places(
    db: DbOrTx,
    tenantId: string,
    f: { postcode?: string; box?: { west: number; south: number; east: number; north: number } } = {},
  ): Promise<PlaceRow[]> {
    const conds: SQL[] = [eq(places.tenantId, tenantId), eq(places.status, "published")];
    if (f.postcode) conds.push(eq(places.postcode, f.postcode));
    if (f.box) {
      conds.push(
        sql`${places.lon} between ${f.box.west} and ${f.box.east} and ${places.lat} between ${f.box.south} and ${f.box.north}`,
      );
    }
    return db
      .select()
      .from(places)
      .where(and(...conds))
      .orderBy(asc(places.name), asc(places.id));
  },

  /** offer → its place ids, for many offers. */
  async placeIdsOfOffers(db: DbOrTx, tenantId: string, offerIds: readonly string[]) {
    if (offerIds.length === 0) return [] as { offerId: string; placeId: string }[];
    return db
      .select({ offerId: offerPlaces.offerId, placeId: offerPlaces.placeId })
      .from(offerPlaces)
      .where(and(eq(offerPlaces.tenantId, tenantId), inArray(offerPlaces.offerId, [...offerIds])));
  },

  /** entity → its framework term ids, for many entities of one type. */
  async termIdsOf(db: DbOrTx, tenantId: string, entityType: string, ids: readonly string[]) {
    if (ids.length === 0) return [] as { entityId: string; termId: string }[];
    return db
      .select({ entityId: entryTerms.entityId, termId: entryTerms.termId })
      .from(entryTerms)
      .where(
        and(
          eq(entryTerms.tenantId, tenantId),
          eq(entryTerms.entityType, entityType),
          inArray(entryTerms.entityId, [...ids]),
        ),
      );
  },

  /** Published service_at_location pairs (offer × place), ordered stably, with optional filters. */
  async serviceAtLocationPairs(
    db: DbOrTx,
    tenantId: string,
    f: OfferFilter,
    /** Inclusive uuid ranges of offer and place (a decoded service_at_location id). */
    range?: { offer: [string, string]; place: [string, string] },
  ): Promise<{ offerId: string; placeId: string }[]> {
    return db
      .select({ offerId: offerPlaces.offerId, placeId: offerPlaces.placeId })
      .from(offerPlaces)
      .innerJoin(offers, and(eq(offers.tenantId, offerPlaces.tenantId), eq(offers.id, offerPlaces.offerId)))
      .innerJoin(
        places,
        and(
          eq(places.tenantId, offerPlaces.tenantId),
          eq(places.id, offerPlaces.placeId),
          eq(places.status, "published"),
        ),
      )
      .where(
        and(
          offerWhere(tenantId, { ...f, placeIds: undefined }),
          f.placeIds
            ? f.placeIds.length
              ? inArray(offerPlaces.placeId, f.placeIds)
              : sql`false`
            : undefined,
          range ? between(offerPlaces.offerId, range.offer[0], range.offer[1]) : undefined,
          range ? between(offerPlaces.placeId, range.place[0], range.place[1]) : undefined,
        ),
      )
      .orderBy(asc(offers.title), asc(offers.id), asc(places.name), asc(places.id));
  },

  // ---- Postcodes ----

  async postcode(db: DbOrTx, tenantId: string, postcode: string): Promise<PostcodeRow | undefined> {
    const [r] = await db
      .select()
      .from(postcodes)
      .where(and(eq(postcodes.tenantId, tenantId), eq(postcodes.postcode, postcode)));
    return r;
  },

  async postcodes(db: DbOrTx, tenantId: string): Promise<PostcodeRow[]> {
    return db
      .select()
      .from(postcodes)
      .where(eq(postcodes.tenantId, tenantId))
      .orderBy(asc(postcodes.postcode));
  },

  async upsertPostcode(db: DbOrTx, row: PostcodeRow): Promise<void> {
    await db
      .insert(postcodes)
      .values(row)
      .onConflictDoUpdate({
        target: [postcodes.tenantId, postcodes.postcode],
        set: { name: row.name, lon: row.lon, lat: row.lat, approximate: row.approximate },
      });
  },

  /** True when a row was deleted. */
  async deletePostcode(db: DbOrTx, tenantId: string, postcode: string): Promise<boolean> {
    const rows = await db
      .delete(postcodes)
      .where(and(eq(postcodes.tenantId, tenantId), eq(postcodes.postcode, postcode)))
      .returning({ postcode: postcodes.postcode });
    return rows.length > 0;
  },

  // ---- Import duplicate detection ----

  /** Published or draft places/offers whose folded name+address key is one of these. */
  async placesByNameAndAddress(db: DbOrTx, tenantId: string) {
    return db
      .select({
        id: places.id,
        name: places.name,
        street: places.street,
        postcode: places.postcode,
      })
      .from(places)
      .where(eq(places.tenantId, tenantId));
  },

  async offersByTitle(db: DbOrTx, tenantId: string, titles: readonly string[]) {
    if (titles.length === 0) return [] as { id: string; title: string; organizationId: string }[];
    return db
      .select({ id: offers.id, title: offers.title, organizationId: offers.organizationId })
      .from(offers)
      .where(and(eq(offers.tenantId, tenantId), inArray(offers.title, [...titles])));
  },

  async organizationsByName(db: DbOrTx, tenantId: string) {
    return db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.tenantId, tenantId));
  },
};

function orgWhere(tenantId: string, words: string[]): SQL {
  const conds: SQL[] = [eq(organizations.tenantId, tenantId), eq(organizations.status, "published")];
  for (const w of words) conds.push(ilike(organizations.name, `%${w.replace(/[%_\\]/g, "\\$&")}%`));
  return and(...conds)!;
}

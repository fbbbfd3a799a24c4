import { and, count, countDistinct, eq, max, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import { uuidv7 } from "../../server/db/ids.ts";
import type { ParsedAddress } from "./read.ts";
import { addresses, addressStreets } from "./schema.ts";

/** Rows per INSERT: 12 parameters each stays far below PostgreSQL's 65,535. */
const BATCH = 2000;
/** Street candidates the trigram step hands to the edit distance, at most. */
const STREET_CANDIDATES = 30;
/** Addresses of one postcode read to find the areas it spans, at most. */
const POSTCODE_POINTS = 50_000;

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
const pgTextArray = (items: readonly string[]) =>
  sql`${`{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`}::text[]`;

export type StreetRow = {
  id: string;
  key: string;
  name: string;
  locality: string | null;
  locality_key: string;
  lon: number;
  lat: number;
  shared?: number;
};
export type HouseRow = {
  street: string;
  house_number: number;
  suffix: string;
  postcode: string | null;
  locality: string | null;
  lon: number;
  lat: number;
};

export const addressRepo = {
  async count(db: DbOrTx, tenantId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(addresses).where(eq(addresses.tenantId, tenantId));
    return Number(row?.n ?? 0);
  },

  async summary(db: DbOrTx, tenantId: string) {
    const [a] = await db
      .select({
        n: count(),
        postcodes: countDistinct(addresses.postcode),
        updatedAt: max(addresses.updatedAt),
      })
      .from(addresses)
      .where(eq(addresses.tenantId, tenantId));
    const [s] = await db
      .select({ n: count() })
      .from(addressStreets)
      .where(eq(addressStreets.tenantId, tenantId));
    return {
      addresses: Number(a?.n ?? 0),
      streets: Number(s?.n ?? 0),
      postcodes: Number(a?.postcodes ?? 0),
      updatedAt: a?.updatedAt ? new Date(a.updatedAt).toISOString() : null,
    };
  },

  async deleteAll(tx: DbOrTx, tenantId: string): Promise<number> {
    const gone = await tx
      .delete(addresses)
      .where(eq(addresses.tenantId, tenantId))
      .returning({ id: addresses.id });
    return gone.length;
  },

  /** Inserts or updates by the natural key; counts what was created, updated and left as it was. */
  async upsert(tx: DbOrTx, tenantId: string, list: readonly ParsedAddress[], now: Date) {
    let created = 0;
    let updated = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      const values = list.slice(i, i + BATCH).map((a) => ({
        tenantId,
        id: uuidv7(),
        street: a.street,
        streetKey: a.streetKey,
        houseNumber: a.number,
        suffix: a.suffix,
        postcode: a.postcode,
        locality: a.locality,
        localityKey: a.localityKey,
        district: a.district,
        lon: a.lon,
        lat: a.lat,
        createdAt: now,
        updatedAt: now,
      }));
      const written = await tx
        .insert(addresses)
        .values(values)
        .onConflictDoUpdate({
          target: [
            addresses.tenantId,
            addresses.streetKey,
            addresses.houseNumber,
            addresses.suffix,
            addresses.localityKey,
          ],
          set: {
            street: sql`excluded.street`,
            // A file without postcodes or districts (NRW's gebref) keeps those already known.
            postcode: sql`coalesce(excluded.postcode, ${addresses.postcode})`,
            locality: sql`excluded.locality`,
            district: sql`coalesce(excluded.district, ${addresses.district})`,
            lon: sql`excluded.lon`,
            lat: sql`excluded.lat`,
            updatedAt: now,
          },
          // Only a real change counts as an update (and moves updated_at).
          setWhere: sql`(${addresses.street}, ${addresses.postcode}, ${addresses.locality}, ${addresses.district}, ${addresses.lon}, ${addresses.lat})
            is distinct from (excluded.street, coalesce(excluded.postcode, ${addresses.postcode}), excluded.locality,
              coalesce(excluded.district, ${addresses.district}), excluded.lon, excluded.lat)`,
        })
        .returning({ inserted: sql<boolean>`xmax = 0` });
      for (const w of written)
        if (w.inserted) created++;
        else updated++;
    }
    return { created, updated, unchanged: list.length - created - updated };
  },

  /** Derives the street table from the addresses again (after an import, in its transaction). */
  async rebuildStreets(tx: DbOrTx, tenantId: string): Promise<void> {
    await tx.delete(addressStreets).where(eq(addressStreets.tenantId, tenantId));
    await tx.execute(sql`
      insert into address_streets (tenant_id, id, key, name, locality, locality_key, grams, address_count, lon, lat)
      select a.tenant_id, gen_random_uuid(), a.street_key, min(a.street), min(a.locality), a.locality_key,
        array(select distinct substr(' ' || a.street_key || ' ', i, 3)
              from generate_series(1, length(a.street_key)) i),
        count(*)::int, avg(a.lon), avg(a.lat)
      from addresses a
      where a.tenant_id = ${tenantId}::uuid
      group by a.tenant_id, a.street_key, a.locality_key`);
  },

  streetsByKey(db: DbOrTx, tenantId: string, key: string): Promise<StreetRow[]> {
    return rows<StreetRow>(
      db,
      sql`select id, key, name, locality, locality_key, lon, lat from address_streets
        where tenant_id = ${tenantId}::uuid and key = ${key} order by locality_key limit 50`,
    );
  },

  /**
   * Streets sharing trigrams with the typed key, most shared first; bounded by the GIN index
   * over `grams`, a length window and STREET_CANDIDATES.
   */
  similarStreets(
    db: DbOrTx,
    tenantId: string,
    grams: string[],
    length: number,
    slack: number,
  ): Promise<StreetRow[]> {
    const q = pgTextArray(grams);
    return rows<StreetRow>(
      db,
      sql`select id, key, name, locality, locality_key, lon, lat,
          (select count(*) from unnest(s.grams) g where g = any(${q}))::int as shared
        from address_streets s
        where s.tenant_id = ${tenantId}::uuid and s.grams && ${q}
          and length(s.key) between ${length - slack} and ${length + slack}
        order by shared desc, s.key, s.locality_key
        limit ${STREET_CANDIDATES}`,
    );
  },

  /** The street's house with this number, else its nearest numbers (the same side of the street first). */
  nearestHouses(
    db: DbOrTx,
    tenantId: string,
    streetKey: string,
    localityKey: string,
    n: number,
  ): Promise<HouseRow[]> {
    return rows<HouseRow>(
      db,
      sql`select street, house_number, suffix, postcode, locality, lon, lat from addresses
        where tenant_id = ${tenantId}::uuid and street_key = ${streetKey} and locality_key = ${localityKey}
        order by abs(house_number - ${n}), (house_number % 2) <> ${n % 2}, suffix
        limit 20`,
    );
  },

  postcodePoints(db: DbOrTx, tenantId: string, postcode: string): Promise<{ lon: number; lat: number }[]> {
    return db
      .select({ lon: addresses.lon, lat: addresses.lat })
      .from(addresses)
      .where(and(eq(addresses.tenantId, tenantId), eq(addresses.postcode, postcode)))
      .limit(POSTCODE_POINTS);
  },
};

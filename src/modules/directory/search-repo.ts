import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../server/db/client.ts";
import type { OpeningHours } from "./schema.ts";

/**
 * Queries of the public read model (search.ts): only what the public may see — published
 * entries valid on the given day, at published places. No business rules here.
 */

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A PostgreSQL array literal for a text[]/uuid[] parameter (one parameter on both drivers). */
export function pgArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
const textArray = (items: readonly string[]) => sql`${pgArray(items)}::text[]`;
const uuidArray = (items: readonly string[]) => sql`${pgArray(items)}::uuid[]`;

/** Kilometres per degree of latitude (mean Earth radius 6371.0088 km). */
export const KM_PER_DEGREE = 111.195;

const FINE = 0.02;
const COARSE = 0.2;
const COARSE_OFFSET = 200_000_000;
const fineCell = (latIdx: number, lonIdx: number) => (latIdx + 4500) * 20000 + (lonIdx + 9000);
const coarseCell = (latIdx: number, lonIdx: number) => COARSE_OFFSET + (latIdx + 450) * 2000 + (lonIdx + 900);

/**
 * The grid cells (as lotse_geo_cells() in migrations-post/030 numbers them) that cover a circle's
 * bounding box: fine cells up to 10 km, coarse ones beyond. A superset: distances are checked exactly.
 */
export function geoCells(near: { lon: number; lat: number; radiusKm: number }): number[] {
  const dLat = near.radiusKm / KM_PER_DEGREE;
  const dLon = near.radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((near.lat * Math.PI) / 180)));
  const size = near.radiusKm <= 10 ? FINE : COARSE;
  const cell = size === FINE ? fineCell : coarseCell;
  const out: number[] = [];
  const lat0 = Math.floor((near.lat - dLat) / size);
  const lat1 = Math.floor((near.lat + dLat) / size);
  const lon0 = Math.floor((near.lon - dLon) / size);
  const lon1 = Math.floor((near.lon + dLon) / size);
  for (let y = lat0; y <= lat1; y++) for (let x = lon0; x <= lon1; x++) out.push(cell(y, x));
  return out;
}

export type WordVariant = { query: number; word: string; similarity: number };

/** The filter part of an offer search, already resolved to ids and numbers. */
export type OfferFilter = {
  /** Local date "YYYY-MM-DD": only offers valid on it. */
  today: string;
  /** Per query word: the vocabulary words that match it; an offer must hold one of each. */
  words?: { exact: string[]; all: string[] }[];
  /** Per framework axis filter: the offer must carry one of these terms. */
  termGroups?: string[][];
  spoken?: string[];
  free?: boolean;
  childcare?: boolean;
  near?: { lon: number; lat: number; radiusKm: number };
  areaIds?: string[];
  placeId?: string;
  /** Only offers with opening hours of their own or at a place (open-now candidates). */
  withHours?: boolean;
  ids?: string[];
};

export type OfferHitRow = {
  id: string;
  title: string;
  summary: string | null;
  organization_id: string;
  organization_name: string | null;
  languages: string[];
  free: boolean;
  childcare: boolean;
  appointment_only: boolean;
  opening_hours: OpeningHours | null;
  place_hours: OpeningHours | null;
  valid_from: string | null;
  valid_to: string | null;
  score: number;
  distance_km: number | null;
  total: number;
};

export type PlaceRow = {
  offer_id: string;
  id: string;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lon: number;
  lat: number;
  coordinates_approximate: boolean;
  area_id: string | null;
  languages: string[];
  opening_hours: OpeningHours | null;
  accessibility: Record<string, unknown>;
};

function distanceExpr(near: { lon: number; lat: number }): SQL {
  const cosLat = Math.cos((near.lat * Math.PI) / 180);
  return sql`(${KM_PER_DEGREE}::float8 * sqrt(power((p.lon - ${near.lon}::float8) * ${cosLat}::float8, 2) + power(p.lat - ${near.lat}::float8, 2)))`;
}

function boxCondition(near: { lon: number; lat: number; radiusKm: number }): SQL {
  const dLat = near.radiusKm / KM_PER_DEGREE;
  const dLon = near.radiusKm / (KM_PER_DEGREE * Math.max(0.01, Math.cos((near.lat * Math.PI) / 180)));
  return sql`p.lon between ${near.lon - dLon}::float8 and ${near.lon + dLon}::float8
    and p.lat between ${near.lat - dLat}::float8 and ${near.lat + dLat}::float8
    and ${distanceExpr(near)} <= ${near.radiusKm}::float8`;
}

/** Conditions on the places of an offer (near, district), or null when there are none. */
function placeConditions(f: OfferFilter): SQL | null {
  const parts: SQL[] = [];
  if (f.near) parts.push(boxCondition(f.near));
  if (f.areaIds) parts.push(sql`p.area_id = any(${uuidArray(f.areaIds)})`);
  if (f.placeId) parts.push(sql`p.id = ${f.placeId}::uuid`);
  if (!parts.length) return null;
  return sql.join(parts, sql` and `);
}

function whereOf(tenantId: string, f: OfferFilter): SQL {
  const parts: SQL[] = [
    sql`o.tenant_id = ${tenantId}::uuid`,
    sql`o.status = 'published'`,
    sql`(o.valid_from is null or o.valid_from <= ${f.today}::date)`,
    sql`(o.valid_to is null or o.valid_to >= ${f.today}::date)`,
  ];
  for (const w of f.words ?? []) parts.push(sql`o.search_words && ${textArray(w.all)}`);
  // term_ids and geo_cells are derived by triggers (migrations-post/030): GIN-indexed arrays, so
  // text, terms and "near" intersect as bitmaps before any row is read.
  for (const group of f.termGroups ?? []) parts.push(sql`o.term_ids && ${uuidArray(group)}`);
  if (f.near) parts.push(sql`o.geo_cells && ${pgArray(geoCells(f.near).map(String))}::integer[]`);
  if (f.spoken?.length) {
    // Spoken in the offer, or at one of its places.
    parts.push(sql`(o.languages && ${textArray(f.spoken)} or exists (select 1 from offer_places op
      join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
      where op.tenant_id = o.tenant_id and op.offer_id = o.id and p.status = 'published'
        and p.languages && ${textArray(f.spoken)}))`);
  }
  if (f.free) parts.push(sql`o.free`);
  if (f.childcare) parts.push(sql`o.childcare`);
  if (f.ids) parts.push(sql`o.id = any(${uuidArray(f.ids)})`);
  const placeCond = placeConditions(f);
  if (placeCond) {
    parts.push(sql`exists (select 1 from offer_places op
      join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
      where op.tenant_id = o.tenant_id and op.offer_id = o.id and p.status = 'published' and ${placeCond})`);
  }
  if (f.withHours) {
    parts.push(sql`(o.opening_hours is not null or exists (select 1 from offer_places op
      join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
      where op.tenant_id = o.tenant_id and op.offer_id = o.id and p.status = 'published'
        and p.opening_hours is not null))`);
  }
  return sql.join(parts, sql` and `);
}

/** Whether a filter has conditions on the offers themselves (beyond published and valid today). */
function hasOfferConditions(f: OfferFilter): boolean {
  return Boolean(
    f.words?.length ||
      f.termGroups?.length ||
      f.spoken?.length ||
      f.free ||
      f.childcare ||
      f.withHours ||
      f.ids,
  );
}

/** Relevance: per query word 2 points when the offer holds the word itself (or a compound of it), 1 for a near spelling. */
function scoreOf(f: OfferFilter): SQL {
  if (!f.words?.length) return sql`0`;
  return sql.join(
    f.words.map((w) =>
      w.exact.length ? sql`(case when o.search_words && ${textArray(w.exact)} then 2 else 1 end)` : sql`1`,
    ),
    sql` + `,
  );
}

export const searchRepo = {
  /**
   * Vocabulary words similar to each query word (typos, parts of compounds), best first:
   * word_similarity(query word, vocabulary word) ≥ pg_trgm.word_similarity_threshold (0.6).
   */
  async similarWords(db: DbOrTx, tenantId: string, words: string[], perWord: number): Promise<WordVariant[]> {
    if (!words.length) return [];
    const found = await rows<{ q: number; word: string; sim: number }>(
      db,
      sql`select q.i::int as q, v.word, v.sim::float8 as sim
        from unnest(${textArray(words)}) with ordinality as q(w, i)
        cross join lateral (
          select s.word, word_similarity(q.w, s.word) as sim
          from search_vocabulary s
          where s.tenant_id = ${tenantId}::uuid and q.w <% s.word
          order by sim desc, length(s.word), s.word
          limit ${perWord}
        ) v`,
    );
    return found.map((r) => ({ query: Number(r.q) - 1, word: r.word, similarity: Number(r.sim) }));
  },

  /** One page of matching offers with the total count; order: relevance, distance, title. */
  async searchOffers(
    db: DbOrTx,
    tenantId: string,
    f: OfferFilter,
    page: { limit: number; offset: number },
  ): Promise<OfferHitRow[]> {
    const distance = f.near
      ? sql`(select min(${distanceExpr(f.near)}) from offer_places op
          join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
          where op.tenant_id = o.tenant_id and op.offer_id = o.id and p.status = 'published')`
      : sql`null::float8`;
    const placeHours = f.withHours
      ? sql`(select p.opening_hours from offer_places op
          join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
          where op.tenant_id = o.tenant_id and op.offer_id = o.id and p.status = 'published'
            and p.opening_hours is not null order by p.name, p.id limit 1)`
      : sql`null::jsonb`;
    const result = await rows<OfferHitRow>(
      db,
      sql`select o.id, o.title, o.summary, o.organization_id, org.name as organization_name,
          o.languages, o.free, o.childcare, o.appointment_only, o.opening_hours,
          o.valid_from::text as valid_from, o.valid_to::text as valid_to,
          ${placeHours} as place_hours,
          ${scoreOf(f)} as score, ${distance} as distance_km,
          count(*) over ()::int as total
        from offers o
        left join organizations org on org.tenant_id = o.tenant_id and org.id = o.organization_id
        where ${whereOf(tenantId, f)}
        order by score desc, distance_km asc nulls last, o.title, o.id
        limit ${page.limit} offset ${page.offset}`,
    );
    return result.map((r) => ({
      ...r,
      score: Number(r.score),
      total: Number(r.total),
      distance_km: r.distance_km === null ? null : Number(r.distance_km),
    }));
  },

  /** The published places of these offers (for the list, the map and the detail page). */
  async placesOfOffers(db: DbOrTx, tenantId: string, offerIds: string[]): Promise<PlaceRow[]> {
    if (!offerIds.length) return [];
    return rows<PlaceRow>(
      db,
      sql`select op.offer_id, p.id, p.name, p.street, p.postcode, p.city, p.lon, p.lat,
          p.coordinates_approximate, p.area_id, p.languages, p.opening_hours, p.accessibility
        from offer_places op
        join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
        where op.tenant_id = ${tenantId}::uuid and op.offer_id = any(${uuidArray(offerIds)})
          and p.status = 'published'
        order by p.name, p.id`,
    );
  },

  /**
   * Map points: one row per published place with the matching offers there (ids in relevance
   * order), rounded coordinates.
   */
  async mapPoints(
    db: DbOrTx,
    tenantId: string,
    f: OfferFilter,
    limit: number,
  ): Promise<{ lon: number; lat: number; place_id: string; n: number }[]> {
    const placeCond = placeConditions(f);
    const { near: _n, areaIds: _a, placeId: _p, ...offerOnly } = f;
    if (!hasOfferConditions(f)) {
      // Only place conditions (the common map view): the read model directory_map_places holds
      // one row per published place with its published offers; dated ones are checked here.
      return rows(
        db,
        sql`select round(p.lon::numeric, 5)::float8 as lon, round(p.lat::numeric, 5)::float8 as lat,
            p.id as place_id, c.n
          from (select m.place_id as id, m.lon, m.lat, m.area_id, m.open_offers, m.valid_from, m.valid_to
            from directory_map_places m where m.tenant_id = ${tenantId}::uuid) p
          cross join lateral (select p.open_offers + (case when cardinality(p.valid_from) = 0 then 0
            else (select count(*) from unnest(p.valid_from, p.valid_to) v(f, t)
              where (v.f is null or v.f <= ${f.today}::date) and (v.t is null or v.t >= ${f.today}::date)) end)::int as n) c
          where c.n > 0 ${placeCond ? sql`and ${placeCond}` : sql``}
          limit ${limit}`,
      );
    }
    return rows(
      db,
      sql`select round(p.lon::numeric, 5)::float8 as lon, round(p.lat::numeric, 5)::float8 as lat,
          p.id as place_id, count(*)::int as n
        from offers o
        join offer_places op on op.tenant_id = o.tenant_id and op.offer_id = o.id
        join places p on p.tenant_id = op.tenant_id and p.id = op.place_id
        where ${whereOf(tenantId, offerOnly)}
          and p.status = 'published' ${placeCond ? sql`and ${placeCond}` : sql``}
        group by p.id, p.lon, p.lat
        limit ${limit}`,
    );
  },

  /** One published offer valid today, with its organization. */
  async offer(db: DbOrTx, tenantId: string, id: string, today: string) {
    const [row] = await rows<{
      id: string;
      title: string;
      summary: string | null;
      description: string | null;
      opening_hours: OpeningHours | null;
      appointment_only: boolean;
      valid_from: string | null;
      valid_to: string | null;
      contacts: {
        name?: string;
        role?: string;
        phone?: string;
        email?: string;
        hours?: OpeningHours;
      }[];
      languages: string[];
      age_min: number | null;
      age_max: number | null;
      free: boolean;
      cost_note: string | null;
      childcare: boolean;
      registration_required: boolean;
      registration_note: string | null;
      updated_at: Date | string;
      last_checked_at: Date | string | null;
      organization_id: string;
      organization_name: string | null;
      organization_website: string | null;
      organization_email: string | null;
      organization_phone: string | null;
    }>(
      db,
      sql`select o.id, o.title, o.summary, o.description, o.opening_hours, o.appointment_only,
          o.valid_from::text as valid_from, o.valid_to::text as valid_to, o.contacts, o.languages,
          o.age_min, o.age_max, o.free, o.cost_note, o.childcare, o.registration_required,
          o.registration_note, o.updated_at, o.last_checked_at, o.organization_id,
          org.name as organization_name, org.website as organization_website,
          org.email as organization_email, org.phone as organization_phone
        from offers o
        left join organizations org on org.tenant_id = o.tenant_id and org.id = o.organization_id
          and org.status = 'published'
        where ${whereOf(tenantId, { today, ids: [id] })}`,
    );
    return row;
  },

  /** Term ids of offers (for the detail page's tags). */
  async termsOf(db: DbOrTx, tenantId: string, entityType: string, ids: string[]) {
    if (!ids.length) return [];
    return rows<{ entity_id: string; term_id: string }>(
      db,
      sql`select entity_id, term_id from entry_terms
        where tenant_id = ${tenantId}::uuid and entity_type = ${entityType}
          and entity_id = any(${uuidArray(ids)})`,
    );
  },

  /** A postcode centroid by postcode, or by its name (folded, exact or prefix). */
  async postcode(db: DbOrTx, tenantId: string, code: string | null, name: string | null) {
    const [row] = await rows<{ postcode: string; name: string | null; lon: number; lat: number }>(
      db,
      code
        ? sql`select postcode, name, lon, lat from postcodes where tenant_id = ${tenantId}::uuid and postcode = ${code}`
        : sql`select postcode, name, lon, lat from postcodes where tenant_id = ${tenantId}::uuid
            and lower(unaccent(coalesce(name, ''))) like ${`${name ?? ""}%`}
            order by length(name), postcode limit 1`,
    );
    return row ? { ...row, lon: Number(row.lon), lat: Number(row.lat) } : undefined;
  },

  /** A published place whose street matches (folded, prefix), for "near an address" without a geocoder. */
  async placeByStreet(db: DbOrTx, tenantId: string, street: string) {
    const [row] = await rows<{ lon: number; lat: number; street: string; postcode: string | null }>(
      db,
      sql`select lon, lat, street, postcode from places
        where tenant_id = ${tenantId}::uuid and status = 'published' and street is not null
          and lower(unaccent(street)) like ${`${street}%`}
        order by length(street), id limit 1`,
    );
    return row ? { ...row, lon: Number(row.lon), lat: Number(row.lat) } : undefined;
  },

  /** A published place by id. */
  async place(db: DbOrTx, tenantId: string, id: string) {
    const [row] = await rows<Omit<PlaceRow, "offer_id">>(
      db,
      sql`select p.id, p.name, p.street, p.postcode, p.city, p.lon, p.lat, p.coordinates_approximate,
          p.area_id, p.languages, p.opening_hours, p.accessibility
        from places p where p.tenant_id = ${tenantId}::uuid and p.id = ${id}::uuid and p.status = 'published'`,
    );
    return row;
  },

  /** Published events whose series may have an occurrence in [from, to). */
  async events(
    db: DbOrTx,
    tenantId: string,
    range: { from: Date; to: Date },
    words: { all: string[] }[] | undefined,
    ids?: string[],
    offerIds?: string[],
  ) {
    const parts: SQL[] = [
      sql`e.tenant_id = ${tenantId}::uuid`,
      sql`e.status = 'published'`,
      sql`e.starts_at < ${range.to.toISOString()}::timestamptz`,
      sql`(case when e.series_ends_at is not null then e.series_ends_at > ${range.from.toISOString()}::timestamptz
        when e.rrule is null then e.starts_at + make_interval(mins => e.duration_minutes) > ${range.from.toISOString()}::timestamptz
        else true end)`,
    ];
    for (const w of words ?? []) parts.push(sql`e.search_words && ${textArray(w.all)}`);
    if (ids) parts.push(sql`e.id = any(${uuidArray(ids)})`);
    if (offerIds) parts.push(sql`e.offer_id = any(${uuidArray(offerIds)})`);
    return rows<{
      id: string;
      title: string;
      summary: string | null;
      description: string | null;
      starts_at: Date | string;
      duration_minutes: number;
      rrule: string | null;
      exdates: string[];
      free: boolean;
      languages: string[];
      offer_id: string | null;
      place_id: string | null;
      updated_at: Date | string;
      organization_name: string | null;
      place_name: string | null;
      place_street: string | null;
      place_postcode: string | null;
      place_city: string | null;
    }>(
      db,
      sql`select e.id, e.title, e.summary, e.description, e.starts_at, e.duration_minutes, e.rrule,
          e.exdates, e.free, e.languages, e.offer_id, e.place_id, e.updated_at,
          org.name as organization_name, p.name as place_name, p.street as place_street,
          p.postcode as place_postcode, p.city as place_city
        from events e
        left join organizations org on org.tenant_id = e.tenant_id and org.id = e.organization_id
        left join places p on p.tenant_id = e.tenant_id and p.id = e.place_id and p.status = 'published'
        where ${sql.join(parts, sql` and `)}
        order by e.starts_at, e.id
        limit 500`,
    );
  },
};

-- The public directory search (src/modules/directory/search.ts) looks a query's words up in
-- search_vocabulary by trigram similarity. These statement-level triggers add the words of
-- every inserted or updated offer and event (their generated search_words column); one INSERT
-- per statement, so bulk imports stay fast. Words are never removed here: a stale word only
-- matches nothing.
CREATE OR REPLACE FUNCTION lotse_search_vocabulary_add() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_vocabulary (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w
  FROM lotse_new_rows n, unnest(n.search_words) AS w
  WHERE length(w) BETWEEN 2 AND 64
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS offers_search_vocabulary_ins ON offers;
CREATE TRIGGER offers_search_vocabulary_ins AFTER INSERT ON offers
  REFERENCING NEW TABLE AS lotse_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_search_vocabulary_add();
DROP TRIGGER IF EXISTS offers_search_vocabulary_upd ON offers;
CREATE TRIGGER offers_search_vocabulary_upd AFTER UPDATE ON offers
  REFERENCING NEW TABLE AS lotse_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_search_vocabulary_add();

DROP TRIGGER IF EXISTS events_search_vocabulary_ins ON events;
CREATE TRIGGER events_search_vocabulary_ins AFTER INSERT ON events
  REFERENCING NEW TABLE AS lotse_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_search_vocabulary_add();
DROP TRIGGER IF EXISTS events_search_vocabulary_upd ON events;
CREATE TRIGGER events_search_vocabulary_upd AFTER UPDATE ON events
  REFERENCING NEW TABLE AS lotse_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_search_vocabulary_add();

-- Grid cells of a point for the "near" filter (search.ts geoCells() computes the same): a fine
-- grid of 0.02° (about 2.2 km × 1.4 km here) and a coarse one of 0.2°, in one integer each.
CREATE OR REPLACE FUNCTION lotse_geo_cells(lon float8, lat float8) RETURNS integer[] AS $$
  SELECT ARRAY[
    ((floor(lat / 0.02)::int + 4500) * 20000 + (floor(lon / 0.02)::int + 9000)),
    200000000 + ((floor(lat / 0.2)::int + 450) * 2000 + (floor(lon / 0.2)::int + 900))
  ];
$$ LANGUAGE sql IMMUTABLE STRICT;

-- offers.term_ids and offers.geo_cells of some offers, from entry_terms and offer_places/places.
CREATE OR REPLACE FUNCTION lotse_offer_terms(t uuid, o uuid) RETURNS uuid[] AS $$
  SELECT coalesce(array_agg(DISTINCT et.term_id ORDER BY et.term_id), '{}')
  FROM entry_terms et WHERE et.tenant_id = t AND et.entity_type = 'offer' AND et.entity_id = o;
$$ LANGUAGE sql STABLE;
CREATE OR REPLACE FUNCTION lotse_offer_cells(t uuid, o uuid) RETURNS integer[] AS $$
  SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}')
  FROM offer_places op
  JOIN places p ON p.tenant_id = op.tenant_id AND p.id = op.place_id
  CROSS JOIN LATERAL unnest(lotse_geo_cells(p.lon, p.lat)) AS c
  WHERE op.tenant_id = t AND op.offer_id = o;
$$ LANGUAGE sql STABLE;

-- A new offer row picks up links written before it.
CREATE OR REPLACE FUNCTION lotse_offer_derived_init() RETURNS trigger AS $$
BEGIN
  NEW.term_ids := lotse_offer_terms(NEW.tenant_id, NEW.id);
  NEW.geo_cells := lotse_offer_cells(NEW.tenant_id, NEW.id);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS offers_derived_init ON offers;
CREATE TRIGGER offers_derived_init BEFORE INSERT ON offers
  FOR EACH ROW EXECUTE FUNCTION lotse_offer_derived_init();

-- entry_terms changed: refresh term_ids of the offers concerned (one UPDATE per statement).
CREATE OR REPLACE FUNCTION lotse_entry_terms_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE offers o SET term_ids = lotse_offer_terms(o.tenant_id, o.id)
    FROM (SELECT DISTINCT tenant_id, entity_id FROM lotse_new_terms WHERE entity_type = 'offer') c
    WHERE o.tenant_id = c.tenant_id AND o.id = c.entity_id;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE offers o SET term_ids = lotse_offer_terms(o.tenant_id, o.id)
    FROM (SELECT DISTINCT tenant_id, entity_id FROM lotse_old_terms WHERE entity_type = 'offer') c
    WHERE o.tenant_id = c.tenant_id AND o.id = c.entity_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS entry_terms_ins ON entry_terms;
CREATE TRIGGER entry_terms_ins AFTER INSERT ON entry_terms REFERENCING NEW TABLE AS lotse_new_terms
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_entry_terms_changed();
DROP TRIGGER IF EXISTS entry_terms_del ON entry_terms;
CREATE TRIGGER entry_terms_del AFTER DELETE ON entry_terms REFERENCING OLD TABLE AS lotse_old_terms
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_entry_terms_changed();
DROP TRIGGER IF EXISTS entry_terms_upd ON entry_terms;
CREATE TRIGGER entry_terms_upd AFTER UPDATE ON entry_terms
  REFERENCING OLD TABLE AS lotse_old_terms NEW TABLE AS lotse_new_terms
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_entry_terms_changed();

-- offer_places changed: refresh geo_cells of the offers concerned.
CREATE OR REPLACE FUNCTION lotse_offer_places_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE offers o SET geo_cells = lotse_offer_cells(o.tenant_id, o.id)
    FROM (SELECT DISTINCT tenant_id, offer_id FROM lotse_new_links) c
    WHERE o.tenant_id = c.tenant_id AND o.id = c.offer_id;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE offers o SET geo_cells = lotse_offer_cells(o.tenant_id, o.id)
    FROM (SELECT DISTINCT tenant_id, offer_id FROM lotse_old_links) c
    WHERE o.tenant_id = c.tenant_id AND o.id = c.offer_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS offer_places_ins ON offer_places;
CREATE TRIGGER offer_places_ins AFTER INSERT ON offer_places REFERENCING NEW TABLE AS lotse_new_links
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_offer_places_changed();
DROP TRIGGER IF EXISTS offer_places_del ON offer_places;
CREATE TRIGGER offer_places_del AFTER DELETE ON offer_places REFERENCING OLD TABLE AS lotse_old_links
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_offer_places_changed();
DROP TRIGGER IF EXISTS offer_places_upd ON offer_places;
CREATE TRIGGER offer_places_upd AFTER UPDATE ON offer_places
  REFERENCING OLD TABLE AS lotse_old_links NEW TABLE AS lotse_new_links
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_offer_places_changed();

-- A place moved: refresh geo_cells of its offers.
CREATE OR REPLACE FUNCTION lotse_places_moved() RETURNS trigger AS $$
BEGIN
  UPDATE offers o SET geo_cells = lotse_offer_cells(o.tenant_id, o.id)
  FROM (
    SELECT DISTINCT op.tenant_id, op.offer_id
    FROM lotse_new_places n
    JOIN lotse_old_places p ON p.tenant_id = n.tenant_id AND p.id = n.id
    JOIN offer_places op ON op.tenant_id = n.tenant_id AND op.place_id = n.id
    WHERE n.lon IS DISTINCT FROM p.lon OR n.lat IS DISTINCT FROM p.lat
  ) c
  WHERE o.tenant_id = c.tenant_id AND o.id = c.offer_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS places_moved ON places;
CREATE TRIGGER places_moved AFTER UPDATE ON places
  REFERENCING OLD TABLE AS lotse_old_places NEW TABLE AS lotse_new_places
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_places_moved();

-- directory_map_places (the public map's read model, schema.ts): one row per published place
-- with published offers, recomputed for the places a statement touched. Offers without validity
-- dates are counted; the dated ones keep their ranges, checked against the day on reading.
-- Two transactions changing offers at the same place must not leave a stale row: each
-- recompute first takes a per-tenant transaction lock, so the later one waits for the earlier
-- to commit and then (a fresh snapshot per statement in READ COMMITTED) sees its writes. One
-- lock per tenant, not per place: a bulk import touches thousands of places.
CREATE OR REPLACE FUNCTION lotse_map_refresh(tenants uuid[], place_ids uuid[]) RETURNS void AS $$
  SELECT pg_advisory_xact_lock(hashtextextended('lotse.map:' || l.t::text, 0))
  FROM (SELECT DISTINCT t FROM unnest(tenants) AS c(t) ORDER BY 1) l;
  DELETE FROM directory_map_places m
  USING (SELECT DISTINCT t, p FROM unnest(tenants, place_ids) AS c(t, p)) c
  WHERE m.tenant_id = c.t AND m.place_id = c.p;
  INSERT INTO directory_map_places (tenant_id, place_id, lon, lat, area_id, open_offers, valid_from, valid_to)
  SELECT p.tenant_id, p.id, p.lon, p.lat, p.area_id,
    (count(*) FILTER (WHERE o.valid_from IS NULL AND o.valid_to IS NULL))::int,
    coalesce(array_agg(o.valid_from ORDER BY o.id) FILTER (WHERE o.valid_from IS NOT NULL OR o.valid_to IS NOT NULL), '{}'),
    coalesce(array_agg(o.valid_to ORDER BY o.id) FILTER (WHERE o.valid_from IS NOT NULL OR o.valid_to IS NOT NULL), '{}')
  FROM (SELECT DISTINCT t, p FROM unnest(tenants, place_ids) AS c(t, p)) c
  JOIN places p ON p.tenant_id = c.t AND p.id = c.p AND p.status = 'published'
  JOIN offer_places op ON op.tenant_id = p.tenant_id AND op.place_id = p.id
  JOIN offers o ON o.tenant_id = op.tenant_id AND o.id = op.offer_id AND o.status = 'published'
  GROUP BY p.tenant_id, p.id, p.lon, p.lat, p.area_id
  ON CONFLICT (tenant_id, place_id) DO UPDATE SET lon = excluded.lon, lat = excluded.lat,
    area_id = excluded.area_id, open_offers = excluded.open_offers,
    valid_from = excluded.valid_from, valid_to = excluded.valid_to;
$$ LANGUAGE sql;

-- Offers: inserted or deleted, or their status or validity changed.
CREATE OR REPLACE FUNCTION lotse_map_offers_changed() RETURNS trigger AS $$
DECLARE
  ts uuid[];
  ps uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(op.tenant_id), array_agg(op.place_id) INTO ts, ps
    FROM lotse_map_new n JOIN offer_places op ON op.tenant_id = n.tenant_id AND op.offer_id = n.id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(op.tenant_id), array_agg(op.place_id) INTO ts, ps
    FROM lotse_map_old n JOIN offer_places op ON op.tenant_id = n.tenant_id AND op.offer_id = n.id;
  ELSE
    SELECT array_agg(op.tenant_id), array_agg(op.place_id) INTO ts, ps
    FROM lotse_map_new n
    JOIN lotse_map_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
    JOIN offer_places op ON op.tenant_id = n.tenant_id AND op.offer_id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.valid_from IS DISTINCT FROM o.valid_from
      OR n.valid_to IS DISTINCT FROM o.valid_to;
  END IF;
  IF ps IS NOT NULL THEN PERFORM lotse_map_refresh(ts, ps); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS offers_map_ins ON offers;
CREATE TRIGGER offers_map_ins AFTER INSERT ON offers REFERENCING NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_offers_changed();
DROP TRIGGER IF EXISTS offers_map_del ON offers;
CREATE TRIGGER offers_map_del AFTER DELETE ON offers REFERENCING OLD TABLE AS lotse_map_old
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_offers_changed();
DROP TRIGGER IF EXISTS offers_map_upd ON offers;
CREATE TRIGGER offers_map_upd AFTER UPDATE ON offers
  REFERENCING OLD TABLE AS lotse_map_old NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_offers_changed();

-- Links between offers and places added or removed.
CREATE OR REPLACE FUNCTION lotse_map_links_changed() RETURNS trigger AS $$
DECLARE
  ts uuid[];
  ps uuid[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT array_agg(tenant_id), array_agg(place_id) INTO ts, ps FROM lotse_map_new;
    IF ps IS NOT NULL THEN PERFORM lotse_map_refresh(ts, ps); END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT array_agg(tenant_id), array_agg(place_id) INTO ts, ps FROM lotse_map_old;
    IF ps IS NOT NULL THEN PERFORM lotse_map_refresh(ts, ps); END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS offer_places_map_ins ON offer_places;
CREATE TRIGGER offer_places_map_ins AFTER INSERT ON offer_places REFERENCING NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_links_changed();
DROP TRIGGER IF EXISTS offer_places_map_del ON offer_places;
CREATE TRIGGER offer_places_map_del AFTER DELETE ON offer_places REFERENCING OLD TABLE AS lotse_map_old
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_links_changed();
DROP TRIGGER IF EXISTS offer_places_map_upd ON offer_places;
CREATE TRIGGER offer_places_map_upd AFTER UPDATE ON offer_places
  REFERENCING OLD TABLE AS lotse_map_old NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_links_changed();

-- Places: inserted or deleted, or their status, position or area changed.
CREATE OR REPLACE FUNCTION lotse_map_places_changed() RETURNS trigger AS $$
DECLARE
  ts uuid[];
  ps uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(tenant_id), array_agg(id) INTO ts, ps FROM lotse_map_new;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tenant_id), array_agg(id) INTO ts, ps FROM lotse_map_old;
  ELSE
    SELECT array_agg(n.tenant_id), array_agg(n.id) INTO ts, ps
    FROM lotse_map_new n JOIN lotse_map_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.lon IS DISTINCT FROM o.lon
      OR n.lat IS DISTINCT FROM o.lat OR n.area_id IS DISTINCT FROM o.area_id;
  END IF;
  IF ps IS NOT NULL THEN PERFORM lotse_map_refresh(ts, ps); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS places_map_ins ON places;
CREATE TRIGGER places_map_ins AFTER INSERT ON places REFERENCING NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_places_changed();
DROP TRIGGER IF EXISTS places_map_del ON places;
CREATE TRIGGER places_map_del AFTER DELETE ON places REFERENCING OLD TABLE AS lotse_map_old
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_places_changed();
DROP TRIGGER IF EXISTS places_map_upd ON places;
CREATE TRIGGER places_map_upd AFTER UPDATE ON places
  REFERENCING OLD TABLE AS lotse_map_old NEW TABLE AS lotse_map_new
  FOR EACH STATEMENT EXECUTE FUNCTION lotse_map_places_changed();

-- Fill it once for data written before these triggers existed (idempotent: only when empty).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM directory_map_places) THEN
    PERFORM lotse_map_refresh(array_agg(tenant_id), array_agg(id)) FROM places WHERE status = 'published';
  END IF;
END;
$$;

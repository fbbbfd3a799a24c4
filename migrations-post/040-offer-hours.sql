-- offers.weekly_minutes and offers.evening_slot (schema.ts), derived from opening_hours for the
-- gap analysis's supply (directory/figures.ts supplyByAreaAndTerm, decision 118): reading the
-- jsonb of 50,000 offers on every gap page cost most of its time. A row trigger keeps both in the
-- writing transaction; the application never writes them.

-- Minutes of an "HH:MM" text; "24:00" is the end of the day.
CREATE OR REPLACE FUNCTION lotse_hhmm_minutes(t text) RETURNS integer AS $$
  SELECT CASE WHEN t = '24:00' THEN 1440
    ELSE (extract(hour FROM t::time) * 60 + extract(minute FROM t::time))::int END;
$$ LANGUAGE sql IMMUTABLE STRICT;

-- Weekly opening minutes of the offer's own hours; a slot past midnight wraps; none: 0.
CREATE OR REPLACE FUNCTION lotse_weekly_minutes(h jsonb) RETURNS integer AS $$
  SELECT coalesce(sum(CASE WHEN m.c > m.o THEN m.c - m.o ELSE m.c - m.o + 1440 END), 0)::int
  FROM jsonb_each(coalesce(h->'weekly', '{}'::jsonb)) d(k, v)
  CROSS JOIN LATERAL jsonb_array_elements(d.v) s
  CROSS JOIN LATERAL (SELECT lotse_hhmm_minutes(s->>'opens') AS o, lotse_hhmm_minutes(s->>'closes') AS c) m;
$$ LANGUAGE sql IMMUTABLE;

-- Whether a weekly slot ends in the evening (after 18:00, or past midnight).
CREATE OR REPLACE FUNCTION lotse_evening_slot(h jsonb) RETURNS boolean AS $$
  SELECT EXISTS (SELECT 1 FROM jsonb_each(coalesce(h->'weekly', '{}'::jsonb)) d(k, v)
    CROSS JOIN LATERAL jsonb_array_elements(d.v) s
    WHERE s->>'closes' > '18:00' OR s->>'closes' < s->>'opens');
$$ LANGUAGE sql IMMUTABLE;

-- Every insert and update: the other triggers rewrite offers too, and the cost is one small jsonb.
CREATE OR REPLACE FUNCTION lotse_offer_hours() RETURNS trigger AS $$
BEGIN
  NEW.weekly_minutes := lotse_weekly_minutes(NEW.opening_hours);
  NEW.evening_slot := lotse_evening_slot(NEW.opening_hours);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS offers_hours ON offers;
CREATE TRIGGER offers_hours BEFORE INSERT OR UPDATE ON offers
  FOR EACH ROW EXECUTE FUNCTION lotse_offer_hours();

-- Offers written before the trigger existed (idempotent: only rows not yet derived).
UPDATE offers SET opening_hours = opening_hours WHERE weekly_minutes IS NULL OR evening_slot IS NULL;

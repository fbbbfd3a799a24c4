/**
 * How typed and imported addresses are compared (decision 095). Pure functions, shared by the
 * import and the resolution, so "Bahnhofstr. 12a", "Bahnhofstrasse 12 a" and
 * "bahnhofstraße12a" meet at the same key.
 */

/** Folds case, accents, ß and the umlaut spellings (ä, ae → a), keeps letters and digits. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/([aou])e/g, "$1");
}

/**
 * The comparison key of a street name: "Bahnhofstr.", "Bahnhofstraße", "Bahnhof-Straße" →
 * "bahnhofstrasse"; "St.-Martin-Str." → "sanktmartinstrasse"; "Marktpl." → "marktplatz".
 * The same folding runs on both sides, so the umlaut rule ("ue" → "u") never separates two
 * spellings of one name.
 */
export function streetKey(name: string): string {
  const words = fold(name)
    .replace(/^st\.?[\s-]+/, "sankt ")
    .replace(/(str|strase|strasse)\.?(?=$|[\s-])/g, "strasse")
    .replace(/pl\.(?=$|[\s-])/g, "platz");
  return words.replace(/[^a-z0-9]+/g, "");
}

/** The comparison key of a town or district ("Unna-Königsborn" → "unnakonigsborn"). */
export function localityKey(name: string): string {
  return fold(name).replace(/[^a-z0-9]+/g, "");
}

/** A house number as the lists write it: the number and an optional suffix ("12a", "12 A", "7/1"). */
export type HouseNumber = { number: number; suffix: string };

const HOUSE_NUMBER = /^(\d{1,5})\s*([a-z]|\/\s*\d{1,3}|[a-z]?\s*-\s*\d{1,5}\s*[a-z]?)?$/i;

/** "12a" → { 12, "a" }; "12 - 14" → { 12, "-14" }; anything else → null. */
export function parseHouseNumber(text: string, suffix = ""): HouseNumber | null {
  const m = HOUSE_NUMBER.exec(`${text.trim()}${suffix.trim()}`);
  if (!m) return null;
  const number = Number(m[1]);
  if (number < 1) return null;
  return { number, suffix: (m[2] ?? "").toLowerCase().replace(/\s+/g, "") };
}

/** What a typed address names; each part may be missing. */
export type AddressQuery = {
  street: string | null;
  houseNumber: HouseNumber | null;
  postcode: string | null;
  locality: string | null;
};

const POSTCODE = /(?:^|[^\d])(\d{5})(?=$|[^\d])/;
/** The house number: digits with an optional one-letter suffix, glued to the street or not. */
const STREET_AND_NUMBER =
  /^(.*?[^\d\s.,-][\s.]*?)\s*(\d{1,5})(?:\s*([a-z])(?![a-z]))?(?:\s*[-/]\s*\d{1,5}[a-z]?)?(.*)$/i;

/**
 * Splits a typed address into street, house number, postcode and town:
 * "Bahnhofstr. 12a, Unna", "Bahnhofstrasse 12", "bahnhofstraße12", "59423 Unna, Markt 3".
 * Bounded: the text is cut to 200 characters and parsed by two regular expressions without
 * nested repetition.
 */
export function parseAddressQuery(input: string): AddressQuery {
  let text = input.slice(0, 200).replace(/\s+/g, " ").trim();
  let postcode: string | null = null;
  const pc = POSTCODE.exec(text);
  if (pc) {
    postcode = pc[1]!;
    text = `${text.slice(0, pc.index)} , ${text.slice(pc.index + pc[0].length)}`;
  }
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  // The part with letters and a number is the street; a part with letters only, the town.
  let street: string | null = null;
  let houseNumber: HouseNumber | null = null;
  const rest: string[] = [];
  for (const part of parts) {
    const m: RegExpExecArray | null = street === null ? STREET_AND_NUMBER.exec(part) : null;
    if (m) {
      street = m[1]!.trim();
      houseNumber = { number: Number(m[2]), suffix: (m[3] ?? "").toLowerCase() };
      const after = m[4]!.trim();
      if (after) rest.push(after);
    } else rest.push(part);
  }
  if (street === null && rest.length) street = rest.shift()!;
  const locality = rest.join(" ").trim() || null;
  if (street !== null && !/\p{L}/u.test(street)) street = null;
  return {
    street,
    houseNumber: houseNumber && houseNumber.number > 0 ? houseNumber : null,
    postcode,
    locality,
  };
}

/** The trigrams of a key padded with one space each side (as the database computes them). */
export function trigrams(key: string): string[] {
  const padded = ` ${key} `;
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** The typos a street key of this length may carry and still match. */
export function allowedTypos(key: string): number {
  return key.length <= 4 ? 0 : key.length <= 8 ? 1 : 2;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), bounded: returns
 * `max + 1` as soon as the distance must exceed `max`. O(n·m) at worst on two short keys.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Two decimal numbers separated by a comma, semicolon or space: "51.53,7.69", "7.69; 51.53". */
const COORDINATE_PAIR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*(?:[,;]|\s)\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** The two numbers of typed coordinates, in the order typed; null when the text is something else. */
export function coordinatePair(text: string): [number, number] | null {
  const m = COORDINATE_PAIR.exec(text.slice(0, 100));
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export type Region = { minLon: number; minLat: number; maxLon: number; maxLat: number };
/** A point this close to the region (in degrees, ~2 km) still counts as inside it. */
const REGION_MARGIN = 0.02;

const valid = (lon: number, lat: number) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
const inside = (r: Region, lon: number, lat: number) =>
  lon >= r.minLon - REGION_MARGIN &&
  lon <= r.maxLon + REGION_MARGIN &&
  lat >= r.minLat - REGION_MARGIN &&
  lat <= r.maxLat + REGION_MARGIN;

/**
 * Reads typed coordinates in the order that lies in the tenant's region when only one does
 * ("51.53,7.69" as map apps write it, or "7.69,51.53"); else in the only valid order; else
 * longitude first, the order Lotse always documented (and "near me" sends).
 */
export function chooseOrder(
  a: number,
  b: number,
  region: Region | null,
): { lon: number; lat: number; latFirst: boolean } | null {
  const lonFirst = valid(a, b);
  const latFirst = valid(b, a);
  if (region && lonFirst && latFirst) {
    const inLonFirst = inside(region, a, b);
    const inLatFirst = inside(region, b, a);
    if (inLatFirst && !inLonFirst) return { lon: b, lat: a, latFirst: true };
  }
  if (lonFirst) return { lon: a, lat: b, latFirst: false };
  if (latFirst) return { lon: b, lat: a, latFirst: true };
  return null;
}

// Person-level register data for the monitoring benchmark (bench/monitoring.bench.ts): a city of
// `residents` people in 40 social areas over ten years (2015–2024), one row per person and year
// (the resident population on 31 December). Deterministic: a seeded PRNG drives a small
// simulation — ageing, deaths, births, moves within the city, migration in and out,
// naturalisation, entering and leaving SGB II — so the same seed and size give the same file.
//
// The rows go into one CSV file that both PostgreSQL (COPY) and DuckDB (read_csv) load, so both
// engines hold exactly the same data; `fingerprint` is computed here while writing, so each
// engine's load can be checked against it.
import fs from "node:fs";

export const FIRST_YEAR = 2015;
export const LAST_YEAR = 2024;

export type AreaSpec = {
  /** 1…40 (0 is the city in results). */
  id: number;
  code: string;
  /** Relative size. */
  weight: number;
  /** Base SGB-II share in the area (0…1). */
  deprivation: number;
  /** Share of foreign nationals among the initial residents. */
  foreignShare: number;
  /** Extra share of residents aged 60+ (older quarters). */
  oldBias: number;
};

/** 38 social areas of 4,000–30,000 residents (at full size) and two sparsely populated ones. */
export function monitoringAreas(): AreaSpec[] {
  const areas: AreaSpec[] = [];
  for (let i = 1; i <= 40; i++) {
    const sparse = i > 38;
    const deprivation = 0.02 + ((i * 37) % 26) / 100;
    areas.push({
      id: i,
      code: `SR${String(i).padStart(2, "0")}`,
      // Two sparse areas: an industrial estate (~55 residents) and a hamlet (~165) at 600,000.
      weight: sparse ? (i === 39 ? 60 : 180) : 4_000 + ((i * 7919) % 38) * 700,
      deprivation,
      foreignShare: Math.min(0.4, 0.03 + 0.6 * deprivation + ((i * 13) % 10) / 100),
      oldBias: ((i * 11) % 8) / 20,
    });
  }
  return areas;
}

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampler(weights: number[], rnd: () => number): () => number {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) {
    s += w;
    cum.push(s);
  }
  return () => {
    const x = rnd() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const NAT_GERMAN = 0;
const NAT_DUAL = 1;
const NAT_FOREIGN = 2;
const NAT_CODES = ["german", "dual", "foreign"];
const SEX_CODES = ["f", "m", "d"];

export type Fingerprint = Record<
  | "rows"
  | "years"
  | "areas"
  | "person_ids"
  | "ages"
  | "female"
  | "foreign_nationals"
  | "dual_citizens"
  | "sgb2"
  | "sozialgeld"
  | "naturalised",
  string
>;

export type GeneratedData = { rows: number; persons: number; fingerprint: Fingerprint; bytes: number };

/**
 * Simulates the city and writes `year,area,person_id,sex,age,nationality,sgb2,sozialgeld,naturalised`
 * rows (booleans t/f, no header) to `file`.
 */
export function generatePersonYears(file: string, residents: number, seed = 6): GeneratedData {
  const rnd = prng(seed);
  const areas = monitoringAreas();
  const pickArea = sampler(
    areas.map((a) => a.weight),
    rnd,
  );
  // Newcomers from abroad settle more often where many foreign nationals live already.
  const pickAreaForeign = sampler(
    areas.map((a) => a.weight * (0.5 + 3 * a.foreignShare)),
    rnd,
  );
  // Ages of the resident population (relative weight per year of age 0…99) and of newcomers.
  const ageWeights = Array.from({ length: 100 }, (_, a) =>
    a < 20
      ? 0.95
      : a < 30
        ? 1.15
        : a < 40
          ? 1.2
          : a < 50
            ? 1.15
            : a < 60
              ? 1.45
              : a < 70
                ? 1.3
                : a < 80
                  ? 1.0
                  : a < 90
                    ? 0.6
                    : 0.12,
  );
  const pickAge = sampler(ageWeights, rnd);
  const pickMigrantAge = sampler(
    Array.from({ length: 81 }, (_, a) => (a < 18 ? 0.8 : a < 35 ? 2.5 : a < 50 ? 1.2 : a < 65 ? 0.5 : 0.15)),
    rnd,
  );

  const cap = Math.ceil(residents * 2.5) + 1_000;
  const birthYear = new Int16Array(cap);
  const sex = new Uint8Array(cap);
  const area = new Uint8Array(cap);
  const nat = new Uint8Array(cap);
  const sgb = new Uint8Array(cap);
  const naturalisedIn = new Int16Array(cap);
  let next = 0;

  const sgbTarget = (p: number, age: number) => {
    const base = areas[area[p]! - 1]!.deprivation;
    const m = nat[p] === NAT_FOREIGN ? 2 : nat[p] === NAT_DUAL ? 1.3 : 0.8;
    return Math.min(0.6, base * m * (age < 15 ? 1.35 : 1));
  };
  const newPerson = (year: number, age: number, a: number, n: number) => {
    const p = next++;
    if (p >= cap) throw new Error("monitoring bench: person capacity exceeded");
    birthYear[p] = year - age;
    const s = rnd();
    sex[p] = s < 0.505 ? 0 : s < 0.999 ? 1 : 2;
    area[p] = a;
    nat[p] = n;
    naturalisedIn[p] = 0;
    sgb[p] = age < 65 && rnd() < sgbTarget(p, age) ? 1 : 0;
    return p;
  };

  // The residents at the end of the year before the first reported year.
  let present: number[] = [];
  for (let i = 0; i < residents; i++) {
    const ai = pickArea();
    const spec = areas[ai]!;
    const age = rnd() < spec.oldBias ? 60 + Math.floor(rnd() * 36) : pickAge();
    const r = rnd();
    const n = r < spec.foreignShare ? NAT_FOREIGN : r < spec.foreignShare + 0.05 ? NAT_DUAL : NAT_GERMAN;
    present.push(newPerson(FIRST_YEAR - 1, age, spec.id, n));
  }

  const fd = fs.openSync(file, "w");
  let bytes = 0;
  const fp = {
    rows: 0,
    years: 0,
    areas: 0,
    person_ids: 0,
    ages: 0,
    female: 0,
    foreign_nationals: 0,
    dual_citizens: 0,
    sgb2: 0,
    sozialgeld: 0,
    naturalised: 0,
  };
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const stay: number[] = [];
    for (const p of present) {
      const age = year - birthYear[p]!;
      const death = Math.min(0.5, Math.max(0.0004, 0.00003 * Math.exp(0.095 * age)));
      if (rnd() < death) continue;
      const out = 0.03 * (age >= 18 && age < 35 ? 2 : 1) * (nat[p] === NAT_FOREIGN ? 1.5 : 1);
      if (rnd() < out) continue;
      if (rnd() < 0.03) area[p] = areas[pickArea()]!.id;
      if (nat[p] === NAT_FOREIGN && age >= 6 && rnd() < 0.02) {
        nat[p] = rnd() < 0.55 ? NAT_GERMAN : NAT_DUAL;
        naturalisedIn[p] = year;
      }
      if (age >= 65) sgb[p] = 0;
      else if (sgb[p]) sgb[p] = rnd() < 0.8 ? 1 : 0;
      else {
        const t = sgbTarget(p, age);
        sgb[p] = rnd() < (t / (1 - t)) * 0.2 ? 1 : 0;
      }
      stay.push(p);
      if (sex[p] === 0 && age >= 15 && age <= 44 && rnd() < 0.045) {
        const childNat =
          nat[p] === NAT_FOREIGN
            ? rnd() < 0.6
              ? NAT_FOREIGN
              : NAT_DUAL
            : nat[p] === NAT_DUAL && rnd() < 0.5
              ? NAT_DUAL
              : NAT_GERMAN;
        const c = newPerson(year, 0, area[p]!, childNat);
        sgb[c] = sgb[p]!; // a child lives in its mother's household
        stay.push(c);
      }
    }
    // Newcomers: the city grows by 0.3 % a year.
    const target = Math.round(residents * (1 + 0.003 * (year - FIRST_YEAR + 1)));
    for (let k = stay.length; k < target; k++) {
      const r = rnd();
      const n = r < 0.45 ? NAT_FOREIGN : r < 0.5 ? NAT_DUAL : NAT_GERMAN;
      const a = areas[n === NAT_GERMAN ? pickArea() : pickAreaForeign()]!.id;
      stay.push(newPerson(year, pickMigrantAge(), a, n));
    }
    present = stay;

    // The year's rows, in chunks.
    let chunk: string[] = [];
    const flush = () => {
      const text = chunk.join("");
      bytes += fs.writeSync(fd, text);
      chunk = [];
    };
    for (const p of present) {
      const age = year - birthYear[p]!;
      const s = sgb[p] === 1 && age < 65;
      const soz = s && age < 15;
      const nd = naturalisedIn[p] === year;
      chunk.push(
        `${year},${area[p]},${p + 1},${SEX_CODES[sex[p]!]},${age},${NAT_CODES[nat[p]!]},${s ? "t" : "f"},${soz ? "t" : "f"},${nd ? "t" : "f"}\n`,
      );
      fp.rows++;
      fp.years += year;
      fp.areas += area[p]!;
      fp.person_ids += p + 1;
      fp.ages += age;
      if (sex[p] === 0) fp.female++;
      if (nat[p] === NAT_FOREIGN) fp.foreign_nationals++;
      if (nat[p] === NAT_DUAL) fp.dual_citizens++;
      if (s) fp.sgb2++;
      if (soz) fp.sozialgeld++;
      if (nd) fp.naturalised++;
      if (chunk.length === 50_000) flush();
    }
    flush();
  }
  fs.closeSync(fd);
  const fingerprint = Object.fromEntries(Object.entries(fp).map(([k, v]) => [k, String(v)])) as Fingerprint;
  return { rows: fp.rows, persons: next, fingerprint, bytes };
}

/** The same fingerprint as SQL (both engines); integer sums, so exact. */
export const FINGERPRINT_SQL = `SELECT count(*) AS rows, sum(year) AS years, sum(area) AS areas,
  sum(person_id) AS person_ids, sum(age) AS ages,
  count(*) FILTER (WHERE sex = 'f') AS female,
  count(*) FILTER (WHERE nationality = 'foreign') AS foreign_nationals,
  count(*) FILTER (WHERE nationality = 'dual') AS dual_citizens,
  count(*) FILTER (WHERE sgb2) AS sgb2,
  count(*) FILTER (WHERE sozialgeld) AS sozialgeld,
  count(*) FILTER (WHERE naturalised) AS naturalised
FROM person_years`;

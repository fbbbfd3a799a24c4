// Small-area monitoring at city scale: person-level register data for 600,000 residents in 40
// social areas over ten years (≈ 6 million person-year rows, bench/monitoring-data.ts), loaded
// into a throwaway PostgreSQL cluster and into DuckDB (@duckdb/node-api, in memory) in the same
// run, from the same CSV file. Both engines must hold identical data (a fingerprint of integer
// sums, checked against the generator) before anything is timed.
//
// Timed: "every template indicator for every area and year, plus the city" — the data elements
// of src/modules/monitoring/templates.ts (population by sex × age band × nationality, SGB-II
// recipients under 65, Sozialgeld under 15, naturalisations) aggregated from the person rows, and
// from them the template indicators (population total/female/male, change to the previous year,
// share of foreign nationals and of dual citizens, old-age ratio Unna 65+/<20 and NRW 65+/20–64,
// youth ratio, SGB-II rate under 65, Sozialgeld share under 15, naturalisation rate over the
// previous year's foreign nationals). The same SQL text runs on both engines; both results must
// agree row by row before the figures are reported.
//
// Two person-level formulations, both on both engines: the data elements at their finest
// breakdown (a cube by sex × age band × nationality, as an import would deliver them) summed into
// the indicators' terms, and FILTER aggregates per area and year. On PostgreSQL the timed runs use
// work_mem 64 MB (the cluster's 4 MB default sorts on disk; logged for the record), and the FILTER
// formulation is timed once more over a covering index (index-only scan in area/year order). Both
// engines run in turn, run by run, so load from other processes falls on both alike; each
// figure is the median of 10 runs after 2 warm-up runs, and p95 of 10 runs is the slowest one.
//
// Reported separately and labelled as such: the same indicators computed from stored, aggregated
// data elements (long format: element, area, year, breakdown key, value — how Lotse keeps
// monitoring values), which is what Lotse actually does. Baselines from the same run: `SELECT 1`
// and a plain `count(*)` over the person table on each engine.
//
// Targets (issue 6): ≤ 2 s on PostgreSQL, and ≤ 3× DuckDB.
// Set BENCH_SCALE=0.1 for a quick run at a tenth of the population.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import {
  FINGERPRINT_SQL,
  FIRST_YEAR,
  type Fingerprint,
  generatePersonYears,
  LAST_YEAR,
} from "./monitoring-data.ts";
import type { Bench, BenchRow } from "./types.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const RESIDENTS = Math.round(600_000 * SCALE);
const WARMUP = 2;
const RUNS = 10;

const fmt = (n: number, d = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (n: number) => n.toLocaleString("en-US");

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

type Timing = { p50: number; p95: number; runs: number };
async function measure(fn: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95), runs };
}

/**
 * Both engines in turn, run by run, so that the load other processes put on the machine falls on
 * both alike (the ratio is what the target is about).
 */
async function measurePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs = RUNS,
  warmup = WARMUP,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let s = performance.now();
    await a();
    ta.push(performance.now() - s);
    s = performance.now();
    await b();
    tb.push(performance.now() - s);
  }
  return [
    { p50: pct(ta, 50), p95: pct(ta, 95), runs },
    { p50: pct(tb, 50), p95: pct(tb, 95), runs },
  ];
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

// ---- SQL (one text for both engines) -------------------------------------------------------

const TABLE_DDL = `CREATE TABLE person_years (
  year smallint NOT NULL,
  area smallint NOT NULL,
  person_id integer NOT NULL,
  sex text NOT NULL,
  age smallint NOT NULL,
  nationality text NOT NULL,
  sgb2 boolean NOT NULL,
  sozialgeld boolean NOT NULL,
  naturalised boolean NOT NULL
)`;

const AGE_BAND = `CASE WHEN age < 15 THEN '0-14' WHEN age < 20 THEN '15-19' WHEN age < 65 THEN '20-64' ELSE '65+' END`;

/** a × 100 / b as a double; NULL when b is 0 or missing. */
const rate = (a: string, b: string) =>
  `100 * CAST(${a} AS DOUBLE PRECISION) / CAST(NULLIF(${b}, 0) AS DOUBLE PRECISION)`;

const INDICATOR_COLUMNS = [
  "population_total",
  "population_female",
  "population_male",
  "population_change",
  "foreign_share",
  "dual_share",
  "old_age_ratio_unna",
  "old_age_ratio_nrw",
  "youth_ratio",
  "sgb2_rate",
  "sozialgeld_u15_share",
  "naturalisation_rate",
] as const;

/** The template indicators from a CTE `el` (year, area_id, the element sums), area 0 = the city. */
const INDICATORS_FROM_EL = `
SELECT e.year, e.area_id,
  e.pop AS population_total,
  e.pop_f AS population_female,
  e.pop_m AS population_male,
  ${rate("e.pop - p.pop", "p.pop")} AS population_change,
  ${rate("e.pop_foreign", "e.pop")} AS foreign_share,
  ${rate("e.pop_dual", "e.pop")} AS dual_share,
  ${rate("e.pop_65p", "e.pop_0_14 + e.pop_15_19")} AS old_age_ratio_unna,
  ${rate("e.pop_65p", "e.pop_20_64")} AS old_age_ratio_nrw,
  ${rate("e.pop_0_14 + e.pop_15_19", "e.pop_20_64")} AS youth_ratio,
  ${rate("e.sgb2_u65", "e.pop_0_14 + e.pop_15_19 + e.pop_20_64")} AS sgb2_rate,
  ${rate("e.sozialgeld_u15", "e.pop_0_14")} AS sozialgeld_u15_share,
  ${rate("e.naturalisations", "p.pop_foreign")} AS naturalisation_rate
FROM el e LEFT JOIN el p ON p.area_id = e.area_id AND p.year = e.year - 1
ORDER BY e.year, e.area_id`;

const sumOf = (expr: string, where: string | null, as: string) =>
  `CAST(coalesce(sum(${expr})${where ? ` FILTER (WHERE ${where})` : ""}, 0) AS BIGINT) AS ${as}`;

/**
 * Person level: the data elements at their finest breakdown (year × area × sex × age band ×
 * nationality) from the person rows, summed per area and for the city, then the indicators.
 */
const PERSON_CUBE_SQL = `WITH cube AS (
  SELECT year, area, sex, ${AGE_BAND} AS age_band, nationality,
    count(*) AS population,
    count(*) FILTER (WHERE sgb2 AND age < 65) AS sgb2_u65,
    count(*) FILTER (WHERE sozialgeld AND age < 15) AS sozialgeld_u15,
    count(*) FILTER (WHERE naturalised) AS naturalisations
  FROM person_years
  GROUP BY year, area, sex, age_band, nationality
), el AS (
  SELECT year, coalesce(area, 0) AS area_id,
    ${sumOf("population", null, "pop")},
    ${sumOf("population", "sex = 'f'", "pop_f")},
    ${sumOf("population", "sex = 'm'", "pop_m")},
    ${sumOf("population", "age_band = '0-14'", "pop_0_14")},
    ${sumOf("population", "age_band = '15-19'", "pop_15_19")},
    ${sumOf("population", "age_band = '20-64'", "pop_20_64")},
    ${sumOf("population", "age_band = '65+'", "pop_65p")},
    ${sumOf("population", "nationality = 'foreign'", "pop_foreign")},
    ${sumOf("population", "nationality = 'dual'", "pop_dual")},
    ${sumOf("sgb2_u65", null, "sgb2_u65")},
    ${sumOf("sozialgeld_u15", null, "sozialgeld_u15")},
    ${sumOf("naturalisations", null, "naturalisations")}
  FROM cube
  GROUP BY GROUPING SETS ((year, area), (year))
)${INDICATORS_FROM_EL}`;

/**
 * Person level, second formulation: the element values the formulas need (totals by sex, by age
 * band, by nationality; the benefit and naturalisation counts) as FILTER aggregates per area and
 * year, without the full cross-breakdown. Streams over a covering index on PostgreSQL.
 */
const PERSON_FILTER_SQL = `WITH el AS (
  SELECT year, coalesce(area, 0) AS area_id,
    count(*) AS pop,
    count(*) FILTER (WHERE sex = 'f') AS pop_f,
    count(*) FILTER (WHERE sex = 'm') AS pop_m,
    count(*) FILTER (WHERE age < 15) AS pop_0_14,
    count(*) FILTER (WHERE age >= 15 AND age < 20) AS pop_15_19,
    count(*) FILTER (WHERE age >= 20 AND age < 65) AS pop_20_64,
    count(*) FILTER (WHERE age >= 65) AS pop_65p,
    count(*) FILTER (WHERE nationality = 'foreign') AS pop_foreign,
    count(*) FILTER (WHERE nationality = 'dual') AS pop_dual,
    count(*) FILTER (WHERE sgb2 AND age < 65) AS sgb2_u65,
    count(*) FILTER (WHERE sozialgeld AND age < 15) AS sozialgeld_u15,
    count(*) FILTER (WHERE naturalised) AS naturalisations
  FROM person_years
  GROUP BY GROUPING SETS ((year, area), (year))
)${INDICATORS_FROM_EL}`;

/** A covering index for the FILTER formulation: sorted by area and year, every column it reads. */
const COVERING_INDEX_DDL =
  "CREATE INDEX person_years_year_area_idx ON person_years (year, area) INCLUDE (sex, age, nationality, sgb2, sozialgeld, naturalised)";

/** Analytical session setting on PostgreSQL: enough memory to aggregate in a hash table, not on disk. */
const PG_WORK_MEM = "64MB";

/** Stored data elements in Lotse's long format (breakdown keys as in the contracts). Not timed. */
const ELEMENTS_DDL = `CREATE TABLE element_values AS
SELECT 'population' AS element, area, year,
  'sex:' || sex || ';age:' || age_band || ';nationality:' || nationality AS breakdown,
  CAST(count(*) AS DOUBLE PRECISION) AS value
FROM (SELECT area, year, sex, nationality, ${AGE_BAND} AS age_band FROM person_years) p
GROUP BY area, year, sex, age_band, nationality
UNION ALL
SELECT 'sgb2_recipients_u65', area, year, 'sex:' || sex, CAST(count(*) AS DOUBLE PRECISION)
FROM person_years WHERE sgb2 AND age < 65 GROUP BY area, year, sex
UNION ALL
SELECT 'sozialgeld_u15', area, year, 'sex:' || sex, CAST(count(*) AS DOUBLE PRECISION)
FROM person_years WHERE sozialgeld AND age < 15 GROUP BY area, year, sex
UNION ALL
SELECT 'naturalisations', area, year, 'sex:' || sex, CAST(count(*) AS DOUBLE PRECISION)
FROM person_years WHERE naturalised GROUP BY area, year, sex`;

/** The Lotse way: the indicators from the stored data elements (formulas over breakdown keys). */
const POP = "element = 'population'";
const ELEMENT_LEVEL_SQL = `WITH el AS (
  SELECT year, coalesce(area, 0) AS area_id,
    ${sumOf("value", POP, "pop")},
    ${sumOf("value", `${POP} AND breakdown LIKE 'sex:f;%'`, "pop_f")},
    ${sumOf("value", `${POP} AND breakdown LIKE 'sex:m;%'`, "pop_m")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;age:0-14;%'`, "pop_0_14")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;age:15-19;%'`, "pop_15_19")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;age:20-64;%'`, "pop_20_64")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;age:65+;%'`, "pop_65p")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;nationality:foreign'`, "pop_foreign")},
    ${sumOf("value", `${POP} AND breakdown LIKE '%;nationality:dual'`, "pop_dual")},
    ${sumOf("value", "element = 'sgb2_recipients_u65'", "sgb2_u65")},
    ${sumOf("value", "element = 'sozialgeld_u15'", "sozialgeld_u15")},
    ${sumOf("value", "element = 'naturalisations'", "naturalisations")}
  FROM element_values
  GROUP BY GROUPING SETS ((year, area), (year))
)${INDICATORS_FROM_EL}`;

// ---- Results: normalise, compare, checksum ---------------------------------------------------

type ResultRow = { key: string; values: (number | null)[] };

function normalise(rows: Record<string, unknown>[]): ResultRow[] {
  return rows.map((r) => ({
    key: `${Number(r.year)}/${Number(r.area_id)}`,
    values: INDICATOR_COLUMNS.map((c) => (r[c] === null || r[c] === undefined ? null : Number(r[c]))),
  }));
}

/** First difference between two results, or null when they agree (doubles to 1e-9 relative). */
function difference(a: ResultRow[], b: ResultRow[]): string | null {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key) return `row ${i}: ${x.key} vs ${y.key}`;
    for (let j = 0; j < INDICATOR_COLUMNS.length; j++) {
      const u = x.values[j]!;
      const v = y.values[j]!;
      const same = u === null || v === null ? u === v : Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u));
      if (!same) return `${x.key} ${INDICATOR_COLUMNS[j]}: ${u} vs ${v}`;
    }
  }
  return null;
}

function checksum(rows: ResultRow[]): string {
  let s = 0;
  for (const r of rows) for (const v of r.values) if (v !== null) s += Math.round(v * 1e6) / 1e6;
  return s.toFixed(4);
}

// ---- Engines ---------------------------------------------------------------------------------

type Engine = {
  name: string;
  query(sql: string): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
};

async function duckEngine(): Promise<{ engine: Engine; version: string; close: () => void }> {
  const duck = await import("@duckdb/node-api");
  const instance = await duck.DuckDBInstance.create(":memory:");
  const conn: DuckDBConnection = await instance.connect();
  return {
    engine: {
      name: "DuckDB",
      async query(sql) {
        const reader = await conn.runAndReadAll(sql);
        return reader.getRowObjects() as Record<string, unknown>[];
      },
      async exec(sql) {
        await conn.run(sql);
      },
    },
    version: duck.version(),
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

function fingerprintOf(row: Record<string, unknown>): Fingerprint {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])) as Fingerprint;
}

/** The statements, for looking at plans by hand. */
export const MONITORING_SQL = {
  TABLE_DDL,
  PERSON_CUBE_SQL,
  PERSON_FILTER_SQL,
  COVERING_INDEX_DDL,
  ELEMENTS_DDL,
  ELEMENT_LEVEL_SQL,
  FINGERPRINT_SQL,
};

const bench: Bench = {
  title: "monitoring",
  async run(log) {
    const bin = findPostgresBin();
    if (!bin) {
      log("PostgreSQL binaries not found: skipped (install the Debian package postgresql).");
      return [{ metric: "skipped", value: "—", note: "no PostgreSQL binaries" }];
    }
    // The CSV both engines load; readable by the cluster's server process (it may run as postgres).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-monitoring-"));
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, "person_years.csv");
    const rows: BenchRow[] = [];
    let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
    let closeDuck: (() => void) | null = null;
    try {
      let t0 = performance.now();
      const data = generatePersonYears(file, RESIDENTS);
      fs.chmodSync(file, 0o644);
      const genS = (performance.now() - t0) / 1000;
      log(
        `generated ${int(data.rows)} person-year rows (${int(RESIDENTS)} residents, ${FIRST_YEAR}–${LAST_YEAR}, ${int(data.persons)} persons in all, 40 areas) in ${fmt(genS)} s; CSV ${fmt(data.bytes / 1e6)} MB`,
      );

      cluster = await startCluster(bin);
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query("CREATE DATABASE lotse_bench");
      await admin.end();
      const client = new pg.Client({ connectionString: cluster.url("lotse_bench") });
      await client.connect();
      const pgEngine: Engine = {
        name: "PostgreSQL",
        async query(sql) {
          return (await client.query(sql)).rows as Record<string, unknown>[];
        },
        async exec(sql) {
          await client.query(sql);
        },
      };
      const pgVersion = String((await pgEngine.query("SHOW server_version"))[0]!.server_version);

      t0 = performance.now();
      await pgEngine.exec(TABLE_DDL);
      await pgEngine.exec(`COPY person_years FROM '${file}' WITH (FORMAT csv)`);
      await pgEngine.exec("VACUUM (ANALYZE) person_years");
      const pgLoadS = (performance.now() - t0) / 1000;
      const pgSize = String(
        (await pgEngine.query("SELECT pg_size_pretty(pg_total_relation_size('person_years')) AS s"))[0]!.s,
      );

      t0 = performance.now();
      const duckdb = await duckEngine();
      closeDuck = duckdb.close;
      const duckEngineI = duckdb.engine;
      await duckEngineI.exec(TABLE_DDL);
      await duckEngineI.exec(
        `INSERT INTO person_years SELECT * FROM read_csv('${file}', header = false, columns = {'year': 'SMALLINT', 'area': 'SMALLINT', 'person_id': 'INTEGER', 'sex': 'VARCHAR', 'age': 'SMALLINT', 'nationality': 'VARCHAR', 'sgb2': 'BOOLEAN', 'sozialgeld': 'BOOLEAN', 'naturalised': 'BOOLEAN'})`,
      );
      const duckLoadS = (performance.now() - t0) / 1000;
      fs.rmSync(file);
      log(
        `loaded: PostgreSQL ${pgVersion} in ${fmt(pgLoadS)} s (COPY + VACUUM ANALYZE, ${pgSize}); DuckDB ${duckdb.version} (in memory) in ${fmt(duckLoadS)} s`,
      );

      // Same data on both engines, and the same as generated.
      const fpPg = fingerprintOf((await pgEngine.query(FINGERPRINT_SQL))[0]!);
      const fpDuck = fingerprintOf((await duckEngineI.query(FINGERPRINT_SQL))[0]!);
      const fpGen = JSON.stringify(data.fingerprint);
      if (JSON.stringify(fpPg) !== fpGen || JSON.stringify(fpDuck) !== fpGen) {
        throw new Error(
          `monitoring bench: loaded data differ: generated ${fpGen}, PostgreSQL ${JSON.stringify(fpPg)}, DuckDB ${JSON.stringify(fpDuck)}`,
        );
      }
      log(
        `identical data on both engines: ${Object.entries(fpPg)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );

      // Stored data elements (the Lotse way), same SQL on both engines; not timed.
      t0 = performance.now();
      await pgEngine.exec(ELEMENTS_DDL);
      await pgEngine.exec("ANALYZE element_values");
      await duckEngineI.exec(ELEMENTS_DDL);
      const elementsS = (performance.now() - t0) / 1000;
      const elCount = async (e: Engine) =>
        String((await e.query("SELECT count(*) AS n FROM element_values"))[0]!.n);
      const [elPg, elDuck] = [await elCount(pgEngine), await elCount(duckEngineI)];
      if (elPg !== elDuck) throw new Error(`monitoring bench: element values differ: ${elPg} vs ${elDuck}`);
      log(
        `stored data elements: ${int(Number(elPg))} values per engine (built in ${fmt(elementsS)} s, both)`,
      );

      // Results must agree: PostgreSQL vs DuckDB, each formulation, and person level vs stored elements.
      const results = {
        pgCube: normalise(await pgEngine.query(PERSON_CUBE_SQL)),
        duckCube: normalise(await duckEngineI.query(PERSON_CUBE_SQL)),
        pgFilter: normalise(await pgEngine.query(PERSON_FILTER_SQL)),
        duckFilter: normalise(await duckEngineI.query(PERSON_FILTER_SQL)),
        pgElements: normalise(await pgEngine.query(ELEMENT_LEVEL_SQL)),
        duckElements: normalise(await duckEngineI.query(ELEMENT_LEVEL_SQL)),
      };
      for (const [name, r] of Object.entries(results)) {
        const diff = difference(results.pgCube, r);
        if (diff) throw new Error(`monitoring bench: ${name} differs from PostgreSQL person level: ${diff}`);
      }
      const reference = results.pgCube;
      const cells = reference.length * INDICATOR_COLUMNS.length;
      const nulls = reference.reduce((n, r) => n + r.values.filter((v) => v === null).length, 0);
      log(
        `results agree (2 engines × 3 queries): ${int(reference.length)} area-years (areas with residents + the city, per year) × ${INDICATOR_COLUMNS.length} indicators = ${int(cells)} values (${int(nulls)} empty: no previous year or denominator 0); checksum PG ${checksum(results.pgCube)}, DuckDB ${checksum(results.duckCube)}`,
      );
      const city = reference.find((r) => r.key === `${LAST_YEAR}/0`)!;
      log(
        `city ${LAST_YEAR}: ${INDICATOR_COLUMNS.map((c, i) => `${c} ${city.values[i] === null ? "–" : fmt(city.values[i]!, 2)}`).join(", ")}`,
      );
      const sparse = reference.filter((r) => r.key.endsWith("/39") || r.key.endsWith("/40"));
      log(
        `sparse areas SR39/SR40: ${int(Math.min(...sparse.map((r) => r.values[0] ?? 0)))}–${int(Math.max(...sparse.map((r) => r.values[0] ?? 0)))} residents a year`,
      );

      // How PostgreSQL runs a statement (node types of the plan), for the log.
      const planOf = async (sql: string) => {
        const plan = (await pgEngine.query(`EXPLAIN ${sql}`)).map((r) => String(r["QUERY PLAN"])).join("\n");
        const nodes = [
          "Parallel Seq Scan",
          "Seq Scan",
          "Index Only Scan",
          "HashAggregate",
          "MixedAggregate",
          "GroupAggregate",
          "Sort",
        ].filter((n) => plan.includes(n));
        const workers = /Workers Planned: (\d+)/.exec(plan);
        const shown = nodes.filter((n) => !(n === "Seq Scan" && nodes.includes("Parallel Seq Scan")));
        return `${shown.join(", ")}${workers ? ` (${workers[1]} workers planned)` : ""}`;
      };

      // Baselines, then the workloads.
      const ms = (t: Timing, d = 1) => `p50 ${fmt(t.p50, d)} ms, p95 ${fmt(t.p95, d)} ms`;
      const loadBefore = load();
      log(`load average before timing: ${loadBefore}`);
      const [select1Pg, select1Duck] = await measurePair(
        () => pgEngine.query("SELECT 1"),
        () => duckEngineI.query("SELECT 1"),
        200,
        20,
      );
      const [countPg, countDuck] = await measurePair(
        () => pgEngine.query("SELECT count(*) FROM person_years"),
        () => duckEngineI.query("SELECT count(*) FROM person_years"),
      );
      log(`baseline SELECT 1: PostgreSQL ${ms(select1Pg, 2)}; DuckDB ${ms(select1Duck, 2)}`);
      log(`baseline count(*) over person_years: PostgreSQL ${ms(countPg)}; DuckDB ${ms(countDuck)}`);

      // PostgreSQL as the cluster comes (work_mem 4 MB): a few runs, for the record.
      const cubeDefault = await measure(() => pgEngine.query(PERSON_CUBE_SQL), 3, 1);
      log(
        `person level (cube), PostgreSQL with default work_mem: ${ms(cubeDefault)} — ${await planOf(PERSON_CUBE_SQL)}`,
      );
      await pgEngine.exec(`SET work_mem = '${PG_WORK_MEM}'`);

      const [cubePg, cubeDuck] = await measurePair(
        () => pgEngine.query(PERSON_CUBE_SQL),
        () => duckEngineI.query(PERSON_CUBE_SQL),
      );
      log(
        `person level (cube: elements by sex × age band × nationality, then indicators): PostgreSQL ${ms(cubePg)} — ${await planOf(PERSON_CUBE_SQL)}; DuckDB ${ms(cubeDuck)}`,
      );
      const [filterPg, filterDuck] = await measurePair(
        () => pgEngine.query(PERSON_FILTER_SQL),
        () => duckEngineI.query(PERSON_FILTER_SQL),
      );
      log(
        `person level (FILTER aggregates per area and year): PostgreSQL ${ms(filterPg)} — ${await planOf(PERSON_FILTER_SQL)}; DuckDB ${ms(filterDuck)}`,
      );
      t0 = performance.now();
      await pgEngine.exec(COVERING_INDEX_DDL);
      await pgEngine.exec("VACUUM (ANALYZE) person_years");
      const indexS = (performance.now() - t0) / 1000;
      const indexSize = String(
        (
          await pgEngine.query("SELECT pg_size_pretty(pg_relation_size('person_years_year_area_idx')) AS s")
        )[0]!.s,
      );
      const [indexedPg, indexedDuck] = await measurePair(
        () => pgEngine.query(PERSON_FILTER_SQL),
        () => duckEngineI.query(PERSON_FILTER_SQL),
      );
      const indexedPlan = await planOf(PERSON_FILTER_SQL);
      log(
        `person level (FILTER) with a covering index (${indexSize}, built in ${fmt(indexS)} s): PostgreSQL ${ms(indexedPg)} — ${indexedPlan}; DuckDB (no index) ${ms(indexedDuck)}`,
      );
      const indexedResult = normalise(await pgEngine.query(PERSON_FILTER_SQL));
      const indexedDiff = difference(reference, indexedResult);
      if (indexedDiff) throw new Error(`monitoring bench: indexed result differs: ${indexedDiff}`);

      const [elementsPg, elementsDuck] = await measurePair(
        () => pgEngine.query(ELEMENT_LEVEL_SQL),
        () => duckEngineI.query(ELEMENT_LEVEL_SQL),
        50,
        5,
      );
      const loadAfter = load();
      log(`load average after timing: ${loadAfter}`);
      log(
        `indicators from stored data elements (the Lotse way): PostgreSQL ${ms(elementsPg)}; DuckDB ${ms(elementsDuck)}`,
      );
      await client.end();

      const ratio = (a: Timing, b: Timing) => fmt(a.p50 / b.p50);
      const targets = (pgT: Timing, duckT: Timing) =>
        `${pgT.p95 <= 2000 ? "≤ 2 s met" : "2 s MISSED"}, ${pgT.p50 / duckT.p50 <= 3 ? "≤ 3× met" : "3× MISSED"}`;
      const row = (metric: string, pgT: Timing, duckT: Timing, what: string): BenchRow => ({
        metric,
        value: `${fmt(pgT.p50)} ms`,
        note: `PG p95 ${fmt(pgT.p95)} ms; DuckDB p50 ${fmt(duckT.p50)} ms, p95 ${fmt(duckT.p95)} ms; PG/DuckDB ${ratio(pgT, duckT)}× (${targets(pgT, duckT)}); ${what}`,
      });
      rows.push(
        {
          metric: "data",
          value: `${int(data.rows)} rows`,
          note: `${int(RESIDENTS)} residents × ${LAST_YEAR - FIRST_YEAR + 1} years, 40 areas; generated ${fmt(genS)} s; loaded PG ${fmt(pgLoadS)} s (${pgSize}), DuckDB ${fmt(duckLoadS)} s; identical fingerprint; ${int(cells)} indicator values agree; load average ${loadBefore} → ${loadAfter}`,
        },
        {
          metric: "baseline SELECT 1 p50, PG",
          value: `${fmt(select1Pg.p50, 2)} ms`,
          note: `DuckDB ${fmt(select1Duck.p50, 2)} ms`,
        },
        {
          metric: "baseline count(*) p50, PG",
          value: `${fmt(countPg.p50)} ms`,
          note: `DuckDB ${fmt(countDuck.p50)} ms; PG/DuckDB ${ratio(countPg, countDuck)}×`,
        },
        row(
          "person level (cube) p50, PG",
          cubePg,
          cubeDuck,
          `elements by sex × age × nationality, then indicators; work_mem ${PG_WORK_MEM} (default: p50 ${fmt(cubeDefault.p50)} ms)`,
        ),
        row(
          "person level (FILTER) p50, PG",
          filterPg,
          filterDuck,
          "FILTER aggregates per area and year, no index",
        ),
        row(
          "… + covering index p50, PG",
          indexedPg,
          indexedDuck,
          `same SQL, index-only scan (index ${indexSize}); DuckDB figure without index`,
        ),
        row(
          "from stored elements p50, PG",
          elementsPg,
          elementsDuck,
          `NOT person level: the Lotse way, indicators from ${int(Number(elPg))} stored element values`,
        ),
      );
    } finally {
      closeDuck?.();
      if (cluster) await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
export default bench;

// Survey analysis at scale (issue 5): 100,000 responses × 40 questions (bench/surveys-data.ts) in
// a city of 40 districts, on a throwaway PostgreSQL cluster and on PGlite, the same seeded data on
// both (checked against the generator's tallies before anything is timed).
//
// Timed (each: 3 warm-up runs, then 15 runs; p50 and p95 = the 15th of 15, i.e. the slowest):
// - the real service call services.surveyAnalysis.crossTab (what GET /api/v1/surveys/results
//   calls: form and definition loads, the aggregate SQL of analysis-repo.ts, district mapping,
//   small-cell suppression with secondary suppression) for a select_one and a select_multiple
//   question, by district and by sex;
// - the two-way table the issue names, district × gender: the count SQL
//   (`select area_id, sex, count(*) … group by 1, 2`) followed by suppressTable
//   (src/modules/statistics/small-cells.ts) with the tenant's rule;
// - baseline in the same run on the same engine and connection:
//   `select count(*) from survey_responses where tenant_id = …`.
// Target (issue 5): ≤ 500 ms on PostgreSQL (checked against p95). PGlite is reported alongside.
// The load average before and after timing is logged: the machine may be shared.
// The cross-tab results of both engines must agree (compared by heading) before figures are reported.
// Set BENCH_SCALE=0.1 for a quick run at a tenth of the responses.
import os from "node:os";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createServices } from "../src/composition/services.ts";
import { type SafeTable, smallCellRuleFor, suppressTable } from "../src/modules/statistics/small-cells.ts";
import type { CrossTab } from "../src/modules/surveys/analysis.ts";
import { writeXlsForm } from "../src/modules/surveys/xlsform.ts";
import { systemClock } from "../src/server/clock.ts";
import { loadConfig } from "../src/server/config.ts";
import { type DatabaseHandle, openDatabase } from "../src/server/db/client.ts";
import { uuidv7 } from "../src/server/db/ids.ts";
import type { CoreDeps } from "../src/server/deps.ts";
import { createLogger } from "../src/server/logger.ts";
import type { Principal } from "../src/server/policy/roles.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import {
  benchForm,
  DISTRICTS,
  districtWeights,
  generateResponses,
  SEX_VALUES,
  type Tallies,
} from "./surveys-data.ts";
import type { Bench, BenchRow } from "./types.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const RESPONSES = Math.round(100_000 * SCALE);
const SEED = 20_261_121;
const BATCH = 2_000;
const WARMUP = 3;
const RUNS = 15;
const TARGET_MS = 500;
const SELECT_ONE = "q01";
const SELECT_MULTIPLE = "q15";

const fmt = (n: number, d = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (n: number) => n.toLocaleString("en-US");

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

type Timing = { p50: number; p95: number };
async function measure(fn: () => Promise<unknown>, runs = RUNS, warmup = WARMUP): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95) };
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

/** The area ids are fixed, so both engines hold literally the same responses. */
const districtId = (k: number) => `00000000-0000-4000-8000-${String(k + 1).padStart(12, "0")}`;
const CITY_ID = "00000000-0000-4000-8000-000000009999";
const districtName = (k: number) => `Stadtbezirk ${String(k + 1).padStart(2, "0")}`;

type EngineResult = {
  engine: string;
  rows: BenchRow[];
  /** Cross-tabs by heading, for comparing engines. */
  shapes: Record<string, string>;
};

/** A cross-tab as text keyed by headings (ids differ between engines' tenants, names do not). */
function shapeOf(tab: CrossTab): string {
  const head = (h: CrossTab["columns"][number]) => h.label ?? h.labelKey ?? h.key;
  const cell = (c: { value: number | null; suppressed: string | null }) => c.suppressed ?? String(c.value);
  return JSON.stringify({
    columns: tab.columns.map(head),
    rows: tab.rows.map(head),
    cells: tab.cells.map((r) => r.map(cell)),
    columnTotals: tab.columnTotals.map(cell),
    rowTotals: tab.rowTotals.map(cell),
    total: cell(tab.total),
  });
}

function hiddenIn(cells: { suppressed: string | null }[]): { primary: number; secondary: number } {
  return {
    primary: cells.filter((c) => c.suppressed === "primary").length,
    secondary: cells.filter((c) => c.suppressed === "secondary").length,
  };
}
const tabCells = (t: CrossTab | SafeTable) => [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];

/** Tenant, 40 districts, analyst, the form and the responses; checked against the generator. */
export async function loadSurveyData(
  engine: "PostgreSQL" | "PGlite",
  handle: DatabaseHandle,
  L: (line: string) => void,
) {
  const config = loadConfig({
    NODE_ENV: "test",
    BASE_URL: "http://lotse.bench",
    SECRET_KEY: "bench-secret-key-bench-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
  });
  const core: CoreDeps = {
    db: handle.db,
    dbKind: engine === "PostgreSQL" ? "postgres" : "pglite",
    config,
    logger: createLogger("silent"),
    clock: systemClock,
  };
  const services = createServices(core);
  const db = handle.db;
  const tenant = await services.tenants.create({
    slug: config.defaultTenant,
    name: "Bench",
    kind: "municipality",
  });
  const tid = tenant.id;

  // A city with 40 districts (Stadtbezirke); responses carry the district as their area.
  const geometry = '{"type":"Polygon","coordinates":[[[7,51],[7.1,51],[7.1,51.1],[7,51]]]}';
  await db.execute(sql`INSERT INTO areas (tenant_id, id, parent_id, level, code, name, geometry, min_lon, min_lat, max_lon, max_lat)
    VALUES (${tid}, ${CITY_ID}, NULL, 'city', 'CITY', 'Bench-Stadt', ${geometry}::jsonb, 7, 51, 7.1, 51.1)`);
  for (let k = 0; k < DISTRICTS; k++) {
    await db.execute(sql`INSERT INTO areas (tenant_id, id, parent_id, level, code, name, geometry, min_lon, min_lat, max_lon, max_lat)
      VALUES (${tid}, ${districtId(k)}, ${CITY_ID}, 'district', ${`D${String(k + 1).padStart(2, "0")}`}, ${districtName(k)},
      ${geometry}::jsonb, 7, 51, 7.1, 51.1)`);
  }
  const analyst = await services.users.create(
    { kind: "system", tenantId: tid },
    {
      email: "analyst@bench.example",
      displayName: "Sozialplanung",
      password: "bench-password-123456",
      preferredLanguage: null,
      grants: [{ role: "analyst", scopeType: "tenant", scopeId: null }],
    },
  );
  const principal: Principal = {
    userId: analyst.id,
    tenantId: tid,
    sessionId: "bench",
    grants: [{ role: "analyst", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  // The 40-question form through the real import path (XLSForm → checked definition → version 1).
  const imported = await services.surveys.importXlsForm(principal, await writeXlsForm(benchForm()));
  const formId = imported.form.id;

  // Responses: seeded generator, 2,000 rows per INSERT … SELECT FROM jsonb_array_elements($1).
  const t0 = performance.now();
  const tallies: Tallies = await generateResponses(RESPONSES, SEED, BATCH, async (batch) => {
    const json = JSON.stringify(
      batch.map((r) => ({
        id: uuidv7(Date.parse(r.submittedAt)),
        sub: crypto.randomUUID(),
        ch: r.channel,
        lang: r.lang,
        a: r.answers,
        sex: r.sex,
        age: r.ageBand,
        area: r.area === null ? null : districtId(r.area),
        acc: r.accommodation,
        ph: r.phase,
        at: r.submittedAt,
      })),
    );
    await db.execute(sql`
      INSERT INTO survey_responses (tenant_id, id, form_id, form_version, submission_id, channel, lang, answers,
        sex, age_band, area_id, accommodation_kind, phase_key, submitted_at, submitted_by)
      SELECT ${tid}::uuid, (x ->> 'id')::uuid, ${formId}::uuid, 1, (x ->> 'sub')::uuid, x ->> 'ch', x ->> 'lang', x -> 'a',
        x ->> 'sex', x ->> 'age', (x ->> 'area')::uuid, x ->> 'acc', x ->> 'ph', (x ->> 'at')::timestamptz, ${analyst.id}::uuid
      FROM jsonb_array_elements(${json}::jsonb) AS x`);
  });
  await db.execute(sql`ANALYZE survey_responses`);
  const loadS = (performance.now() - t0) / 1000;
  const size = rowsOf<{ s: string }>(
    await db.execute(sql`SELECT pg_size_pretty(pg_total_relation_size('survey_responses')) AS s`),
  )[0]!.s;

  // The loaded data must be what was generated: responses per district × sex, and stored answers.
  const loaded = rowsOf<{ area_id: string | null; sex: string | null; n: number }>(
    await db.execute(
      sql`SELECT area_id, sex, count(*)::int AS n FROM survey_responses WHERE tenant_id = ${tid} GROUP BY 1, 2`,
    ),
  );
  const indexOf = new Map(Array.from({ length: DISTRICTS }, (_, k) => [districtId(k), k]));
  const got = new Map(
    loaded.map((r) => [`${r.area_id ? indexOf.get(r.area_id) : "-"}|${r.sex ?? "-"}`, Number(r.n)]),
  );
  const expected = [...tallies.districtSex.entries()].sort();
  if (JSON.stringify([...got.entries()].sort()) !== JSON.stringify(expected))
    throw new Error(`surveys bench (${engine}): loaded district × sex counts differ from the generator`);
  const keys = Number(
    rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT sum((SELECT count(*) FROM jsonb_object_keys(answers)))::int AS n FROM survey_responses WHERE tenant_id = ${tid}`,
      ),
    )[0]!.n,
  );
  if (keys !== tallies.answersStored)
    throw new Error(
      `surveys bench (${engine}): ${keys} stored answers, generator made ${tallies.answersStored}`,
    );
  L(
    `loaded ${int(tallies.responses)} responses × 40 questions (${int(keys)} answers stored) in ${fmt(loadS)} s (${size}); matches the generator's district × sex tallies`,
  );

  return { services, db, tenant, tid, formId, principal, tallies, loadS, size };
}

async function measureEngine(
  engine: "PostgreSQL" | "PGlite",
  handle: DatabaseHandle,
  log: (line: string) => void,
): Promise<EngineResult> {
  const L = (line: string) => log(`[${engine}] ${line}`);
  const { services, db, tenant, tid, formId, principal, tallies, loadS, size } = await loadSurveyData(
    engine,
    handle,
    L,
  );

  // Baseline and figures.
  const loadBefore = load();
  const baseline = await measure(() =>
    db.execute(sql`SELECT count(*) FROM survey_responses WHERE tenant_id = ${tid}`),
  );
  const tab = (question: string, by: "district" | "sex") => () =>
    services.surveyAnalysis.crossTab(principal, { formId, question, by }, "de");
  const rule = smallCellRuleFor(tenant.settings.smallCells);
  const twoWaySql = () =>
    db.execute(
      sql`SELECT area_id, sex, count(*)::int AS n FROM survey_responses WHERE tenant_id = ${tid} AND form_id = ${formId} GROUP BY 1, 2`,
    );
  const districtsOrdered = Array.from({ length: DISTRICTS }, (_, k) => districtId(k));
  const toMatrix = (rows: { area_id: string | null; sex: string | null; n: number }[]) => {
    // Rows: the 40 districts, then "unknown"; columns: the four sexes, then "unknown".
    const r = new Map(districtsOrdered.map((id, i) => [id, i]));
    const c = new Map(SEX_VALUES.map((s, j) => [s as string, j]));
    const m = Array.from({ length: DISTRICTS + 1 }, () => new Array<number>(SEX_VALUES.length + 1).fill(0));
    for (const row of rows) {
      const i = row.area_id ? (r.get(row.area_id) ?? DISTRICTS) : DISTRICTS;
      const j = row.sex ? (c.get(row.sex) ?? SEX_VALUES.length) : SEX_VALUES.length;
      m[i]![j]! += Number(row.n);
    }
    return m;
  };
  const twoWay = async () =>
    suppressTable(
      toMatrix(rowsOf<{ area_id: string | null; sex: string | null; n: number }>(await twoWaySql())),
      rule,
    );

  const figures: { metric: string; what: string; fn: () => Promise<unknown> }[] = [
    {
      metric: `crossTab ${SELECT_ONE} (select_one) × district`,
      what: "service call",
      fn: tab(SELECT_ONE, "district"),
    },
    {
      metric: `crossTab ${SELECT_MULTIPLE} (select_multiple) × district`,
      what: "service call",
      fn: tab(SELECT_MULTIPLE, "district"),
    },
    { metric: `crossTab ${SELECT_ONE} (select_one) × sex`, what: "service call", fn: tab(SELECT_ONE, "sex") },
    {
      metric: `crossTab ${SELECT_MULTIPLE} (select_multiple) × sex`,
      what: "service call",
      fn: tab(SELECT_MULTIPLE, "sex"),
    },
    { metric: "district × sex: SQL + suppressTable", what: "the two-way table", fn: twoWay },
  ];
  const shapes: Record<string, string> = {};
  const rows: BenchRow[] = [];
  const line = (m: Timing) => `p50 ${fmt(m.p50)} ms, p95 ${fmt(m.p95)} ms`;
  L(`baseline count(*) of the tenant's responses: ${line(baseline)}`);
  rows.push({
    metric: `${engine}: baseline count(*)`,
    value: `${fmt(baseline.p50)} ms`,
    note: `p95 ${fmt(baseline.p95)} ms; select count(*) from survey_responses where tenant_id = …; ${int(tallies.responses)} responses, ${size}, loaded in ${fmt(loadS)} s`,
  });
  for (const f of figures) {
    // One untimed call for the result (what it shows, and for the engine comparison).
    const result = (await f.fn()) as CrossTab | SafeTable;
    const hidden = hiddenIn(tabCells(result));
    const dims = `${result.cells.length} × ${result.cells[0]?.length ?? 0}`;
    if ("question" in result) shapes[f.metric] = shapeOf(result);
    else shapes[f.metric] = JSON.stringify(result);
    const m = await measure(f.fn);
    const target =
      engine === "PostgreSQL"
        ? m.p95 <= TARGET_MS
          ? `; ≤ ${TARGET_MS} ms met`
          : `; TARGET ${TARGET_MS} ms MISSED`
        : "";
    L(
      `${f.metric}: ${line(m)} (${fmt(m.p50 / baseline.p50)}× baseline); ${dims} cells, hidden ${hidden.primary} primary + ${hidden.secondary} secondary`,
    );
    rows.push({
      metric: `${engine}: ${f.metric}`,
      value: `${fmt(m.p50)} ms`,
      note: `p95 ${fmt(m.p95)} ms; ${fmt(m.p50 / baseline.p50)}× baseline; ${f.what}, ${dims} cells, ${hidden.primary} primary + ${hidden.secondary} secondary hidden${target}`,
    });
  }
  // Where the two-way table spends its time: suppressTable alone on the same counts.
  const matrix = toMatrix(rowsOf(await twoWaySql()));
  const alone = await measure(async () => suppressTable(matrix, rule));
  L(`suppressTable alone (41 × 5 with margins): ${line(alone)}`);
  rows.push({
    metric: `${engine}: … of which suppressTable`,
    value: `${fmt(alone.p50)} ms`,
    note: `p95 ${fmt(alone.p95)} ms; 41 × 5 district × sex counts, rule minCount ${rule.minCount}`,
  });
  const loadAfter = load();
  L(`load average (1, 5, 15 min) before timing ${loadBefore}, after ${loadAfter} (2 cores, shared)`);
  rows[0]!.note += `; load average ${loadBefore} → ${loadAfter}`;
  return { engine, rows, shapes };
}

const bench: Bench = {
  title: "surveys",
  async run(log) {
    const results: EngineResult[] = [];
    const w = districtWeights();
    const total = w.reduce((a, b) => a + b, 0);
    log(
      `${int(RESPONSES)} responses × 40 questions (14 select_one, 8 select_multiple, 10 yes_no, 8 integer), ${DISTRICTS} districts: largest ${fmt((100 * w[0]!) / total)} %, smallest ${fmt((100 * w[DISTRICTS - 1]!) / total, 2)} % of responses; 1 % without area, 0.8 % without sex; seed ${SEED}`,
    );
    const bin = findPostgresBin();
    if (bin) {
      const cluster = await startCluster(bin);
      try {
        const admin = new pg.Client({ connectionString: cluster.url("postgres") });
        await admin.connect();
        await admin.query("CREATE DATABASE lotse_bench");
        const version = (await admin.query("SHOW server_version")).rows[0].server_version as string;
        await admin.end();
        log(`PostgreSQL ${version} (throwaway cluster, default settings)`);
        const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 4 });
        try {
          await handle.migrate();
          results.push(await measureEngine("PostgreSQL", handle, log));
        } finally {
          await handle.close();
        }
      } finally {
        await cluster.stop();
      }
    } else {
      log("PostgreSQL binaries not found: skipping the PostgreSQL run (install postgresql to measure it).");
      results.push({
        engine: "PostgreSQL",
        rows: [{ metric: "PostgreSQL", value: "skipped", note: "no initdb/postgres on this machine" }],
        shapes: {},
      });
    }
    const lite = await openDatabase({ kind: "pglite" });
    try {
      await lite.migrate();
      results.push(await measureEngine("PGlite", lite, log));
    } finally {
      await lite.close();
    }
    // Both engines must show the same tables (same data, same suppression).
    const [a, b] = results;
    if (a && b && Object.keys(a.shapes).length) {
      for (const k of Object.keys(b.shapes))
        if (a.shapes[k] !== b.shapes[k])
          throw new Error(`surveys bench: "${k}" differs between PostgreSQL and PGlite`);
      log(`results agree: ${Object.keys(b.shapes).length} tables identical on PostgreSQL and PGlite`);
    }
    return results.flatMap((r) => r.rows);
  },
};
export default bench;

// The volunteer pool at scale (issue 17). (1) Matching 500 open requests against 300 volunteers
// with the optimal assignment (munkres, per day) and, in the same run, the greedy assignment's
// served count and score beside it. Target ≤ 2 s. (2) The coordinator's request list
// (services.volunteers.listRequests, what GET /api/v1/mediation-requests calls) over 20,000
// requests on a throwaway PostgreSQL cluster, p50/p95 beside a bare count of the same rows.
// Target ≤ 50 ms p95. VOLUNTEERS_BENCH_SMALL=1 runs a tiny instance to prove the bench works.
import { createServices } from "../src/composition/services.ts";
import { seededRandom } from "../src/modules/surveys/service.ts";
import {
  type MatchRequest,
  type MatchVolunteer,
  matchGreedy,
  matchOptimal,
} from "../src/modules/volunteers/matching.ts";
import { MODES, type Setting } from "../src/modules/volunteers/model.ts";
import { requestRepo } from "../src/modules/volunteers/repo.ts";
import { mediationRequests } from "../src/modules/volunteers/schema.ts";
import { systemClock } from "../src/server/clock.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import type { CoreDeps } from "../src/server/deps.ts";
import { createLogger } from "../src/server/logger.ts";
import type { Principal } from "../src/server/policy/roles.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import type { Bench, BenchRow } from "./types.ts";

const SMALL = process.env.VOLUNTEERS_BENCH_SMALL === "1";
const REQUESTS = SMALL ? 40 : 500;
const VOLUNTEERS = SMALL ? 25 : 300;
const LIST_ROWS = SMALL ? 500 : 20_000;
const RUNS = SMALL ? 20 : 200;
const LANGS = [
  "ar",
  "fa",
  "tr",
  "ru",
  "uk",
  "ro",
  "bg",
  "so",
  "ti",
  "kmr",
  "ckb",
  "ps",
  "sq",
  "pl",
  "en",
  "fr",
];
const SETTINGS: Setting[] = ["kita", "school", "health", "authority", "counselling"];
const TOWNS = ["Unna", "Kamen", "Bergkamen", "Bönen", "Lünen", "Schwerte", "Selm", "Werne"];

const fmt = (n: number, d = 1) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95) };
}

/** A pool and a month of requests, generated reproducibly. */
function instance() {
  const random = seededRandom("bench-volunteers");
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const volunteers: MatchVolunteer[] = Array.from({ length: VOLUNTEERS }, (_, i) => ({
    id: `v${i}`,
    languages: [...new Set([pick(LANGS), pick(LANGS)])].map((code) => ({
      code,
      level: pick(["native", "C1", "B2"] as const),
      oral: true,
      written: true,
    })),
    modes: random() < 0.3 ? ["phone", "video"] : [...MODES],
    settings: SETTINGS.filter(() => random() < 0.8),
    areas: [pick(TOWNS)],
    certificates: [
      { kind: "training", issuedOn: "2025-01-01", validUntil: null },
      { kind: "confidentiality_pledge", issuedOn: "2025-01-01", validUntil: null },
      ...(random() < 0.8
        ? [
            {
              kind: "police_clearance" as const,
              issuedOn: "2025-01-01",
              validUntil: "2030-01-01",
              result: "clear" as const,
            },
          ]
        : []),
    ],
    availability: [1, 2, 3, 4, 5]
      .filter(() => random() < 0.5)
      .map((weekday) => ({ weekday, from: 8 * 60, to: 17 * 60 })),
    absences: [],
    busy: [],
    servedOrganizations: random() < 0.3 ? [`org${Math.floor(random() * 12)}`] : [],
    load: Math.floor(random() * 8),
  }));
  const days = Array.from({ length: 30 }, (_, d) =>
    new Date(Date.UTC(2027, 0, 4 + d)).toISOString().slice(0, 10),
  );
  const requests: MatchRequest[] = Array.from({ length: REQUESTS }, (_, i) => ({
    id: `r${i}`,
    language: pick(LANGS),
    mode: pick(MODES),
    setting: pick(SETTINGS),
    date: pick(days),
    startMinute: (8 + Math.floor(random() * 7)) * 60,
    durationMinutes: pick([45, 60, 90]),
    area: pick(TOWNS),
    organizationId: `org${Math.floor(random() * 12)}`,
  }));
  return { volunteers, requests };
}

function matchingRows(log: (line: string) => void): BenchRow[] {
  const { volunteers, requests } = instance();
  const t0 = performance.now();
  const optimal = matchOptimal(requests, volunteers);
  const optimalMs = performance.now() - t0;
  const t1 = performance.now();
  const greedy = matchGreedy(requests, volunteers);
  const greedyMs = performance.now() - t1;
  log(`matching ${REQUESTS} × ${VOLUNTEERS}: optimal ${fmt(optimalMs)} ms, greedy ${fmt(greedyMs)} ms`);
  return [
    {
      metric: `matching ${REQUESTS}×${VOLUNTEERS} optimal`,
      value: `${fmt(optimalMs)} ms`,
      note: "target ≤ 2,000 ms",
    },
    { metric: "optimal: served / score", value: `${optimal.proposals.length} / ${optimal.score}` },
    {
      metric: `greedy (baseline, ${fmt(greedyMs)} ms): served / score`,
      value: `${greedy.proposals.length} / ${greedy.score}`,
    },
  ];
}

const bench: Bench = {
  title: "volunteer pool",
  async run(log) {
    const rows = matchingRows(log);
    const bin = findPostgresBin();
    if (!bin) {
      log("PostgreSQL binaries not found: request list skipped (install the Debian package postgresql).");
      return [...rows, { metric: "request list", value: "—", note: "no PostgreSQL binaries" }];
    }
    const cluster = await startCluster(bin);
    try {
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query("CREATE DATABASE lotse_bench");
      await admin.end();
      const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 8 });
      await handle.migrate();
      const config = loadConfig({
        NODE_ENV: "test",
        BASE_URL: "http://lotse.bench",
        SECRET_KEY: "bench-secret-key-bench-secret-key-0123456789",
        DATA_DIR: "/nonexistent",
      });
      const core: CoreDeps = {
        db: handle.db,
        dbKind: "postgres",
        config,
        logger: createLogger("silent"),
        clock: systemClock,
      };
      const services = createServices(core);
      const tenant = await services.tenants.create({
        slug: "kreis-unna",
        name: "Kreis Unna",
        kind: "county",
      });
      const principal: Principal = {
        userId: "00000000-0000-7000-8000-000000000001",
        tenantId: tenant.id,
        sessionId: "bench",
        grants: [{ role: "volunteer_coordinator", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      };
      const { requests } = instance();
      const batch = 1000;
      for (let from = 0; from < LIST_ROWS; from += batch) {
        const values = Array.from({ length: Math.min(batch, LIST_ROWS - from) }, (_, k) => {
          const r = requests[(from + k) % requests.length]!;
          return {
            tenantId: tenant.id,
            institutionName: `Einrichtung ${r.organizationId}`,
            contactName: "Kontakt",
            contactEmail: "kontakt@example.org",
            language: r.language,
            mode: r.mode,
            setting: r.setting,
            topic: "Elterngespräch",
            area: r.area,
            date: new Date(Date.UTC(2024, 0, 1 + ((from + k) % 1000))).toISOString().slice(0, 10),
            startMinute: r.startMinute,
            durationMinutes: r.durationMinutes,
          };
        });
        await handle.db.insert(mediationRequests).values(values);
      }
      await handle.db.execute("ANALYZE");
      log(`${LIST_ROWS} requests inserted`);
      const list = await measure(() => services.volunteers.listRequests(principal, { page: 1 }));
      const count = await measure(() => requestRepo.count(handle.db, tenant.id));
      rows.push(
        {
          metric: `request list (${LIST_ROWS} rows) p50 / p95`,
          value: `${fmt(list.p50)} / ${fmt(list.p95)} ms`,
          note: "target p95 ≤ 50 ms",
        },
        { metric: "baseline: bare count p50 / p95", value: `${fmt(count.p50)} / ${fmt(count.p95)} ms` },
      );
      await handle.close();
    } finally {
      await cluster.stop();
    }
    return rows;
  },
};
export default bench;

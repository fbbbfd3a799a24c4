// The volunteer pool at scale (issue 17). (1) Matching 500 open requests against 300 volunteers
// with the optimal assignment (munkres, per day) and, in the same run, the greedy assignment's
// served count and score beside it. Target ≤ 2 s. (2) The coordinator's request list
// (services.volunteers.listRequests, what GET /api/v1/mediation-requests calls) over 20,000
// requests on a throwaway PostgreSQL cluster, p50/p95 beside a bare count of the same rows.
// Target ≤ 50 ms p95. (3) The numbers for steering over the same rows (small-cell rule), beside
// the same bare count. BENCH_SCALE (npm run bench -- --quick) shrinks every size.
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
import type { Principal } from "../src/server/policy/roles.ts";
import { fmt, measure, onPostgres, SCALE, scaled, timingRow } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

const REQUESTS = scaled(500, 20);
const VOLUNTEERS = scaled(300, 15);
const LIST_ROWS = scaled(20_000, 200);
const RUNS = SCALE < 1 ? 20 : 200;
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
    const db = await onPostgres(log, async ({ handle, services, tenantId }) => {
      const principal: Principal = {
        userId: "00000000-0000-7000-8000-000000000001",
        tenantId,
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
            tenantId,
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
      const runs = { runs: RUNS, warmup: 10 };
      const list = await measure(() => services.volunteers.listRequests(principal, { page: 1 }), runs);
      const numbers = await measure(() => services.volunteers.numbers(principal, 2025), runs);
      const count = await measure(() => requestRepo.count(handle.db, tenantId), runs);
      return [
        {
          ...timingRow(`request list (${LIST_ROWS} rows) p95`, list),
          note: `p50 ${fmt(list.p50)} ms; target p95 ≤ 50 ms`,
        },
        timingRow("numbers for steering (one year, small-cell rule) p95", numbers),
        timingRow("baseline: bare count p95", count),
      ];
    });
    return [...rows, ...db];
  },
};
export default bench;

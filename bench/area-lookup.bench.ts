// Point → area lookup: 1,000,000 random points over 3,000 generated polygons, through the same
// pure functions the area service uses (src/modules/areas/lookup.ts), without a database.
import { buildAreaIndex, locateBboxScan, locateIndexed, locateNaive } from "../src/modules/areas/lookup.ts";
import { validateGeometry } from "../src/modules/areas/validate.ts";
import { generateAreas, randomPoints } from "./area-data.ts";
import type { Bench } from "./types.ts";

const POLYGONS = { cols: 60, rows: 50 }; // 3,000 areas
const POINTS = 1_000_000;
/** The naive loops are measured on this many points and extrapolated to POINTS. */
const SAMPLE = 20_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const bench: Bench = {
  title: "area lookup",
  async run(log) {
    const gen = generateAreas({ seed: 20260302, ...POLYGONS });
    const invalid = gen.areas.filter((a) => validateGeometry(a.geometry).errors.length > 0).length;
    log(
      `${fmt(gen.areas.length)} areas (${fmt(gen.multiPolygons)} MultiPolygons, ${fmt(gen.holes)} holes, ${fmt(gen.vertices)} vertices); ${invalid} invalid by the import validation`,
    );
    const points = randomPoints(42, POINTS);

    const built = time(() => buildAreaIndex(gen.areas));
    const idx = built.value;

    // Warm up the JIT on a different slice than the sample comparison.
    for (let i = 0; i < 50_000; i++) locateIndexed(idx, points[2 * i]!, points[2 * i + 1]!);

    const indexed = time(() => {
      let hits = 0;
      for (let i = 0; i < POINTS; i++) if (locateIndexed(idx, points[2 * i]!, points[2 * i + 1]!)) hits++;
      return hits;
    });
    const indexedRate = POINTS / (indexed.ms / 1000);
    log(`indexed: ${fmt(POINTS)} points in ${fmt(indexed.ms)} ms, ${fmt(indexed.value)} inside an area`);

    // Naive baselines on a sample from the end of the point set, then extrapolated.
    const from = POINTS - SAMPLE;
    const sampleRun = (locate: typeof locateIndexed) =>
      time(() => {
        const codes: (string | undefined)[] = [];
        for (let i = from; i < POINTS; i++) codes.push(locate(idx, points[2 * i]!, points[2 * i + 1]!)?.code);
        return codes;
      });
    locateNaive(idx, points[0]!, points[1]!);
    const naive = sampleRun(locateNaive);
    const bbox = sampleRun(locateBboxScan);
    const check = sampleRun(locateIndexed);
    const naiveRate = SAMPLE / (naive.ms / 1000);
    const bboxRate = SAMPLE / (bbox.ms / 1000);
    let agree = 0;
    for (let i = 0; i < SAMPLE; i++) {
      if (check.value[i] === naive.value[i] && check.value[i] === bbox.value[i]) agree++;
    }
    log(`naive: ${fmt(SAMPLE)} points in ${fmt(naive.ms)} ms; bbox scan: ${fmt(bbox.ms)} ms`);

    return [
      {
        metric: "polygons",
        value: fmt(gen.areas.length),
        note: `${fmt(gen.multiPolygons)} MultiPolygons, ${fmt(gen.holes)} holes, ${fmt(gen.vertices)} vertices, ${invalid} invalid`,
      },
      { metric: "index build", value: `${fmt(built.ms, 1)} ms`, note: "Flatbush over polygon boxes" },
      {
        metric: "indexed lookup",
        value: `${fmt(indexedRate)} pts/s`,
        note: `${fmt(POINTS)} points measured (${fmt(indexed.ms)} ms), ${fmt((100 * indexed.value) / POINTS, 1)} % inside an area`,
      },
      {
        metric: "naive loop (all polygons)",
        value: `${fmt(naiveRate)} pts/s`,
        note: `measured on ${fmt(SAMPLE)} points; ${fmt(POINTS)} extrapolated ≈ ${fmt(POINTS / naiveRate, 1)} s`,
      },
      {
        metric: "bbox scan (all polygons)",
        value: `${fmt(bboxRate)} pts/s`,
        note: `measured on ${fmt(SAMPLE)} points; ${fmt(POINTS)} extrapolated ≈ ${fmt(POINTS / bboxRate, 1)} s`,
      },
      { metric: "speed-up vs naive loop", value: `${fmt(indexedRate / naiveRate, 0)}×`, note: "same run" },
      { metric: "speed-up vs bbox scan", value: `${fmt(indexedRate / bboxRate, 0)}×`, note: "same run" },
      {
        metric: "same answers on sample",
        value: `${fmt(agree)}/${fmt(SAMPLE)}`,
        note: "indexed = naive = bbox scan",
      },
    ];
  },
};
export default bench;

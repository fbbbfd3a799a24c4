// Reading uploads (issue 13): XLSX rows through src/server/tabular.ts against the former
// quadratic loop (exceljs' columnCount read per row), and the polygon self-intersection sweep
// (src/modules/areas/self-intersection.ts) against the pairwise O(n²) check it replaced.
import ExcelJS from "exceljs";
import { shapefileZip25832 } from "../scripts/fixtures-areas.ts";
import {
  findSelfIntersection,
  findSelfIntersectionPairwise,
} from "../src/modules/areas/self-intersection.ts";
import { analyzeUpload } from "../src/modules/areas/upload.ts";
import { cellText, readTable } from "../src/server/tabular.ts";
import type { Bench, BenchRow } from "./types.ts";

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function workbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Werte");
  ws.addRow(["Kennzahl", "Raum", "Jahr", "Wert"]);
  for (let i = 0; i < rows; i++) ws.addRow([`K${i % 40}`, `Q-${i % 300}`, 2020 + (i % 6), i * 1.5]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The former reading loop: columnCount inside eachRow, which walks every row each time. */
async function readQuadratic(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const ws = wb.worksheets[0]!;
  let n = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) cells.push(cellText(row.getCell(i).value));
    n++;
  });
  return n;
}

/**
 * A star-shaped (so simple) ring of n vertices around Unna. `jagged`: every vertex at its own
 * random radius, so a line across crosses thousands of edges; otherwise a smooth boundary with
 * small noise, as surveyed boundaries are.
 */
function starRing(n: number, jagged = false): [number, number][] {
  let seed = 20261204;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const wobble = jagged ? 0.3 * rnd() : 0.1 * Math.sin(7 * a) + 0.05 * Math.sin(31 * a) + 0.0001 * rnd();
    const r = 0.05 * (1 + wobble);
    ring.push([7.69 + r * Math.cos(a), 51.53 + r * Math.sin(a) * 0.62]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** A comb: n/4 long teeth that all overlap in x, the case a sweep over x handles worst. */
function combRing(n: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < n / 4; i++)
    pts.push([0, 2 * i], [100, 2 * i + 0.5], [100, 2 * i + 1], [0, 2 * i + 1.5]);
  pts.push([-1, n / 2], [-1, 0], pts[0]!);
  return pts;
}

const bench: Bench = {
  title: "import reading",
  async run(log) {
    const rows: BenchRow[] = [];

    const small = 4_000;
    const large = 100_000;
    const smallBytes = await workbook(small);
    const largeBytes = await workbook(large);
    const quad = await timed(() => readQuadratic(smallBytes));
    const linSmall = await timed(() => readTable(smallBytes, "werte.xlsx"));
    const linLarge = await timed(() => readTable(largeBytes, "werte.xlsx"));
    log(
      `XLSX ${fmt(small)} rows: former loop ${fmt(quad.ms)} ms, readTable ${fmt(linSmall.ms)} ms; ${fmt(large)} rows (${fmt(largeBytes.length / 2 ** 20, 1)} MB): readTable ${fmt(linLarge.ms)} ms`,
    );
    rows.push(
      {
        metric: `XLSX ${fmt(small)} rows, former loop (baseline)`,
        value: `${fmt(quad.ms)} ms`,
        note: "columnCount read per row: O(rows²)",
      },
      { metric: `XLSX ${fmt(small)} rows, readTable`, value: `${fmt(linSmall.ms)} ms`, note: "same run" },
      {
        metric: `XLSX ${fmt(large)} rows, readTable`,
        value: `${fmt(linLarge.ms)} ms`,
        note: `${fmt(largeBytes.length / 2 ** 20, 1)} MB workbook; ${fmt((large / linLarge.ms) * 1000)} rows/s`,
      },
    );

    const pairN = 6_000;
    const pairRing = starRing(pairN);
    const pair = await timed(() => findSelfIntersectionPairwise([pairRing]));
    const sweepSmall = await timed(() => findSelfIntersection([pairRing]));
    const bigN = 60_000;
    const sweepBig = await timed(() => findSelfIntersection([starRing(bigN)]));
    const hugeN = 900_000; // about what fits into the 20 MB upload limit as GeoJSON
    const sweepHuge = await timed(() => findSelfIntersection([starRing(hugeN)]));
    const combN = 200_000;
    const comb = await timed(() => findSelfIntersection([combRing(combN)]));
    const jagged = await timed(() => findSelfIntersection([starRing(bigN, true)]));
    const agree =
      pair.value === null && sweepSmall.value === null && sweepBig.value === null && jagged.value === null;
    log(
      `self-intersection ${fmt(pairN)} vertices: pairwise ${fmt(pair.ms)} ms, sweep ${fmt(sweepSmall.ms, 1)} ms; ${fmt(bigN)}: sweep ${fmt(sweepBig.ms)} ms; ${fmt(hugeN)}: ${fmt(sweepHuge.ms)} ms; comb ${fmt(combN)}: ${fmt(comb.ms)} ms`,
    );
    rows.push(
      {
        metric: `polygon ${fmt(pairN)} vertices, pairwise (baseline)`,
        value: `${fmt(pair.ms)} ms`,
        note: `O(n²); ${fmt(bigN)} vertices extrapolated ≈ ${fmt((pair.ms * (bigN / pairN) ** 2) / 1000, 1)} s`,
      },
      {
        metric: `polygon ${fmt(pairN)} vertices, sweep`,
        value: `${fmt(sweepSmall.ms, 1)} ms`,
        note: "same run",
      },
      {
        metric: `polygon ${fmt(bigN)} vertices, sweep`,
        value: `${fmt(sweepBig.ms)} ms`,
        note: "the audit's 2.4 MB case",
      },
      {
        metric: `polygon ${fmt(hugeN)} vertices, sweep`,
        value: `${fmt(sweepHuge.ms)} ms`,
        note: "≈ 20 MB of GeoJSON",
      },
      {
        metric: `jagged star ${fmt(bigN)} vertices, sweep`,
        value: `${fmt(jagged.ms)} ms`,
        note: "every vertex at a random radius: wide sweep status",
      },
      {
        metric: `comb ${fmt(combN)} vertices, sweep`,
        value: `${fmt(comb.ms)} ms`,
        note: "every tooth overlaps every other in x",
      },
      { metric: "sweep = pairwise", value: agree ? "yes" : "NO", note: "on the valid star rings" },
    );

    // A large Shapefile in EPSG:25832 (decision 044): read, reproject, map and check.
    const blocks = 40;
    const districts = Array.from({ length: blocks * blocks }, (_, i) => {
      const x = 7.5 + (i % blocks) * 0.01;
      const y = 51.4 + Math.floor(i / blocks) * 0.006;
      const ring = starRing(400).map(
        ([px, py]) => [x + (px - 7.69) * 0.08, y + (py - 51.53) * 0.08] as [number, number],
      );
      return { nr: String(i + 1), name: `Bezirk ${i + 1}`, ha: 100, poly: [ring] };
    });
    const zipBytes = new Uint8Array(shapefileZip25832(districts));
    const shp = await timed(() => analyzeUpload(zipBytes, [], { level: "quarter" }));
    log(
      `Shapefile ${fmt(districts.length)} areas × 400 vertices (${fmt(zipBytes.length / 2 ** 20, 1)} MB, EPSG:25832): ${fmt(shp.ms)} ms, ok ${shp.value.ok}`,
    );
    rows.push({
      metric: `Shapefile ${fmt(districts.length)} areas × 400 vertices, EPSG:25832`,
      value: `${fmt(shp.ms)} ms`,
      note: `${fmt(zipBytes.length / 2 ** 20, 1)} MB zip: unzip, DBF, reprojection, checks; ${shp.value.ok ? "valid" : "INVALID"}`,
    });
    return rows;
  },
};
export default bench;

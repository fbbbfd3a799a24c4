// `npm run bench [-- [--quick] <name filter>…]`: runs every bench/*.bench.ts in sequence and prints
// one table. `--quick` runs at a tenth of the issues' sizes (BENCH_SCALE=0.1) to see that every
// bench still runs; its figures are not the targets'. Benchmarks report figures and assert no timings.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Bench, BenchRow } from "./types.ts";

const dir = import.meta.dirname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));
// Set before the benches are imported: harness.ts reads it once.
if (process.argv.includes("--quick")) process.env.BENCH_SCALE ??= "0.1";
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(", ") || "bench/*.bench.ts"}.`);
  process.exit(1);
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const scale = process.env.BENCH_SCALE ?? "1";
console.log(
  `Lotse benchmarks · Node ${process.version} · ${os.cpus().length} × ${cpu} · ${os.platform()}-${os.arch()} · load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} · ${scale === "1" ? "full size" : `scale ${scale}`}\n`,
);

const results: { bench: string; rows: BenchRow[] }[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Bench };
  const bench = mod.default;
  console.log(`▶ ${bench.title} (${file})`);
  const rows = await bench.run((line) => console.log(`  ${line}`));
  results.push({ bench: bench.title, rows });
  console.log("");
}

const table = results.flatMap((r) => r.rows.map((row) => [r.bench, row.metric, row.value, row.note ?? ""]));
const header = ["benchmark", "metric", "value", "note"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join(" │ ")
    .trimEnd();
console.log(line(header));
console.log(widths.map((w) => "─".repeat(w)).join("─┼─"));
for (const row of table) console.log(line(row));

// What the benchmarks share: the size factor, percentiles, timing, and a migrated throwaway
// PostgreSQL with the services and one tenant. Benchmarks report figures; they assert nothing.
import os from "node:os";
import { createServices } from "../src/composition/services.ts";
import { systemClock } from "../src/server/clock.ts";
import { type Config, loadConfig } from "../src/server/config.ts";
import { type DatabaseHandle, openDatabase } from "../src/server/db/client.ts";
import type { CoreDeps } from "../src/server/deps.ts";
import { createLogger } from "../src/server/logger.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import type { BenchRow } from "./types.ts";

/** The size factor: 1 is the issues' full size; `npm run bench -- --quick` sets 0.1. */
export const SCALE = Number(process.env.BENCH_SCALE ?? "1");

/** `n` at the current scale, never below `min`. */
export const scaled = (n: number, min = 1): number => Math.max(min, Math.round(n * SCALE));

export const fmt = (n: number, digits = 1): string =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const int = (n: number): string => n.toLocaleString("en-US");

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export type Timing = { p50: number; p95: number };

/** p50 and p95 in ms of `runs` calls of `fn`, after `warmup` calls that are not counted. */
export async function measure(
  fn: () => Promise<unknown>,
  { runs = 200, warmup = 20 }: { runs?: number; warmup?: number } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return { p50: pct(t, 50), p95: pct(t, 95) };
}

/** A timing as a table row: p95 as the value, p50 in the note. */
export const timingRow = (metric: string, x: Timing): BenchRow => ({
  metric,
  value: `${fmt(x.p95)} ms`,
  note: `p50 ${fmt(x.p50)} ms`,
});

/** The machine's load, which every report states beside its figures. */
export const loadNote = (): string =>
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;

export type PostgresBench = {
  handle: DatabaseHandle;
  db: DatabaseHandle["db"];
  config: Config;
  core: CoreDeps;
  services: ReturnType<typeof createServices>;
  tenant: Awaited<ReturnType<ReturnType<typeof createServices>["tenants"]["create"]>>;
  tenantId: string;
};

/**
 * Runs `body` on a throwaway PostgreSQL cluster with a migrated database, the services and a
 * tenant (`tenantInput` may name it or seed a framework template), and stops the cluster
 * afterwards. Without PostgreSQL binaries the bench is skipped.
 */
export async function onPostgres(
  log: (line: string) => void,
  body: (env: PostgresBench) => Promise<BenchRow[]>,
  tenantInput: { name?: string; frameworkTemplate?: "unna" } = {},
): Promise<BenchRow[]> {
  const bin = findPostgresBin();
  if (!bin) {
    log("PostgreSQL binaries not found: skipped (install the Debian package postgresql).");
    return [{ metric: "skipped", value: "—", note: "no PostgreSQL binaries" }];
  }
  const cluster = await startCluster(bin);
  try {
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE lotse_bench");
    await admin.end();
    const handle = await openDatabase({ kind: "postgres", url: cluster.url("lotse_bench"), poolSize: 8 });
    try {
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
        slug: config.defaultTenant,
        name: "Bench",
        kind: "county",
        ...tenantInput,
      });
      const rows = await body({ handle, db: handle.db, config, core, services, tenant, tenantId: tenant.id });
      rows.push({ metric: "machine", value: loadNote(), note: SCALE === 1 ? "full size" : `scale ${SCALE}` });
      return rows;
    } finally {
      await handle.close();
    }
  } finally {
    await cluster.stop();
  }
}

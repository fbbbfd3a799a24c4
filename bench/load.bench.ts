// Load test (issue 22 item 7, decision 083): a bounded client with fixed concurrency on this
// machine against the public search (GET /api/public/offers) and the staff case list (GET
// /api/v1/cases, signed in as the demo case worker), first against one Lotse instance, then
// against two instances on the same PostgreSQL database, requests spread round-robin as a
// reverse proxy would. Each line is reported with throughput (requests/s), p95 and p50, beside
// the bare route (GET /api/public/hello) measured the same way in the same run.
//
// The servers are the built app (`npm run build`), started as two-instances.test.ts starts them,
// on a throwaway PostgreSQL cluster with the demo data. Client, both instances and PostgreSQL share
// this machine's cores, so a second instance can only show what it adds when cores are free: the
// figures say how the instances share the load, not what a second machine would add.
// BENCH_SCALE scales the number of requests per line (`--quick`: a tenth).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_USERS } from "../src/modules/demo/seed.ts";
import { findPostgresBin, startCluster } from "../tests/setup/postgres-cluster.ts";
import { assertBuilt, type ServerProcess, startServerProcess } from "../tests/setup/server-process.ts";
import { fmt, loadNote, pct, SCALE, scaled } from "./harness.ts";
import type { Bench, BenchRow } from "./types.ts";

/** Requests in flight at any time: the bounded client. */
const CONCURRENCY = 16;
const REQUESTS = scaled(3000, 200);
const WARMUP = 50;

type Line = { rps: number; p50: number; p95: number; errors: number };

/** `total` requests with `CONCURRENCY` in flight, spread round-robin over `bases`. */
async function drive(
  bases: string[],
  route: string,
  headers: Record<string, string>,
  total: number,
): Promise<Line> {
  let next = 0;
  let errors = 0;
  const times: number[] = [];
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const started = performance.now();
      const res = await fetch(`${bases[i % bases.length]}${route}`, { headers });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { rps: total / seconds, p50: pct(times, 50), p95: pct(times, 95), errors };
}

const bench: Bench = {
  title: "load: one vs two instances",
  async run(log) {
    const bin = findPostgresBin();
    if (!bin) {
      log("PostgreSQL binaries not found: skipped (install the Debian package postgresql).");
      return [{ metric: "skipped", value: "—", note: "no PostgreSQL binaries" }];
    }
    assertBuilt();
    const cluster = await startCluster(bin);
    const servers: ServerProcess[] = [];
    const dirs: string[] = [];
    try {
      const pg = (await import("pg")).default;
      const admin = new pg.Client({ connectionString: cluster.url("postgres") });
      await admin.connect();
      await admin.query("CREATE DATABASE lotse_load");
      await admin.end();
      const env = {
        DATABASE_URL: cluster.url("lotse_load"),
        SECRET_KEY: `load-${randomBytes(16).toString("hex")}`,
        LOG_LEVEL: "error",
      };
      const start = async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-load-"));
        dirs.push(dataDir);
        const s = await startServerProcess({ dataDir, env, readyTimeoutMs: 300_000 });
        servers.push(s);
        return s;
      };
      const t0 = performance.now();
      // The first seeds the demo tenant; the second starts on the same database.
      const a = await start();
      const b = await start();
      log(`two instances on one PostgreSQL ready in ${fmt((performance.now() - t0) / 1000)} s`);

      const worker = DEMO_USERS.find((u) => u.role === "case_worker")!;
      const login = await fetch(`${a.baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: a.baseUrl },
        body: JSON.stringify({ email: worker.email, password: worker.password }),
      });
      if (login.status !== 200) throw new Error(`demo case worker could not sign in: ${login.status}`);
      const cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith("lotse_session="))!
        .split(";")[0]!;

      const routes: { name: string; route: string; headers: Record<string, string> }[] = [
        { name: "bare route", route: "/api/public/hello", headers: {} },
        { name: "public search", route: "/api/public/offers?q=beratung", headers: {} },
        { name: "staff case list", route: "/api/v1/cases", headers: { cookie } },
      ];
      const rows: BenchRow[] = [];
      for (const [label, bases] of [
        ["1 instance", [a.baseUrl]],
        ["2 instances", [a.baseUrl, b.baseUrl]],
      ] as const) {
        for (const r of routes) {
          await drive([...bases], r.route, r.headers, WARMUP);
          const x = await drive([...bases], r.route, r.headers, REQUESTS);
          const line = `${r.name}, ${label}`;
          log(
            `${line}: ${fmt(x.rps, 0)} req/s, p95 ${fmt(x.p95)} ms, p50 ${fmt(x.p50)} ms` +
              (x.errors ? `, ${x.errors} non-200` : ""),
          );
          rows.push({
            metric: `${line} (${CONCURRENCY} in flight)`,
            value: `${fmt(x.rps, 0)} req/s`,
            note: `p95 ${fmt(x.p95)} ms, p50 ${fmt(x.p50)} ms${x.errors ? `, ${x.errors} non-200` : ""}`,
          });
        }
      }
      rows.push({
        metric: "machine",
        value: loadNote(),
        note: `${os.cpus().length} cores shared by client, instances and PostgreSQL; ${REQUESTS} requests per line${SCALE === 1 ? "" : `, scale ${SCALE}`}`,
      });
      return rows;
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await cluster.stop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  },
};
export default bench;

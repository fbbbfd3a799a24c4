/**
 * Worker threads for the CPU-heavy parts of imports (decision 042): parsing a GeoJSON file and
 * checking its polygons, reading a CSV/XLSX sheet. On the main thread a 20 MB file would hold
 * the event loop for seconds, and with it every other user's pages, /healthz and SIGTERM.
 *
 * One pool per process (piscina), at most two threads (the server is small), started on first
 * use. `closeOffload()` ends the threads at once: tasks in hand fail, so shutdown never waits
 * for an import. The worker runs the source files (./worker.ts) with Node's type stripping,
 * also under the built server, because Lotse always runs from its repository. The platform
 * names no module: a module passes the path of its own pure function.
 */
import fs from "node:fs";
import path from "node:path";
import type { Piscina } from "piscina";

let pool: Promise<Piscina> | undefined;

/** The repository root: the nearest folder upwards with Lotse's package.json (src/… or build/…). */
function repositoryRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "lotse") {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("offload: Lotse's package.json not found above the server code");
    dir = up;
  }
}

// piscina is loaded on first use: pages import constants from modules that offload, and the
// browser bundle must not evaluate a worker pool.
function getPool(): Promise<Piscina> {
  pool ??= import("piscina").then(({ Piscina }) => {
    const root = repositoryRoot();
    return new Piscina({
      filename: path.join(root, "src/server/offload/worker.ts"),
      workerData: { root },
      // One thread stays up, so the first import does not wait for a thread to start.
      minThreads: 1,
      maxThreads: 2,
      idleTimeout: 60_000,
    });
  });
  return pool;
}

/**
 * Calls `fn` exported by the source module `file` (repository-relative, e.g.
 * "src/server/tabular.ts") on a worker thread. The function must be pure: arguments and
 * result are structured-cloned, nothing else is shared. `signal` ends the thread running it.
 * Each module wraps its calls in a typed function (e.g. `readTableOffThread`).
 */
export async function offload<R>(
  file: string,
  fn: string,
  args: unknown[],
  signal?: AbortSignal,
): Promise<R> {
  const p = await getPool();
  return (await p.run({ file, fn, args }, signal ? { signal } : {})) as R;
}

/** Starts the pool and one thread now (the server does at start), so the first import finds it ready. */
export async function warmOffload(): Promise<void> {
  await (await getPool()).run({ file: "", fn: "", args: [] });
}

/** Ends every worker thread now; tasks in hand reject. Safe to call when none was started. */
export async function closeOffload(): Promise<void> {
  const p = pool;
  pool = undefined;
  await (await p)?.destroy();
}

// Runs the real built server (build/server/index.js) as a child process, as `npm start` does,
// for the browser tests and the SIGKILL durability test.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_DIR = path.resolve(ROOT, process.env.LOTSE_BUILD_DIR ?? "build");
const SERVER_BUNDLE = path.join(BUILD_DIR, "server/index.js");
const CLIENT_DIR = path.join(BUILD_DIR, "client");
const LAUNCHER = path.join(ROOT, "tests/setup/launch-server.ts");
const NODE = path.join(ROOT, "node_modules/.bin/node");

/** Fails with a clear message when `npm run build` has not run (npm test builds first). */
export function assertBuilt() {
  if (!fs.existsSync(SERVER_BUNDLE) || !fs.existsSync(CLIENT_DIR)) {
    throw new Error(
      `The browser tests need the built app, but ${path.relative(ROOT, SERVER_BUNDLE)} or ` +
        `${path.relative(ROOT, CLIENT_DIR)} is missing. Run \`npm run build\` first (npm test does this).`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export type ServerProcess = {
  baseUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it does not exit within the grace period. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
};

export type StartOptions = {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for /healthz. PGlite's first start runs initdb (5–15 s) and the demo seed. */
  readyTimeoutMs?: number;
};

/** Starts the built server on an embedded database in `dataDir` and waits until /healthz answers. */
export async function startServerProcess(opts: StartOptions): Promise<ServerProcess> {
  assertBuilt();
  const port = opts.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {};
  // A clean environment like a user's shell: no vitest variables, no NODE_ENV=test, no DATABASE_URL.
  for (const key of ["PATH", "HOME", "LANG", "TMPDIR", "TZ"]) {
    const v = process.env[key];
    if (v !== undefined) env[key] = v;
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: baseUrl,
    DATA_DIR: opts.dataDir,
    DEMO: "on",
    LOG_LEVEL: "warn",
    ...opts.env,
  });
  const child = spawn(NODE, [LAUNCHER, SERVER_BUNDLE, CLIENT_DIR], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const append = (chunk: Buffer) => {
    out += chunk.toString("utf8");
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const proc: ServerProcess = {
    baseUrl,
    port,
    dataDir: opts.dataDir,
    child,
    output: () => out,
    exited,
    async stop(graceMs = 15_000) {
      if (hasExited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (hasExited) return;
      child.kill("SIGKILL");
      await exited;
    },
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  while (true) {
    if (hasExited) {
      const { code, signal } = await exited;
      throw new Error(`Lotse exited before it was ready (code ${code}, signal ${signal}). Output:\n${out}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.kill();
      throw new Error(`Lotse did not answer /healthz within the time limit. Output:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** Finds initdb/postgres from the machine's PostgreSQL (PATH or Debian's /usr/lib/postgresql/N/bin). */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) candidates.push(dir);
  try {
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    // not Debian's layout
  }
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "postgres"))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type Cluster = { url: (db: string) => string; stop: () => Promise<void> };

/**
 * A throwaway PostgreSQL cluster in a temp directory, on a free port, as the `postgres`
 * user when we are root (initdb refuses root). fsync is off: it is thrown away afterwards.
 */
export async function startCluster(bin: string): Promise<Cluster> {
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-pg-"));
  const dataDir = path.join(dir, "data");
  if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const asPg = (cmd: string, args: string[]) =>
    isRoot ? { cmd: "runuser", args: ["-u", "postgres", "--", cmd, ...args] } : { cmd, args };
  const init = asPg(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "lotse",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  execFileSync(init.cmd, init.args, { stdio: "pipe" });
  const port = await freePort();
  const run = asPg(path.join(bin, "postgres"), [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=200",
  ]);
  const proc: ChildProcess = spawn(run.cmd, run.args, { stdio: "ignore", detached: false });
  const url = (db: string) => `postgres://lotse@127.0.0.1:${port}/${db}`;
  // Wait until it accepts connections.
  const pg = (await import("pg")).default;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new pg.Client({ connectionString: url("postgres") });
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => {});
      if (Date.now() > deadline) throw new Error("PostgreSQL test cluster did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop: async () => {
      // runuser does not forward signals, so signal the postmaster itself (fast shutdown).
      const exited = new Promise((r) => proc.once("exit", r));
      try {
        const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        if (pid) process.kill(pid, "SIGINT");
      } catch {
        proc.kill("SIGINT");
      }
      const timeout = new Promise((r) => setTimeout(r, 15_000, "timeout"));
      if ((await Promise.race([exited, timeout])) === "timeout") proc.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A throwaway PostgreSQL primary with a streaming hot standby, from the machine's binaries
// (found like the postgres test project finds them): the read-replica test (decision 083).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server-process.ts";

export type ReplicaPair = {
  primaryUrl: (db: string) => string;
  standbyUrl: (db: string) => string;
  /** Resolves once the standby has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Pauses or resumes WAL replay on the standby: it keeps answering, from the state it had. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
};

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function waitUntil(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await ok().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The directory of initdb, postgres and pg_basebackup: where the postgres test project's binaries
 * really live (a PATH entry may be a symlink to Debian's /usr/lib/postgresql/N/bin).
 */
export function replicaBin(bin: string): string | null {
  const real = path.dirname(fs.realpathSync(path.join(bin, "initdb")));
  for (const dir of [bin, real]) if (fs.existsSync(path.join(dir, "pg_basebackup"))) return dir;
  return null;
}

/**
 * initdb a primary (wal_level=replica), `pg_basebackup -R` a standby from it (the standby's
 * recovery settings written by the tool itself), start both on free ports in one temp directory,
 * as the `postgres` user when we are root (initdb and postgres refuse root).
 */
export async function startReplicaPair(bin: string): Promise<ReplicaPair> {
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-replica-"));
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const asPg = (cmd: string, args: string[]) =>
    isRoot ? { cmd: "runuser", args: ["-u", "postgres", "--", cmd, ...args] } : { cmd, args };
  const exec = (cmd: string, args: string[]) => {
    const c = asPg(path.join(bin, cmd), args);
    execFileSync(c.cmd, c.args, { stdio: "pipe" });
  };
  const procs: { proc: ChildProcess; dataDir: string }[] = [];
  const start = async (dataDir: string, port: number, settings: string[]) => {
    const c = asPg(path.join(bin, "postgres"), [
      ...["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"],
      ...settings.flatMap((s) => ["-c", s]),
    ]);
    procs.push({ proc: spawn(c.cmd, c.args, { stdio: "ignore" }), dataDir });
    const url = `postgres://lotse@127.0.0.1:${port}/postgres`;
    await waitUntil(`PostgreSQL on port ${port} accepting connections`, async () => {
      await query(url, "SELECT 1");
      return true;
    });
  };

  const stop = async () => {
    for (const { proc, dataDir } of procs.reverse()) {
      // runuser does not forward signals: signal the postmaster itself (fast shutdown).
      const exited = new Promise((r) => proc.once("exit", r));
      try {
        const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        if (pid) process.kill(pid, "SIGINT");
      } catch {
        proc.kill("SIGINT");
      }
      const timeout = new Promise((r) => setTimeout(r, 15_000, "timeout"));
      if (proc.exitCode === null && (await Promise.race([exited, timeout])) === "timeout")
        proc.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const primaryDir = path.join(dir, "primary");
    const standbyDir = path.join(dir, "standby");
    exec("initdb", ["-D", primaryDir, "-U", "lotse", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    const primaryPort = await freePort();
    // initdb's pg_hba.conf already lets the superuser replicate over 127.0.0.1 with -A trust.
    await start(primaryDir, primaryPort, ["wal_level=replica", "max_wal_senders=4", "fsync=off"]);
    exec("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "lotse", "-D", standbyDir],
      ...["-R", "-X", "stream", "--checkpoint=fast"],
    ]);
    const standbyPort = await freePort();
    await start(standbyDir, standbyPort, ["hot_standby=on", "fsync=off"]);
    const primaryUrl = (db: string) => `postgres://lotse@127.0.0.1:${primaryPort}/${db}`;
    const standbyUrl = (db: string) => `postgres://lotse@127.0.0.1:${standbyPort}/${db}`;
    await waitUntil("the standby in recovery", async () => {
      const [r] = await query<{ r: boolean }>(standbyUrl("postgres"), "SELECT pg_is_in_recovery() AS r");
      return r!.r;
    });
    return {
      primaryUrl,
      standbyUrl,
      async caughtUp() {
        const [p] = await query<{ lsn: string }>(
          primaryUrl("postgres"),
          "SELECT pg_current_wal_lsn() AS lsn",
        );
        await waitUntil("the standby's replay", async () => {
          const [r] = await query<{ ok: boolean }>(
            standbyUrl("postgres"),
            "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok",
            [p!.lsn],
          );
          return r!.ok;
        });
      },
      async pauseReplay() {
        await query(standbyUrl("postgres"), "SELECT pg_wal_replay_pause()");
        await waitUntil("replay paused", async () => {
          const [r] = await query<{ s: string }>(
            standbyUrl("postgres"),
            "SELECT pg_get_wal_replay_pause_state() AS s",
          );
          return r!.s === "paused";
        });
      },
      async resumeReplay() {
        await query(standbyUrl("postgres"), "SELECT pg_wal_replay_resume()");
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

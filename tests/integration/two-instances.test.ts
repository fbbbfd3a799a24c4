// Two Lotse processes on one database (decision 023). On PostgreSQL both serve the same tenant:
// a session from one works on the other, every job runs once, the daily schedules are queued
// once. On PGlite (one process per data directory) the second process is refused.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#app/modules/demo/seed.ts";
import { type ServerProcess, startServerProcess } from "../setup/server-process.ts";

const kind = inject("dbKind");
const SECRET_KEY = `two-instances-${randomBytes(16).toString("hex")}`;
const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const c of cleanups) await c();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-two-"));
  dirs.push(d);
  return d;
}

async function freshDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const name = `lotse_two_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  });
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const post = (s: ServerProcess, p: string, body: unknown, cookie?: string) =>
  fetch(`${s.baseUrl}${p}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: s.baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

/** Both serve the demo tenant from one PostgreSQL database. */
async function twoOnPostgres() {
  {
    const url = await freshDatabase();
    const env = { DATABASE_URL: url, SECRET_KEY };
    // The first seeds the demo; the second starts on the same database.
    const a = await startServerProcess({ dataDir: tempDir(), env, readyTimeoutMs: 240_000 });
    servers.push(a);
    const b = await startServerProcess({ dataDir: tempDir(), env, readyTimeoutMs: 240_000 });
    servers.push(b);

    // A session started on A works on B, and signing out on B ends it on A.
    const admin = DEMO_USERS.find((u) => u.role === "admin")!;
    const login = await post(a, "/api/v1/auth/login", { email: admin.email, password: admin.password });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith("lotse_session="))!
      .split(";")[0]!;
    expect((await fetch(`${b.baseUrl}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);

    // Mails requested on both instances: every delivery job runs exactly once. The demo seed
    // sends mails of its own (invitations, offers), so only the jobs from here on count.
    const earlier = (await sql<{ id: string }>(url, "SELECT id FROM jobs WHERE type = 'mail.deliver'")).map(
      (r) => r.id,
    );
    const earlierMails = (await sql<{ id: string }>(url, "SELECT id FROM mail_outbox")).map((r) => r.id);
    for (const [i, u] of DEMO_USERS.entries()) {
      const res = await post(i % 2 ? a : b, "/api/v1/auth/password-reset/request", { email: u.email });
      expect(res.status).toBe(202);
    }
    let jobs: { status: string; attempts: number }[] = [];
    for (let i = 0; i < 300; i++) {
      jobs = await sql(
        url,
        "SELECT status, attempts FROM jobs WHERE type = 'mail.deliver' AND NOT (id = ANY($1::uuid[]))",
        [earlier],
      );
      if (jobs.length >= DEMO_USERS.length && jobs.every((j) => j.status === "done")) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(jobs).toHaveLength(DEMO_USERS.length);
    expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    const mails = await sql<{ n: string }>(
      url,
      "SELECT count(*) AS n FROM mail_outbox WHERE status = 'stored' AND NOT (id = ANY($1::uuid[]))",
      [earlierMails],
    );
    expect(Number(mails[0]!.n)).toBe(DEMO_USERS.length);

    // Both instances scheduled retention and reminders at start: one queued run per tenant and type.
    const schedules = await sql<{ tenant_id: string; type: string; n: string }>(
      url,
      `SELECT tenant_id, type, count(*) AS n FROM jobs
       WHERE type IN ('casework.retention', 'directory.reminders') AND status IN ('queued', 'running')
       GROUP BY tenant_id, type`,
    );
    expect(schedules.map((s) => s.type).sort()).toEqual(["casework.retention", "directory.reminders"]);
    expect(schedules.every((s) => Number(s.n) === 1)).toBe(true);

    expect((await post(b, "/api/v1/auth/logout", {}, cookie)).status).toBe(204);
    expect((await fetch(`${a.baseUrl}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  }
}

/** PGlite serves one process at a time: the second is refused, the first keeps serving. */
async function secondRefusedOnPglite() {
  {
    const dataDir = tempDir();
    const a = await startServerProcess({
      dataDir,
      env: { SECRET_KEY, DEMO: "off" },
      readyTimeoutMs: 240_000,
    });
    servers.push(a);
    const second = await startServerProcess({
      dataDir,
      env: { SECRET_KEY, DEMO: "off" },
      readyTimeoutMs: 240_000,
    }).then(
      () => "started",
      (e: Error) => e.message,
    );
    expect(second).toMatch(/Another Lotse process/);
    expect((await fetch(`${a.baseUrl}/healthz`)).status).toBe(200);
  }
}

describe("two Lotse processes on one database", () => {
  it(
    kind === "postgres"
      ? "share sessions, run each job once and queue each daily schedule once"
      : "is refused on the embedded database, which serves one process at a time",
    () => (kind === "postgres" ? twoOnPostgres() : secondRefusedOnPglite()),
    600_000,
  );
});

// Lotse killed with SIGKILL in the middle of writes on the embedded database: the next start
// comes up, and every write that was acknowledged (2xx) is still there.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../setup/server-process.ts";
import { apiLogin, demoUser, seededDataDir } from "./support.ts";

const MIN_ACKED = 15; // acknowledged writes before the kill
const MAX_WRITES = 400; // hard bound on the loop
const WRITE_PHASE_MS = 60_000; // hard bound on the write phase

type Settings = {
  name: string;
  version: number;
  defaultLanguage: string;
  mfaRequiredRoles: string[];
  contactEmail?: string;
};

const dataDir = seededDataDir("lotse-crash-");
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function api(origin: string, cookie: string, method: string, p: string, body?: unknown) {
  return fetch(`${origin}/api/v1${p}`, {
    method,
    headers: { cookie, origin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
}

async function readSettings(origin: string, cookie: string): Promise<Settings> {
  const res = await api(origin, cookie, "GET", "/tenant/settings");
  expect(res.status).toBe(200);
  return (await res.json()) as Settings;
}

/** Audit entries of tenant updates (newest first), all pages, bounded. */
async function tenantUpdateAudit(origin: string, cookie: string) {
  const items: { changes: Record<string, { old: unknown; new: unknown }> | null }[] = [];
  for (let offset = 0, pages = 0; pages < 20; pages++) {
    const res = await api(
      origin,
      cookie,
      "GET",
      `/audit?entityType=tenant&action=update&limit=200&offset=${offset}`,
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: typeof items; hasMore: boolean };
    items.push(...page.items);
    if (!page.hasMore) break;
    offset += page.items.length;
  }
  return items;
}

describe("SIGKILL during writes on the embedded database", () => {
  it("comes back up and keeps every acknowledged write", async () => {
    server = await startServerProcess({ dataDir });
    const admin = demoUser("admin");
    let cookie = await apiLogin(server.baseUrl, admin);
    const start = await readSettings(server.baseUrl, cookie);

    // A stream of versioned settings updates; each one acknowledged with 200 is recorded.
    const acked: { version: number; name: string }[] = [];
    const sent = new Map<number, string>(); // version the write produces → name it wrote
    let version = start.version;
    let killed = false;
    const deadline = Date.now() + WRITE_PHASE_MS;
    const origin = server.baseUrl;
    const victim = server;
    for (let i = 0; i < MAX_WRITES && Date.now() < deadline; i++) {
      const name = `Kreisstadt Unna – crash ${i}`;
      sent.set(version + 1, name);
      // The outcome is settled right away, so a request cut off by the kill is not an unhandled rejection.
      const pending = api(origin, cookie, "PUT", "/tenant/settings", {
        version,
        name,
        defaultLanguage: start.defaultLanguage,
        mfaRequiredRoles: start.mfaRequiredRoles,
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (error: unknown) => ({ status: 0, text: String(error) }),
      );
      if (acked.length >= MIN_ACKED && !killed) {
        // Kill while this write is on its way or in progress.
        await new Promise((r) => setTimeout(r, i % 7));
        killed = true;
        await victim.kill();
      }
      const res = await pending;
      if (res.status === 0) {
        expect(killed, `a write failed before the kill: ${res.text}`).toBe(true);
        break;
      }
      expect(res.status, res.text).toBe(200);
      const body = JSON.parse(res.text) as Settings;
      expect(body.version).toBe(version + 1);
      acked.push({ version: body.version, name });
      version = body.version;
    }
    expect(killed, "the server was killed during the writes").toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(MIN_ACKED);
    const exit = await victim.exited;
    expect(exit.signal).toBe("SIGKILL");
    // The kill leaves our lock file and PGlite's postmaster.pid behind; the next start must cope.
    expect(fs.existsSync(path.join(dataDir, "lotse.lock"))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "pglite", "postmaster.pid"))).toBe(true);

    // The next start on the same data directory comes up.
    server = await startServerProcess({ dataDir });
    cookie = await apiLogin(server.baseUrl, admin);
    const after = await readSettings(server.baseUrl, cookie);
    const last = acked.at(-1)!;
    // Every acknowledged write is there; at most the one write in flight at the kill may also be.
    expect([last.version, last.version + 1]).toContain(after.version);
    expect(after.name).toBe(sent.get(after.version));

    // Each acknowledged write left its audit entry (old → new).
    const audited = new Set(
      (await tenantUpdateAudit(server.baseUrl, cookie)).map((e) => String(e.changes?.name?.new ?? "")),
    );
    const missing = acked.filter((a) => !audited.has(a.name)).map((a) => a.name);
    expect(missing, "acknowledged writes without their audit entry").toEqual([]);

    // The restarted server takes writes again, from the surviving version.
    const res = await api(server.baseUrl, cookie, "PUT", "/tenant/settings", {
      version: after.version,
      name: "Kreisstadt Unna",
      defaultLanguage: start.defaultLanguage,
      mfaRequiredRoles: start.mfaRequiredRoles,
    });
    expect(res.status).toBe(200);
    await server.stop();
    expect((await server.exited).code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "lotse.lock")), "a clean stop releases the lock").toBe(false);
  });
});

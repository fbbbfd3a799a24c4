// Read replicas (decision 083). On PostgreSQL: a real streaming standby answers the public search
// while the primary takes the writes. On PGlite: DATABASE_URL_READ is ignored with a message.
// On both: the read path refuses writes and stays inside an open write transaction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createLotseApp } from "#app/composition/app.ts";
import { openRuntime } from "#app/composition/runtime.ts";
import { createServices } from "#app/composition/services.ts";
import { postcodes } from "#app/modules/directory/schema.ts";
import { parseOfferSearch } from "#app/modules/directory/search.ts";
import { manualClock } from "#app/server/clock.ts";
import { loadConfig, READ_REPLICA_IGNORED } from "#app/server/config.ts";
import { sqlStateOf } from "#app/server/errors.database.ts";
import { createLogger } from "#app/server/logger.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { findPostgresBin } from "../../../tests/setup/postgres-cluster.ts";
import { type ReplicaPair, replicaBin, startReplicaPair } from "../../../tests/setup/replica-pair.ts";
import { openTestDatabase, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { onPrimary, ReadOnlyPathError, readOnly, readOnlyMethods } from "./ambient.ts";
import { type DatabaseHandle, openDatabase } from "./client.ts";
import type { Database } from "./database.ts";

const kind = inject("dbKind");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const testConfig = (env: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: "test",
    BASE_URL: TEST_BASE_URL,
    SECRET_KEY: "test-secret-key-test-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
    ...env,
  });

async function inRecovery(db: Database): Promise<boolean> {
  const rows = await db.execute<{ r: boolean }>(sql`SELECT pg_is_in_recovery() AS r`);
  return (rows as unknown as { rows: { r: boolean }[] }).rows[0]!.r;
}

describe("the read path on this database", () => {
  it("refuses writes, and inside a write transaction reads that transaction", async () => {
    const handle = await openTestDatabase();
    cleanups.push(() => handle.close());
    const { db } = handle;
    const row = { tenantId: crypto.randomUUID(), postcode: "59423", name: "Unna", lon: 7.69, lat: 51.54 };
    await expect(readOnly(async () => db.insert(postcodes).values(row))).rejects.toBeInstanceOf(
      ReadOnlyPathError,
    );
    await expect(readOnly(async () => db.transaction(async () => {}))).rejects.toThrow(/read path/);
    expect(() => readOnly(() => db.delete(postcodes))).toThrow(/Caller: .*read-replica\.int\.test\.ts/);
    expect(await db.select().from(postcodes)).toEqual([]);

    // A service's read-only methods keep `this` and run on the read path.
    const svc = readOnlyMethods({
      n: 2,
      twice(this: { n: number }) {
        return this.n * 2;
      },
      write: async () => db.insert(postcodes).values(row),
    });
    expect(svc.twice()).toBe(4);
    await expect(svc.write()).rejects.toBeInstanceOf(ReadOnlyPathError);

    // Inside a write transaction the read path sees the transaction's own, uncommitted row.
    const seen = db.transaction(async (tx) => {
      await tx.insert(postcodes).values(row);
      const rows = await readOnly(() => db.select().from(postcodes));
      throw new Error(`seen: ${rows.map((p) => p.postcode).join(",")}`);
    });
    await expect(seen).rejects.toThrow("seen: 59423");
  });
});

describe("a read replica (DATABASE_URL_READ)", () => {
  if (kind === "pglite") {
    it("is ignored on the embedded database, with a start-up message", async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-read-"));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      const config = testConfig({
        DATA_DIR: dataDir,
        DATABASE_URL_READ: "postgres://lotse@127.0.0.1:1/none",
      });
      expect(config.databaseUrlRead).toBeUndefined();
      expect(config.notices).toEqual([READ_REPLICA_IGNORED]);
      // The runtime starts on PGlite and never touches the unreachable replica address.
      const rt = await openRuntime({ config, quiet: true });
      cleanups.push(() => rt.close());
      expect(rt.handle.kind).toBe("pglite");
      expect(rt.handle.replicaPool).toBeUndefined();
      const tenant = await rt.services.tenants.create({
        slug: "lesestadt",
        name: "Lesestadt",
        kind: "municipality",
      });
      const { params } = parseOfferSearch(new URLSearchParams("q=kurs"));
      const found = await rt.services.publicDirectory.searchOffers(tenant.id, params, "de");
      expect(found.total).toBe(0);
      // A fresh embedded database runs initdb and every migration: slow on a busy machine.
    }, 240_000);
    return;
  }

  it("answers the public search from a streaming standby; writes and signed-in users stay on the primary", async () => {
    const found = findPostgresBin();
    const bin = found && replicaBin(found);
    if (!bin)
      throw new Error("PostgreSQL binaries with pg_basebackup not found: install postgresql (CI does).");
    const pair: ReplicaPair = await startReplicaPair(bin);
    cleanups.push(() => pair.stop());
    const admin = await openDatabase({ kind: "postgres", url: pair.primaryUrl("postgres"), poolSize: 1 });
    await admin.pool!.query("CREATE DATABASE lotse");
    await admin.close();
    const handle: DatabaseHandle = await openDatabase({
      kind: "postgres",
      url: pair.primaryUrl("lotse"),
      readUrl: pair.standbyUrl("lotse"),
      poolSize: 4,
    });
    cleanups.push(() => handle.close());
    await handle.migrate();
    const { db } = handle;
    const config = testConfig({
      DATABASE_URL: pair.primaryUrl("lotse"),
      DATABASE_URL_READ: pair.standbyUrl("lotse"),
    });
    expect(config.databaseUrlRead).toBe(pair.standbyUrl("lotse"));
    const core = {
      db,
      dbKind: handle.kind,
      config,
      logger: createLogger("silent"),
      clock: manualClock(new Date()),
    };
    const services = createServices(core);
    const app = createLotseApp({ services });

    // Which server answers: the read path outside a transaction is the standby, all else the primary.
    await pair.caughtUp();
    expect(await inRecovery(db)).toBe(false);
    expect(await readOnly(() => inRecovery(db))).toBe(true);
    expect(await onPrimary(() => readOnly(() => inRecovery(db)))).toBe(false);
    expect(await db.transaction(() => readOnly(() => inRecovery(db)))).toBe(false);

    const tenant = await services.tenants.create({
      slug: "replikstadt",
      name: "Replikstadt",
      kind: "municipality",
    });
    const publish = async (title: string) => {
      const system = { kind: "system" as const, tenantId: tenant.id };
      const org = await services.directory.publishDirect(system, "organization", { name: `Träger ${title}` });
      await services.directory.publishDirect(system, "offer", { organizationId: org.entityId, title });
    };
    const titles = async (q: string) => {
      const { params } = parseOfferSearch(new URLSearchParams({ q }));
      const r = await services.publicDirectory.searchOffers(tenant.id, params, "de");
      return r.items.map((i) => i.title.text).sort();
    };
    const apiTitles = async (cookie?: string) => {
      const res = await app.request(`${TEST_BASE_URL}/api/public/offers?q=Nähcafé`, {
        headers: cookie ? { cookie } : {},
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { title: { text: string } }[] };
      return body.items.map((i) => i.title.text).sort();
    };

    await publish("Nähcafé am Markt");
    await pair.caughtUp();
    expect(await titles("Nähcafé")).toEqual(["Nähcafé am Markt"]);

    // With replay paused the standby lags: the public search does not see the second offer yet,
    // which proves it answered from the standby; the primary (and a signed-in user) does.
    const { user } = await createUserWithRole(services, tenant.id, "admin");
    const cookie = await sessionCookieFor(services, tenant.id, user.id);
    await pair.pauseReplay();
    await publish("Nähcafé im Hof");
    expect(await titles("Nähcafé")).toEqual(["Nähcafé am Markt"]);
    expect(await apiTitles()).toEqual(["Nähcafé am Markt"]);
    expect(await onPrimary(() => titles("Nähcafé"))).toEqual(["Nähcafé am Markt", "Nähcafé im Hof"]);
    expect(await apiTitles(cookie)).toEqual(["Nähcafé am Markt", "Nähcafé im Hof"]);
    await pair.resumeReplay();
    await pair.caughtUp();
    expect(await apiTitles()).toEqual(["Nähcafé am Markt", "Nähcafé im Hof"]);

    // A write on the read path fails cleanly: Drizzle's builders at once, raw SQL at the standby.
    const row = { tenantId: tenant.id, postcode: "59423", name: "Unna", lon: 7.69, lat: 51.54 };
    await expect(readOnly(async () => db.insert(postcodes).values(row))).rejects.toBeInstanceOf(
      ReadOnlyPathError,
    );
    const raw = await readOnly(() =>
      db.execute(
        sql`INSERT INTO postcodes (tenant_id, postcode, lon, lat) VALUES (${tenant.id}, '59423', 7.69, 51.54)`,
      ),
    ).then(
      () => "written",
      (e: unknown) => sqlStateOf(e),
    );
    expect(raw).toBe("25006"); // read_only_sql_transaction: the standby refuses
    expect(await db.select().from(postcodes)).toEqual([]);
  }, 300_000);
});

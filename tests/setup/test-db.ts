import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { createLotseApp as createApp } from "#app/composition/app.ts";
import { createServices, type Services } from "#app/composition/services.ts";
import { type Clock, manualClock } from "#app/server/clock.ts";
import { loadConfig } from "#app/server/config.ts";
import { type DatabaseHandle, openDatabase } from "#app/server/db/client.ts";
import type { CoreDeps } from "#app/server/deps.ts";
import { createLogger } from "#app/server/logger.ts";

/** A fresh, migrated database for one test file, on the kind this project runs (PGlite or PostgreSQL). */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const kind = inject("dbKind");
  if (kind === "pglite") {
    const bytes = fs.readFileSync(inject("pgliteTemplate"));
    return openDatabase({ kind: "pglite", loadDataDir: new Blob([bytes]) });
  }
  const adminUrl = inject("pgAdminUrl");
  const name = `lotse_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE lotse_template`);
  await admin.end();
  const handle = await openDatabase({
    kind: "postgres",
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    poolSize: 4,
  });
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export type TestContext = {
  handle: DatabaseHandle;
  services: Services;
  clock: Clock & { set(d: Date): void; advance(ms: number): void };
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

export const TEST_BASE_URL = "http://lotse.test";

/** Services and the HTTP app (API only, no pages) over a fresh database. */
export async function createTestContext(opts: { now?: Date } = {}): Promise<TestContext> {
  const handle = await openTestDatabase();
  const clock = manualClock(opts.now ?? new Date("2026-03-02T09:00:00Z"));
  const config = loadConfig({
    NODE_ENV: "test",
    BASE_URL: TEST_BASE_URL,
    SECRET_KEY: "test-secret-key-test-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
  });
  const core: CoreDeps = {
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger: createLogger("silent"),
    clock,
  };
  const services = createServices(core);
  const app = createApp({ services });
  return { handle, services, clock, app, close: () => handle.close() };
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createLotseApp as createApp } from "#app/composition/app.ts";
import type { Services } from "#app/composition/services.ts";
import { DEMO_TENANT, seedDemo } from "#app/modules/demo/seed.ts";
import { type DatabaseHandle, openDatabase } from "#app/server/db/client.ts";
import { TEST_NOW, type TestClock, testServices } from "./test-services.ts";

export { TEST_BASE_URL } from "./test-services.ts";

/**
 * A fresh, migrated database for one test file, on the kind this project runs (PGlite or
 * PostgreSQL). With `demo`, a copy of a database the demo seed has filled (see `createDemoContext`).
 */
export async function openTestDatabase(opts: { demo?: boolean } = {}): Promise<DatabaseHandle> {
  const kind = inject("dbKind");
  if (kind === "pglite") {
    const template = opts.demo ? await pgliteDemoTemplate() : inject("pgliteTemplate");
    return openDatabase({ kind: "pglite", loadDataDir: new Blob([fs.readFileSync(template)]) });
  }
  const adminUrl = inject("pgAdminUrl");
  if (opts.demo) await ensurePostgresDemoTemplate(adminUrl);
  const name = `lotse_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${opts.demo ? DEMO_TEMPLATE : "lotse_template"}`);
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

const DEMO_TEMPLATE = "lotse_demo_template";

/**
 * The demo template is built on first use, by whichever worker asks first; the others wait for
 * it. A run that needs no demo pays nothing. PGlite: a dump beside the migrated one, claimed
 * by an exclusive lock file.
 */
async function pgliteDemoTemplate(): Promise<string> {
  const base = inject("pgliteTemplate");
  const file = path.join(path.dirname(base), "demo-template.tar");
  const lock = `${file}.lock`;
  let claimed = false;
  try {
    fs.closeSync(fs.openSync(lock, "wx"));
    claimed = true;
  } catch {
    // Another worker builds it.
  }
  // A failed seed is written down, so the waiting files fail at once with its reason.
  const failed = `${file}.failed`;
  if (claimed) {
    const handle = await openDatabase({ kind: "pglite", loadDataDir: new Blob([fs.readFileSync(base)]) });
    try {
      await seedDemo(testServices(handle).services);
      const dump = await handle.pglite!.dumpDataDir("none");
      fs.writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(`${file}.part`, file);
    } catch (e) {
      fs.writeFileSync(failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
      throw e;
    } finally {
      await handle.close();
    }
    return file;
  }
  const deadline = Date.now() + 5 * 60_000;
  while (!fs.existsSync(file)) {
    if (fs.existsSync(failed)) throw new Error(`the demo seed failed:\n${fs.readFileSync(failed, "utf8")}`);
    if (Date.now() > deadline) throw new Error("the demo template was not built within five minutes");
    await new Promise((r) => setTimeout(r, 250));
  }
  return file;
}

/** PostgreSQL: a template database, built under an advisory lock so that it is built once. */
async function ensurePostgresDemoTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock(hashtext('lotse_demo_template'))");
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DEMO_TEMPLATE]);
    if (rowCount) return;
    const building = `${DEMO_TEMPLATE}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building} TEMPLATE lotse_template`);
    const handle = await openDatabase({
      kind: "postgres",
      url: adminUrl.replace(/\/[^/]*$/, `/${building}`),
      poolSize: 4,
    });
    try {
      await seedDemo(testServices(handle).services);
    } finally {
      await handle.close();
    }
    // Only a finished seed gets the template's name.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${DEMO_TEMPLATE}`);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(hashtext('lotse_demo_template'))").catch(() => {});
    await admin.end();
  }
}

export type TestContext = {
  handle: DatabaseHandle;
  services: Services;
  clock: TestClock;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

/** Services and the HTTP app (API only, no pages) over a fresh database. */
export async function createTestContext(opts: { now?: Date } = {}): Promise<TestContext> {
  return contextOver(await openTestDatabase(), opts.now ?? TEST_NOW);
}

/**
 * Like `createTestContext`, over a copy of a database the demo seed (`seedDemo`) has filled once
 * per run, at the default test time and before any job ran: the demo's queued jobs are still
 * due. Saves each file the seed's half minute; tests of the seed itself call `seedDemo`.
 */
export type DemoContext = TestContext & { tenantId: string };

export async function createDemoContext(): Promise<DemoContext> {
  const ctx = await contextOver(await openTestDatabase({ demo: true }), TEST_NOW);
  const tenant = await ctx.services.tenants.bySlug(DEMO_TENANT.slug);
  if (!tenant) throw new Error("the demo template holds no demo tenant");
  return { ...ctx, tenantId: tenant.id };
}

function contextOver(handle: DatabaseHandle, now: Date): TestContext {
  const { services, clock } = testServices(handle, now);
  const app = createApp({ services });
  return { handle, services, clock, app, close: () => handle.close() };
}

import fs from "node:fs";
import path from "node:path";
import { serve } from "@hono/node-server";
import { type Clock, fileClock, systemClock } from "#app/server/clock.ts";
import { type Config, loadConfig } from "#app/server/config.ts";
import { type DatabaseHandle, openDatabase } from "#app/server/db/client.ts";
import { acquireDataDirLock } from "#app/server/db/lock.ts";
import type { CoreDeps } from "#app/server/deps.ts";
import type { PageHandler } from "#app/server/http/app.ts";
import { createLogger } from "#app/server/logger.ts";
import { closeOffload, warmOffload } from "#app/server/offload/pool.ts";
import { createLotseApp } from "./app.ts";
import { MODULES } from "./modules.ts";
import { createServices, type Services } from "./services.ts";

export type Runtime = {
  config: Config;
  handle: DatabaseHandle;
  services: Services;
  close(): Promise<void>;
};

/** Opens the database (PGlite under DATA_DIR, or PostgreSQL via DATABASE_URL) and applies migrations. */
export async function openRuntime(
  opts: { config?: Config; clock?: Clock; quiet?: boolean } = {},
): Promise<Runtime> {
  const config = opts.config ?? loadConfig();
  const logger = createLogger(opts.quiet ? "silent" : config.logLevel);
  let releaseLock = () => {};
  let handle: DatabaseHandle;
  for (const notice of config.notices) logger.warn(notice);
  if (config.databaseUrl) {
    handle = await openDatabase({
      kind: "postgres",
      url: config.databaseUrl,
      ...(config.databaseUrlRead ? { readUrl: config.databaseUrlRead } : {}),
    });
  } else {
    releaseLock = acquireDataDirLock(config.dataDir);
    handle = await openDatabase({ kind: "pglite", dataDir: path.join(config.dataDir, "pglite") });
  }
  await handle.migrate();
  const core: CoreDeps = {
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger,
    clock: opts.clock ?? testClockFromEnv(config) ?? systemClock,
  };
  const services = createServices(core);
  return {
    config,
    handle,
    services,
    close: async () => {
      await handle.close();
      releaseLock();
    },
  };
}

/**
 * The browser tests move the time of the running server (tests/e2e/whole-case.test.ts): only
 * when NODE_ENV=test and LOTSE_TEST_CLOCK_FILE names a file. Never in development or production.
 */
function testClockFromEnv(config: Config): Clock | undefined {
  const file = process.env.LOTSE_TEST_CLOCK_FILE;
  if (config.env !== "test" || !file) return undefined;
  return fileClock(file, (f) => fs.readFileSync(f, "utf8"));
}

export type ServerOptions = {
  pageHandler?: PageHandler;
  staticHandler?: (req: Request) => Promise<Response | null>;
  onReady?: (rt: Runtime) => Promise<void> | void;
};

/** Starts the HTTP server and stops it cleanly on SIGTERM/SIGINT (PGlite must be closed). */
export async function startServer(opts: ServerOptions = {}) {
  const rt = await openRuntime();
  const { config } = rt;
  const log = rt.services.core.logger;
  await opts.onReady?.(rt);
  const app = createLotseApp({
    services: rt.services,
    pageHandler: opts.pageHandler,
    staticHandler: opts.staticHandler,
  });
  // Background jobs (mail, later imports, retention, reports). Tests call runDue() instead.
  // Every module keeps its recurring jobs queued (retention, review reminders; idempotent).
  for (const m of MODULES) if ("schedule" in m) await m.schedule(rt.services)();
  rt.services.jobs.start();
  await warmOffload();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info({ port: info.port, db: rt.handle.kind }, "Lotse is listening");
    console.log(
      `\nLotse runs at ${config.baseUrl}  (database: ${rt.handle.kind === "pglite" ? `embedded, ${config.dataDir}` : rt.handle.replicaPool ? "PostgreSQL, public reads from a replica" : "PostgreSQL"})\n`,
    );
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close();
    // Worker threads end at once (an import in hand fails and can be retried), so shutdown
    // never waits for a 20 MB file; then the job worker finishes before the database closes.
    await closeOffload();
    await rt.services.jobs.stop();
    await rt.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return { rt, server, app };
}

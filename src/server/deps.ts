import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./logger.ts";

/** What every service gets. Services receive other services explicitly, never reach into their tables. */
export type CoreDeps = {
  db: Database;
  dbKind: "pglite" | "postgres";
  config: Config;
  logger: Logger;
  clock: Clock;
};

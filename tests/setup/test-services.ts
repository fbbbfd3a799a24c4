import { createServices, type Services } from "#app/composition/services.ts";
import { type Clock, manualClock } from "#app/server/clock.ts";
import { loadConfig } from "#app/server/config.ts";
import type { DatabaseHandle } from "#app/server/db/client.ts";
import type { CoreDeps } from "#app/server/deps.ts";
import { createLogger } from "#app/server/logger.ts";

export const TEST_BASE_URL = "http://lotse.test";
/** The test clock's default: the demo template is seeded at this instant too. */
export const TEST_NOW = new Date("2026-03-02T09:00:00Z");

export type TestClock = Clock & { set(d: Date): void; advance(ms: number): void };

/** The services every integration test uses, over a given database and at a given time. */
export function testServices(
  handle: DatabaseHandle,
  now: Date = TEST_NOW,
): { services: Services; clock: TestClock } {
  const clock = manualClock(now);
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
  return { services: createServices(core), clock };
}

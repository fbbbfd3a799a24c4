import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const integration = ["src/**/*.int.test.ts", "tests/integration/**/*.test.ts"];

// Integration tests run twice: on PGlite and on a throwaway PostgreSQL (tests/setup/global-db.ts).
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: one worker on a 2-core CI machine ran
    // every integration file in turn. Each file has its own database copy, so two run at once.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: integration,
          // Property tests run thousands of cases: on a busy 2-core machine beside a second worker
          // they need more than the default 5 s.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: integration,
          env: { LOTSE_TEST_DB: "pglite" },
          globalSetup: ["tests/setup/global-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: integration,
          env: { LOTSE_TEST_DB: "postgres" },
          globalSetup: ["tests/setup/global-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // A loaded CI machine answers a form post in more than the default second.
          expect: { poll: { timeout: 15_000 } },
          globalSetup: ["tests/setup/global-e2e.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

// `npm test`: static checks, the build, then unit, integration (PGlite and PostgreSQL) and browser tests.
// In CI a missing PostgreSQL or Chromium is an error (.ci/run installs them); elsewhere it is skipped loudly.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { findChromium } from "../tests/setup/chromium.ts";
import { findPostgresBin } from "../tests/setup/postgres-cluster.ts";

const root = path.resolve(import.meta.dirname, "..");
const ci = process.env.CI === "true" || process.env.CI === "1";
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

function run(label: string, cmd: string, args: string[]) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const projects = ["unit", "pglite"];
if (findPostgresBin() || process.env.LOTSE_TEST_POSTGRES_URL) projects.push("postgres");
else if (ci) {
  console.error("✖ PostgreSQL binaries are missing in CI (apt-get install postgresql).");
  process.exit(1);
} else
  console.warn(
    "\n⚠⚠⚠ PostgreSQL not found: the integration tests run on PGlite only. Install postgresql to run them on both. ⚠⚠⚠\n",
  );

if (findChromium()) projects.push("e2e");
else if (ci) {
  console.error("✖ Chromium is missing in CI (apt-get install chromium).");
  process.exit(1);
} else
  console.warn(
    "\n⚠⚠⚠ Chromium not found: the browser tests are NOT run. Install chromium to run them. ⚠⚠⚠\n",
  );

run("typecheck", process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.cjs"), "typegen"]);
run("typecheck (tsc)", bin("tsc"), ["-p", "tsconfig.json"]);
run("lint", bin("biome"), ["check", "--error-on-warnings", "."]);
run("module boundaries", bin("depcruise"), [
  "src",
  "--config",
  ".dependency-cruiser.mjs",
  "--output-type",
  "err-long",
]);
run("catalog check", process.execPath, [path.join(root, "scripts/i18n/check.ts")]);
run("migrations are up to date", process.execPath, [path.join(root, "scripts/check-migrations.ts")]);
run("dependency check (offline)", process.execPath, [path.join(root, "scripts/deps-check.ts")]);
// The browser tests and tests/integration/two-instances.test.ts run the built server.
run("build", process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.cjs"), "build"]);
run(`tests (${projects.join(", ")})`, bin("vitest"), ["run", ...projects.flatMap((p) => ["--project", p])]);

// `npm test`: static checks, the build, then unit, integration (PGlite and PostgreSQL) and browser tests.
// In CI a missing PostgreSQL or Chromium is an error (.ci/run installs them); elsewhere it is skipped loudly.
import { spawn, spawnSync } from "node:child_process";
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

const vitestArgs = (names: string[]) => ["run", ...names.flatMap((p) => ["--project", p])];
const together = projects.filter((p) => p !== "e2e");
if (!projects.includes("e2e") || process.env.LOTSE_TEST_SERIAL === "1") {
  run(`tests (${projects.join(", ")})`, bin("vitest"), vitestArgs(projects));
} else {
  // The browser tests share one server and run one file at a time, so Vitest runs them in a group
  // of their own after every other file: half the run used one core. They wait on the browser more
  // than on the CPU, so a second Vitest process runs them beside the unit and integration tests.
  // LOTSE_TEST_SERIAL=1 runs everything in one process, one group after the other, as before.
  const results = await Promise.all([
    runPrefixed(`tests (${together.join(", ")})`, bin("vitest"), vitestArgs(together), ""),
    runPrefixed("tests (e2e)", bin("vitest"), vitestArgs(["e2e"]), "e2e │ "),
  ]);
  const failed = results.filter((r) => r.code !== 0);
  for (const r of failed) console.error(`\n✖ ${r.label} failed`);
  if (failed.length) process.exit(failed[0]?.code || 1);
}

/** Like run, but asynchronous, and every output line carries the prefix (the two runs interleave). */
function runPrefixed(
  label: string,
  cmd: string,
  args: string[],
  prefix: string,
): Promise<{ label: string; code: number }> {
  console.log(`\n▶ ${label}`);
  const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let rest = "";
    from.setEncoding("utf8");
    from.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      if (lines.length) to.write(`${lines.map((l) => prefix + l).join("\n")}\n`);
    });
    from.on("end", () => {
      if (rest) to.write(`${prefix}${rest}\n`);
    });
  }
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0) }));
  });
}

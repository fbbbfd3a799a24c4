import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * Smoke test of the real command: `node src/cli/main.ts …` as `npm run lotse` runs it (Node 24
 * type stripping), against a temporary DATA_DIR (PGlite) or a fresh PostgreSQL database.
 */
const root = path.resolve(import.meta.dirname, "../..");
const nodeBin = path.join(root, "node_modules/.bin/node");
let dir: string;
let env: NodeJS.ProcessEnv;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-cli-"));
  // A clean environment: only what a shell would pass, not the test runner's variables.
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: path.join(dir, "data"),
    LOG_LEVEL: "silent",
    LANG: "en",
    NODE_ENV: "development",
  };
  if (inject("dbKind") === "postgres") {
    const adminUrl = inject("pgAdminUrl");
    const name = `lotse_cli_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    dropDb = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
});
afterAll(async () => {
  await dropDb?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

function lotse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return lotseWithInput(undefined, ...args);
}

function lotseWithInput(
  input: string | undefined,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      nodeBin,
      ["src/cli/main.ts", ...args],
      { cwd: root, env, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}

const areasFile = () => {
  const square = (x: number, y: number, d: number) => [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ];
  const file = path.join(dir, "areas.geojson");
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "city", name: "Teststadt", level: "city" },
          geometry: { type: "Polygon", coordinates: square(7.6, 51.5, 0.1) },
        },
        {
          type: "Feature",
          properties: { code: "nord", name: "Nord", level: "district", parent: "city" },
          geometry: { type: "Polygon", coordinates: square(7.62, 51.52, 0.02) },
        },
      ],
    }),
  );
  return file;
};

describe("lotse CLI", () => {
  it("explains its usage and refuses unknown commands and options", async () => {
    const unknown = await lotse("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const bad = await lotse("backup", "--nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage: npm run lotse -- backup");
  });

  it("creates a tenant and a user (generated password printed once), refuses a taken e-mail", async () => {
    const t = await lotse(
      "create-tenant",
      "--slug",
      "teststadt",
      "--name",
      "Teststadt",
      "--kind",
      "municipality",
      "--template",
      "herdecke",
    );
    expect(t.stderr).toBe("");
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/Created tenant "teststadt"/);
    const u = await lotse(
      "create-user",
      "--tenant",
      "teststadt",
      "--email",
      "admin@example.org",
      "--name",
      "Ada",
      "--role",
      "admin",
    );
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/Password \(shown only now\): \S{16,}/);
    const again = await lotse(
      "create-user",
      "--tenant",
      "teststadt",
      "--email",
      "admin@example.org",
      "--name",
      "Ada",
      "--role",
      "admin",
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--email");
  }, 120_000);

  it("takes a password from standard input or a file, never from the command line", async () => {
    const base = ["create-user", "--tenant", "teststadt", "--name", "Bea", "--role", "admin"];
    const argv = await lotse(...base, "--email", "argv@example.org", "--password", "Geheim-Passwort-1234");
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain("--password-file");

    const stdin = await lotseWithInput(
      "Stdin-Passwort-1234\n",
      ...base,
      "--email",
      "stdin@example.org",
      "--password-file",
      "-",
    );
    expect(stdin.stderr).toBe("");
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).not.toMatch(/Password \(shown only now\)/);

    const file = path.join(dir, "password.txt");
    fs.writeFileSync(file, "Datei-Passwort-1234\n", { mode: 0o600 });
    const fromFile = await lotse(...base, "--email", "file@example.org", "--password-file", file);
    expect(fromFile.code).toBe(0);
    const empty = path.join(dir, "empty.txt");
    fs.writeFileSync(empty, "");
    const none = await lotse(...base, "--email", "empty@example.org", "--password-file", empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("empty");
  }, 120_000);

  it("imports areas (dry run first) and writes a backup", async () => {
    const file = areasFile();
    const dry = await lotse("import-areas", "--tenant", "teststadt", "--file", file, "--dry-run");
    expect(dry.code).toBe(0);
    const real = await lotse("import-areas", "--tenant", "teststadt", "--file", file);
    expect(real.code).toBe(0);
    const missing = await lotse(
      "import-areas",
      "--tenant",
      "teststadt",
      "--file",
      path.join(dir, "nope.geojson"),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("File not found");

    const backupFile = path.join(dir, "backup.jsonl.gz");
    const b = await lotse("backup", "--out", backupFile);
    expect(b.code).toBe(0);
    expect(fs.existsSync(backupFile)).toBe(true);
  }, 120_000);

  it("restores the backup: the same data comes back", async () => {
    const backupFile = path.join(dir, "backup.jsonl.gz");
    // After the backup: a new tenant. The restore must remove it again.
    expect(
      (await lotse("create-tenant", "--slug", "later", "--name", "Später", "--kind", "county")).code,
    ).toBe(0);
    const noYes = await lotse("restore", "--in", backupFile);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain("--yes");
    const r = await lotse("restore", "--in", backupFile, "--yes");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Restored \d+ rows/);
    // "later" is gone (it can be created again), "teststadt" is back (its slug is taken).
    expect(
      (await lotse("create-tenant", "--slug", "later", "--name", "Später", "--kind", "county")).code,
    ).toBe(0);
    const dup = await lotse("create-tenant", "--slug", "teststadt", "--name", "X", "--kind", "county");
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("--slug");

    // Refused before the database opens (src/cli/inputs.ts); the restore's own checks of a
    // damaged gzip are in src/server/db/backup.int.test.ts.
    const corrupt = path.join(dir, "corrupt.gz");
    fs.writeFileSync(corrupt, "not a backup");
    const c = await lotse("restore", "--in", corrupt, "--yes");
    expect(c.code).toBe(1);
    expect(c.stderr).toContain("damaged");
    const missing = await lotse("restore", "--in", path.join(dir, "nope.gz"), "--yes");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("File not found");
  }, 120_000);

  it("refuses to run while a server holds the embedded database", async () => {
    if (inject("dbKind") === "postgres") {
      // On PostgreSQL there is no data-directory lock: the command runs beside the server.
      expect((await lotse("backup", "--out", path.join(dir, "b2.gz"))).code).toBe(0);
      return;
    }
    // This test process stands in for a running server: a live PID in the lock file.
    fs.writeFileSync(path.join(env.DATA_DIR!, "lotse.lock"), String(process.pid));
    const res = await lotse("backup", "--out", path.join(dir, "b2.gz"));
    fs.rmSync(path.join(env.DATA_DIR!, "lotse.lock"));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("Stop the server");
  });
});

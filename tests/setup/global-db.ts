import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/server/db/client.ts";
import { type Cluster, findPostgresBin, startCluster } from "./postgres-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dbKind: "pglite" | "postgres";
    pgliteTemplate: string;
    pgAdminUrl: string;
  }
}

/**
 * Migrates once per run, then every test file gets its own copy: PGlite from a dumped
 * data directory, PostgreSQL from a template database (as epic-stack does). The demo-seeded
 * template is built lazily by the first file that asks for it (`createDemoContext`).
 */
export default async function setup(project: TestProject) {
  const kind = (project.config.env?.LOTSE_TEST_DB ?? "pglite") as "pglite" | "postgres";
  project.provide("dbKind", kind);
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite" });
    await handle.migrate();
    const dump = await handle.pglite!.dumpDataDir("none");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lotse-pglite-")), "template.tar");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    project.provide("pgliteTemplate", file);
    project.provide("pgAdminUrl", "");
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  let cluster: Cluster | null = null;
  let adminUrl = process.env.LOTSE_TEST_POSTGRES_URL;
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin) throw new Error("PostgreSQL binaries not found: install postgresql (CI does this in .ci/run).");
    cluster = await startCluster(bin);
    adminUrl = cluster.url("postgres");
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS lotse_template");
  // Built on first use in this run (tests/setup/test-db.ts): never one from an older schema.
  await admin.query("DROP DATABASE IF EXISTS lotse_demo_template");
  await admin.query("CREATE DATABASE lotse_template");
  await admin.end();
  const templateUrl = adminUrl.replace(/\/[^/]*$/, "/lotse_template");
  const handle = await openDatabase({ kind: "postgres", url: templateUrl, poolSize: 1 });
  await handle.migrate();
  await handle.close();
  project.provide("pgliteTemplate", "");
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await cluster?.stop();
  };
}

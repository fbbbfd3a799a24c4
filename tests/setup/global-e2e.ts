import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findChromium } from "./chromium.ts";
import { assertBuilt, startServerProcess } from "./server-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Lotse server the browser tests share (fresh embedded database, demo data). */
    e2eBaseUrl: string;
    /** A stopped server's DATA_DIR with the demo data: files with a server of their own copy it. */
    e2eSeededDataDir: string;
  }
}

/**
 * One real Lotse server for the whole browser-test run: the built bundle on a fresh
 * embedded database in a temporary DATA_DIR, with the demo data (seeded by a first server run).
 */
export default async function setup(project: TestProject) {
  assertBuilt();
  if (!findChromium()) {
    throw new Error("Chromium not found: install the Debian package `chromium` (CI does this in .ci/run).");
  }
  // The demo seed of every module runs once, here (minutes on a loaded 2-core machine): the shared
  // server and each file with a server of its own start from copies of the seeded directory.
  const seededDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-e2e-seeded-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-e2e-"));
  const removeDirs = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(seededDir, { recursive: true, force: true });
  };
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  try {
    const seeder = await startServerProcess({ dataDir: seededDir, readyTimeoutMs: 280_000 });
    await seeder.stop();
    const { code, signal } = await seeder.exited;
    if (code !== 0 && signal !== "SIGTERM") {
      throw new Error(`The seeding server exited with code ${code}, signal ${signal}:\n${seeder.output()}`);
    }
    fs.cpSync(seededDir, dataDir, { recursive: true });
    server = await startServerProcess({ dataDir, readyTimeoutMs: 120_000 });
  } catch (e) {
    removeDirs();
    throw e;
  }
  project.provide("e2eSeededDataDir", seededDir);
  project.provide("e2eBaseUrl", server.baseUrl);
  return async () => {
    await server.stop();
    const { code, signal } = await server.exited;
    removeDirs();
    if (code !== 0 && signal !== "SIGTERM") {
      console.warn(
        `Lotse e2e server exited with code ${code}, signal ${signal}. Output:\n${server.output()}`,
      );
    }
  };
}

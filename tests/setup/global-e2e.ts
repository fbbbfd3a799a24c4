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
  }
}

/**
 * One real Lotse server for the whole browser-test run: the built bundle on a fresh
 * embedded database in a temporary DATA_DIR, with the demo data.
 */
export default async function setup(project: TestProject) {
  assertBuilt();
  if (!findChromium()) {
    throw new Error("Chromium not found: install the Debian package `chromium` (CI does this in .ci/run).");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-e2e-"));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  try {
    // The demo seed of every module runs first: minutes on a loaded 2-core machine.
    server = await startServerProcess({ dataDir, readyTimeoutMs: 280_000 });
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide("e2eBaseUrl", server.baseUrl);
  return async () => {
    await server.stop();
    const { code, signal } = await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0 && signal !== "SIGTERM") {
      console.warn(
        `Lotse e2e server exited with code ${code}, signal ${signal}. Output:\n${server.output()}`,
      );
    }
  };
}

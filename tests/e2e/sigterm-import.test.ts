// Issue 13: SIGTERM stops the server within a few seconds, even while it reads a 20 MB import.
// The built server runs as a child process, as `npm start` runs it.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { geojsonAtLimit } from "../setup/geojson-at-limit.ts";
import { type ServerProcess, startServerProcess } from "../setup/server-process.ts";
import { apiLogin, demoUser, seededDataDir } from "./support.ts";

const dataDir = seededDataDir("lotse-sigterm-");
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGTERM in the middle of an import", () => {
  it("stops the server within seconds, cleanly", { timeout: 300_000 }, async () => {
    server = await startServerProcess({ dataDir });
    const origin = server.baseUrl;
    const cookie = await apiLogin(origin, demoUser("admin"));
    const file = geojsonAtLimit();

    // Three uploads at once (two worker threads): at least one is still being read at SIGTERM.
    const answered: (number | "closed")[] = [];
    const uploads = [1, 2, 3].map(() =>
      fetch(`${origin}/api/v1/areas/import/preview`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/geo+json" },
        body: file.text,
      })
        .then((res) => answered.push(res.status))
        // The connection closing is fine: the server is stopping.
        .catch(() => answered.push("closed")),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    // A kept-alive socket the server closed meanwhile resets once (undici reuses it): ask again then.
    const probe = () => fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(10_000) });
    const health = await probe()
      .catch((e) =>
        (e as { cause?: { code?: string } }).cause?.code === "ECONNRESET" ? probe() : Promise.reject(e),
      )
      .catch((e) => {
        throw new Error(`/healthz did not answer during the import: ${e}\n${server?.output().slice(-4000)}`);
      });
    expect(health.status).toBe(200);
    expect(answered.length, `answers before SIGTERM: ${answered.join(", ")}`).toBeLessThan(3);

    const t0 = performance.now();
    server.child.kill("SIGTERM");
    const exit = await Promise.race([
      server.exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    const ms = performance.now() - t0;
    console.log(
      `SIGTERM during a ${(file.text.length / 2 ** 20).toFixed(1)} MB import: exited after ${ms.toFixed(0)} ms`,
    );
    // Generous for a loaded machine; before, the server did not stop at all until the read ended.
    expect(exit).toEqual({ code: 0, signal: null });
    await Promise.all(uploads);
  });
});

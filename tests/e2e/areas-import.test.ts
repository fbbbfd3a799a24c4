// Importing areas through the one import wizard (decisions 042, 043): the upload becomes an
// import run, its preview runs as a job and the run's page shows it; a broken file gets its
// errors per row and column and writes nothing; a good file is written only after the
// confirmation. Keyboard focus goes to each step's heading or error summary; without
// JavaScript the run page refreshes itself until the job is done.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, baseUrl, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const quarter = (code: string, name: string, parent: string) => ({
  type: "Feature",
  properties: { code, name, level: "quarter", parent, approximate: true, source: "E2E-Test" },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [7.688, 51.534],
        [7.692, 51.534],
        [7.692, 51.537],
        [7.688, 51.537],
        [7.688, 51.534],
      ],
    ],
  },
});
const RUN_PAGE = /\/staff\/areas\/import\/[0-9a-f-]{36}$/;

/** Submits step 1 and waits on the run page until the job has previewed the file. */
async function startPreview(page: Page) {
  await page.getByRole("button", { name: "Vorschau prüfen" }).click();
  await page.waitForURL(RUN_PAGE);
  await page.getByRole("heading", { level: 2, name: "Vorschau" }).waitFor({ timeout: 30_000 });
}
const focused = (page: Page) =>
  page.evaluate(() => ({ tag: document.activeElement?.tagName, cls: document.activeElement?.className }));

describe("areas import wizard", () => {
  it("shows a broken file's errors per row and column, writes nothing, and imports a good file after confirmation", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/areas/import"))?.status()).toBe(200);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Nothing chosen: the error summary names the file field and takes focus.
    await page.getByRole("button", { name: "Vorschau prüfen" }).click();
    await page.locator(".error-summary").waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ cls: expect.stringContaining("error-summary") });

    // Not JSON at all: a file-level error, nothing to confirm.
    await page.locator("#areas-text").fill("{ kaputt");
    await startPreview(page);
    const summary = page.locator(".error-summary");
    expect(await summary.textContent()).toContain("Es wurde nichts gespeichert");
    expect(await summary.textContent()).toContain("kein gültiges JSON");
    await expect.poll(() => focused(page)).toMatchObject({ cls: expect.stringContaining("error-summary") });
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);

    // A self-intersecting polygon and an unknown parent: errors per row and column.
    const bowTie = {
      ...quarter("e2e-bad", "Schleife", "unna-mitte"),
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [7.68, 51.53],
            [7.69, 51.54],
            [7.69, 51.53],
            [7.68, 51.54],
            [7.68, 51.53],
          ],
        ],
      },
    };
    await page.goto("/staff/areas/import");
    await page.locator("#areas-text").fill(
      JSON.stringify({
        type: "FeatureCollection",
        features: [bowTie, quarter("e2e-orphan", "Waise", "nope")],
      }),
    );
    await startPreview(page);
    const issues = page.locator("table.import-issues");
    const text = await issues.textContent();
    expect(text).toContain("schneidet oder berührt sich selbst");
    expect(text).toContain("„nope“");
    expect(await issues.locator("tbody tr").count()).toBe(2);
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Nothing was written.
    await page.goto("/staff/areas");
    expect(await page.locator("table").textContent()).not.toContain("Schleife");

    // A good file, uploaded: preview first, then confirm with the keyboard.
    await page.goto("/staff/areas/import");
    await page.locator("#f-file").setInputFiles({
      name: "quartier.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(
        JSON.stringify({
          type: "FeatureCollection",
          features: [quarter("e2e-altstadt", "Altstadt (Test)", "unna-mitte")],
        }),
      ),
    });
    await startPreview(page);
    await expect.poll(() => focused(page)).toMatchObject({ tag: "H2" });
    expect(await page.locator("table.import-preview").textContent()).toContain("neu");
    const confirm = page.getByRole("button", { name: "Import bestätigen" });
    await confirm.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: "Import abgeschlossen" }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".notice-success").textContent()).toContain("neu angelegt1");
    expect((await axeViolations(page)).join("\n")).toBe("");

    await page.goto("/staff/areas");
    expect(await page.locator("table").textContent()).toContain("Altstadt (Test)");
    expect(errors).toEqual([]);
  });

  it("reads a zipped Shapefile with the level chosen among the GIS options, and says what it read", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/areas/import");
    await page.locator("#f-file").setInputFiles({
      name: "stadtbezirke.zip",
      mimeType: "application/zip",
      buffer: readFileSync(new URL("../fixtures/areas/stadtbezirke-25832.zip", import.meta.url)),
    });
    // The options are closed until needed; opened by keyboard.
    await page.locator(".import-options summary").focus();
    await page.keyboard.press("Enter");
    await page.locator("#f-level").selectOption("district");
    expect((await axeViolations(page)).join("\n")).toBe("");
    await startPreview(page);
    const notices = page.locator("ul.import-notices");
    expect(await notices.textContent()).toContain("Gelesen als Shapefile (ZIP).");
    expect(await notices.textContent()).toContain("EPSG:25832");
    expect(await page.locator("table.import-preview tbody tr").count()).toBe(4);
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(1);
    expect((await axeViolations(page)).join("\n")).toBe("");
    // Not confirmed: the shared demo keeps its areas.
  });

  it("works without JavaScript: the run page refreshes itself until the preview is there", async () => {
    const page = await newPage("de", { javaScriptEnabled: false });
    await loginAs(page, "coordinator", "de");
    // Started over the API, the run is still queued when its page is asked for at once.
    const features = Array.from({ length: 200 }, (_, i) => quarter(`e2e-nojs-${i}`, `Ohne JS ${i}`, "nope"));
    const started = await page.request.post("/api/v1/import-runs/areas?filename=nojs.geojson", {
      headers: { origin: baseUrl(), "content-type": "application/octet-stream" },
      data: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })),
    });
    expect(started.status()).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const html = await (await page.request.get(`/staff/areas/import/${id}`)).text();
    expect(html).toMatch(/<meta http-equiv="refresh" content="2"/);
    expect(html).toContain("<progress");

    // The plain page follows the refresh until the job is done.
    await page.goto(`/staff/areas/import/${id}`);
    await page.getByRole("heading", { level: 2, name: "Vorschau" }).waitFor({ timeout: 30_000 });
    expect(await page.locator("table.import-issues").textContent()).toContain("„nope“");
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
  });

  it("is refused to roles without areas.import", async () => {
    const page = await newPage("de");
    await loginAs(page, "case_worker", "de");
    expect((await page.goto("/staff/areas/import"))?.status()).toBe(403);
    expect((await page.goto("/staff/areas/import/00000000-0000-7000-8000-000000000001"))?.status()).toBe(403);
  });
});

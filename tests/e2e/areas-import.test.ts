// Importing areas through the staff page: a broken file gets a clear message and writes
// nothing; a good file shows a preview, and only the confirm button writes.
import { describe, expect, it } from "vitest";
import { axeViolations, loginAs, newPage, setupBrowser } from "./support.ts";

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

describe("areas import page", () => {
  it("shows a broken file's errors, writes nothing, and imports a good file after confirmation", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/areas/import"))?.status()).toBe(200);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Not JSON at all.
    await page.locator("#areas-text").fill("{ kaputt");
    await page.getByRole("button", { name: "Vorschau prüfen" }).click();
    await expect
      .poll(() => page.locator(".areas-preview [role=alert]").allTextContents())
      .toEqual([expect.stringContaining("Es wurde nichts gespeichert")]);
    expect(await page.locator(".areas-preview").textContent()).toContain("kein gültiges JSON");
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);

    // A self-intersecting polygon and an unknown parent: per-feature errors in the preview table.
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
    await page.locator("#areas-text").fill(
      JSON.stringify({
        type: "FeatureCollection",
        features: [bowTie, quarter("e2e-orphan", "Waise", "nope")],
      }),
    );
    await page.getByRole("button", { name: "Vorschau prüfen" }).click();
    const table = page.locator("table.areas-preview-table");
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain("schneidet oder berührt sich selbst");
    expect(text).toContain("„nope“");
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Nothing was written.
    await page.goto("/staff/areas");
    expect(await page.locator("table").textContent()).not.toContain("Schleife");

    // A good file, uploaded: preview first, then confirm.
    await page.goto("/staff/areas/import");
    await page.locator("#areas-file").setInputFiles({
      name: "quartier.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(
        JSON.stringify({
          type: "FeatureCollection",
          features: [quarter("e2e-altstadt", "Altstadt (Test)", "unna-mitte")],
        }),
      ),
    });
    await page.getByRole("button", { name: "Vorschau prüfen" }).click();
    await page.getByRole("button", { name: "Import bestätigen" }).waitFor();
    expect(await page.locator("table.areas-preview-table").textContent()).toContain("neu");
    await page.getByRole("button", { name: "Import bestätigen" }).click();
    await page.locator(".notice-success").waitFor();
    expect(await page.locator(".notice-success").textContent()).toContain("1 Gebiet neu");

    await page.goto("/staff/areas");
    expect(await page.locator("table").textContent()).toContain("Altstadt (Test)");
    expect(errors).toEqual([]);
  });

  it("is refused to roles without areas.import", async () => {
    const page = await newPage("de");
    await loginAs(page, "case_worker", "de");
    expect((await page.goto("/staff/areas/import"))?.status()).toBe(403);
  });
});

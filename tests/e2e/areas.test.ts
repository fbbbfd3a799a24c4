// The areas of Unna show in the table and on the map (which renders without any base map).
import { describe, expect, it } from "vitest";
import { directionOf, type Language } from "#app/i18n/languages.ts";
import { decodePng, distinctColours } from "./png.ts";
import { axeViolations, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

/** Unna's five social areas, created by the demo seed (src/modules/demo). */
const UNNA_AREAS = ["Königsborn", "Unna-Mitte", "Massen", "Landgemeinden", "Unna-Süd"];

describe.each(["de", "ar"] as Language[])("areas page in %s", (lang) => {
  it("lists Unna's areas in the table and draws them on the map", async () => {
    const page = await newPage(lang);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
        errors.push(`console: ${m.text()}`);
    });
    // Failed requests of the page (the browser's own favicon request aside).
    page.on("response", (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico")
        errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    await loginAs(page, "case_worker", lang);
    const res = await page.goto("/staff/areas");
    expect(res?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("dir")).toBe(directionOf(lang));

    const table = page.locator("table").filter({ hasText: UNNA_AREAS[0]! });
    expect(await table.locator("caption").count(), "the table has a caption").toBe(1);
    const cells = (await table.locator("th, td").allTextContents()).map((t) => t.trim());
    for (const name of UNNA_AREAS) expect(cells, name).toContain(name);

    // The map: a canvas that shows more than one colour (area polygons over the background).
    const canvas = page.locator("canvas").first();
    await canvas.waitFor({ state: "visible", timeout: 20_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\nErrors in the page:\n${errors.join("\n")}`);
    });
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.height ?? 0).toBeGreaterThan(100);
    await expect
      .poll(async () => distinctColours(decodePng(await canvas.screenshot())), { timeout: 20_000 })
      .toBeGreaterThan(2);
    expect(errors).toEqual([]);
    expect((await axeViolations(page)).join("\n")).toBe("");
  });
});

describe("the screenshot check itself", () => {
  it("sees one colour on a plain element and two on a two-coloured one", async () => {
    const page = await newPage("de");
    await page.setContent('<div id="x" style="width:200px;height:120px;background:#fff"></div>');
    expect(distinctColours(decodePng(await page.locator("#x").screenshot()))).toBe(1);
    await page.setContent(
      '<div id="y" style="display:flex;width:200px;height:120px"><i style="flex:1;background:#fff"></i><i style="flex:1;background:#c00"></i></div>',
    );
    expect(distinctColours(decodePng(await page.locator("#y").screenshot()))).toBe(2);
  });
});

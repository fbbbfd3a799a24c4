// The XLSForm import page as a coordinator meets it (issue 14): a form whose choices come from
// CSV files is refused, naming the missing file, until the files are picked beside it; the
// preview's cascading select then hides the quarters of other districts. A KoboToolbox form with
// metadata rows is imported, and the page lists what was left out, row by row. Lists from GeoJSON
// and XML files are read, and a geopoint is picked on a map of the areas. axe-clean.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const dir = join(import.meta.dirname, "../fixtures/xlsform");
const file = (name: string, mimeType = "application/octet-stream") => ({
  name,
  mimeType,
  buffer: readFileSync(join(dir, name)),
});

describe("XLSForm import page", () => {
  it("asks for the CSV a from_file question names, then imports the form with its choices", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/forms/import");
    await expectAxeClean(page);
    await page.setInputFiles("#f-file", file("choices-from-file.xlsx"));
    await page.setInputFiles("#f-choiceFiles", [file("stadtbezirke.csv", "text/csv")]);
    await page.getByRole("button", { name: message("de", "surveys.import_submit") }).click();
    const problems = page.locator(".import-problems");
    await expect.poll(async () => (await problems.textContent()) ?? "").toContain("„quartiere.csv“");
    await expectAxeClean(page);

    await page.setInputFiles("#f-file", file("choices-from-file.xlsx"));
    await page.setInputFiles("#f-choiceFiles", [
      file("stadtbezirke.csv", "text/csv"),
      file("quartiere.csv", "text/csv"),
    ]);
    await page.getByRole("button", { name: message("de", "surveys.import_submit") }).click();
    await page.waitForURL(/\/staff\/forms\/[0-9a-f-]{36}\?imported=1/);
    // the cascading select: choosing Massen leaves only Massen's quarter visible
    await page.getByRole("radio", { name: "Massen" }).first().check();
    await expect.poll(() => page.getByRole("radio", { name: "Altstadt" }).isVisible()).toBe(false);
    await expect.poll(() => page.getByRole("radio", { name: "Massen-Nord" }).isVisible()).toBe(true);
    await expectAxeClean(page);
  });

  it("lists the warnings of a KoboToolbox form on the import page, with a link to the form", async () => {
    const page = await newPage("en");
    await loginAs(page, "coordinator", "en");
    await page.goto("/staff/forms/import");
    await page.setInputFiles("#f-file", file("kobo-metadata.xlsx"));
    await page.getByRole("button", { name: message("en", "surveys.import_submit") }).click();
    const warnings = page.locator(".import-warnings li");
    await expect.poll(() => warnings.count()).toBe(3);
    expect(await warnings.first().textContent()).toBe(
      "Sheet “survey”, row 2: “start” left out, Lotse does not need or know it.",
    );
    await expectAxeClean(page);
    await page.getByRole("link", { name: message("en", "surveys.imported_open_form") }).click();
    await page.waitForURL(/\/staff\/forms\/[0-9a-f-]{36}$/);
  });

  it("imports choices from GeoJSON and XML files; the geopoint is picked on a map without a base map", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/forms/import");
    await page.setInputFiles("#f-file", file("choices-from-geojson-xml.xlsx"));
    await page.setInputFiles("#f-choiceFiles", [
      file("beratungsstellen.geojson", "application/geo+json"),
      file("sprachen.xml", "application/xml"),
    ]);
    await page.getByRole("button", { name: message("de", "surveys.import_submit") }).click();
    await page.waitForURL(/\/staff\/forms\/[0-9a-f-]{36}\?imported=1/);
    await expect.poll(() => page.getByRole("radio", { name: "Stadtteilbüro Königsborn" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("radio", { name: "Ukrainisch" }).count()).toBe(1);
    // the typed fields come first; the map is an offer once scripts run
    const lat = page.getByLabel(message("de", "surveys.geopoint_lat"));
    const lon = page.getByLabel(message("de", "surveys.geopoint_lon"));
    expect(await lat.inputValue()).toBe("");
    const toggle = page.getByRole("button", { name: message("de", "surveys.geopoint_map_show") });
    await toggle.click();
    const hide = page.getByRole("button", { name: message("de", "surveys.geopoint_map_hide") });
    await expect.poll(() => hide.getAttribute("aria-expanded")).toBe("true");
    const canvas = page.locator(".survey-geopoint .area-map canvas");
    await expect.poll(() => canvas.count()).toBe(1);
    await expect
      .poll(() => page.locator(".survey-geopoint .area-map").getAttribute("data-state"))
      .toBe("ready");
    await canvas.click();
    // a click on the map (fitted to Unna's areas) fills both fields as typing would
    await expect.poll(async () => Number(await lat.inputValue())).toBeGreaterThan(51);
    expect(Number(await lon.inputValue())).toBeGreaterThan(7);
    expect(Number(await lon.inputValue())).toBeLessThan(8.5);
    await expectAxeClean(page);
  });
});

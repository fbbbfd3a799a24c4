// Importing monitoring values through the one import wizard (decisions 042, 043): the upload
// becomes an import run whose preview runs as a job; a file with one bad row shows the errors at
// their row and column and imports nothing; the corrected file imports after the confirmation
// (by keyboard), and the result leads back to the data page. Axe clean throughout.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const HEADER = "Gebiet;Jahr;Merkmal;Wert;Geschlecht";
const good = ["unna-mitte;2024;population;18050;", "unna-mitte;2024;population;9200;w"];
const bad = "unna-nord;2024;population;12,5;";
const fixed = "unna-sued;2024;population;11020;";
const file = (...rows: string[]) => ({
  name: "werte-2024.csv",
  mimeType: "text/csv",
  buffer: Buffer.from([HEADER, ...rows].join("\r\n"), "utf8"),
});
const RUN_PAGE = /\/staff\/monitoring\/data\/import\/[0-9a-f-]{36}$/;

async function values2024(page: Page) {
  const res = await page.request.get("/api/v1/monitoring/dataValueSets?period=2024&dataElement=population");
  expect(res.status()).toBe(200);
  return (
    (await res.json()) as { dataValues: { orgUnit: string; categoryOptionCombo: string; value: string }[] }
  ).dataValues;
}

/** Uploads the file (step 1) and waits on the run page until the job has previewed it. */
async function preview(page: Page, upload: ReturnType<typeof file>) {
  await page.goto("/staff/monitoring/data/import");
  await page.locator("#f-file").setInputFiles(upload);
  await page.getByRole("button", { name: "Vorschau prüfen" }).click();
  await page.waitForURL(RUN_PAGE);
  await page.getByRole("heading", { level: 2, name: "Vorschau" }).waitFor({ timeout: 30_000 });
}

describe("monitoring import wizard", () => {
  it("shows a bad row's errors at row and column, imports nothing, and imports the fixed file", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "analyst", "de");
    expect((await page.goto("/staff/monitoring/data/import"))?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Werte importieren (CSV/Excel)");
    expect((await axeViolations(page)).join("\n")).toBe("");

    await preview(page, file(...good, bad));
    const issues = page.locator("table.import-issues tbody tr");
    expect(await issues.count()).toBe(2);
    const text = await page.locator("table.import-issues").textContent();
    expect(text).toContain("Ein Gebiet mit dem Code „unna-nord“ gibt es nicht.");
    expect(text).toContain("„12,5“ ist keine ganze Zahl");
    expect(await issues.first().locator("th").textContent()).toBe("4");
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");
    // Nothing was imported, not even the good rows.
    expect(await values2024(page)).toEqual([]);

    await preview(page, file(...good, fixed));
    expect(await page.locator(".import-counts").textContent()).toContain("Werte3");
    expect((await axeViolations(page)).join("\n")).toBe("");
    // Confirm by keyboard.
    const confirm = page.getByRole("button", { name: "Import bestätigen" });
    await confirm.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: "Import abgeschlossen" }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".notice-success").textContent()).toContain("neu angelegt3");
    expect((await axeViolations(page)).join("\n")).toBe("");
    const stored = (await values2024(page))
      .map((v) => `${v.orgUnit}|${v.categoryOptionCombo}|${v.value}`)
      .sort();
    expect(stored).toEqual(["unna-mitte|default|18050", "unna-mitte|sex:f|9200", "unna-sued|default|11020"]);

    await page.getByRole("link", { name: "Zurück zur Datenerfassung" }).click();
    await page.waitForURL((u) => u.pathname === "/staff/monitoring/data");
    expect(errors).toEqual([]);
  });

  it("is refused to roles without monitoring.data.manage", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/monitoring/data/import"))?.status()).toBe(403);
    expect(
      (await page.goto("/staff/monitoring/data/import/00000000-0000-7000-8000-000000000001"))?.status(),
    ).toBe(403);
  });
});

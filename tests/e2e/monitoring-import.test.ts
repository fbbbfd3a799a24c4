// Importing monitoring values through the staff page: a file with one bad row shows the error at
// its row and column and imports nothing; the corrected file imports after the preview, and the
// success notice leads to the data page. Keyboard only for the confirmation; axe clean throughout.
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

async function values2024(page: import("playwright-core").Page) {
  const res = await page.request.get("/api/v1/monitoring/dataValueSets?period=2024&dataElement=population");
  expect(res.status()).toBe(200);
  return (
    (await res.json()) as { dataValues: { orgUnit: string; categoryOptionCombo: string; value: string }[] }
  ).dataValues;
}

describe("monitoring import page", () => {
  it("shows a bad row's errors at row and column, imports nothing, and imports the fixed file", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "analyst", "de");
    expect((await page.goto("/staff/monitoring/data/import"))?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Werte importieren (CSV/Excel)");
    expect((await axeViolations(page)).join("\n")).toBe("");

    await page.locator("#import-file").setInputFiles(file(...good, bad));
    await page.getByRole("button", { name: "Datei prüfen" }).click();
    const area = page.locator("table.monitoring-import-errors tr[data-row='4'][data-column='Gebiet']");
    await area.waitFor();
    expect(await area.textContent()).toContain("Ein Gebiet mit dem Code „unna-nord“ gibt es nicht.");
    const value = page.locator("table.monitoring-import-errors tr[data-row='4'][data-column='Wert']");
    expect(await value.textContent()).toContain("„12,5“ ist keine ganze Zahl");
    expect(await page.locator(".error-summary").textContent()).toContain("Die Datei enthält 2 Fehler");
    expect(await page.getByRole("button", { name: /jetzt importieren/ }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");
    // Nothing was imported, not even the good rows.
    expect(await values2024(page)).toEqual([]);

    await page.locator("#import-file").setInputFiles(file(...good, fixed));
    await page.getByRole("button", { name: "Datei prüfen" }).click();
    const commit = page.getByRole("button", { name: "3 Werte jetzt importieren" });
    await commit.waitFor();
    expect(
      await page.locator("table.monitoring-import-summary tr[data-period='2024']").textContent(),
    ).toContain("neu");
    expect((await axeViolations(page)).join("\n")).toBe("");
    // Confirm by keyboard.
    await commit.focus();
    await page.keyboard.press("Enter");
    const notice = page.locator(".notice-success");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("3 Werte importiert");
    expect((await axeViolations(page)).join("\n")).toBe("");
    const stored = (await values2024(page))
      .map((v) => `${v.orgUnit}|${v.categoryOptionCombo}|${v.value}`)
      .sort();
    expect(stored).toEqual(["unna-mitte|default|18050", "unna-mitte|sex:f|9200", "unna-sued|default|11020"]);

    await notice.getByRole("link", { name: "Zur Datenerfassung und Freigabe" }).click();
    await page.waitForURL((u) => u.pathname === "/staff/monitoring/data");
    expect(errors).toEqual([]);
  });

  it("is refused to roles without monitoring.data.manage", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/monitoring/data/import"))?.status()).toBe(403);
  });
});

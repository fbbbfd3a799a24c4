// Importing places and offers through the staff page: a file with one bad row shows the error at
// its row and column and imports nothing; the corrected file imports after the preview.
import { describe, expect, it } from "vitest";
import { axeViolations, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const HEADER = "Träger;Ort;Straße;PLZ;Breitengrad;Längengrad;Angebot;Öffnungszeiten";
const good = "IN VIA Unna e.V.;E2E-Treff Nord;Nordring 5;59425;51,5502;7,6951;E2E-Nähcafé;Di 10-12";
const bad = "IN VIA Unna e.V.;E2E-Treff Ost;Ostring 9;59423;51,5352;7,6970;E2E-Lernhilfe;Mo 19-16";
const fixed = bad.replace("Mo 19-16", "Mo 16-19");
const file = (...rows: string[]) => ({
  name: "import.csv",
  mimeType: "text/csv",
  buffer: Buffer.from([HEADER, ...rows].join("\r\n"), "utf8"),
});

describe("directory import page", () => {
  it("shows a bad row's error at row and column, imports nothing, and imports the fixed file", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/directory/import"))?.status()).toBe(200);
    expect((await axeViolations(page)).join("\n")).toBe("");

    await page.locator("#import-file").setInputFiles(file(good, bad));
    await page.getByRole("button", { name: "Vorschau anzeigen" }).click();
    const row = page.locator("table.import-preview-table tr[data-row='3']");
    await row.waitFor();
    expect(await row.locator("[data-column='hours']").textContent()).toContain("Öffnungszeiten");
    expect(await row.locator("[data-column='hours']").textContent()).toContain(
      "Das Ende muss nach dem Beginn liegen",
    );
    expect(await page.getByRole("button", { name: "Jetzt importieren" }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Nothing was imported, not even the good row.
    const before = await (await page.request.get("/api/public/places.geojson")).json();
    expect(JSON.stringify(before)).not.toContain("E2E-Treff Nord");

    await page.locator("#import-file").setInputFiles(file(good, fixed));
    await page.getByRole("button", { name: "Vorschau anzeigen" }).click();
    await page.getByRole("button", { name: "Jetzt importieren" }).waitFor();
    await page.getByRole("button", { name: "Jetzt importieren" }).click();
    await page.locator(".notice-success").waitFor();
    expect(await page.locator(".notice-success").textContent()).toContain("2 Orte und 2 Angebote");
    const after = JSON.stringify(await (await page.request.get("/api/public/places.geojson")).json());
    expect(after).toContain("E2E-Treff Nord");
    expect(after).toContain("E2E-Treff Ost");
    expect(errors).toEqual([]);
  });

  it("is refused to roles without directory.import", async () => {
    const page = await newPage("de");
    await loginAs(page, "partner_staff", "de");
    expect((await page.goto("/staff/directory/import"))?.status()).toBe(403);
  });
});

// Importing places and offers through the one import wizard (decisions 042, 043): the upload
// becomes an import run whose preview runs as a job; a file with one bad row shows the error at
// its row and column and imports nothing; the corrected file imports after the confirmation.
import type { Page } from "playwright-core";
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
const RUN_PAGE = /\/staff\/directory\/import\/[0-9a-f-]{36}$/;

/** Uploads the file (step 1) and waits on the run page until the job has previewed it. */
async function preview(page: Page, upload: ReturnType<typeof file>) {
  await page.goto("/staff/directory/import");
  await page.locator("#f-file").setInputFiles(upload);
  await page.getByRole("button", { name: "Vorschau prüfen" }).click();
  await page.waitForURL(RUN_PAGE);
  await page.getByRole("heading", { level: 2, name: "Vorschau" }).waitFor({ timeout: 30_000 });
}

describe("directory import wizard", () => {
  it("shows a bad row's error at row and column, imports nothing, and imports the fixed file", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "coordinator", "de");
    expect((await page.goto("/staff/directory/import"))?.status()).toBe(200);
    expect((await axeViolations(page)).join("\n")).toBe("");

    await preview(page, file(good, bad));
    const issue = page.locator("table.import-issues tbody tr");
    expect(await issue.count()).toBe(1);
    expect(await issue.locator("th").textContent()).toBe("3");
    expect(await issue.textContent()).toContain("Öffnungszeiten");
    expect(await issue.textContent()).toContain("Das Ende muss nach dem Beginn liegen");
    expect(await page.getByRole("button", { name: "Import bestätigen" }).count()).toBe(0);
    expect((await axeViolations(page)).join("\n")).toBe("");

    // Nothing was imported, not even the good row.
    const before = await (await page.request.get("/api/public/places.geojson")).json();
    expect(JSON.stringify(before)).not.toContain("E2E-Treff Nord");

    await preview(page, file(good, fixed));
    expect(await page.locator("table.import-preview").textContent()).toContain("E2E-Treff Ost");
    await page.getByRole("button", { name: "Import bestätigen" }).click();
    await page.getByRole("heading", { level: 2, name: "Import abgeschlossen" }).waitFor({ timeout: 30_000 });
    const done = await page.locator(".notice-success").textContent();
    expect(done).toContain("Orte2");
    expect(done).toContain("Angebote2");
    expect((await axeViolations(page)).join("\n")).toBe("");
    const after = JSON.stringify(await (await page.request.get("/api/public/places.geojson")).json());
    expect(after).toContain("E2E-Treff Nord");
    expect(after).toContain("E2E-Treff Ost");
    expect(errors).toEqual([]);
  });

  it("is refused to roles without directory.import", async () => {
    const page = await newPage("de");
    await loginAs(page, "partner_staff", "de");
    expect((await page.goto("/staff/directory/import"))?.status()).toBe(403);
    expect((await page.goto("/staff/directory/import/00000000-0000-7000-8000-000000000001"))?.status()).toBe(
      403,
    );
  });
});

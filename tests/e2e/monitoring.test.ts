// Issue 6, tried as a new user would: the social planner (analyst) imports a year of figures
// as CSV, approves the year, sees Unna's social areas on the map and in the table in German and
// in Arabic, and downloads the council report as PDF; the public reads the published year
// without JavaScript. axe-clean on every page.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pdfPageCount, pdfText } from "../setup/pdf-text.ts";
import { axeViolations, baseUrl, loginAs, MOBILE, newPage, setupBrowser } from "./support.ts";

setupBrowser();

/** A year the demo has no figures for (the demo has 2012–2021 approved and 2022 open). */
const YEAR = "2023";
const AREAS = [
  // code, population, f, 0-14, 15-19, 20-64, 65+, dual, foreign, SGB II u65, Sozialgeld u15, naturalisations
  ["unna-mitte", 17_950, 9_150, 2_310, 880, 10_460, 4_300, 1_390, 2_150, 2_530, 455, 31],
  ["unna-koenigsborn", 12_380, 6_340, 1_810, 640, 7_480, 2_450, 990, 1_520, 2_130, 447, 22],
  ["unna-massen", 9_640, 4_930, 1_390, 520, 5_570, 2_160, 600, 710, 860, 150, 12],
  ["unna-landgemeinden", 10_270, 5_260, 1_520, 570, 5_860, 2_320, 300, 350, 300, 47, 6],
  ["unna-sued", 10_910, 5_590, 1_700, 610, 6_300, 2_300, 700, 820, 1_100, 275, 14],
] as const;

function csv(): string {
  const head = [
    "Gebiet",
    "Jahr",
    "population",
    "population{sex:f}",
    "population{sex:m}",
    "population{age:0-14}",
    "population{age:15-19}",
    "population{age:20-64}",
    "population{age:65+}",
    "population{nationality:german}",
    "population{nationality:dual}",
    "population{nationality:foreign}",
    "sgb2_recipients_u65",
    "sozialgeld_u15",
    "naturalisations",
  ];
  const rows = AREAS.map(([code, pop, f, a0, a15, a20, a65, dual, foreign, sgb2, sozialgeld, nat]) =>
    [
      code,
      YEAR,
      pop,
      f,
      pop - f,
      a0,
      a15,
      a20,
      a65,
      pop - dual - foreign,
      dual,
      foreign,
      sgb2,
      sozialgeld,
      nat,
    ].join(";"),
  );
  return `${[head.join(";"), ...rows].join("\n")}\n`;
}

async function expectClean(page: Page) {
  expect((await axeViolations(page)).join("\n")).toBe("");
}

/** The staff UI in another language: the same cookie the account page's language choice sets. */
async function switchLanguage(page: Page, lang: "de" | "ar") {
  await page.context().addCookies([{ name: "lang", value: lang, url: baseUrl() }]);
  await page.reload();
  expect(await page.locator("html").getAttribute("lang")).toBe(lang);
}

const sozialgeld = (code: string) => {
  const a = AREAS.find((x) => x[0] === code)!;
  return (a[10] / a[3]) * 100;
};

describe("small-area monitoring, end to end", () => {
  it("imports a year, approves it, shows map and table in German and Arabic, and gives the PDF", async () => {
    const page = await newPage("de");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await loginAs(page, "analyst", "de");

    // 1. Import the CSV (IMPORT's page): preview, then commit.
    expect((await page.goto("/staff/monitoring/data/import"))?.status()).toBe(200);
    await expectClean(page);
    await page.locator("#f-file").setInputFiles({
      name: `unna-${YEAR}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(csv(), "utf8"),
    });
    await page.getByRole("button", { name: "Vorschau prüfen" }).click();
    await page.getByRole("heading", { level: 2, name: "Vorschau" }).waitFor({ timeout: 30_000 });
    await expectClean(page);
    await page.getByRole("button", { name: "Import bestätigen" }).click();
    await page.getByRole("heading", { level: 2, name: "Import abgeschlossen" }).waitFor({ timeout: 30_000 });
    await expectClean(page);

    // 2. Approve the year (DATA's page).
    expect((await page.goto("/staff/monitoring/data"))?.status()).toBe(200);
    await expectClean(page);
    // Approving goes through the plausibility page (decision 133): its findings table, then the
    // confirmation; findings (jumps against the demo's 2021) must be confirmed explicitly.
    await page
      .locator(`section[aria-labelledby="md-${YEAR}"]`)
      .getByRole("link", { name: `${YEAR} prüfen und freigeben` })
      .click();
    await page.getByRole("button", { name: `${YEAR} freigeben` }).waitFor();
    await expectClean(page);
    const confirm = page.locator('input[name="confirmFindings"]');
    if ((await confirm.count()) > 0) await confirm.check();
    await page.getByRole("button", { name: `${YEAR} freigeben` }).click();
    await page.getByText(`${YEAR} ist freigegeben als Datenstand`).waitFor({ timeout: 15_000 });
    await expectClean(page);
    expect((await page.goto("/staff/monitoring/data"))?.status()).toBe(200);
    await expect
      .poll(() => page.locator(`section[aria-labelledby="md-${YEAR}"] h3`).textContent(), { timeout: 15_000 })
      .toMatch(/^\d{4}: freigegeben \(Datenstand \d+\)/);
    // The approved year is now the report's latest year.
    await page.goto("/staff/monitoring/report");
    expect(await page.locator("#mr-period").inputValue()).toBe(YEAR);

    // 3. The year on the map and in the table, in German …
    expect((await page.goto(`/staff/monitoring/report?period=${YEAR}`))?.status()).toBe(200);
    await expectClean(page);
    const de = new Intl.NumberFormat("de", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const overview = page.locator("#mr-overview table");
    await expect.poll(() => overview.locator("caption").textContent()).toContain(YEAR);
    const text = (await overview.textContent()) ?? "";
    for (const name of ["Unna-Mitte", "Königsborn", "Massen", "Landgemeinden", "Unna-Süd"])
      expect(text).toContain(name);
    expect(text).toContain(de.format(sozialgeld("unna-koenigsborn")));
    // The map: one shape per social area.
    const map = page.locator("#mr-overview figure.mr-map svg");
    expect(await map.count()).toBe(1);
    expect(await map.locator("[data-area]").count()).toBe(5);
    // VIEWS' pages for the same year.
    expect((await page.goto(`/staff/monitoring/map?period=${YEAR}`))?.status()).toBe(200);
    await expectClean(page);
    expect((await page.goto(`/staff/monitoring?period=${YEAR}`))?.status()).toBe(200);
    await expectClean(page);

    // … and in Arabic (right to left, Arabic digits).
    await page.goto(`/staff/monitoring/report?period=${YEAR}`);
    await switchLanguage(page, "ar");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await expectClean(page);
    const ar = new Intl.NumberFormat("ar", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(await page.locator("#mr-overview table").textContent()).toContain(
      ar.format(sozialgeld("unna-koenigsborn")),
    );
    expect(await page.locator("#mr-overview figure.mr-map svg [data-area]").count()).toBe(5);
    await page.goto(`/staff/monitoring/map?period=${YEAR}`);
    await expectClean(page);
    await page.goto(`/staff/monitoring?period=${YEAR}`);
    await expectClean(page);

    // 4. The PDF (German whatever the UI language), with the year and its data version.
    await page.goto(`/staff/monitoring/report?period=${YEAR}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".mr-download a[download]").click(),
    ]);
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    const pdf = await readFile(path);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(pdf)).toBeGreaterThan(5);
    const body = pdfText(pdf);
    expect(body).toContain(`Integrierter Bericht`);
    expect(body).toContain(YEAR);
    expect(body).toMatch(/Datenstand \d+ vom/);
    await switchLanguage(page, "de");
    expect(errors).toEqual([]);
  });

  it("shows the public the published year without JavaScript, on a phone, and its report", async () => {
    for (const lang of ["de", "ar"] as const) {
      // Without JavaScript: the page, the year form (a plain GET) and the report work.
      const plain = await newPage(lang, { javaScriptEnabled: false, viewport: MOBILE });
      expect((await plain.goto(`/${lang}/monitoring`))?.status()).toBe(200);
      expect(await plain.locator("script:not([src='/pwa.js'])").count()).toBe(0);
      expect(await plain.locator("#mr-public-period").inputValue()).toBe(YEAR);
      expect(await plain.locator("table.mr-overview tbody tr").count()).toBeGreaterThan(5);
      expect(await plain.locator("figure.mr-map svg [data-area]").count()).toBe(5);
      await plain.locator("#mr-public-period").selectOption("2018");
      await Promise.all([
        plain.waitForURL((u) => u.searchParams.get("period") === "2018"),
        plain.locator(".mr-period-form button[type=submit]").click(),
      ]);
      expect(await plain.locator("table.mr-overview caption").textContent()).toContain("2018");
      await plain.goto(`/${lang}/monitoring`);
      await Promise.all([
        plain.waitForURL((u) => u.pathname === `/${lang}/monitoring/report`),
        plain.locator(`a[href="/${lang}/monitoring/report?period=${YEAR}"]`).click(),
      ]);
      expect(await plain.locator(".mr-district").count()).toBe(5);
      const res = await plain.request.get(`/${lang}/monitoring/report.pdf?period=${YEAR}`);
      expect(res.status()).toBe(200);
      expect((await res.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // With the browser's defaults: axe-clean, and no sideways scrolling of the page on a phone.
      const page = await newPage(lang, { viewport: MOBILE });
      for (const path of [`/${lang}/monitoring`, `/${lang}/monitoring/report?period=${YEAR}`]) {
        expect((await page.goto(path))?.status()).toBe(200);
        await expectClean(page);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(1);
      }
    }
  });
});

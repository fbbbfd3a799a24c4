// The monitoring views beyond the overview (district profile, time series, status index, map
// classification) and the steward's pages (entry grid, indicator definitions), in German and
// Arabic, axe-clean, with bad input answered per field.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("monitoring views", () => {
  it("profile, series, index and map classes work in Arabic, right to left, and hide small cells", async () => {
    const page = await newPage("ar");
    await loginAs(page, "board_member", "ar");
    expect((await page.goto("/staff/monitoring?period=2018"))?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await expectAxeClean(page);

    // District profile: every indicator against the city.
    await page.getByRole("link", { name: "Landgemeinden" }).click();
    await page.waitForURL(/\/staff\/monitoring\/areas\//);
    // The URL changes before the profile has rendered; the overview's table would match below.
    await page
      .getByRole("heading", {
        level: 1,
        name: message("ar", "monitoring.profile_title", { area: "Landgemeinden", period: "2018" }),
      })
      .waitFor();
    const profile = page.locator("table.mr-table");
    const row = profile.locator("tr", {
      hasText: message("ar", "monitoring_catalog.indicator_naturalisation_rate"),
    });
    // Two naturalisations in Landgemeinden: hidden, and never as a number.
    expect((await row.locator("td").first().textContent())?.trim()).toBe("<5");
    await expectAxeClean(page);

    // Time series of one indicator with its table.
    expect((await page.goto("/staff/monitoring/indicators/sgb2_rate"))?.status()).toBe(200);
    expect(await page.locator("svg.mv-line-chart").count()).toBe(1);
    const seriesTable = page.locator("table", { has: page.locator("caption#mv-series") });
    expect(await seriesTable.locator("tbody tr").count()).toBe(6); // five areas and the city
    // The ranking of the latest year: Landgemeinden has the lowest SGB-II rate, so it ranks first.
    const ranking = page.locator("table", { has: page.locator("caption#mv-ranking") });
    expect(await ranking.locator("tbody tr").first().locator("th").textContent()).toBe("Landgemeinden");
    await expectAxeClean(page);

    expect((await page.goto("/staff/monitoring/index?period=2019"))?.status()).toBe(200);
    expect(await page.locator("table.mr-table").textContent()).toContain(
      message("ar", "monitoring.status_high"),
    );
    await expectAxeClean(page);

    // The map: choose natural breaks by keyboard, the table lists every area.
    expect(
      (await page.goto("/staff/monitoring/map?period=2018&indicator=sozialgeld_u15_share"))?.status(),
    ).toBe(200);
    await page.locator("#mv-method-natural_breaks").focus();
    await page.keyboard.press("Space");
    await page.locator("#mv-method-natural_breaks").press("Enter");
    await page.waitForURL(/method=natural_breaks/);
    expect(await page.locator("svg.mr-map-svg path[data-area]").count()).toBe(5);
    expect(await page.locator("table.mr-table tbody tr").count()).toBe(6);
    await expectAxeClean(page);
  });

  it("the entry grid and the indicator editor answer bad input per field and keep what was typed", async () => {
    const page = await newPage("de");
    await loginAs(page, "analyst", "de");
    expect((await page.goto("/staff/monitoring/data"))?.status()).toBe(200);
    await expectAxeClean(page);
    // A year that is no year: the message says why, nothing is computed.
    await page.locator("#md-lotse-period").fill("20x5");
    await page.getByRole("button", { name: message("de", "monitoring_data.lotse_refresh") }).click();
    await expect.poll(() => page.locator("ul.field-error li").count()).toBe(1);
    expect(await page.locator("ul.field-error li").textContent()).toContain("1950");
    await expectAxeClean(page);
    expect((await page.goto("/staff/monitoring/data/2021?element=naturalisations"))?.status()).toBe(200);
    const first = page.locator("table.md-grid tbody tr").first().locator("input").first();
    await first.fill("-4");
    await page.getByRole("button", { name: message("de", "common.save") }).click();
    await expect.poll(() => first.getAttribute("aria-invalid")).toBe("true");
    expect(await first.inputValue()).toBe("-4");
    await expectAxeClean(page);

    expect((await page.goto("/staff/monitoring/definitions/new"))?.status()).toBe(200);
    await page.locator('input[name="code"]').fill("refugee_share");
    await page.locator('input[name="name"]').fill("Anteil Geflüchteter");
    await page.locator('input[name="numerator"]').fill("refugees");
    await page.locator('input[name="denominator"]').fill("population");
    await page.getByRole("button", { name: message("de", "common.save") }).click();
    await expect
      .poll(() => page.locator('[id="f-numerator-error"]').textContent())
      .toBe(message("de", "validation.formula_unknown_element", { code: "refugees" }));
    expect(await page.locator('input[name="numerator"]').inputValue()).toBe("refugees");
    await expectAxeClean(page);

    expect((await page.goto("/staff/monitoring/definitions"))?.status()).toBe(200);
    // Unna's old-age ratio shows its age limits in words.
    expect(await page.locator("table.mr-table").first().textContent()).toContain("65");
    await expectAxeClean(page);
  });
});

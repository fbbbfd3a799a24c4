// The tenant's postcode centroids in the browser: errors at the field, then a saved row.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("postcode centroids page", () => {
  it("shows a point outside the areas at its field, then saves a good one", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/directory/postcodes");
    await page.getByLabel(message("de", "interchange.postcodes_postcode")).fill("59999");
    await page.getByLabel(message("de", "interchange.postcodes_lat"), { exact: true }).fill("48,1");
    await page.getByLabel(message("de", "interchange.postcodes_lon"), { exact: true }).fill("11,5");
    await page.getByRole("button", { name: message("de", "interchange.postcodes_save") }).click();
    await expect.poll(() => page.locator("#f-lat-error, .field-invalid").count()).toBeGreaterThan(0);
    expect(await page.locator("#f-postcode").inputValue()).toBe("59999");
    await expectAxeClean(page);

    await page.getByLabel(message("de", "interchange.postcodes_lat"), { exact: true }).fill("51,5352");
    await page.getByLabel(message("de", "interchange.postcodes_lon"), { exact: true }).fill("7,6895");
    await page.getByRole("button", { name: message("de", "interchange.postcodes_save") }).click();
    await expect.poll(() => page.getByRole("rowheader", { name: "59999" }).count()).toBe(1);
    await expectAxeClean(page);
  });
});

// A coordinator builds a branch of the goal tree and links an indicator; the matrix drills down
// to its offers (issue 16). axe-clean in German and Arabic.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("strategy", () => {
  it("a coordinator adds a goal under Herdecke's 'Sprache und Bildung' and links a Lotse figure to it", async () => {
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/strategy");
    expect(await page.locator("main").textContent()).toContain("Teilhabe und Engagement");
    await expectAxeClean(page);
    await page.locator("#f-parentId").selectOption({ label: "Leitziel: Sprache und Bildung" });
    await page.locator("#f-kind").selectOption("handlungsziel");
    await page.locator("#f-title").fill("Mehr Abendkurse mit Kinderbetreuung");
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("created") === "1"),
      page.getByRole("button", { name: message("de", "strategy.create") }).click(),
    ]);
    await page.locator("h1", { hasText: "Handlungsziel: Mehr Abendkurse mit Kinderbetreuung" }).waitFor();
    expect(await page.locator("main nav").textContent()).toContain("Sprache und Bildung");

    // Bad input first: a Lotse figure counts offers, so a percent unit is refused at the field.
    await page.locator("#ind-name").fill("Sprachangebote am Abend");
    await page.locator("#ind-kind").selectOption("lotse");
    await page.locator("#ind-unit").selectOption("percent");
    await page
      .locator("#ind-fig-row")
      .selectOption({ label: "Kategorien der Angebotskarte: Sprachangebote" });
    await page.getByRole("button", { name: message("de", "strategy.indicator_add") }).click();
    await page.locator("#ind-unit-error").waitFor();
    expect(await page.locator("#ind-unit").getAttribute("aria-invalid")).toBe("true");
    await page.locator("#ind-unit").selectOption("count");
    await page.locator("#ind-name").fill("Sprachangebote am Abend");
    await page.locator("#ind-kind").selectOption("lotse");
    await page
      .locator("#ind-fig-row")
      .selectOption({ label: "Kategorien der Angebotskarte: Sprachangebote" });
    await page.getByRole("button", { name: message("de", "strategy.indicator_add") }).click();
    const table = page.locator("table", { hasText: "Sprachangebote am Abend" });
    await table.waitFor();
    expect(await table.textContent()).toContain("lotse:offers_in_cell");
    await expectAxeClean(page);
  });

  it("the matrix in Arabic: a table of published offers by two axes, each cell leading to its offers", async () => {
    const page = await newPage("ar");
    await loginAs(page, "coordinator", "ar");
    await page.goto("/staff/strategy/matrix");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "strategy.matrix_title"));
    await expectAxeClean(page);
    // Seed 001's dozen offers: their cells hold fewer than five, shown as "<5" and still leading to them.
    const cell = page
      .locator("table tbody td a")
      .filter({ hasText: /^<\d+$/ })
      .first();
    await Promise.all([
      page.waitForURL(/\/staff\/strategy\/matrix\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/),
      cell.click(),
    ]);
    await page.locator("main li a").first().waitFor();
    await expectAxeClean(page);
  });
});

// Issue 19, tried as new users would:
// - a small initiative finds the open call in Arabic on a phone, reads what is funded, and asks
//   for the link to its application (no account) — a wrong address gets an Arabic message;
// - a board member opens the funding overview, sees where the year's €20,000 went, and reads an
//   application with the eligible amount explained and the board's scores.
// axe-clean in Arabic and German.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, MOBILE, newPage, setupBrowser } from "./support.ts";

setupBrowser();

const CALL = "Kleinprojekte Teilhabe und Integration (Förderrichtlinie 2020)";

describe("small-project funding", () => {
  it("an initiative asks for its application link in Arabic on a phone, without an account", async () => {
    const page = await newPage("ar", { viewport: MOBILE });
    await page.goto("/ar/funding");
    await expect.poll(() => page.locator("h1").textContent()).toBe(message("ar", "funding.public_title"));
    const section = page.locator("section", { hasText: CALL });
    await expect
      .poll(async () => (await section.textContent()) ?? "")
      .toContain(message("ar", "funding.cost_personnel"));
    await expectAxeClean(page);
    await section.locator('input[name="email"]').fill("not an address");
    await section.getByRole("button", { name: message("ar", "funding.public_start") }).click();
    await expect
      .poll(async () => (await page.locator(".error-summary").textContent()) ?? "")
      .toContain(message("ar", "validation.invalid_email"));
    await page
      .locator("section", { hasText: CALL })
      .locator('input[name="email"]')
      .fill("initiative@example.org");
    await page
      .locator("section", { hasText: CALL })
      .getByRole("button", { name: message("ar", "funding.public_start") })
      .click();
    await expect
      .poll(async () => (await page.locator("main").textContent()) ?? "")
      .toContain(message("ar", "funding.public_link_sent"));
    await expectAxeClean(page);
  });

  it("a board member sees the pot used exactly and an application with its eligible amount explained", async () => {
    const page = await newPage("de");
    await loginAs(page, "board_member", "de");
    await page.goto("/staff/funding");
    const row = page.locator("tbody tr", { hasText: CALL });
    await expect.poll(async () => (await row.textContent()) ?? "").toContain("20.000,00\u00a0€");
    await expectAxeClean(page);
    await row.getByRole("link", { name: CALL }).click();
    await page.waitForURL(/\/staff\/funding\/calls\/[0-9a-f-]{36}$/);
    await page.getByRole("link", { name: "Jugend hilft Jugendlichen" }).click();
    await page.waitForURL(/\/staff\/funding\/applications\/[0-9a-f-]{36}$/);
    // The URL changes before the application has rendered; the call's page would match below.
    await page.getByRole("heading", { level: 1, name: "Jugend hilft Jugendlichen" }).waitFor();
    const main = page.locator("main");
    await expect.poll(async () => (await main.textContent()) ?? "").toContain("5.000,00\u00a0€");
    expect(await main.textContent()).toContain(message("de", "funding.reason_rate", { rate: "50" }));
    expect(await main.textContent()).toContain(message("de", "funding.reviews_caption"));
    await expectAxeClean(page);
  });
});

// The volunteer pool in the browser: the coordinator's Monday batch in German (proposals with
// reasons, the unserved Tigrinya requests in words, one click offers them all), and a booking
// with a date inside the lead time refused at its field in Arabic. axe-clean in both languages.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("volunteer pool", () => {
  it("matches the open requests in one click, with reasons and the unserved flagged (de)", async () => {
    const page = await newPage("de");
    await loginAs(page, "volunteer_coordinator", "de");
    await page.goto("/staff/volunteers");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(message("de", "volunteers.title"));
    await expectAxeClean(page);

    await page.goto("/staff/volunteers/matching");
    const reasons = page.getByRole("cell", { name: /Sprachniveau/ });
    await expect.poll(() => reasons.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole("link", { name: /Tigrinya/ }).count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.getByRole("button", { name: message("de", "volunteers.offer_all") }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole("status")
            .filter({ hasText: /Angeboten: [1-9]/ })
            .count(),
        // Each offer is its own versioned step with a mail: the batch takes a while on a busy machine.
        { timeout: 60_000 },
      )
      .toBe(1);
  });

  it("refuses a booking inside the lead time at its field (ar)", async () => {
    const page = await newPage("ar");
    // A hydration mismatch makes React render the page anew and wipe the typed fields.
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await loginAs(page, "volunteer_coordinator", "ar");
    await page.goto("/staff/volunteers/requests");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(message("ar", "volunteers.requests_title"));
    await page.getByLabel(message("ar", "volunteers.institution"), { exact: true }).fill("Kita Sonnenblume");
    await page.getByLabel(message("ar", "volunteers.contact_name"), { exact: true }).fill("Frau Beispiel");
    await page
      .getByLabel(message("ar", "volunteers.contact_email"), { exact: true })
      .fill("kita@example.org");
    await page.getByLabel(message("ar", "volunteers.language"), { exact: true }).fill("so");
    await page.getByLabel(message("ar", "volunteers.topic"), { exact: true }).fill("Elterngespräch");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(message("ar", "volunteers.date"), { exact: true }).fill(tomorrow);
    await page.getByLabel(message("ar", "volunteers.start_time"), { exact: true }).fill("09:00");
    await page.getByRole("button", { name: message("ar", "volunteers.book") }).click();
    await expect.poll(() => page.locator("#f-date-error").textContent()).toContain("5");
    expect(pageErrors).toEqual([]);
    await expectAxeClean(page);
  });
});

// A partner updates its hours, and they go public after review (issue 3, "Done when").
import { describe, expect, it } from "vitest";
import { expectAxeClean, loginAs, newPage, setupBrowser } from "./support.ts";

setupBrowser();

/** Café Chili (IN VIA), the demo partner's offer: Monday to Thursday 16–19. */
const CAFE_CHILI = "5eed0001-0000-4000-8000-000000000201";

describe("directory review", () => {
  it("partner staff change an offer's hours, submit, a coordinator publishes, and the public page shows it", async () => {
    // The partner edits Monday's closing time and submits the change for review.
    const partner = await newPage("de");
    // The editor names spoken languages; a name the browser lacks must not break hydration.
    const pageErrors: string[] = [];
    partner.on("pageerror", (e) => pageErrors.push(e.message));
    await loginAs(partner, "partner_staff", "de");
    await partner.goto("/staff/directory?type=offer");
    await partner.getByRole("link", { name: "Café Chili", exact: true }).click();
    await partner.waitForURL(`**/staff/directory/offer/${CAFE_CHILI}`);
    // Loaded afresh, the editor hydrates what the server rendered (no page error below).
    await partner.reload();
    const closes = partner.locator("#f-openingHours-weekly-1-0-closes");
    expect(await closes.inputValue()).toBe("19:00");
    await expectAxeClean(partner);
    expect(pageErrors).toEqual([]);
    // Bad input first: the end before the start is refused at the field, in German.
    await closes.fill("15:00");
    await partner.getByRole("button", { name: "Speichern und zur Prüfung einreichen" }).click();
    await partner.locator("#f-openingHours-weekly-1-0-closes-error").waitFor();
    expect(await closes.getAttribute("aria-invalid")).toBe("true");
    await closes.fill("20:00");
    await Promise.all([
      partner.waitForURL((u) => u.searchParams.get("done") === "submit"),
      partner.getByRole("button", { name: "Speichern und zur Prüfung einreichen" }).click(),
    ]);
    expect(await partner.locator(".notice-success").textContent()).toContain("Zur Prüfung eingereicht");

    // Not public yet: the published hours are still 16–19.
    const before = await partner.request.get(`/de/offers/${CAFE_CHILI}`);
    expect(before.status()).toBe(200);
    expect(await before.text()).not.toContain("20:00");

    // The coordinator sees the change in the review queue, with a diff, and publishes it.
    const coordinator = await newPage("de");
    await loginAs(coordinator, "coordinator", "de");
    await coordinator.goto("/staff/directory/review");
    await coordinator.getByRole("link", { name: "Café Chili" }).first().click();
    await coordinator.waitForURL("**/staff/directory/revisions/**");
    const diff = coordinator.locator("table.dir-diff");
    expect(await diff.textContent()).toContain("Öffnungszeiten");
    expect(await diff.textContent()).toContain("20:00");
    await expectAxeClean(coordinator);
    await Promise.all([
      coordinator.waitForURL("**/staff/directory/review"),
      coordinator.getByRole("button", { name: "Freigeben und veröffentlichen" }).click(),
    ]);

    // Public now.
    const publicPage = await newPage("de");
    await publicPage.goto(`/de/offers/${CAFE_CHILI}`);
    expect(await publicPage.locator("main").textContent()).toContain("20:00");
  });
});

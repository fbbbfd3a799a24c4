// The welcome guide (issue 23): a newcomer reads the guide on a 360 px phone without JavaScript
// in Farsi and easy German, and asks for the welcome package by mail without JavaScript; a
// coordinator publishes a page and a second editor gets a conflict message. axe-clean in German
// and Farsi.
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, loginAs, MOBILE, newPage, setupBrowser } from "./support.ts";

setupBrowser();

/** axe runs as a script: the same page, opened with JavaScript, at the phone's width. */
async function expectAxeCleanAt(lang: "de" | "fa", pageUrl: string) {
  const page = await newPage(lang, { viewport: MOBILE });
  await page.goto(pageUrl);
  await expectAxeClean(page);
}

describe("guide", () => {
  it("a newcomer reads how to register in Farsi on a phone without JavaScript, then in easy German", async () => {
    const phone = await newPage("fa", { viewport: MOBILE, javaScriptEnabled: false });
    await phone.goto("/fa/guide");
    await phone
      .locator("h1", {
        hasText: message("fa", "guide_public.public_title", { tenant: "\u2068Kreisstadt Unna\u2069" }),
      })
      .waitFor();
    expect(await phone.locator("html").getAttribute("dir")).toBe("rtl");
    await Promise.all([
      phone.waitForURL(/\/fa\/guide\/erste-schritte\/wohnsitz-anmelden$/),
      phone.getByRole("link", { name: "ثبت نشانی محل سکونت" }).click(),
    ]);
    await phone.locator("h1", { hasText: "ثبت نشانی محل سکونت" }).waitFor();
    // Breadcrumbs lead back; the linked counselling offer is shown as it is today.
    expect(await phone.locator("nav.breadcrumbs").textContent()).toContain("گام‌های نخست");
    expect(await phone.locator("main").textContent()).toContain("Bürgeramt");
    await phone.locator("section[aria-labelledby='guide-offers'] h3 a").first().waitFor();
    await expectAxeCleanAt("fa", phone.url());
    // A page without a Farsi translation falls back to German with a note.
    await phone.goto("/fa/guide/leben-vor-ort/sozialticket");
    await phone.locator("h1", { hasText: "Sozialticket" }).waitFor();
    // The hidden offline note shares the note's look; the fallback note is the other one.
    expect(await phone.locator(".fallback-note:not([data-offline-note])").textContent()).toBe(
      message("fa", "guide_public.fallback_note"),
    );
    // Every page leads on to the office finder.
    expect(
      await phone
        .getByRole("link", { name: message("fa", "guide_public.office_finder") })
        .getAttribute("href"),
    ).toBe("/fa/offices");

    const de = await newPage("de", { viewport: MOBILE, javaScriptEnabled: false });
    await de.goto("/de/guide/erste-schritte/wohnsitz-anmelden");
    await de.locator("h1", { hasText: "Wohnsitz anmelden" }).waitFor();
    await Promise.all([
      de.waitForURL(/simple=1/),
      de.getByRole("link", { name: message("de", "guide_public.easy_german") }).click(),
    ]);
    await de.locator("h1", { hasText: "Wohnung anmelden" }).waitFor();
    await expectAxeCleanAt("de", de.url());
  });

  it("a newcomer asks for the welcome package without JavaScript and follows its progress to the PDF (decision 132)", async () => {
    const phone = await newPage("fa", { viewport: MOBILE, javaScriptEnabled: false });
    await phone.goto("/fa/guide");
    await Promise.all([
      phone.waitForURL(/\/fa\/welcome-package$/),
      phone.getByRole("link", { name: message("fa", "guide_public.package_request_link") }).click(),
    ]);
    // Bad input is named at its field, without JavaScript.
    await phone.getByLabel(message("fa", "guide_public.package_request_email")).fill("not-an-address");
    await phone.getByRole("button", { name: message("fa", "guide_public.package_request_submit") }).click();
    await phone.locator(".error-summary a[href='#f-email']").waitFor();
    await phone.getByLabel(message("fa", "guide_public.package_request_email")).fill("neu@example.org");
    await phone.getByRole("radio", { name: "Willkommen in Unna" }).check();
    await Promise.all([
      phone.waitForURL(/\/fa\/welcome-package\/[A-Za-z0-9_-]{32}\?sent=1$/),
      phone.getByRole("button", { name: message("fa", "guide_public.package_request_submit") }).click(),
    ]);
    expect(await phone.locator("main").textContent()).toContain(
      message("fa", "guide_public.package_request_sent_here"),
    );
    // The page reloads itself (meta refresh) until the job queue built the file.
    const download = phone.getByRole("link", {
      name: message("fa", "guide_public.package_download", {
        language: message("fa", "guide_public.package_lang_fa"),
      }),
    });
    await download.waitFor();
    const pdf = await phone.request.get((await download.getAttribute("href"))!);
    expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
    await expectAxeCleanAt("fa", phone.url());
  });

  it("a coordinator publishes a new page; a second editor of the same version gets a conflict message", async () => {
    const slug = `e2e-${Date.now().toString(36)}`;
    const page = await newPage("de");
    await loginAs(page, "coordinator", "de");
    await page.goto("/staff/guide");
    await page.locator("h1", { hasText: message("de", "guide.title") }).waitFor();
    await page.locator("#f-parentId").selectOption({ label: "Leben vor Ort" });
    await page.locator("#f-title").fill(`Müll trennen ${slug}`);
    await page.locator("#f-slug").fill(slug);
    await page.locator("#f-body").fill("<p>Gelbe Tonne für Verpackungen.</p><script>alert(1)</script>");
    await page.locator("#f-owner").selectOption({ label: "Kreisstadt Unna" });
    await Promise.all([
      page.waitForURL(/\/staff\/guide\/[0-9a-f-]{36}\?created=1$/),
      page.getByRole("button", { name: message("de", "guide.create") }).click(),
    ]);
    await page.locator("h1", { hasText: `Müll trennen ${slug}` }).waitFor();
    expect(await page.locator("#f-body").inputValue()).toBe("<p>Gelbe Tonne für Verpackungen.</p>");
    await expectAxeClean(page);

    // A second editor opens the same version; the first saves, the second is told.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.locator("h1", { hasText: `Müll trennen ${slug}` }).waitFor();
    await page.locator("#f-body").fill("<p>Gelbe Tonne für Verpackungen, blaue für Papier.</p>");
    await page.getByRole("button", { name: message("de", "guide.save") }).click();
    await page.getByText(message("de", "guide.done_save")).waitFor();
    await other.locator("#f-title").fill("Abfall");
    await other.getByRole("button", { name: message("de", "guide.save") }).click();
    await other.getByText(message("de", "guide.conflict")).waitFor();

    await page.getByRole("button", { name: message("de", "guide.submit") }).click();
    await page.getByText(message("de", "guide.done_submit")).waitFor();
    await page.getByRole("button", { name: message("de", "guide.publish") }).click();
    await page.getByText(message("de", "guide.done_publish")).waitFor();

    const reader = await newPage("de", { viewport: MOBILE, javaScriptEnabled: false });
    await reader.goto(`/de/guide/leben-vor-ort/${slug}`);
    await reader.locator("h1", { hasText: `Müll trennen ${slug}` }).waitFor();
    expect(await reader.locator("main").textContent()).toContain("blaue für Papier");
  });
});

// The installable PWA: a manifest per language, a service worker registered by the tiny
// /pwa.js, and the language's directory readable offline after "save for offline".
import { describe, expect, it } from "vitest";
import { message } from "./i18n.ts";
import { expectAxeClean, MOBILE, newPage, setupBrowser } from "./support.ts";

setupBrowser();

describe("PWA", () => {
  it("links the manifest, registers the service worker and reads the saved directory offline", async () => {
    const page = await newPage("ar", { viewport: MOBILE });
    await page.goto("/ar");

    // The manifest of the page's language is linked from <head>.
    const manifestHref = await page.locator('head link[rel="manifest"]').getAttribute("href");
    expect(manifestHref).toBe("/ar/manifest.webmanifest");
    const manifest = await (await page.request.get(manifestHref!)).json();
    expect(manifest).toMatchObject({ lang: "ar", dir: "rtl", start_url: "/ar/offers" });

    // The only script of a public page is /pwa.js; it registers /sw.js, which takes control.
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => e.getAttribute("src")));
    expect(scripts).toEqual(["/pwa.js"]);
    const scriptUrl = await page.evaluate(() =>
      navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? null),
    );
    expect(new URL(scriptUrl!).pathname).toBe("/sw.js");
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // "Save for offline" appears (it is hidden without JavaScript) and saves the directory.
    const save = page.getByRole("button", { name: message("ar", "pwa.save_offline") });
    await save.click();
    await expect
      .poll(() => page.locator("[data-pwa-save] [role=status]").textContent(), { timeout: 60_000 })
      .toBe(message("ar", "pwa.saved"));

    const { urls } = (await (await page.request.get("/ar/offline-manifest.json")).json()) as {
      urls: string[];
    };
    const detail = urls.find((u) => /^\/ar\/offers\/[\w-]+$/.test(u));
    expect(detail, "the demo has published offers").toBeDefined();

    // A visited list page, online.
    await page.goto("/ar/offers");
    const listHeading = await page.locator("h1").textContent();

    await page.context().setOffline(true);
    // The list page still loads, in Arabic, with its styles.
    await page.goto("/ar/offers");
    expect(await page.locator("h1").textContent()).toBe(listHeading);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    // The saved stylesheet applies (the header's surface colour comes from it).
    expect(await page.locator(".site-header").evaluate((h) => getComputedStyle(h).backgroundColor)).toBe(
      "rgb(244, 246, 248)",
    );
    // A saved detail page loads too, though it was never visited.
    const res = await page.goto(detail!);
    expect(res?.ok()).toBe(true);
    expect(await page.locator("h1").count()).toBe(1);
    // A page that was not saved shows the offline notice in the reader's language.
    await page.goto("/ar/login");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "pwa.offline_title"));
    await page.context().setOffline(false);
  }, 120_000);

  it("keeps the public page usable without JavaScript (no save button shown)", async () => {
    const page = await newPage("de", { javaScriptEnabled: false });
    await page.goto("/de");
    expect(await page.locator("[data-pwa-save]").isVisible()).toBe(false);
    expect(await page.locator('head link[rel="manifest"]').getAttribute("href")).toBe(
      "/de/manifest.webmanifest",
    );
  });

  it("has an accessible offline notice page in de and ar", async () => {
    for (const lang of ["de", "ar"] as const) {
      const page = await newPage(lang);
      const res = await page.goto(`/${lang}/offline`);
      expect(res?.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toBe(message(lang, "pwa.offline_title"));
      await expectAxeClean(page);
    }
  });
});

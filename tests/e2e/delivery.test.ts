// Public pages light by construction (decisions 047, 084): the map loads MapLibre only when asked
// for, by a keyboard-usable toggle from a small island script; without JavaScript the list stays
// and no empty frame shows; no public page carries the catalogue; pages and assets go out
// compressed.
import http from "node:http";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Language } from "#app/i18n/languages.ts";
import { message } from "./i18n.ts";
import { expectAxeClean, newPage, setupBrowser, url } from "./support.ts";

setupBrowser();

/** GET without fetch()'s automatic decoding: the bytes as they travel. */
function rawGet(
  href: string,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(href, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("the map on request", () => {
  for (const lang of ["de", "ar"] as Language[]) {
    it(`loads MapLibre only after the toggle, by keyboard, in ${lang}`, async () => {
      const page = await newPage(lang);
      const mapRequests: string[] = [];
      page.on("request", (r) => {
        if (/maplibre/i.test(r.url())) mapRequests.push(r.url());
      });
      await page.goto(`/${lang}/offers/map?category=sprachangebote`);
      const toggle = page.getByRole("button", { name: message(lang, "offers.map_show"), exact: true });
      await toggle.waitFor();
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await page.locator(".offers-map").count()).toBe(0);
      expect(mapRequests).toEqual([]);
      // The list is there before and without the map.
      expect(await page.locator(".offer-list h3").count()).toBeGreaterThan(0);
      await expectAxeClean(page);

      // Keyboard: Tab reaches the toggle, its focus is visible, Enter opens the map.
      for (let i = 0; i < 40 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
        await page.keyboard.press("Tab");
      }
      expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
      const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe("none");
      await page.keyboard.press("Enter");

      const hide = page.getByRole("button", { name: message(lang, "offers.map_hide"), exact: true });
      await hide.waitFor();
      expect(await hide.getAttribute("aria-expanded")).toBe("true");
      expect(await hide.evaluate((el) => el === document.activeElement)).toBe(true);
      // The live map takes the picture's place while it is open.
      expect(await page.locator(".static-map").isHidden()).toBe(true);
      await expect
        .poll(() => page.locator(".offers-map").getAttribute("data-state"), { timeout: 20_000 })
        .toMatch(/ready|unavailable/);
      expect(mapRequests.length).toBeGreaterThan(0);
      // The island's strings came translated with the page: no raw keys.
      expect(await page.locator("body").innerText()).not.toMatch(/\b(offers|common|pwa|public)\.[a-z_]+\b/);
      await expectAxeClean(page);

      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: message(lang, "offers.map_show"), exact: true }).waitFor();
      expect(await page.locator(".offers-map").count()).toBe(0);
    });
  }

  it("without JavaScript shows the list and no map frame or button", async () => {
    const page = await newPage("de", { javaScriptEnabled: false });
    await page.goto("/de/offers/map?category=sprachangebote");
    expect(await page.locator(".offer-list h3").count()).toBeGreaterThan(0);
    expect(await page.locator(".offers-map, .offers-map-frame").count()).toBe(0);
    expect(await page.getByRole("button", { name: message("de", "offers.map_show") }).count()).toBe(0);
    // The server-rendered picture: area outlines with names, places as dots, a legend.
    const picture = page.getByRole("img", { name: /^Übersichtskarte: \d+ Orte? mit \d+ Angebot/ });
    expect(await picture.count()).toBe(1);
    // Earlier browser files may have replaced the demo's areas: at least one is drawn and named.
    expect(await page.locator(".static-map-area").count()).toBeGreaterThan(0);
    expect(await page.locator(".static-map-label").first().textContent()).not.toBe("");
    expect(await page.locator(".static-map-dot").count()).toBeGreaterThan(0);
    expect(await page.locator(".static-map-legend li").count()).toBe(2);
    // (axe needs JavaScript in the page; the same page is checked with JavaScript above.)
  });
});

describe("catalogue", () => {
  for (const lang of ["de", "ar"] as Language[]) {
    it(`the map page in ${lang} carries its island's strings translated, and no catalogue`, async () => {
      const html = await (
        await fetch(url(`/${lang}/offers/map`), { headers: { accept: "text/html" } })
      ).text();
      // React's attribute escaping of the island's JSON.
      const config = html.replaceAll("&quot;", '"');
      expect(config).toContain(JSON.stringify(message(lang, "offers.map_show")).slice(1, -1));
      // No catalogue keys at all: the page does not hydrate, so nothing is inlined for React.
      for (const key of ["offers.map_show", "auth.reset_mail_text", "staff.", "users.", "cases."]) {
        expect(html, key).not.toContain(key);
      }
    });
  }
});

describe("compressed delivery", () => {
  it("sends the page brotli-compressed and its scripts precompressed", async () => {
    const res = await rawGet(url("/ar/offers/map"), { accept: "text/html", "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers["content-security-policy"]).toContain("script-src 'self' 'nonce-");
    const html = brotliDecompressSync(res.body).toString("utf8");
    expect(html).toContain('dir="rtl"');
    const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const asset = await rawGet(url(script!), { "accept-encoding": "br" });
    expect(asset.headers["content-encoding"]).toBe("br");
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(asset.body).length).toBeGreaterThan(asset.body.length);
  });
});

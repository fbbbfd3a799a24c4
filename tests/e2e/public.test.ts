// The public site: server-rendered, no JavaScript, mobile-first, in German and Arabic (RTL).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { directionOf, htmlLang, LANGUAGES, type Language, PUBLIC_LANGUAGES } from "#app/i18n/languages.ts";
import { message } from "./i18n.ts";
import { demoUser, expectAxeClean, MOBILE, newPage, setupBrowser, submitLoginForm, url } from "./support.ts";

setupBrowser();

const LANGS: Language[] = ["de", "ar"];

async function tenantName(): Promise<string> {
  const res = await fetch(url("/api/v1/tenant"));
  expect(res.status).toBe(200);
  return ((await res.json()) as { name: string }).name;
}

/**
 * The HTML as the server sends it: public pages ship no script of their own. The one exception
 * is the tiny external /pwa.js (deferred) that registers the offline service worker; the page
 * works without it (decision 012).
 */
async function expectNoScripts(path: string, lang: Language) {
  const res = await fetch(url(path), { headers: { "accept-language": lang, accept: "text/html" } });
  const html = await res.text();
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  const scripts = html.match(/<script\b[^>]*>[^<]*<\/script>/gi) ?? [];
  expect(scripts, `${path} must not contain other scripts`).toEqual([
    '<script src="/pwa.js" defer=""></script>',
  ]);
  expect(html.match(/<script\b/gi)?.length).toBe(1);
  expect(html).not.toMatch(/<link[^>]+rel="modulepreload"/i);
  return res;
}

/** The page's only script is the external /pwa.js (see expectNoScripts). */
async function expectOnlyPwaScript(page: Page) {
  const sources = await page.locator("script").evaluateAll((els) => els.map((e) => e.getAttribute("src")));
  expect(sources).toEqual(["/pwa.js"]);
}

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `page is wider than the ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
}

describe.each(LANGS)("public home in %s", (lang) => {
  it("is translated, sets lang and dir, names each language in itself, and is accessible", async () => {
    const name = await tenantName();
    const page = await newPage(lang);
    const res = await page.goto(`/${lang}`);
    expect(res?.status()).toBe(200);
    const html = page.locator("html");
    await expect.poll(() => html.getAttribute("lang")).toBe(lang);
    expect(await html.getAttribute("dir")).toBe(directionOf(lang));
    expect(await page.locator("h1").textContent()).toBe(message(lang, "public.home_title", { tenant: name }));
    expect(await page.locator("main").textContent()).toContain(message(lang, "public.home_lead"));

    const picker = page.getByRole("navigation", { name: message(lang, "common.language_picker") });
    for (const l of PUBLIC_LANGUAGES) {
      const link = picker.getByRole("link", { name: l.name, exact: true });
      expect(await link.getAttribute("lang")).toBe(htmlLang(l.code));
      expect(await link.getAttribute("href")).toBe(`/${l.code}`);
    }
    expect(await picker.locator('[aria-current="true"]').textContent()).toBe(
      LANGUAGES.find((l) => l.code === lang)!.name,
    );
    await expectOnlyPwaScript(page);
    await expectAxeClean(page);
  });

  it("ships no script and works with JavaScript disabled", async () => {
    await expectNoScripts(`/${lang}`, lang);
    await expectNoScripts(`/${lang}/login`, lang);
    const page = await newPage(lang, { javaScriptEnabled: false });
    await page.goto(`/${lang}`);
    expect(await page.locator("h1").isVisible()).toBe(true);
    // Switching the language is a plain link.
    const other = lang === "de" ? LANGUAGES.find((l) => l.code === "ar")! : LANGUAGES[0];
    await Promise.all([
      page.waitForURL(url(`/${other.code}`)),
      page.getByRole("link", { name: other.name, exact: true }).click(),
    ]);
    expect(await page.locator("html").getAttribute("lang")).toBe(other.code);
    expect(await page.locator("html").getAttribute("dir")).toBe(other.dir);
    // The staff login is reachable without JavaScript, and its form posts without it.
    await page.goto(`/${lang}`);
    await Promise.all([
      page.waitForURL(url(`/${lang}/login`)),
      page.getByRole("link", { name: message(lang, "public.staff_login") }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe(message(lang, "auth.login_title"));
    const form = page.locator("form:has(input[type=password])");
    expect(await form.getAttribute("method")).toMatch(/^post$/i);
    // Signing in works as a plain form post.
    await submitLoginForm(page, demoUser("volunteer"));
    expect(new URL(page.url()).pathname).toBe("/staff");
  });

  it("fits a narrow phone screen without horizontal scrolling", async () => {
    const page = await newPage(lang, { viewport: MOBILE });
    for (const path of [`/${lang}`, `/${lang}/login`]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await expectAxeClean(page);
    }
  });

  it("shows the login page accessibly", async () => {
    const page = await newPage(lang);
    const res = await page.goto(`/${lang}/login`);
    expect(res?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("dir")).toBe(directionOf(lang));
    await expectOnlyPwaScript(page);
    await expectAxeClean(page);
  });

  it("answers an unknown page with a 404 page in the language", async () => {
    const page = await newPage(lang);
    for (const path of [`/${lang}/gibt-es-nicht`, "/gibt/es/nicht"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      expect(await page.locator("html").getAttribute("dir")).toBe(directionOf(lang));
      expect(await page.locator("h1").textContent()).toBe(message(lang, "errors.page_404_title"));
      expect(await page.locator("script").count()).toBe(0);
      await expectAxeClean(page);
    }
  });
});

describe("language negotiation", () => {
  it("sends / to the home page in the browser's language", async () => {
    for (const lang of LANGS) {
      const page = await newPage(lang);
      await page.goto("/");
      expect(new URL(page.url()).pathname).toBe(`/${lang}`);
    }
  });
});

describe("easy German (de-simple, decision 094)", () => {
  it("serves public pages under /de-simple/ in easy German, German content noted", async () => {
    // axe runs as a script in the page: JavaScript stays on (the page needs none).
    const page = await newPage("de");
    const res = await page.goto("/de-simple/offers?q=Sprachkurs");
    expect(res?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("de-x-simple");
    expect(await page.locator("h1").textContent()).toBe(message("de-simple", "offers.title"));
    const picker = page.getByRole("navigation", { name: message("de-simple", "common.language_picker") });
    expect(await picker.locator('[aria-current="true"]').textContent()).toBe("Einfache Sprache");
    // Titles come in easy German where the demo has them, marked as German to screen readers.
    expect(await page.locator('.offer-list [lang="de-x-simple"]').count()).toBeGreaterThan(0);
    // Links stay in easy German; the picker leads back to German on the same page.
    const first = await page.locator(".offer-list h3 a").first().getAttribute("href");
    expect(first).toMatch(/^\/de-simple\/offers\//);
    expect(await picker.getByRole("link", { name: "Deutsch", exact: true }).getAttribute("href")).toBe(
      "/de/offers?q=Sprachkurs",
    );
    await expectAxeClean(page);
    // The demo's descriptions have no easy version: German, with the visible note.
    const offer = await fetch(url(first!), { headers: { accept: "text/html" } });
    expect(offer.status).toBe(200);
    expect(await offer.text()).toContain(message("de-simple", "offers.fallback_field"));
  });
});

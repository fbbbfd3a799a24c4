// The public directory: offer search (typos, Arabic/RTL, filters), detail page, map page, events,
// office finder; mobile without horizontal scrolling; the list without JavaScript; axe-clean.
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Language } from "#app/i18n/languages.ts";
import { message } from "./i18n.ts";
import { expectAxeClean, MOBILE, newPage, setupBrowser, url } from "./support.ts";

setupBrowser();

const COURSE_DE = "Sprachkurs mit Kinderbetreuung: Integrationskurs für Frauen";
const COURSE_AR = "دورة لغة مع رعاية الأطفال: دورة اندماج للنساء";
const OFFICE_MITTE = "Willkommensbüro Unna-Mitte (Demo)";
const NARROW = { width: 360, height: 640 } as const;

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is wider than the ${clientWidth}px viewport`).toBeLessThanOrEqual(
    clientWidth,
  );
}

async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator(".offer-list h3").allTextContents()).map((s) => s.trim());
}

/** The id of the demo's women's integration course, found through the public API. */
async function courseId(): Promise<string> {
  const res = await fetch(
    url(`/api/public/offers?q=${encodeURIComponent("Frauenintegrationskurs")}&lang=de`),
  );
  const body = (await res.json()) as { items: { id: string; title: { text: string } }[] };
  const hit = body.items.find((i) => i.title.text === COURSE_DE);
  expect(hit, "demo offer missing").toBeTruthy();
  return hit!.id;
}

describe("offer search", () => {
  it("finds the language course with childcare in Arabic (RTL) and filters it", async () => {
    const page = await newPage("ar", { viewport: MOBILE });
    await page.goto("/ar/offers");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe(message("ar", "offers.title"));
    await page.getByLabel(message("ar", "offers.search_label")).fill("دورة لغة");
    await page.getByRole("button", { name: message("ar", "offers.search_submit"), exact: true }).click();
    await page.waitForURL(/q=/);
    expect(await resultTitles(page)).toContain(COURSE_AR);

    // Filters: childcare and "free", through the GET form; the state is in the URL.
    await page.locator(".offer-filters > summary").click();
    await page.getByRole("checkbox", { name: message("ar", "offers.filter_childcare"), exact: true }).check();
    await page.getByRole("checkbox", { name: message("ar", "offers.filter_free"), exact: true }).check();
    await page.getByRole("button", { name: message("ar", "offers.filters_apply") }).click();
    await page.waitForURL(/childcare=1/);
    expect(page.url()).toContain("free=1");
    const titles = await resultTitles(page);
    expect(titles).toContain(COURSE_AR);
    expect(titles.every((t) => !t.includes("Café Chili"))).toBe(true);
    await expectAxeClean(page);
    await expectNoHorizontalScroll(page);
  });

  it("tolerates typos and shows German with a note where there is no translation", async () => {
    const page = await newPage("de");
    await page.goto(`/de/offers?q=${encodeURIComponent("Sprachkurz Kinderbetreung")}`);
    expect(await resultTitles(page)).toContain(COURSE_DE);
    // Unknown filter values: a notice, never an error.
    const res = await page.goto("/de/offers?category=astrologie&radius=-1");
    expect(res?.status()).toBe(200);
    const notice = page.locator(".notice-warning");
    expect(await notice.textContent()).toContain("astrologie");
    expect((await resultTitles(page)).length).toBeGreaterThan(0);
  });

  it("filters by category, near a postcode, and open now — each a shareable URL", async () => {
    const page = await newPage("de");
    await page.goto("/de/offers?category=sprachangebote");
    const language = await resultTitles(page);
    expect(language).toContain(COURSE_DE);
    expect(language.every((t) => !t.startsWith("Café Chili"))).toBe(true);
    await page.goto("/de/offers?near=59425&radius=5");
    expect(await page.locator(".offer-results").textContent()).toContain("59425");
    expect(await resultTitles(page)).toContain(COURSE_DE);
    const res = await page.goto("/de/offers?open=now");
    expect(res?.status()).toBe(200);
  });

  it("works without JavaScript: the form submits and the list renders on the server", async () => {
    const page = await newPage("de", { javaScriptEnabled: false, viewport: NARROW });
    await page.goto("/de/offers");
    await page.getByLabel(message("de", "offers.search_label")).fill("Kinderbetreuung");
    await page.getByRole("button", { name: message("de", "offers.search_submit"), exact: true }).click();
    await page.waitForURL(/q=Kinderbetreuung/);
    expect(await resultTitles(page)).toContain(COURSE_DE);
    // "Near me" needs JavaScript: hidden without it.
    expect(await page.locator("[data-near-me]").isVisible()).toBe(false);
    await expectNoHorizontalScroll(page);
  });

  it("ships no framework JavaScript on the list, only the small deferred helpers", async () => {
    const html = await (await fetch(url("/de/offers"), { headers: { accept: "text/html" } })).text();
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts.sort()).toEqual([
      '<script src="/near-me.js" defer="">',
      '<script src="/pwa.js" defer="">',
    ]);
    expect(html).not.toMatch(/rel="modulepreload"/);
  });
});

describe("offer detail", () => {
  it("shows hours, places with directions, contact and an iCal link; prints without navigation", async () => {
    const id = await courseId();
    const page = await newPage("de");
    await page.goto(`/de/offers?q=${encodeURIComponent("Frauenintegrationskurs")}`);
    await page.getByRole("link", { name: COURSE_DE }).click();
    await page.waitForURL(new RegExp(`/de/offers/${id}$`));
    // The URL changes before the detail has rendered: wait for its heading, not the list's.
    await page.getByRole("heading", { level: 1, name: COURSE_DE }).waitFor();
    expect(await page.locator("h1").textContent()).toBe(COURSE_DE);
    const hours = page.locator(".hours-table").first();
    expect(await hours.locator("tr").count()).toBe(7);
    // 24-hour clock in German.
    expect(await hours.textContent()).toContain("08:45–13:00");
    const osm = page.getByRole("link", { name: message("de", "offers.directions_osm") }).first();
    expect(await osm.getAttribute("href")).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?to=51\.\d+%2C7\.\d+/,
    );
    expect(
      await page
        .getByRole("link", { name: message("de", "offers.directions_geo") })
        .first()
        .getAttribute("href"),
    ).toMatch(/^geo:51\.\d+,7\.\d+$/);
    const ics = await fetch(url(`/de/offers/${id}.ics`));
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const cal = await ics.text();
    expect(cal).toContain("BEGIN:VCALENDAR");
    expect(cal).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-nav").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    await expectAxeClean(page);
  });

  it("shows Arabic hours with the locale's digits and the title in Arabic, on a narrow phone", async () => {
    const id = await courseId();
    const page = await newPage("ar", { viewport: NARROW });
    await page.goto(`/ar/offers/${id}`);
    expect(await page.locator("h1").textContent()).toBe(COURSE_AR);
    const expected = new Intl.DateTimeFormat("ar", {
      hour: "numeric",
      minute: "2-digit",
      timeZone: "UTC",
    }).format(new Date(Date.UTC(2024, 0, 1, 8, 45)));
    expect(await page.locator(".hours-table").first().textContent()).toContain(expected);
    await expectAxeClean(page);
    await expectNoHorizontalScroll(page);
  });

  it("answers 404 for an unknown offer", async () => {
    const res = await fetch(url("/de/offers/00000000-0000-4000-8000-000000000000"), {
      headers: { accept: "text/html" },
    });
    expect(res.status).toBe(404);
  });
});

describe("map view", () => {
  it("loads MapLibre only after the page, not with its first load", async () => {
    const html = await (await fetch(url("/de/offers/map"), { headers: { accept: "text/html" } })).text();
    const srcs = [
      ...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g),
      ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
      ...html.matchAll(/import\("([^"]+)"\)/g),
    ].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(0);
    let total = 0;
    for (const src of new Set(srcs)) {
      const body = Buffer.from(await (await fetch(url(src))).arrayBuffer());
      total += gzipSync(body).length;
      expect(body.toString("utf8"), src).not.toContain("maplibregl");
    }
    // The figure for the report (the island script; MapLibre comes after).
    console.info(`first-load JavaScript of /de/offers/map: ${total} bytes gzipped`);
  });

  for (const lang of ["de", "ar"] as Language[]) {
    it(`shows the same results on a map in ${lang}, with the list as the alternative`, async () => {
      const page = await newPage(lang);
      // Any script error of the island or the map is a page error.
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`/${lang}/offers/map?category=sprachangebote`);
      expect(await page.locator("h1").textContent()).toBe(message(lang, "offers.map_title"));
      // The map loads on request (decision 047).
      await page.getByRole("button", { name: message(lang, "offers.map_show"), exact: true }).click();
      await expect
        .poll(() => page.locator(".offers-map").getAttribute("data-state"), { timeout: 20_000 })
        .toMatch(/ready|unavailable/);
      expect((await resultTitles(page)).length).toBeGreaterThan(0);
      const geo = await fetch(url("/api/public/map?category=sprachangebote"));
      const fc = (await geo.json()) as { features: { properties: { n: number } }[] };
      expect(fc.features.length).toBeGreaterThan(0);
      await expectAxeClean(page);
      expect(pageErrors).toEqual([]);
    });
  }
});

describe("events", () => {
  for (const lang of ["de", "ar"] as Language[]) {
    it(`lists events with date filters in ${lang}`, async () => {
      const page = await newPage(lang, { viewport: NARROW });
      const res = await page.goto(`/${lang}/events?preset=month`);
      expect(res?.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toBe(message(lang, "offers.events_title"));
      await page.goto(`/${lang}/events?from=2026-01-01&to=2026-12-31`);
      await page.goto(`/${lang}/events?from=nonsense`);
      expect(await page.locator(".notice-warning").textContent()).toContain("nonsense");
      await expectAxeClean(page);
      await expectNoHorizontalScroll(page);
    });
  }
});

describe("office finder", () => {
  for (const lang of ["de", "ar"] as Language[]) {
    it(`finds the responsible office for a postcode in ${lang}`, async () => {
      const page = await newPage(lang, { viewport: NARROW });
      await page.goto(`/${lang}/offices`);
      await page.getByLabel(message(lang, "offers.offices_address")).fill("59423");
      await page.getByRole("button", { name: message(lang, "offers.offices_submit") }).click();
      await page.waitForURL(/near=59423/);
      expect(await page.locator(".office h3").textContent()).toBe(OFFICE_MITTE);
      await expectAxeClean(page);
      await expectNoHorizontalScroll(page);
    });
  }

  it("says clearly when an address is not understood", async () => {
    const page = await newPage("de");
    await page.goto(`/de/offices?near=${encodeURIComponent("Irgendwo in Atlantis")}`);
    expect(await page.locator(".notice-warning").textContent()).toContain("Irgendwo in Atlantis");
    expect(await page.locator(".office").count()).toBe(0);
  });
});

describe("every public directory page is axe-clean in de and ar", () => {
  for (const lang of ["de", "ar"] as Language[]) {
    it(`offers list with results and filters open in ${lang}`, async () => {
      const page = await newPage(lang);
      await page.goto(`/${lang}/offers?childcare=1`);
      await expectAxeClean(page);
      await page.goto(`/${lang}/offers?q=zzzzqqq`);
      await expectAxeClean(page);
    });
  }
});

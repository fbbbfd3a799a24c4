// The staff app in the browser: each demo role signs in through the form and sees exactly the
// navigation the policy allows; forbidden pages give 403; every page is axe-clean in de and ar.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { STAFF_NAV } from "#app/app/nav.ts";
import { directionOf, type Language } from "#app/i18n/languages.ts";
import { pagePermission, STAFF_PAGES } from "#app/server/policy/pages.ts";
import { ROLES, type Role } from "#app/server/policy/roles.ts";
import { message } from "./i18n.ts";
import {
  axeViolations,
  demoUser,
  expectAxeClean,
  loginAs,
  MOBILE,
  newPage,
  roleCan,
  setupBrowser,
  submitLoginForm,
  url,
} from "./support.ts";

setupBrowser();

function expectedNav(role: Role): string[] {
  return STAFF_NAV.filter((n) => {
    const permission = pagePermission(n.path);
    if (!permission) throw new Error(`${n.path} is in the navigation but not in policy/pages.ts`);
    return roleCan(role, permission);
  })
    .map((n) => n.path)
    .sort();
}

async function navLinks(page: Page, lang: Language): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: message(lang, "staff.nav_label") });
  const hrefs = await nav
    .getByRole("link")
    .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
  return hrefs.sort();
}

describe.each(ROLES.map((role, i) => ({ role, lang: (i % 2 === 0 ? "de" : "ar") as Language })))(
  "$role ($lang)",
  ({ role, lang }) => {
    it("signs in through the form and sees only the navigation the policy allows", async () => {
      const page = await newPage(lang);
      await loginAs(page, role, lang);
      expect(new URL(page.url()).pathname).toBe("/staff");
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      expect(await page.locator("html").getAttribute("dir")).toBe(directionOf(lang));
      expect(await navLinks(page, lang)).toEqual(expectedNav(role));
      await expectAxeClean(page);

      const forbidden = STAFF_PAGES.find((p) => !roleCan(role, p.permission));
      if (forbidden) {
        const res = await page.goto(forbidden.path);
        expect(res?.status(), forbidden.path).toBe(403);
        expect(await page.locator("h1").textContent()).toBe(message(lang, "errors.page_403_title"));
        await expectAxeClean(page);
      } else {
        // Only a role allowed everything has no forbidden page.
        expect(STAFF_PAGES.every((p) => roleCan(role, p.permission))).toBe(true);
      }
    });
  },
);

/** Every staff page, each opened by the first role the policy lets in (no role may open all of them). */
const PAGES_BY_ROLE = new Map<Role, string[]>();
for (const p of STAFF_PAGES) {
  const role = ROLES.find((r) => roleCan(r, p.permission));
  if (!role) throw new Error(`no role may open ${p.path}`);
  PAGES_BY_ROLE.set(role, [...(PAGES_BY_ROLE.get(role) ?? []), p.path]);
}

/** A role's pages in groups small enough to report and time out one by one. */
const GROUP_SIZE = 15;
const WALK = [...PAGES_BY_ROLE.entries()].flatMap(([role, paths]) => {
  const groups = [];
  for (let i = 0; i < paths.length; i += GROUP_SIZE) {
    groups.push({ role, first: i + 1, paths: paths.slice(i, i + GROUP_SIZE) });
  }
  return groups;
});

/**
 * axe checks each page once, in German or in Arabic by turns: the structure it checks is the same
 * in both, and a scan is most of a page's time in the walk. Every page opens in both languages.
 */
const AXE_LANGUAGE = new Map(STAFF_PAGES.map((p, i) => [p.path, (i % 2 === 0 ? "de" : "ar") as Language]));

describe.each(["de", "ar"] as Language[])("every staff page, by a role allowed to open it, in %s", (lang) => {
  it.each(WALK)(
    "as $role, pages $first+: opens, hydrates without errors and is accessible",
    async ({ role, paths }) => {
      const page = await newPage(lang);
      await loginAs(page, role, lang);
      const problems: string[] = [];
      // A hydration mismatch (React #418) re-renders the page and wipes what a user typed.
      page.on("pageerror", (e) => problems.push(`${page.url()}: page error ${e.message}`));
      for (const path of paths) {
        const res = await page.goto(path);
        if (res?.status() !== 200) problems.push(`${path}: status ${res?.status()}`);
        const dir = await page.locator("html").getAttribute("dir");
        if (dir !== directionOf(lang)) problems.push(`${path}: dir=${dir}`);
        const h1 = await page.locator("h1").count();
        if (h1 !== 1) problems.push(`${path}: ${h1} h1 elements`);
        if (AXE_LANGUAGE.get(path) === lang) problems.push(...(await axeViolations(page)));
        // Otherwise wait until React owns the heading: hydration, and a mismatch's page error, are done.
        else
          await page
            .waitForFunction(
              () => {
                const h1 = document.querySelector("h1");
                return !!h1 && Object.keys(h1).some((k) => k.startsWith("__reactFiber$"));
              },
              undefined,
              { timeout: 10_000 },
            )
            .catch(() => problems.push(`${path}: did not hydrate`));
      }
      expect(problems.join("\n")).toBe("");
    },
    240_000,
  );
});

describe("staff app on a phone", () => {
  it("the home page fits 360 px without horizontal scrolling", async () => {
    const page = await newPage("ar", { viewport: MOBILE });
    await loginAs(page, "coordinator", "ar");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await expectAxeClean(page);
  });
});

describe("the staff home (decision 092)", () => {
  it("lists what needs the analyst in Arabic, as a task list with links, axe-clean", async () => {
    const page = await newPage("ar");
    await loginAs(page, "analyst", "ar");
    expect(await page.title()).toBe(`${message("ar", "home.title")} · Lotse`);
    const section = page.getByRole("region", { name: message("ar", "home.module_monitoring") });
    // The demo's 2022 figures wait for approval; the entry links to the year's grid.
    await expect(section.locator('a[href="/staff/monitoring/data/2022"]').count()).resolves.toBe(1);
    await expectAxeClean(page);
  });
});

describe("signing in and out", () => {
  it("a staff page sends an anonymous reader to the login page and back after signing in", async () => {
    const page = await newPage("de");
    await page.goto("/staff/areas");
    expect(new URL(page.url()).pathname).toBe("/de/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/staff/areas");
    await expectAxeClean(page);
    await submitLoginForm(page, demoUser("analyst"));
    expect(new URL(page.url()).pathname).toBe("/staff/areas");
  });

  it("switches the staff app to Arabic on the account page, and back", async () => {
    const page = await newPage("de");
    await loginAs(page, "board_member");
    for (const lang of ["ar", "de"] as const) {
      await page.goto("/staff/account");
      await page.locator('select[name="language"]').selectOption(lang);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/staff/account")),
        page.locator('form:has(select[name="language"]) [type="submit"]').click(),
      ]);
      await page.goto("/staff");
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      expect(await page.locator("html").getAttribute("dir")).toBe(directionOf(lang));
    }
  });

  it("signs out", async () => {
    const page = await newPage("de");
    await loginAs(page, "volunteer");
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/staff")),
      page.getByRole("button", { name: message("de", "auth.sign_out") }).click(),
    ]);
    const res = await page.goto(url("/staff"));
    expect(new URL(page.url()).pathname).toBe("/de/login");
    expect(res?.status()).toBe(200);
  });
});

// Browser-test support: the system Chromium through playwright-core (never a downloaded browser),
// a fresh context per page, axe checks and sign-in through the real login form.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import type { Language } from "#app/i18n/languages.ts";
import { DEMO_USERS } from "#app/modules/demo/seed.ts";
import { can } from "#app/server/policy/policy.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { CHROMIUM_ARGS, findChromium } from "../setup/chromium.ts";

export const baseUrl = (): string => inject("e2eBaseUrl");
export const url = (path: string): string => new URL(path, baseUrl()).href;

/**
 * A new DATA_DIR (or `into`, created) holding a copy of the demo-seeded database that
 * tests/setup/global-e2e.ts made: a file's own server starts without seeding again.
 */
export function seededDataDir(prefix: string, into?: string): string {
  const dir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(inject("e2eSeededDataDir"), dir, { recursive: true });
  return dir;
}

export const MOBILE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

let browser: Browser | undefined;
const open: BrowserContext[] = [];
/** Content-Security-Policy violations the pages of the current test reported. */
const cspViolations: string[] = [];

/**
 * Call once at the top of a browser-test file: launches Chromium for the file (reused by all
 * its tests) and closes every context a test opened when the test ends.
 */
export function setupBrowser() {
  beforeAll(async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error("Chromium not found: install the Debian package `chromium`.");
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    // Every browser test also checks that the pages work under the Content-Security-Policy.
    const violations = cspViolations.splice(0);
    if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join("\n")}`);
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
}

export type PageOptions = {
  viewport?: { width: number; height: number };
  javaScriptEnabled?: boolean;
};

/** A page in a fresh context (no cookies), whose browser prefers `lang`. */
export async function newPage(lang: Language = "de", opts: PageOptions = {}): Promise<Page> {
  if (!browser) throw new Error("Call setupBrowser() at the top of the test file.");
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: lang,
    extraHTTPHeaders: { "Accept-Language": lang },
    viewport: opts.viewport ?? DESKTOP,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
  open.push(context);
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
  });
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  return page;
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe (WCAG 2.1 A and AA) violations on the page as readable lines; empty when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Not `resultTypes: ["violations"]`: it trims the passing nodes that landmark-unique compares
  // against, and axe then reports unique landmarks as duplicates (decision 034).
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const lines = results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `      ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`,
      )
      .join("\n");
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
    return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n${nodes}${more}\n      ${v.helpUrl}`;
  });
  return lines.length ? [`Accessibility violations on ${page.url()}:`, ...lines] : [];
}

/** Runs axe (WCAG 2.1 A and AA) on the page and fails with a readable list of violations. */
export async function expectAxeClean(page: Page): Promise<void> {
  const lines = await axeViolations(page);
  if (lines.length) throw new Error(lines.join("\n"));
}

/** A principal holding `role` tenant-wide, to ask the policy what that role may do. */
export function principalFor(role: Role): Principal {
  return {
    userId: "walk",
    tenantId: "walk",
    sessionId: "walk",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}

export function roleCan(role: Role, permission: string): boolean {
  return permission === "public" || can(principalFor(role), permission as Parameters<typeof can>[1]);
}

export type DemoUser = (typeof DEMO_USERS)[number];

/** The demo user of `role` (one per role, created by the demo seed at first start). */
export function demoUser(role: Role): DemoUser {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No demo user for role ${role} (DEMO_USERS in src/modules/demo/seed.ts).`);
  return user;
}

/** Fills and submits the login form on the current page; waits until a staff page shows. */
export async function submitLoginForm(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith("/staff"), { timeout: 30_000 }),
    page.locator('form:has(input[name="password"]) [type="submit"]').click(),
  ]);
}

/** Signs in through the real login form as the demo user of `role`; ends on a staff page. */
export async function loginAs(page: Page, role: Role, lang: Language = "de"): Promise<void> {
  await page.goto(`/${lang}/login`);
  const user = demoUser(role);
  await submitLoginForm(page, user);
  // Signing in switches to the user's preferred language (a cookie); the staff app in another
  // language is what that user gets after choosing it on the account page (same cookie).
  if (
    new URL(page.url()).pathname.startsWith("/staff") &&
    (await page.locator("html").getAttribute("lang")) !== lang
  ) {
    await page.context().addCookies([{ name: "lang", value: lang, url: baseUrl() }]);
    await page.reload();
  }
}

/** Signs in through the JSON API; returns the Cookie header for further API calls. */
export async function apiLogin(origin: string, user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: user.email, password: user.password }),
    redirect: "manual",
  });
  if (res.status !== 200 && res.status !== 204) {
    throw new Error(`API login as ${user.email} failed: ${res.status} ${await res.text()}`);
  }
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.some((c) => c.startsWith("lotse_session="))) {
    throw new Error(`API login as ${user.email} set no session cookie`);
  }
  return cookies.join("; ");
}

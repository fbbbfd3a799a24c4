import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLotseApp as createApp } from "#app/composition/app.ts";
import { createServices, type Services } from "#app/composition/services.ts";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { normaliseHost } from "#app/modules/tenants/service.ts";
import { manualClock } from "#app/server/clock.ts";
import { loadConfig } from "#app/server/config.ts";
import type { DatabaseHandle } from "#app/server/db/client.ts";
import { createLogger } from "#app/server/logger.ts";
import { createUserWithRole, sessionCookieFor } from "../setup/auth.ts";
import { openTestDatabase, TEST_BASE_URL } from "../setup/test-db.ts";

/**
 * Web hardening through the real HTTP app: CSP with a fresh nonce, no-store on personal data,
 * sign-in throttling per client address (never a lock a stranger can put on an account),
 * throttled reset requests, no one-time tokens in the request log, the second-factor page for
 * a pending session, and host names normalised before the tenant lookup.
 */
let handle: DatabaseHandle;
let services: Services;
let app: ReturnType<typeof createApp>;
let tenantId: string;
const logLines: string[] = [];
/** What the stand-in renderer last received: language and translator of the request. */
let rendered: { lang: string; t: (key: string) => string } | undefined;

beforeAll(async () => {
  handle = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    BASE_URL: TEST_BASE_URL,
    SECRET_KEY: "test-secret-key-test-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  services = createServices({
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger: createLogger("info", sink),
    clock: manualClock(new Date("2026-03-02T09:00:00Z")),
  });
  // A stand-in renderer: these tests are about what happens before a page renders.
  app = createApp({
    services,
    pageHandler: async (_req, vars) => {
      rendered = { lang: vars.lang, t: vars.t };
      return new Response(`<p>page ${vars.secureHeadersNonce ?? ""}</p>`, {
        headers: { "content-type": "text/html" },
      });
    },
  });
  tenantId = (
    await services.tenants.create({
      slug: "luenen",
      name: "Stadt Lünen",
      kind: "municipality",
      hostnames: ["Luenen.Test."],
      settings: { mfaRequiredRoles: [] },
    })
  ).id;
  await services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" });
});
afterAll(() => handle.close());

/** A request as it arrives from the client address `ip` (the socket peer the Node server sees). */
function from(ip: string, path: string, init: RequestInit = {}) {
  return app.request(`${TEST_BASE_URL}${path}`, init, { incoming: { socket: { remoteAddress: ip } } });
}

function login(ip: string, email: string, password: string) {
  return from(ip, "/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", host: "luenen.test" },
    body: JSON.stringify({ email, password }),
  });
}

describe("Content-Security-Policy", () => {
  it("allows inline scripts only with this response's nonce", async () => {
    const a = await app.request(`${TEST_BASE_URL}/de/offers`, { headers: { accept: "text/html" } });
    const b = await app.request(`${TEST_BASE_URL}/de/offers`, { headers: { accept: "text/html" } });
    const csp = a.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The renderer receives the same nonce the header announces; the next response gets another.
    expect(await a.text()).toContain(nonce);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
  });
});

describe("Cache-Control", () => {
  it("is no-store on the API, the staff app and one-time link pages, and on any signed-in response", async () => {
    const { user } = await createUserWithRole(services, tenantId, "admin");
    const cookie = await sessionCookieFor(services, tenantId, user.id);
    const headers = { cookie, host: "luenen.test" };
    for (const path of ["/api/v1/auth/me", "/staff/cases", "/staff/cases.data", "/de/offers"]) {
      const res = await app.request(`${TEST_BASE_URL}${path}`, { headers });
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    for (const path of [
      "/de/survey/abcdefghijklmnopqrstuvwxyz",
      "/de/referral/abcdefghijklmnopqrstuvwxyz",
      "/de-simple/referral/abcdefghijklmnopqrstuvwxyz",
    ]) {
      const res = await app.request(`${TEST_BASE_URL}${path}`);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    // Public content without a session keeps its own caching.
    const pub = await app.request(`${TEST_BASE_URL}/api/public/offers`);
    expect(pub.status).toBe(200);
    expect(pub.headers.get("cache-control")).toContain("public");
  });
});

describe("easy German (de-simple, decision 094)", () => {
  it("renders public pages under /de-simple/ with easy German strings, German for the rest", async () => {
    const res = await app.request(`${TEST_BASE_URL}/de-simple/offers`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(rendered?.lang).toBe("de-simple");
    expect(rendered?.t("offers.fallback_field")).toContain("Einfacher Sprache");
    // A staff namespace has no easy German: its keys come from German.
    expect(rendered?.t("auth.login_title")).toBe(catalogs().get("de")?.["auth.login_title"]);
  });

  it("is no staff or API language: ?lang=de-simple counts only for the public JSON", async () => {
    const staff = await app.request(`${TEST_BASE_URL}/staff/cases?lang=de-simple`, {
      headers: { "accept-language": "de" },
    });
    expect(staff.status).toBe(303);
    expect(staff.headers.get("location")).toMatch(/^\/de\/login\?/);
    const pub = await app.request(`${TEST_BASE_URL}/api/public/offers?lang=de-simple`);
    expect(((await pub.json()) as { lang: string }).lang).toBe("de-simple");
    await app.request(`${TEST_BASE_URL}/de/offers?lang=de-simple`);
    expect(rendered?.lang).toBe("de");
  });
});

describe("sign-in throttling", () => {
  it("locks a client address that tries many accounts, and only that address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await login("203.0.113.7", `nobody-${i}@example.org`, "wrong-password-1")).status);
    }
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(19).every((s) => s === 429)).toBe(true);
    // Another address is not affected.
    const { user, password } = await createUserWithRole(services, tenantId, "coordinator");
    expect((await login("198.51.100.2", user.email, password)).status).toBe(200);
  });

  it("never lets a stranger keep a user out: wrong passwords elsewhere do not lock the account", async () => {
    const { user, password } = await createUserWithRole(services, tenantId, "coordinator");
    const attacker = [];
    for (let i = 0; i < 8; i++)
      attacker.push((await login("192.0.2.66", user.email, "guess-guess-1")).status);
    expect(attacker).toContain(429);
    // The attacker's address and this account are paused together …
    expect((await login("192.0.2.66", user.email, password)).status).toBe(429);
    // … while the user signs in from their own address.
    expect((await login("192.0.2.10", user.email, password)).status).toBe(200);
  });

  it("throttles password-reset requests", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await from("192.0.2.77", "/api/v1/auth/password-reset/request", {
        method: "POST",
        headers: { "content-type": "application/json", host: "luenen.test" },
        body: JSON.stringify({ email: "someone@example.org" }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 2)).toEqual([202, 202]);
    expect(statuses.slice(2).every((s) => s === 429)).toBe(true);
  });
});

describe("request log", () => {
  it("does not contain one-time link tokens", async () => {
    const token = "Sv9Zq3sEcReTtOkEnValue4711";
    await app.request(`${TEST_BASE_URL}/de/survey/${token}`);
    await app.request(`${TEST_BASE_URL}/de/referral/${token}.data`);
    await app.request(`${TEST_BASE_URL}/api/v1/surveys/links/${token}/responses`, { method: "POST" });
    const requests = logLines.filter((l) => l.includes('"msg":"request"'));
    expect(requests.some((l) => l.includes("/de/survey/[redacted]"))).toBe(true);
    expect(requests.some((l) => l.includes("/surveys/links/[redacted]/responses"))).toBe(true);
    expect(logLines.join("\n")).not.toContain(token);
  });
});

describe("pending second factor", () => {
  it("leads a session waiting for its second factor from /staff to the second-factor page", async () => {
    const { user } = await createUserWithRole(services, tenantId, "admin");
    const cookie = await sessionCookieFor(services, tenantId, user.id, { mfaSatisfied: false });
    const res = await app.request(`${TEST_BASE_URL}/staff/cases?q=1`, {
      headers: { cookie, host: "luenen.test", accept: "text/html" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/de/login/mfa?next=${encodeURIComponent("/staff/cases?q=1")}`);
  });
});

describe("host names", () => {
  it("are normalised before the tenant lookup (case, port, trailing dot)", async () => {
    expect(normaliseHost("Luenen.Test.:8443")).toBe("luenen.test");
    expect(normaliseHost("[::1]:3000")).toBe("[::1]");
    expect(normaliseHost(":80")).toBeUndefined();
    for (const host of ["luenen.test.", "LUENEN.test", "luenen.test.:3000"]) {
      expect((await services.tenants.resolveForHost(host))?.slug, host).toBe("luenen");
    }
    expect((await services.tenants.resolveForHost("other.test"))?.slug).toBe("unna");
  });
});

import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { mailOutbox } from "#app/server/db/schema.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  // The tests below decide themselves which roles need a second factor.
  await setMfaRoles([]);
});
afterAll(() => ctx.close());

const MINUTE = 60_000;
const systemAdmin = (): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

async function setMfaRoles(roles: ("admin" | "case_worker")[]) {
  const t = (await ctx.services.tenants.byId(tenantId))!;
  await ctx.services.tenants.updateSettings(systemAdmin(), tenantId, {
    version: t.version,
    name: t.name,
    defaultLanguage: "de",
    mfaRequiredRoles: roles,
  });
}

function api(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
) {
  return ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** The session cookie from a response, as a Cookie header value. */
function sessionFrom(res: Response): string {
  const c = res.headers.getSetCookie().find((h) => h.startsWith("lotse_session="));
  if (!c) throw new Error("no session cookie");
  return c.split(";")[0]!;
}

async function login(email: string, password: string, headers: Record<string, string> = {}) {
  return api("/auth/login", { method: "POST", body: { email, password }, headers });
}

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and stores only the token's hash", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const res = await login(user.email.toUpperCase(), password);
    expect(res.status).toBe(200);
    const raw = res.headers.getSetCookie().find((h) => h.startsWith("lotse_session="))!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Secure/); // BASE_URL is http in tests
    const token = sessionFrom(res).split("=")[1]!;
    const rows = await ctx.handle.db.query.sessions.findMany();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    const me = await api("/auth/me", { cookie: sessionFrom(res) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const { user } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const wrong = await login(user.email, "falsches-passwort");
    const unknown = await login("niemand@example.org", "falsches-passwort");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as Record<string, unknown>;
    const b = (await unknown.json()) as Record<string, unknown>;
    expect({ ...a, requestId: undefined }).toEqual({ ...b, requestId: undefined });
  });

  it("throttles ten wrong passwords in a row (429 in the user's language) and refuses the right one while locked", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "case_worker", {
      preferredLanguage: "tr",
    });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await login(user.email, `falsch-${i}-xxxxxx`, { "accept-language": "tr" });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    const problem = (await last!.json()) as { code: string; title: string };
    const tr = createTranslator("tr", catalogs().get("tr")!);
    expect(problem.code).toBe("too_many_requests");
    expect(problem.title).toBe(tr("errors.too_many_requests", { minutes: 1 }));
    expect(problem.title).toContain("dakika");

    const locked = await login(user.email, password, { "accept-language": "tr" });
    expect(locked.status).toBe(429);
    expect(locked.headers.getSetCookie().some((h) => h.startsWith("lotse_session="))).toBe(false);

    // After the lock, five more failures lock for longer (5 minutes).
    ctx.clock.advance(61_000);
    for (let i = 0; i < 4; i++) expect((await login(user.email, "wieder-falsch-123")).status).toBe(401);
    const second = await login(user.email, "wieder-falsch-123", { "accept-language": "en" });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { title: string }).title).toContain("5 minutes");
    ctx.clock.advance(4 * MINUTE);
    expect((await login(user.email, password)).status).toBe(429);

    // When the lock has run out, the right password works again and clears the counter.
    ctx.clock.advance(61_000);
    expect((await login(user.email, password)).status).toBe(200);
    expect((await login(user.email, "noch-mal-falsch-1")).status).toBe(401);
  });

  it("refuses a login POST from a foreign origin (CSRF) before looking at the credentials", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const res = await login(user.email, password, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("csrf_rejected");
    expect(res.headers.getSetCookie()).toEqual([]);
    const crossSite = await login(user.email, password, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
  });
});

describe("sessions", () => {
  it("end after the idle timeout, measured from the last activity", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const cookie = sessionFrom(await login(user.email, password));
    const idle = ctx.services.core.config.session.idleMinutes * MINUTE;
    ctx.clock.advance(idle - MINUTE);
    expect((await api("/auth/me", { cookie })).status).toBe(200); // activity: last seen moves
    ctx.clock.advance(idle - MINUTE);
    expect((await api("/auth/me", { cookie })).status).toBe(200);
    ctx.clock.advance(idle);
    expect((await api("/auth/me", { cookie })).status).toBe(401);
    // Gone for good, even if the clock were turned back.
    ctx.clock.advance(-idle);
    expect((await api("/auth/me", { cookie })).status).toBe(401);
  });

  it("end at the absolute timeout however active they are", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const cookie = sessionFrom(await login(user.email, password));
    const { idleMinutes, absoluteHours } = ctx.services.core.config.session;
    const step = (idleMinutes - 1) * MINUTE;
    let elapsed = 0;
    while (elapsed + step < absoluteHours * 60 * MINUTE) {
      ctx.clock.advance(step);
      elapsed += step;
      expect((await api("/auth/me", { cookie })).status).toBe(200);
    }
    ctx.clock.advance(absoluteHours * 60 * MINUTE - elapsed);
    expect((await api("/auth/me", { cookie })).status).toBe(401);
  });

  it("sign out ends this session; sign out everywhere ends all sessions of the user", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const other = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const a = sessionFrom(await login(user.email, password));
    const b = sessionFrom(await login(user.email, password));
    const c = sessionFrom(await login(user.email, password));
    const foreign = sessionFrom(await login(other.user.email, other.password));

    const out = await api("/auth/logout", { method: "POST", cookie: a });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^lotse_session=;.*Max-Age=0/);
    expect((await api("/auth/me", { cookie: a })).status).toBe(401);
    expect((await api("/auth/me", { cookie: b })).status).toBe(200);

    expect((await api("/auth/logout-all", { method: "POST", cookie: b })).status).toBe(204);
    expect((await api("/auth/me", { cookie: b })).status).toBe(401);
    expect((await api("/auth/me", { cookie: c })).status).toBe(401);
    expect((await api("/auth/me", { cookie: foreign })).status).toBe(200);
  });
});

describe("TOTP second factor", () => {
  const code = async (secret: string, offsetSteps = 0) =>
    generate({ secret, epoch: Math.floor(ctx.clock.now().getTime() / 1000) + offsetSteps * 30 });

  it("a tenant can require it for a role: enrol, then give the code at every sign-in", async () => {
    await setMfaRoles(["case_worker"]);
    try {
      const { user, password } = await createUserWithRole(ctx.services, tenantId, "case_worker");
      // Not enrolled yet: signed in, but only for enrolment.
      const first = await login(user.email, password);
      expect(((await first.json()) as { mfa: string }).mfa).toBe("enrol");
      const s1 = sessionFrom(first);
      const blocked = await api("/users", { cookie: s1 });
      expect(blocked.status).toBe(401);
      expect(((await blocked.json()) as { code: string }).code).toBe("mfa_required");
      expect((await api("/tenant/settings", { cookie: s1 })).status).toBe(401);

      const enrol = await api("/auth/totp/enrol", { method: "POST", cookie: s1 });
      expect(enrol.status).toBe(200);
      const { secret, uri } = (await enrol.json()) as { secret: string; uri: string };
      expect(uri).toMatch(/^otpauth:\/\/totp\//);
      expect(uri).toContain(`secret=${secret}`);
      // The secret is stored encrypted.
      const stored = await ctx.services.users.credentials.byId(tenantId, user.id);
      expect(stored?.totpSecret).toMatch(/^v1\./);
      expect(stored?.totpSecret).not.toContain(secret);

      const bad = await api("/auth/totp/confirm", { method: "POST", cookie: s1, body: { code: "000000" } });
      expect(bad.status).toBe(422);
      expect(
        (await api("/auth/totp/confirm", { method: "POST", cookie: s1, body: { code: await code(secret) } }))
          .status,
      ).toBe(204);
      // Now this session may work (a case worker may not read users, but is no longer asked for the factor).
      expect((await api("/users", { cookie: s1 })).status).toBe(403);

      // Next sign-in: the code is required.
      ctx.clock.advance(MINUTE);
      const second = await login(user.email, password);
      expect(((await second.json()) as { mfa: string }).mfa).toBe("verify");
      const s2 = sessionFrom(second);
      expect(((await (await api("/users", { cookie: s2 })).json()) as { code: string }).code).toBe(
        "mfa_required",
      );
      // A half-signed-in session cannot replace the factor.
      expect((await api("/auth/totp/enrol", { method: "POST", cookie: s2 })).status).toBe(409);
      const valid = await code(secret);
      expect(
        (await api("/auth/mfa/verify", { method: "POST", cookie: s2, body: { code: valid } })).status,
      ).toBe(204);
      expect((await api("/users", { cookie: s2 })).status).toBe(403);

      // The same code is not accepted twice (replay).
      const s3 = sessionFrom(await login(user.email, password));
      expect(
        (await api("/auth/mfa/verify", { method: "POST", cookie: s3, body: { code: valid } })).status,
      ).toBe(422);
    } finally {
      await setMfaRoles([]);
    }
  });

  it("roles the tenant does not name sign in without a second factor", async () => {
    await setMfaRoles(["admin"]);
    try {
      const { user, password } = await createUserWithRole(ctx.services, tenantId, "volunteer");
      const res = await login(user.email, password);
      expect(((await res.json()) as { mfa: string }).mfa).toBe("none");
      const admin = await createUserWithRole(ctx.services, tenantId, "admin");
      const a = await login(admin.user.email, admin.password);
      expect(((await a.json()) as { mfa: string }).mfa).toBe("enrol");
      expect((await api("/users", { cookie: sessionFrom(a) })).status).toBe(401);
    } finally {
      await setMfaRoles([]);
    }
  });
});

describe("password reset", () => {
  it("mails a link in the user's language; the same answer for unknown addresses", async () => {
    const admin = await createUserWithRole(ctx.services, tenantId, "admin");
    const { user } = await createUserWithRole(ctx.services, tenantId, "volunteer", {
      preferredLanguage: "uk",
    });
    const known = await api("/auth/password-reset/request", { method: "POST", body: { email: user.email } });
    const unknown = await api("/auth/password-reset/request", {
      method: "POST",
      body: { email: "nobody@example.org" },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());

    const mails = await ctx.services.mail.list(
      { userId: admin.user.id, tenantId, sessionId: "s", grants: admin.user.grants, mfaSatisfied: true },
      { limit: 10, offset: 0 },
    );
    expect(mails.items).toHaveLength(1);
    // The recipient's copy: the outbox view shows it without the link (see mail.int.test.ts).
    const [mail] = await ctx.handle.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.id, mails.items[0]!.id)));
    if (!mail) throw new Error("the reset mail is not in the outbox");
    const uk = createTranslator("uk", catalogs().get("uk")!);
    expect(mail.subject).toBe(uk("auth.reset_mail_subject", { tenant: "Kreisstadt Unna" }));
    const link = /http:\/\/lotse\.test\/uk\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    const res = await api("/auth/password-reset/confirm", {
      method: "POST",
      body: { token: link![1], password: "ein-neues-passwort" },
    });
    expect(res.status).toBe(204);
    expect((await login(user.email, "ein-neues-passwort")).status).toBe(200);
  });

  it("refuses an expired token and a reused token; a reset ends all sessions", async () => {
    const { user, password } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const session = sessionFrom(await login(user.email, password));

    const expired = await ctx.services.auth.issuePasswordResetToken(tenantId, user.id);
    ctx.clock.advance(61 * MINUTE);
    const late = await api("/auth/password-reset/confirm", {
      method: "POST",
      body: { token: expired, password: "neues-passwort-1" },
      headers: { "accept-language": "en" },
    });
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({
      code: "invalid_token",
      title: "The link is invalid, expired or already used.",
    });

    const token = await ctx.services.auth.issuePasswordResetToken(tenantId, user.id);
    ctx.clock.advance(59 * MINUTE);
    // A bad new password does not use the token up.
    const weak = await api("/auth/password-reset/confirm", {
      method: "POST",
      body: { token, password: "kurz" },
    });
    expect(weak.status).toBe(422);
    const ok = await api("/auth/password-reset/confirm", {
      method: "POST",
      body: { token, password: "neues-passwort-2" },
    });
    expect(ok.status).toBe(204);
    const again = await api("/auth/password-reset/confirm", {
      method: "POST",
      body: { token, password: "neues-passwort-3" },
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe("invalid_token");

    expect((await api("/auth/me", { cookie: session })).status).toBe(401);
    expect((await login(user.email, password)).status).toBe(401);
    expect((await login(user.email, "neues-passwort-2")).status).toBe(200);
  });
});

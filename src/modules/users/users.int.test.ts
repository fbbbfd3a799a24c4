import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
let adminCookie: string;
let adminId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  const admin = await createUserWithRole(ctx.services, tenantId, "admin");
  adminId = admin.user.id;
  adminCookie = await sessionCookieFor(ctx.services, tenantId, admin.user.id);
});
afterAll(() => ctx.close());

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

describe("users", () => {
  it("stores the e-mail lower-cased and refuses a duplicate (any case) with a field error", async () => {
    const res = await api("/users", {
      method: "POST",
      cookie: adminCookie,
      body: JSON.stringify({
        email: "Erika.Muster@Example.org",
        displayName: "Erika Muster",
        password: "lang-genug-123",
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { email: string; hasPassword: boolean };
    expect(created.email).toBe("erika.muster@example.org");
    expect(created.hasPassword).toBe(true);

    const dup = await api("/users", {
      method: "POST",
      cookie: adminCookie,
      headers: { "accept-language": "en" },
      body: JSON.stringify({ email: "ERIKA.muster@example.org", displayName: "Someone else" }),
    });
    expect(dup.status).toBe(409);
    const body = (await dup.json()) as {
      code: string;
      errors: { field: string; code: string; message: string }[];
    };
    expect(body.code).toBe("already_exists");
    expect(body.errors).toEqual([{ field: "email", code: "taken", message: "Is already taken." }]);
    await expect(
      ctx.services.users.create(
        { kind: "system", tenantId },
        { email: "erika.muster@example.org", displayName: "X" },
      ),
    ).rejects.toMatchObject({ code: "already_exists", fields: [{ field: "email", code: "taken" }] });
  });

  it("refuses a too short password and an over-long name with per-field messages", async () => {
    const res = await api("/users", {
      method: "POST",
      cookie: adminCookie,
      body: JSON.stringify({ email: "kurz@example.org", displayName: "x".repeat(250), password: "kurz" }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { field: string; code: string }[] };
    expect(body.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      "displayName:too_long",
      "password:too_short",
    ]);
  });

  it("sets scoped role grants with optimistic locking and audits old → new without secrets", async () => {
    const { user } = await createUserWithRole(ctx.services, tenantId, "volunteer");
    const areaId = "0190f5a0-0000-7000-8000-000000000001";
    const res = await api(`/users/${user.id}/roles`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({
        version: user.version,
        grants: [
          { role: "case_worker", scopeType: "area", scopeId: areaId },
          { role: "analyst", scopeType: "tenant" },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as { version: number; grants: unknown[] };
    expect(after.grants).toEqual(
      expect.arrayContaining([
        { role: "case_worker", scopeType: "area", scopeId: areaId },
        { role: "analyst", scopeType: "tenant", scopeId: null },
      ]),
    );
    // A second tab with the old version.
    const stale = await api(`/users/${user.id}/roles`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: user.version, grants: [] }),
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe("version_conflict");

    // An area grant without an area is a field error.
    const missing = await api(`/users/${user.id}/roles`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: after.version, grants: [{ role: "case_worker", scopeType: "area" }] }),
    });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      "grants.0.scopeId",
    );

    const log = await ctx.services.audit.list(
      tenantId,
      { entityType: "user", entityId: user.id },
      { limit: 10, offset: 0 },
    );
    expect(log.map((l) => l.action).sort()).toEqual(["create", "update_roles"]);
    const created = log.find((l) => l.action === "create")!;
    expect(created.changes?.passwordHash).toEqual({ old: null, new: "•••" });
    expect(JSON.stringify(created.changes)).not.toContain("argon2");
  });

  it("only admins manage users; a disabled user cannot sign in", async () => {
    const { user: cw } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const cwCookie = await sessionCookieFor(ctx.services, tenantId, cw.id);
    expect((await api("/users", { cookie: cwCookie })).status).toBe(403);
    expect((await api("/users")).status).toBe(401);

    const { user, password } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const patch = await api(`/users/${user.id}`, {
      method: "PATCH",
      cookie: adminCookie,
      body: JSON.stringify({ version: user.version, status: "disabled" }),
    });
    expect(patch.status).toBe(200);
    const login = await api("/auth/login", {
      method: "POST",
      body: JSON.stringify({ email: user.email, password }),
    });
    expect(login.status).toBe(401);
    expect(((await login.json()) as { code: string }).code).toBe("invalid_credentials");
  });

  it("an admin cannot disable their own account", async () => {
    const me = await ctx.services.users.byId(
      {
        userId: adminId,
        tenantId,
        sessionId: "s",
        grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
        mfaSatisfied: true,
      },
      adminId,
    );
    const res = await api(`/users/${adminId}`, {
      method: "PATCH",
      cookie: adminCookie,
      body: JSON.stringify({ version: me.version, status: "disabled" }),
    });
    expect(res.status).toBe(409);
  });
});

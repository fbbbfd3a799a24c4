import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const adminOf = (tenantId: string): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

describe("tenants", () => {
  it("creates a tenant and refuses a duplicate slug with a field error", async () => {
    const t = await ctx.services.tenants.create({
      slug: "luenen",
      name: "Stadt Lünen",
      kind: "municipality",
    });
    expect(t.slug).toBe("luenen");
    await expect(
      ctx.services.tenants.create({ slug: "luenen", name: "X", kind: "municipality" }),
    ).rejects.toMatchObject({
      code: "already_exists",
      fields: [{ field: "slug", code: "taken" }],
    });
  });

  it("a second tab saving stale settings gets a version conflict, and nothing is overwritten", async () => {
    const t = await ctx.services.tenants.create({
      slug: "herdecke",
      name: "Stadt Herdecke",
      kind: "municipality",
    });
    const admin = adminOf(t.id);
    const base = { defaultLanguage: "de", mfaRequiredRoles: ["admin"] as "admin"[] };
    const first = await ctx.services.tenants.updateSettings(admin, t.id, {
      version: t.version,
      ...base,
      name: "Herdecke A",
    });
    expect(first.version).toBe(t.version + 1);
    await expect(
      ctx.services.tenants.updateSettings(admin, t.id, { version: t.version, ...base, name: "Herdecke B" }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect((await ctx.services.tenants.byId(t.id))?.name).toBe("Herdecke A");
  });

  it("answers the public tenant endpoint and refuses settings without a session (401, problem+json in the reader's language)", async () => {
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" });
    const pub = await ctx.app.request(`${TEST_BASE_URL}/api/v1/tenant`);
    expect(pub.status).toBe(200);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/tenant/settings`, {
      headers: { "accept-language": "ar" },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { code: string; title: string };
    expect(body.code).toBe("unauthenticated");
    expect(body.title).toBe("يرجى تسجيل الدخول.");
  });

  it("rejects a state-changing request from another origin (CSRF)", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/tenant/settings`, {
      method: "PUT",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("csrf_rejected");
  });
});

describe("bad input over HTTP", () => {
  it("answers malformed JSON with 400 problem+json, never 500", async () => {
    await ctx.services.tenants
      .create({ slug: "unna-json", name: "Unna", kind: "municipality" })
      .catch(() => {});
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL, "accept-language": "tr" },
      body: "{bad json",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; title: string };
    expect(body.code).toBe("bad_request");
    expect(body.title).toBe("İstek hatalı.");
  });
});

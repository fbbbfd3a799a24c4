import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "#app/server/policy/roles.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { DEMO_USERS, seedDemo, seedDemoIfEmpty } from "./seed.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe("demo seed", () => {
  it("creates Kreisstadt Unna with its framework, six areas and one user per role — once", async () => {
    expect(await seedDemoIfEmpty(ctx.services)).toEqual({ created: true });
    const tenant = await ctx.services.tenants.bySlug("unna");
    expect(tenant).toMatchObject({ name: "Kreisstadt Unna", frameworkTemplate: "unna" });
    expect(tenant!.settings.mfaRequiredRoles).toEqual([]);

    const areas = await ctx.services.areas.list(tenant!.id);
    expect(areas).toHaveLength(6);
    expect(areas.every((a) => a.approximate && a.sourceNote?.includes("Ungefähr"))).toBe(true);
    const social = areas.filter((a) => a.level === "social_area");
    expect(social.map((a) => a.name).sort()).toEqual([
      "Königsborn",
      "Landgemeinden",
      "Massen",
      "Unna-Mitte",
      "Unna-Süd",
    ]);
    expect(social.every((a) => a.parentName === "Unna")).toBe(true);
    // Roughly right places: the old town lies in Unna-Mitte, Massen to the west.
    expect((await ctx.services.areas.locate(tenant!.id, 7.6897, 51.5366))?.area.name).toBe("Unna-Mitte");
    expect((await ctx.services.areas.locate(tenant!.id, 7.629, 51.5525))?.area.name).toBe("Massen");

    const axes = await ctx.services.framework.list(tenant!.id, "de");
    expect(axes.find((a) => a.kind === "life_phase")?.terms).toHaveLength(7);

    // Every demo user can sign in with the printed password, without a second factor.
    expect(DEMO_USERS).toHaveLength(ROLES.length);
    for (const u of DEMO_USERS) {
      const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_BASE_URL },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      expect(res.status, u.role).toBe(200);
      expect(((await res.json()) as { mfa: string }).mfa, u.role).toBe("none");
    }

    // Idempotent: a second start or a reseed creates nothing new.
    expect(await seedDemoIfEmpty(ctx.services)).toEqual({ created: false });
    const again = await seedDemo(ctx.services);
    expect(again).toMatchObject({
      tenantCreated: false,
      usersCreated: 0,
      areas: { created: 0, unchanged: 6 },
    });
    expect(await ctx.services.areas.list(tenant!.id)).toHaveLength(6);
    expect((await ctx.services.tenants.list()).length).toBe(1);
  });

  it("finishes a first start that was killed after the tenant was created", async () => {
    const other = await createTestContext();
    try {
      await other.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" });
      expect(await seedDemoIfEmpty(other.services)).toEqual({ created: true });
      const tenant = await other.services.tenants.bySlug("unna");
      for (const u of DEMO_USERS) {
        expect(await other.services.users.credentials.byEmail(tenant!.id, u.email), u.role).toBeDefined();
      }
    } finally {
      await other.close();
    }
  });
});

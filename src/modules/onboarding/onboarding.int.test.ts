import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunStep, runOnboarding } from "#app/modules/demo/onboarding-run.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CheckKey } from "./model.ts";

// The onboarding wizard (decision 097): a fresh tenant → Unna's seed template → the demo files
// through the import runs and the other modules' services → the missing list shrinks → go-live
// refused, then accepted → the public site answers.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function runJobs() {
  for (let round = 0; round < 20; round++) {
    const r = await ctx.services.jobs.runDue({ limit: 20 });
    expect(r.failed).toBe(0);
    if (r.claimed === 0) return;
  }
  throw new Error("the job queue did not drain");
}

const publicOffers = () => ctx.app.request(`${TEST_BASE_URL}/api/public/offers?lang=de`);

describe("onboarding a new tenant", () => {
  it("goes from an empty tenant to a live public directory on the demo files", async () => {
    const missing: Partial<Record<RunStep, CheckKey[]>> = {};
    const steps: Partial<Record<RunStep, Record<string, string>>> = {};
    let refused: unknown;
    // The default tenant answers every host, so the test app's requests reach this one.
    const slug = ctx.services.core.config.defaultTenant;
    const { tenantId } = await runOnboarding(
      { ...ctx.services, jobs: ctx.services.jobs },
      { slug, name: "Neustadt" },
      async (step, admin) => {
        const status = await ctx.services.onboarding.status(admin);
        missing[step] = status.checks.filter((c) => c.required && !c.ok).map((c) => c.key);
        steps[step] = Object.fromEntries(status.steps.map((s) => [s.key, s.status]));
        if (step === "tenant") {
          expect(status.tenant.live).toBe(false);
          // Not live: the public site is hidden, signing in and the tenant's name are not.
          expect((await publicOffers()).status).toBe(404);
          expect((await ctx.app.request(`${TEST_BASE_URL}/api/v1/tenant`)).status).toBe(200);
        }
        if (step === "offers") {
          // Everything but the people and the contact: go-live is refused with the list.
          refused = await ctx.services.onboarding.goLive(admin).catch((e: unknown) => e);
          expect((await publicOffers()).status).toBe(404);
        }
      },
    );

    expect(missing.tenant).toEqual([
      "template",
      "areas",
      "offices",
      "catchments",
      "published_offer",
      "coordinator",
      "privacy_contact",
      "public_contact",
    ]);
    expect(steps.tenant).toMatchObject({
      template: "not_started",
      areas: "not_started",
      indicators: "optional",
    });
    expect(missing.template).not.toContain("template");
    // Unna's template brings its indicator system too.
    expect(steps.template).toMatchObject({ template: "done", indicators: "done" });
    expect(missing.areas).not.toContain("areas");
    expect(missing.offices).not.toContain("catchments");
    expect(steps.organizations).toMatchObject({ directory: "in_progress" });
    expect(missing.offers).toEqual(["coordinator", "privacy_contact", "public_contact"]);
    expect(refused).toMatchObject({
      code: "conflict",
      extra: { missing: ["coordinator", "privacy_contact", "public_contact"] },
      fields: [
        { field: "checks.coordinator", code: "onboarding_missing" },
        { field: "checks.privacy_contact", code: "onboarding_missing" },
        { field: "checks.public_contact", code: "onboarding_missing" },
      ],
    });
    expect(missing.users).toEqual(["public_contact"]);
    expect(missing.contacts).toEqual([]);
    // The list only shrank along the way.
    const sizes = (["tenant", "template", "areas", "offices", "offers", "users", "contacts"] as const).map(
      (s) => missing[s]!.length,
    );
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBe(sizes.length);

    // Live: the public site answers with the imported offers.
    const tenant = await ctx.services.tenants.byId(tenantId);
    expect(tenant?.liveSince).toBeInstanceOf(Date);
    expect(tenant?.frameworkTemplate).toBe("unna");
    const res = await publicOffers();
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("Café Chili");
  });

  it("names the offices without a catchment, applies a template once, and is for admins only", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "altdorf",
      name: "Altdorf",
      kind: "municipality",
      live: false,
    });
    const user = await ctx.services.users.create(
      { kind: "system", tenantId: tenant.id },
      {
        email: "admin@altdorf.example",
        displayName: "Admin",
        grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
      },
    );
    const admin: Principal = {
      userId: user.id,
      tenantId: tenant.id,
      sessionId: "s",
      grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const first = await ctx.services.onboarding.applyTemplate(admin, { template: "luenen" });
    expect(first.terms).toBeGreaterThan(0);
    expect(first.forms).toBe(1);
    const again = await ctx.services.onboarding.applyTemplate(admin, { template: "luenen" });
    expect(again).toMatchObject({ axes: 0, terms: 0, forms: 0 });

    await ctx.services.offices.create(
      { kind: "user", principal: admin },
      { name: "Büro Nord", kind: "welcome_office", placeId: null, email: null, phone: null },
    );
    const status = await ctx.services.onboarding.status(admin);
    const catchments = status.checks.find((c) => c.key === "catchments");
    expect(catchments?.ok).toBe(false);
    expect(catchments?.items?.map((i) => i.name)).toEqual(["Büro Nord"]);
    expect(status.steps.find((s) => s.key === "offices")?.status).toBe("in_progress");
    // Advice, not a condition: the test server sends no mail.
    expect(status.checks.find((c) => c.key === "mail_sender")).toMatchObject({ ok: false, required: false });

    const coordinator: Principal = {
      ...admin,
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
    };
    await expect(ctx.services.onboarding.status(coordinator)).rejects.toMatchObject({ code: "forbidden" });
    await expect(ctx.services.onboarding.goLive(coordinator)).rejects.toMatchObject({ code: "forbidden" });
    await runJobs();
  });
});

import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { action, loader } from "#app/app/routes/staff/onboarding.tsx";
import type { FormErrors } from "#app/app/server/guard.server.ts";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { type OnboardingRun, onboardingRun, type RunStep } from "#app/modules/demo/onboarding-run.ts";
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

/** What React Router hands the onboarding page's loader and action (the HTTP layer checked the page's permission). */
async function pageArgs(principal: Principal, intent: string) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-onboarding",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(principal.tenantId))!,
    principal,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const url = new URL(`${TEST_BASE_URL}/staff/onboarding`);
  const request = new Request(url, { method: "POST", body: new URLSearchParams({ intent }) });
  return { context, request, url, pattern: "/staff/onboarding", params: {} };
}

const publicOffers = () => ctx.app.request(`${TEST_BASE_URL}/api/public/offers?lang=de`);

describe("onboarding a new tenant on the demo files", () => {
  // The default tenant answers every host, so the test app's requests reach this one.
  let run: OnboardingRun;
  const missing: Partial<Record<RunStep, CheckKey[]>> = {};
  const steps: Partial<Record<RunStep, Record<string, string>>> = {};
  beforeAll(() => {
    run = onboardingRun(ctx.services, { slug: ctx.services.core.config.defaultTenant, name: "Neustadt" });
  });
  /** Takes one step of the run-through and keeps the wizard's status after it. */
  async function step(name: RunStep) {
    const s = run.steps.find((x) => x.step === name);
    await s!.run();
    const status = await ctx.services.onboarding.status(run.admin());
    missing[name] = status.checks.filter((c) => c.required && !c.ok).map((c) => c.key);
    steps[name] = Object.fromEntries(status.steps.map((x) => [x.key, x.status]));
    return status;
  }

  it("starts hidden, with everything missing", async () => {
    const status = await step("tenant");
    expect(status.tenant.live).toBe(false);
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
      addresses: "optional",
    });
    // The address list is advice: the office finder works on postcodes without it.
    expect(status.checks.find((c) => c.key === "address_list")).toMatchObject({ required: false, ok: false });
    // Not live: the public site is hidden, signing in and the tenant's name are not.
    expect((await publicOffers()).status).toBe(404);
    expect((await ctx.app.request(`${TEST_BASE_URL}/api/v1/tenant`)).status).toBe(200);
  });

  it("takes Unna's template: framework and indicator system", async () => {
    await step("template");
    expect(missing.template).not.toContain("template");
    expect(steps.template).toMatchObject({ template: "done", indicators: "done" });
  });

  it("imports the areas and sets up the offices with their catchments", async () => {
    await step("areas");
    expect(missing.areas).not.toContain("areas");
    await step("offices");
    expect(missing.offices).not.toContain("offices");
    expect(missing.offices).not.toContain("catchments");
  });

  it("publishes the organizations and imports the offers", async () => {
    await step("organizations");
    expect(steps.organizations).toMatchObject({ directory: "in_progress" });
    await step("offers");
    expect(missing.offers).toEqual(["coordinator", "privacy_contact", "public_contact"]);
  });

  it("refuses go-live with the list of what is missing", async () => {
    const refused = await ctx.services.onboarding.goLive(run.admin()).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "conflict",
      extra: { missing: ["coordinator", "privacy_contact", "public_contact"] },
      fields: [
        { field: "checks.coordinator", code: "onboarding_missing" },
        { field: "checks.privacy_contact", code: "onboarding_missing" },
        { field: "checks.public_contact", code: "onboarding_missing" },
      ],
    });
    expect((await ctx.services.tenants.byId(run.admin().tenantId))?.liveSince).toBeNull();
    expect((await publicOffers()).status).toBe(404);
  });

  it("adds the people and the contact, goes live, and the public site answers", async () => {
    await step("users");
    expect(missing.users).toEqual(["public_contact"]);
    await step("contacts");
    expect(missing.contacts).toEqual([]);
    // The list only shrank along the way.
    const sizes = (["tenant", "template", "areas", "offices", "offers", "users", "contacts"] as const).map(
      (s) => missing[s]!.length,
    );
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBe(sizes.length);

    await step("golive");
    const tenant = await ctx.services.tenants.byId(run.admin().tenantId);
    expect(tenant?.liveSince).toBeInstanceOf(Date);
    expect(tenant?.frameworkTemplate).toBe("unna");
    const res = await publicOffers();
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("Café Chili");
  });
});

describe("the wizard's checks", () => {
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

    // The page: its loader shows the status, its go-live form answers 409 with each missing item.
    const page = await pageArgs(admin, "golive");
    expect((await loader(page)).checks.find((c) => c.key === "catchments")?.ok).toBe(false);
    const answer = (await action(page)) as unknown as {
      init: { status: number };
      data: { errors: FormErrors };
    };
    expect(answer.init.status).toBe(409);
    expect(Object.keys(answer.data.errors.fields)).toContain("checks.catchments");
    expect((await ctx.services.tenants.byId(tenant.id))?.liveSince).toBeNull();

    const coordinator: Principal = {
      ...admin,
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
    };
    await expect(ctx.services.onboarding.status(coordinator)).rejects.toMatchObject({ code: "forbidden" });
    await expect(ctx.services.onboarding.goLive(coordinator)).rejects.toMatchObject({ code: "forbidden" });
    await runJobs();
  });
});

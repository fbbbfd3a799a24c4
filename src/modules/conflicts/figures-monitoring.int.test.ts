import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

/**
 * The conflict figures feed monitoring (decision 088): a year's conflicts per area and kind
 * become working values of monitoring's element `conflicts_reported`; after approval its
 * indicators show them through the engine's small-cell rule. Publishing needs both the
 * conflict numbers and monitoring's data right.
 */
let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;
const principal = (role: Role): Principal => ({
  userId: "00000000-0000-7000-8000-000000000002",
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

async function report(areaId: string, kind: "noise" | "religious_site") {
  await ctx.services.conflicts.report(
    { kind: "staff", principal: coordinator },
    {
      areaId,
      place: "Marktplatz",
      kind,
      urgency: "normal",
      parties: ["Gruppe A"],
      description: "Streit auf dem Marktplatz",
      tried: null,
      protectedDetails: null,
      reporterEmail: null,
      addressChoice: null,
    },
  );
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const { user } = await createUserWithRole(ctx.services, tenantId, "coordinator");
  coordinator = { ...principal("coordinator"), userId: user.id };
  // The demo template is seeded once per run by the first file that asks; on a busy machine slowly.
}, 600_000);
afterAll(() => ctx.close());

describe("conflict figures in monitoring", () => {
  it("publishes per area and kind as working values, shown after approval through the small-cell rule", async () => {
    const analyst = principal("analyst");
    // 2024 holds no demo conflict: the first publication writes zeros and tells the level.
    const empty = await ctx.services.conflicts.publishFigures(analyst, 2024);
    expect(empty.unassigned).toBe(0);
    const [a, b] = (await ctx.services.areas.tree(tenantId)).filter((x) => x.level === empty.level);
    ctx.clock.set(new Date("2024-05-13T08:00:00Z"));
    for (let i = 0; i < 6; i++) await report(a!.id, "noise");
    await report(a!.id, "religious_site");
    await report(b!.id, "noise");
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));

    // The coordinator sees the numbers but may not write monitoring's data.
    await expect(ctx.services.conflicts.publishFigures(coordinator, 2024)).rejects.toMatchObject({
      code: "forbidden",
    });
    const published = await ctx.services.conflicts.publishFigures(analyst, 2024);
    expect(published.values).toBeGreaterThan(0);
    // Unchanged counts write nothing the second time.
    expect((await ctx.services.conflicts.publishFigures(analyst, 2024)).values).toBe(0);

    const period = (await ctx.services.monitoringData.listPeriods(analyst, tenantId)).find(
      (p) => p.period === "2024",
    )!;
    await ctx.services.monitoringData.approve(analyst, tenantId, "2024", period.version, null);
    const results = await ctx.services.monitoring.results(analyst, tenantId, { period: "2024" });
    const ind = (code: string) => results.indicators.find((i) => i.indicator.code === code)!;
    expect(ind("conflicts_reported").byArea[a!.id]!.value).toBe(7);
    expect(ind("conflicts_reported_noise").byArea[a!.id]!.value).toBe(6);
    // One conflict in an area, one religious-site conflict: hidden, not shown as 1.
    expect(ind("conflicts_reported").byArea[b!.id]!.value).toBeNull();
    expect(ind("conflicts_reported").byArea[b!.id]!.suppressed).not.toBeNull();
    expect(ind("conflicts_reported_religious_site").byArea[a!.id]!.value).toBeNull();
    // Internal figures: the public never sees them.
    const pub = await ctx.services.monitoring.results(null, tenantId, { period: "2024" });
    expect(pub.indicators.some((i) => i.indicator.code.startsWith("conflicts_"))).toBe(false);
  });

  it("refuses a year out of range at its field", async () => {
    await expect(ctx.services.conflicts.publishFigures(principal("analyst"), 1800)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});

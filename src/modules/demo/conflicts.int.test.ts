import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { seedConflictsDemo } from "./conflicts.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  const row = await ctx.services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  coordinator = {
    userId: row!.id,
    tenantId,
    sessionId: "t",
    grants: await ctx.services.users.credentials.grants(tenantId, row!.id),
    mfaSatisfied: true,
  };
});
afterAll(() => ctx.close());

describe("conflict demo", () => {
  it("has Unna's five fire-alarm posts and a year of conflicts, one escalated and one mediated to an agreement", async () => {
    expect((await ctx.services.conflicts.listPosts(coordinator)).map((p) => p.kind).sort()).toEqual([
      "integration_council",
      "local_mayor",
      "neighbourhood_management",
      "social_counselling",
      "welfare_association",
    ]);
    const all = await ctx.services.conflicts.queue(coordinator, { closed: true });
    expect(all).toHaveLength(12);
    expect(all.filter((c) => c.escalated)).toHaveLength(1);
    const mediated = [];
    for (const c of all) {
      const v = await ctx.services.conflicts.get(coordinator, c.id);
      if (v.log.some((l) => l.kind === "agreement")) mediated.push(v);
    }
    expect(mediated).toHaveLength(1);
    expect(mediated[0]).toMatchObject({ state: "closed", outcome: "resolved" });
    expect(all.some((c) => c.overdue)).toBe(true);
    expect(all.some((c) => c.state === "reported")).toBe(true);
  });

  it("has a crisis plan with its alert chain and steps, and a prevention plan with responsibilities", async () => {
    const crisis = (await ctx.services.conflicts.crisisPlan(coordinator))!;
    expect(crisis.contacts.length).toBeGreaterThanOrEqual(3);
    expect(crisis.contacts.every((c) => !c.accountInactive)).toBe(true);
    expect(crisis.scenarios.every((s) => s.steps.length > 0)).toBe(true);
    const prevention = (await ctx.services.conflicts.preventionPlan(coordinator))!;
    expect(prevention.measures.every((m) => m.responsible.length > 0)).toBe(true);
    expect(prevention.reviewDue).toBe(false);
  });

  it("has a crisis drill, closed with its debrief, whose alert reached the chain's outbox", async () => {
    const [drill] = await ctx.services.conflicts.crises(coordinator);
    expect(drill).toMatchObject({ drill: true, state: "closed", checksDone: 2 });
    const view = await ctx.services.conflicts.crisis(coordinator, drill!.id);
    expect(view.debrief?.change).toContain("Telefonnummern");
    expect(view.chain[0]!.alertedAt).not.toBeNull();
    const prevention = (await ctx.services.conflicts.preventionPlan(coordinator))!;
    expect(prevention.measures.map((m) => m.title)).toContain("Alarmkette vierteljährlich prüfen");
  });

  it("has a volunteer mediator with an open mediation, and a public report waiting for moderation (decision 120)", async () => {
    const row = await ctx.services.users.credentials.byEmail(tenantId, "volunteer@demo.lotse.example");
    const volunteer: Principal = {
      userId: row!.id,
      tenantId,
      sessionId: "t",
      grants: await ctx.services.users.credentials.grants(tenantId, row!.id),
      mfaSatisfied: true,
    };
    const view = await ctx.services.conflicts.myMediations(volunteer);
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({ kind: "public_space", state: "mediation" });
    expect(await ctx.services.conflicts.pendingCount(coordinator)).toBe(1);
  });

  it("seeding again changes nothing", async () => {
    expect(await seedConflictsDemo(ctx.services, tenantId)).toEqual({ skipped: true });
    expect(await ctx.services.conflicts.queue(coordinator, { closed: true })).toHaveLength(12);
  });
});

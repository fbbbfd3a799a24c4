import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { seedDemo } from "./seed.ts";
import { seedVolunteerDemo } from "./volunteers-demo.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-11-30T08:00:00Z") });
});
afterAll(() => ctx.close());

describe("volunteer pool demo", () => {
  it("seeds Kreis Unna's pool over 25+ languages and a month of requests, some matched and some unserved — once", async () => {
    const { tenantId } = await seedDemo(ctx.services);
    const row = await ctx.services.users.credentials.byEmail(
      tenantId,
      "volunteer-coordinator@demo.lotse.example",
    );
    const coordinator: Principal = {
      userId: row!.id,
      tenantId,
      sessionId: "t",
      grants: await ctx.services.users.credentials.grants(tenantId, row!.id),
      mfaSatisfied: true,
    };
    const pool = await ctx.services.volunteers.list(coordinator);
    // 58 language mediators and 4 locals of the VHS tandem project.
    expect(pool).toHaveLength(62);
    const languages = new Set(pool.flatMap((v) => v.languages));
    expect(languages.size).toBeGreaterThanOrEqual(25);
    for (const sought of ["ro", "bg", "ti", "so", "ce", "ka", "kmr", "ckb"])
      expect(languages).toContain(sought);

    const all = [
      ...(await ctx.services.volunteers.listRequests(coordinator, { page: 1 })).items,
      ...(await ctx.services.volunteers.listRequests(coordinator, { page: 2 })).items,
    ];
    const states = new Set(all.map((r) => r.state));
    expect(states).toEqual(new Set(["submitted", "offered", "accepted", "confirmed", "held"]));
    // The last two months were held and issued as statements by the job's run (decision 100).
    for (const period of ["2026-10", "2026-09"]) {
      const statements = await ctx.services.volunteers.listStatements(coordinator, period);
      expect(statements.length).toBeGreaterThanOrEqual(8);
      for (const s of statements) {
        expect(s.seq).toBe(1);
        expect(s.lines.length).toBeGreaterThan(0);
        expect(s.totalCents).toBe(s.hoursCents + s.kmCents);
      }
      expect(statements.some((s) => s.km > 0)).toBe(true);
    }
    // The demo's volunteer account (the first mediator) sees their own statement.
    const own = await ctx.services.users.credentials.byEmail(tenantId, "volunteer@demo.lotse.example");
    const mediator: Principal = {
      userId: own!.id,
      tenantId,
      sessionId: "t",
      grants: await ctx.services.users.credentials.grants(tenantId, own!.id),
      mfaSatisfied: true,
    };
    expect((await ctx.services.volunteers.myStatements(mediator)).map((s) => s.period)).toEqual(["2026-10"]);
    const open = await ctx.services.volunteers.proposeMatching(coordinator);
    expect(open.proposals.length).toBeGreaterThan(0);
    expect(open.unserved.map((u) => u.language)).toContain("ti");
    // The VHS tandem round: paired, running and ended tandems, and a waiting list.
    const tandems = await ctx.services.volunteers.listTandems(coordinator);
    expect(new Set(tandems.map((t) => t.state))).toEqual(new Set(["waiting", "active", "ended"]));
    // Booking links for the directory's institutions, one in each of three languages.
    const links = await ctx.services.volunteers.listLinks(coordinator);
    expect(links.map((l) => l.language).sort()).toEqual(["ar", "de", "tr"]);
    expect(await seedVolunteerDemo(ctx.services, tenantId)).toEqual({ skipped: true });
    // The whole demo is seeded here (every module), which outlasts the default on a loaded machine.
  }, 240_000);
});

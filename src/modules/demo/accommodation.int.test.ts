import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { seedDemo } from "./seed.ts";

let ctx: DemoContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

describe("site selection demo", () => {
  it("chooses four sites, one in each quarter without an accommodation, within the rules", async () => {
    const actor = { kind: "system", tenantId } as const;
    const scenarios = await ctx.services.accommodation.listScenarios(actor);
    const dialogue = scenarios.find((s) => s.name.startsWith("Bürgerdialog"))!;
    const s = await ctx.services.accommodation.scenario(actor, dialogue.id);
    expect(s.result.status).toBe("optimal");
    // It ran with the weights adopted from the seeded dialogue's answers (medians 3, 2, 1, 2, 3).
    expect(s.weightSet).toEqual({ id: expect.any(String), number: 1 });
    const w = await ctx.services.accommodation.weights.view(actor, "de");
    expect(w.dialogue?.formTitle).toBe("Bürgerdialog Unterkunftsstandorte: Gewichte");
    expect(w.derived?.status).toBe("ok");
    expect(w.derived?.rows.map((r) => [r.answers, r.median])).toEqual([
      [15, 3],
      [15, 2],
      [15, 1],
      [15, 2],
      [15, 3],
    ]);
    expect(s.weights).toEqual(w.derived?.weights);
    expect(s.result.chosen).toHaveLength(4);
    const byId = new Map(s.snapshot.sites.map((x) => [x.id, x]));
    const areas = s.result.chosen.map((id) => byId.get(id)!.areaName).sort();
    expect(areas).toEqual(["Königsborn", "Landgemeinden", "Massen", "Unna-Süd"]);
    expect(s.result.chosen.every((id) => byId.get(id)!.capacity <= 48)).toBe(true);
    // The status index comes from monitoring for every candidate site.
    const sites = await ctx.services.accommodation.listSites(actor);
    const statusCriterion = (await ctx.services.accommodation.listCriteria(actor)).find(
      (c) => c.source === "monitoring_status",
    )!;
    expect(sites.every((x) => typeof x.values[statusCriterion.id] === "number")).toBe(true);
    // Seeding again adds nothing.
    await seedDemo(ctx.services);
    expect(await ctx.services.accommodation.listScenarios(actor)).toHaveLength(scenarios.length);
  });

  it("has three accommodations with households placed through case work, one moving in later", async () => {
    const actor = { kind: "system", tenantId } as const;
    const list = await ctx.services.accommodation.accommodations.list(actor);
    expect(list).toHaveLength(3);
    const byName = new Map(list.map((a) => [a.name, a.occupancy]));
    expect(byName.get("Wohnung Iserlohner Straße")).toEqual({ places: 6, occupied: 5, reserved: 0, free: 1 });
    expect(byName.get("Wohnhaus Massener Hellweg")).toEqual({
      places: 12,
      occupied: 2,
      reserved: 6,
      free: 4,
    });
    expect(byName.get("Gemeinschaftsunterkunft Hertinger Straße")?.occupied).toBe(5);
  });
});

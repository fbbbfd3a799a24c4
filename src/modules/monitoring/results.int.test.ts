import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { resultsCsv } from "./export.ts";
import { monitoringElements } from "./schema.ts";
import type { PeriodResults } from "./types.ts";
import { createRelease, upsertValues } from "./values-repo.ts";

let ctx: DemoContext;
let tenantId: string;
const principal = (role: Role): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

const byName = (r: PeriodResults, code: string) => {
  const ind = r.indicators.find((i) => i.indicator.code === code)!;
  return Object.fromEntries(r.areas.map((a) => [a.name, ind.byArea[a.id]!]));
};
const round = (v: number | null, d: number) => (v === null ? null : Number(v.toFixed(d)));

describe("monitoring results from releases", () => {
  it("reproduces Unna's published 2018 figures (seed 001)", async () => {
    const r = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    expect(r.level).toBe("social_area");
    expect(r.areas).toHaveLength(5);
    const oldAge = byName(r, "old_age_ratio_unna");
    expect(Object.fromEntries(Object.entries(oldAge).map(([k, c]) => [k, round(c.value, 0)]))).toEqual({
      "Unna-Mitte": 182,
      Landgemeinden: 124,
      Massen: 120,
      Königsborn: 112,
      "Unna-Süd": 98,
    });
    const sozialgeld = byName(r, "sozialgeld_u15_share");
    expect(round(sozialgeld.Königsborn!.value, 1)).toBe(24.7);
    expect(round(sozialgeld["Unna-Mitte"]!.value, 1)).toBe(19.5);
    expect(round(sozialgeld.Landgemeinden!.value, 1)).toBe(3.2);
    const cityOf = (code: string) => r.indicators.find((i) => i.indicator.code === code)!.city;
    expect(round(cityOf("sozialgeld_u15_share").value, 1)).toBe(15.7);
    // The seed names no share for Massen and Unna-Süd: those two are invented and marked.
    expect(sozialgeld.Massen!.synthetic).toBe(true);
    expect(sozialgeld["Unna-Süd"]!.synthetic).toBe(true);
    expect(sozialgeld.Königsborn!.synthetic).toBe(false);
    expect(round(cityOf("old_age_ratio_unna").value, 0)).toBe(128);
    expect(round(cityOf("foreign_share").value, 2)).toBe(8.95);
    expect(cityOf("population_total").value).toBe(61098);
    expect(r.city?.population).toBe(61098);
    // "jeweils rund 25 %" Königsborn and Mitte, 18 % Landgemeinden and Massen, "knapp 14 %" Süd.
    const population = byName(r, "population_total");
    const share = (name: string) => (population[name]!.value! / 61098) * 100;
    expect(Math.round(share("Königsborn"))).toBe(25);
    expect(Math.round(share("Unna-Mitte"))).toBe(25);
    expect(Math.round(share("Landgemeinden"))).toBe(18);
    expect(Math.round(share("Massen"))).toBe(18);
    expect(Math.round(share("Unna-Süd"))).toBe(14);
    expect(share("Unna-Süd")).toBeLessThan(14);
    // 49 % male, 51 % female.
    expect(round((cityOf("population_male").value ?? 0) / 61098, 2)).toBe(0.49);
    expect(round((cityOf("population_female").value ?? 0) / 61098, 2)).toBe(0.51);
    // "Gegenüber 2017 ist die Bevölkerung … um 104 … gesunken."
    const before = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2017" });
    const cityBefore = before.indicators.find((i) => i.indicator.code === "population_total")!.city.value;
    expect(cityBefore).toBe(61098 + 104);
    // The age limits behind Unna's definition are part of the definition.
    const unna = r.indicators.find((i) => i.indicator.code === "old_age_ratio_unna")!.indicator;
    expect(unna.ageLimits).toEqual({
      numerator: [{ from: 65, to: null }],
      denominator: [{ from: 0, to: 19 }],
    });
  });

  it("hides a small numerator and one more area, so the city rate cannot give it away", async () => {
    const r = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    const rate = byName(r, "naturalisation_rate");
    // Landgemeinden: 2 naturalisations (< 3).
    expect(rate.Landgemeinden).toMatchObject({ value: null, suppressed: "primary" });
    const secondary = Object.values(rate).filter((c) => c.suppressed === "secondary");
    expect(secondary).toHaveLength(1);
    expect(r.indicators.find((i) => i.indicator.code === "naturalisation_rate")!.city.value).not.toBeNull();
    // Every shown value is a number; hidden ones carry no value at all.
    for (const ind of r.indicators)
      for (const c of Object.values(ind.byArea)) if (c.suppressed) expect(c.value).toBeNull();
  });

  it("gives the public only public indicators, and board members the same as staff", async () => {
    const pub = await ctx.services.monitoring.results(null, tenantId, { period: "2018" });
    expect(pub.indicators.some((i) => i.indicator.code.startsWith("lotse_"))).toBe(false);
    expect(pub.indicators.length).toBeGreaterThan(8);
    await expect(
      ctx.services.monitoring.results(principal("case_worker"), tenantId, { period: "2018" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      ctx.services.monitoring.results(principal("board_member"), tenantId, { period: "1990" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("computes change, ranks, series and the status index", async () => {
    const r = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2019" });
    expect(r.previousPeriod).toBe("2018");
    const pop = r.indicators.find((i) => i.indicator.code === "population_total")!;
    const mitte = r.areas.find((a) => a.name === "Unna-Mitte")!;
    const before = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    const popBefore = before.indicators.find((i) => i.indicator.code === "population_total")!;
    expect(pop.change[mitte.id]!.value).toBe(
      pop.byArea[mitte.id]!.value! - popBefore.byArea[mitte.id]!.value!,
    );
    const old = r.indicators.find((i) => i.indicator.code === "old_age_ratio_unna")!;
    expect(old.rank[mitte.id]).toBe(1); // the highest ratio ranks first for a neutral indicator
    expect(r.synthetic).toBe(true);

    const series = await ctx.services.monitoring.series(principal("analyst"), tenantId, {
      indicator: "sgb2_rate",
    });
    expect(series.periods).toEqual([
      "2012",
      "2013",
      "2014",
      "2015",
      "2016",
      "2017",
      "2018",
      "2019",
      "2020",
      "2021",
    ]);
    expect(series.city.every((c) => c.value !== null)).toBe(true);

    const index = await ctx.services.monitoring.index(principal("analyst"), tenantId, { period: "2019" });
    expect(index.indicators.map((i) => i.code).sort()).toEqual(["sgb2_rate", "sozialgeld_u15_share"]);
    // Landgemeinden has the lowest SGB-II and Sozialgeld rates: the best status.
    const best = [...index.areas].sort((a, b) => (b.status ?? -9) - (a.status ?? -9))[0]!;
    expect(best.area.name).toBe("Landgemeinden");
    expect(best.statusClass).toBe("high");
  });

  it("can be reproduced from an older data version after a newer release", async () => {
    const before = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    const [pop] = await ctx.handle.db
      .select({ id: monitoringElements.id })
      .from(monitoringElements)
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, "naturalisations")));
    const [massen] = await ctx.handle.db
      .select({ id: areas.id })
      .from(areas)
      .where(and(eq(areas.tenantId, tenantId), eq(areas.code, "unna-massen")));
    const now = ctx.clock.now();
    await ctx.handle.db.transaction(async (tx) => {
      await upsertValues(
        tx,
        tenantId,
        [{ elementId: pop!.id, areaId: massen!.id, period: "2018", breakdown: "", value: 40 }],
        "manual",
        null,
        now,
      );
      await createRelease(tx, tenantId, "2018", null, "correction", now);
    });
    const after = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    const rate = (r: PeriodResults) =>
      r.indicators.find((i) => i.indicator.code === "naturalisation_rate")!.city;
    expect(rate(after).value).toBeGreaterThan(rate(before).value!);
    const again = await ctx.services.monitoring.results(principal("analyst"), tenantId, {
      period: "2018",
      version: before.dataVersion,
    });
    expect(again.indicators).toEqual(before.indicators);
  });
});

describe("CSV export", () => {
  it("holds the cells as shown: symbols for hidden ones, the data version and the legend", async () => {
    const { translatorFor } = await import("../../../tests/e2e/i18n.ts");
    const r = await ctx.services.monitoring.results(principal("analyst"), tenantId, { period: "2018" });
    const csv = resultsCsv(r, translatorFor("de"), "de");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.split("\r\n");
    const header = lines[0]!.replace("\uFEFF", "").split(";");
    const col = header.indexOf("Landgemeinden");
    const rate = lines.find((l) => l.startsWith("Einbürgerungsquote"))!.split(";");
    expect(rate[col]).toBe("<5");
    expect(rate.filter((c) => c === "•")).toHaveLength(1);
    expect(csv).toContain(`Datenstand ${r.dataVersion}`);
    const population = lines.find((l) => l.startsWith("Einwohnerinnen und Einwohner;"))!;
    expect(population).toContain("61.098");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import type { IndicatorInput } from "./data-service.ts";

let ctx: DemoContext;
let tenantId: string;
const principal = (role: Role): Principal => ({
  userId: "00000000-0000-7000-8000-000000000002",
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

const indicator = (over: Partial<IndicatorInput> = {}): IndicatorInput => ({
  code: "elderly_share",
  name: "Anteil 65+",
  numerator: "population{age:65+}",
  denominator: "population",
  factor: 100,
  unit: "percent",
  decimals: 1,
  polarity: "neutral",
  inStatusIndex: false,
  public: true,
  source: null,
  notes: null,
  ...over,
});

describe("monitoring data: periods, grid, definitions", () => {
  it("approves an open period as the next release, once per version read", async () => {
    const data = ctx.services.monitoringData;
    const analyst = principal("analyst");
    const periods = await data.listPeriods(analyst, tenantId);
    const open = periods.find((p) => p.period === "2022")!;
    expect(open.status).toBe("open");
    expect(open.valueCount).toBeGreaterThan(0);
    const { releaseNumber } = await data.approve(analyst, tenantId, "2022", open.version, "Demo");
    expect(releaseNumber).toBeGreaterThan(9);
    // The same (now stale) version again: a conflict, no second release.
    await expect(data.approve(analyst, tenantId, "2022", open.version, null)).rejects.toMatchObject({
      code: "version_conflict",
    });
    const results = await ctx.services.monitoring.results(analyst, tenantId, { period: "2022" });
    expect(results.dataVersion).toBe(releaseNumber);
    // A case worker may not approve; a period that does not exist is out of range.
    await expect(data.approve(principal("case_worker"), tenantId, "2022", 1, null)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(data.approve(analyst, tenantId, "1800", 1, null)).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("saves the grid with German decimal commas, refuses negative and fractional counts per cell, and reopens an approved year", async () => {
    const data = ctx.services.monitoringData;
    const analyst = principal("analyst");
    const grid = await data.grid(analyst, tenantId, "2021", "naturalisations");
    expect(grid.status).toBe("approved");
    const [a, b] = grid.areas;
    const bad = await data
      .saveGrid(
        analyst,
        tenantId,
        "2021",
        "naturalisations",
        { [`v.${a!.id}.total`]: "-3", [`v.${b!.id}.total`]: "12,5" },
        grid.periodVersion,
      )
      .catch((e) => e);
    expect(bad.code).toBe("validation_failed");
    expect(bad.fields.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
      [`v.${a!.id}.total`, "monitoring_count_negative"],
      [`v.${b!.id}.total`, "monitoring_count_not_whole"],
    ]);
    // Nothing was saved: the year is still approved.
    expect((await data.grid(analyst, tenantId, "2021", "naturalisations")).status).toBe("approved");

    const saved = await data.saveGrid(
      analyst,
      tenantId,
      "2021",
      "naturalisations",
      { [`v.${a!.id}.total`]: "41" },
      grid.periodVersion,
    );
    expect(saved.changed).toBe(1);
    const after = await data.grid(analyst, tenantId, "2021", "naturalisations");
    expect(after.status).toBe("open");
    expect(after.values[a!.id]![""]).toBe(41);
    // The old version no longer saves: nobody overwrites the other's values unseen.
    await expect(
      data.saveGrid(
        analyst,
        tenantId,
        "2021",
        "naturalisations",
        { [`v.${a!.id}.total`]: "42" },
        grid.periodVersion,
      ),
    ).rejects.toMatchObject({ code: "version_conflict" });

    // A number element would take "12,5": population is a count, so the decimal comma is read but refused.
    const pop = await data.grid(analyst, tenantId, "2021", "population");
    const r = await data
      .saveGrid(
        analyst,
        tenantId,
        "2021",
        "population",
        { [`v.${a!.id}.sex:f`]: "1.234,5" },
        pop.periodVersion,
      )
      .catch((e) => e);
    expect(r.fields[0].code).toBe("monitoring_count_not_whole");
  });

  it("refuses a formula that names a missing data element, at its field", async () => {
    const data = ctx.services.monitoringData;
    const analyst = principal("analyst");
    const err = await data
      .saveIndicator(
        analyst,
        tenantId,
        indicator({ numerator: "refugees{sex:f}", denominator: "population{age:99+}" }),
      )
      .catch((e) => e);
    expect(err.code).toBe("validation_failed");
    expect(err.fields).toEqual([
      { field: "numerator", code: "formula_unknown_element", params: { position: 1, code: "refugees" } },
      {
        field: "denominator",
        code: "formula_unknown_option",
        params: { position: 1, code: "population", dim: "age", option: "99+" },
      },
    ]);
    const syntax = await data
      .saveIndicator(analyst, tenantId, indicator({ numerator: "population{age:65+" }))
      .catch((e) => e);
    expect(syntax.fields[0]).toMatchObject({ field: "numerator", code: "formula_expected_close" });
    const zero = await data.saveIndicator(analyst, tenantId, indicator({ factor: 0 })).catch((e) => e);
    expect(zero.fields[0].field).toBe("factor");

    const created = await data.saveIndicator(analyst, tenantId, indicator());
    const updated = await data.saveIndicator(
      analyst,
      tenantId,
      indicator({ name: "Anteil Älterer" }),
      created.version,
    );
    expect(updated.version).toBe(created.version + 1);
    await expect(data.saveIndicator(analyst, tenantId, indicator(), created.version)).rejects.toMatchObject({
      code: "version_conflict",
    });
    await expect(data.saveIndicator(analyst, tenantId, indicator())).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(data.saveIndicator(principal("coordinator"), tenantId, indicator())).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

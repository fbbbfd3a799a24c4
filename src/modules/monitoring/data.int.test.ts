import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import type { IndicatorInput } from "./data-service.ts";
import { findingHref } from "./model.ts";
import { monitoringElements, monitoringValues } from "./schema.ts";

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

  it("lists implausible values before approval and approves with them only when their number is confirmed", async () => {
    const data = ctx.services.monitoringData;
    const analyst = principal("analyst");
    const grid = await data.grid(analyst, tenantId, "2022", "naturalisations");
    const pop = await data.grid(analyst, tenantId, "2022", "population");
    const [a, b] = grid.areas;
    // A count of 10⁹ (the example) and a population four times last year's.
    await data.saveGrid(
      analyst,
      tenantId,
      "2022",
      "naturalisations",
      { [`v.${a!.id}.total`]: "1000000000" },
      grid.periodVersion,
    );
    const before = (await data.grid(analyst, tenantId, "2021", "population")).values[b!.id]![""]!;
    const periodVersion = (await data.grid(analyst, tenantId, "2022", "population")).periodVersion;
    await data.saveGrid(
      analyst,
      tenantId,
      "2022",
      "population",
      { [`v.${b!.id}.total`]: String(before * 4) },
      periodVersion,
    );
    // A negative count cannot come in through the grid or an import; the check names it all the same.
    const [sozialgeld] = await ctx.handle.db
      .select({ id: monitoringElements.id })
      .from(monitoringElements)
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, "sozialgeld_u15")));
    // The open demo year holds the population only: the value is written beside it.
    await ctx.handle.db.insert(monitoringValues).values({
      tenantId,
      elementId: sozialgeld!.id,
      areaId: a!.id,
      period: "2022",
      breakdown: "",
      value: -5,
      origin: "manual",
    });

    const check = await data.plausibility(analyst, tenantId, "2022");
    const of = (reason: string, code: string, areaId: string) =>
      check.findings.find(
        (f) => f.reason === reason && f.code === code && f.area.id === areaId && f.breakdown === "",
      );
    const huge = of("above_population", "naturalisations", a!.id)!;
    expect(huge).toMatchObject({ value: 1e9, compared: pop.values[a!.id]![""], period: "2022" });
    expect(findingHref(huge)).toBe(`/staff/monitoring/data/2022?element=naturalisations#g-${a!.code}-total`);
    expect(of("jump", "naturalisations", a!.id)).toBeDefined();
    expect(of("share_out_of_range", "naturalisation_rate", a!.id)?.value).toBeGreaterThan(100);
    expect(of("negative", "sozialgeld_u15", a!.id)?.value).toBe(-5);
    expect(of("jump", "population", b!.id)).toMatchObject({ value: before * 4, compared: before });
    expect(check.findings.map((f) => f.reason).indexOf("jump")).toBeGreaterThan(
      check.findings.map((f) => f.reason).lastIndexOf("negative"),
    );

    // Not confirmed, or confirmed for another number: refused with the findings, nothing released.
    const refused = await data.approve(analyst, tenantId, "2022", check.periodVersion, null).catch((e) => e);
    expect(refused).toMatchObject({ code: "monitoring_implausible_values", status: 409 });
    expect(refused.extra.plausibility.total).toBe(check.total);
    await expect(
      data.approve(analyst, tenantId, "2022", check.periodVersion, null, check.total - 1),
    ).rejects.toMatchObject({ code: "monitoring_implausible_values" });
    const { user } = await createUserWithRole(ctx.services, tenantId, "analyst");
    const cookie = await sessionCookieFor(ctx.services, tenantId, user.id);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/monitoring/periods/2022/approve`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL, cookie },
      body: JSON.stringify({ version: check.periodVersion }),
    });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as {
      code: string;
      plausibility: { total: number; findings: unknown[] };
    };
    expect(problem.code).toBe("monitoring_implausible_values");
    expect(problem.plausibility.findings).toHaveLength(check.findings.length);

    // The tenant's factor: ×5 no longer calls a fourfold population a jump.
    const rule = await data.plausibilitySettings(analyst, tenantId);
    expect(rule).toMatchObject({ jumpFactor: 3, minBase: 20, version: 0 });
    await data.savePlausibilitySettings(analyst, tenantId, { jumpFactor: 5, minBase: 20, version: 0 });
    await expect(
      data.savePlausibilitySettings(analyst, tenantId, { jumpFactor: 4, minBase: 20, version: 0 }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const after = await data.plausibility(analyst, tenantId, "2022");
    expect(
      after.findings.some((f) => f.reason === "jump" && f.code === "population" && f.area.id === b!.id),
    ).toBe(false);

    const approved = await data.approve(analyst, tenantId, "2022", after.periodVersion, null, after.total);
    expect(approved.findings).toBe(after.total);
    const entries = await ctx.handle.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, "monitoring.approve")));
    expect(entries.map((e) => e.changes)).toContainEqual(
      expect.objectContaining({
        release: { old: null, new: approved.releaseNumber },
        findings: { old: null, new: after.total },
      }),
    );
  });
});

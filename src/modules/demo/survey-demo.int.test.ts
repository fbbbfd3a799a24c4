import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = (await ctx.services.tenants.bySlug("unna"))!.id;
});
afterAll(() => ctx.close());

const as = (role: "analyst" | "coordinator"): Principal => ({
  userId: "00000000-0000-0000-0000-000000000001",
  tenantId,
  sessionId: "t",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

describe("survey demo", () => {
  it("has the three questionnaires, a population assigned in 2015 and a sample of 100 with answers", async () => {
    const forms = await ctx.services.surveys.listForms(as("coordinator"));
    // Besides the three, the citizens' dialogue on accommodation sites (decision 121).
    expect(forms.map((f) => f.code).sort()).toEqual([
      "buergerdialog_standorte",
      "dortmund_home_visit",
      "luenen_needs",
      "luenen_outcome_2017",
    ]);
    const [survey] = await ctx.services.surveys.listSurveys(as("coordinator"));
    const s = await ctx.services.surveys.getSurvey(as("coordinator"), survey!.id);
    expect(s.populationSize).toBeGreaterThanOrEqual(120);
    const wave = await ctx.services.surveys.getWave(as("coordinator"), s.waves[0]!.id);
    expect(wave.members.filter((m) => !m.reserve)).toHaveLength(100);
    expect(wave.members.filter((m) => m.contactStatus === "responded").length).toBeGreaterThan(70);
    // Refusals activated reserve persons.
    expect(wave.members.some((m) => m.reserve && m.activated)).toBe(true);
  });

  it("analysed by gender, women attended language courses less often (as in seed 000)", async () => {
    const outcome = (await ctx.services.surveys.listForms(as("analyst"))).find(
      (f) => f.code === "luenen_outcome_2017",
    )!;
    const tab = await ctx.services.surveyAnalysis.crossTab(
      as("analyst"),
      { formId: outcome.id, question: "language_course_attended", by: "sex" },
      "de",
    );
    const col = (sex: string) => tab.columns.findIndex((c) => c.key === sex);
    const yes = tab.rows.findIndex((r) => r.key === "yes");
    const share = (sex: string) => tab.cells[yes]![col(sex)]!.value! / tab.columnTotals[col(sex)]!.value!;
    expect(share("female")).toBeLessThan(share("male"));
    // Needs per district: the needs questionnaire by district, some cells suppressed.
    const needs = (await ctx.services.surveys.listForms(as("analyst"))).find(
      (f) => f.code === "luenen_needs",
    )!;
    const byDistrict = await ctx.services.surveyAnalysis.crossTab(
      as("analyst"),
      { formId: needs.id, question: "literacy_course_wanted", by: "district" },
      "de",
    );
    expect(byDistrict.columns.map((c) => c.label)).toContain("Unna-Mitte");
    expect(byDistrict.cells.flat().some((c) => c.suppressed !== null)).toBe(true);
  });
});

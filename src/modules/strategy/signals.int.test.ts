import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

let ctx: DemoContext;
let tenantId: string;
let coordinator: Principal;
let caseWorker: Principal;

async function principalOf(role: Role): Promise<Principal> {
  const row = await ctx.services.users.credentials.byEmail(
    tenantId,
    `${role.replace(/_/g, "-")}@demo.lotse.example`,
  );
  const grants = await ctx.services.users.credentials.grants(tenantId, row!.id);
  return { userId: row!.id, tenantId, sessionId: "t", grants, mfaSatisfied: true };
}
/** The framework axis holding the term of the first signal of a kind. */
async function axisOf(kind: "survey" | "monitoring") {
  const signal = (await ctx.services.strategy.needSignals(coordinator, tenantId, "de")).find(
    (x) => x.kind === kind,
  )!;
  const axes = await ctx.services.framework.list(tenantId, "de");
  return axes.find((a) => a.terms.some((t) => t.id === signal.termId))!.id;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; fields?: { field: string; code: string }[] }) => e,
  );

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  coordinator = await principalOf("coordinator");
  caseWorker = await principalOf("case_worker");
}, 300_000);
afterAll(() => ctx.close());

describe("need signals beside the case needs (decision 079)", () => {
  it("shows the needs questionnaire by district and the SGB II rate by area, each with its source, through the small-cell rule", async () => {
    const signals = await ctx.services.strategy.needSignals(coordinator, tenantId, "de");
    expect(signals.map((s) => s.kind).sort()).toEqual(expect.arrayContaining(["monitoring", "survey"]));
    const g = await ctx.services.strategy.gaps(coordinator, tenantId, "de", { axis: await axisOf("survey") });
    const survey = g.signals.find((s) => s.kind === "survey" && /Sprachkurs/.test(s.label))!;
    expect(survey.unavailable).toBeNull();
    expect(survey.source).toContain("(language_course_wanted)");
    const cells = g.cells.flat();
    const readings = cells.flatMap((c) => c.signals).filter((r) => r.signalId === survey.id);
    // Unna's five social areas answered the questionnaire.
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) {
      expect(r.value).toBeNull();
      expect(r.base).not.toBeNull();
      // A shown count is never below the rule's minimum, and never above its base.
      if (r.count?.value != null) {
        expect(r.count.value === 0 || r.count.value >= g.minCount).toBe(true);
        if (r.base?.value != null) expect(r.count.value).toBeLessThanOrEqual(r.base.value);
      }
    }
    // Each reading sits in the column of its own term.
    const termOf = (id: string) => g.signals.find((s) => s.id === id)?.termId;
    for (const row of g.cells)
      for (const [j, c] of row.entries())
        for (const r of c.signals) expect(termOf(r.signalId)).toBe(g.terms[j]!.id);
  });

  it("reads a monitoring indicator's newest released value per area", async () => {
    const g = await ctx.services.strategy.gaps(coordinator, tenantId, "de", {
      axis: await axisOf("monitoring"),
    });
    const sgb = g.signals.find((s) => s.kind === "monitoring")!;
    expect(sgb.source).toMatch(/\(sgb2_rate\), Freigabe \d+$/);
    const values = g.cells.flat().flatMap((c) => c.signals.filter((r) => r.signalId === sgb.id));
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((r) => typeof r.value === "number" && /^\d{4}/.test(r.period ?? ""))).toBe(true);
  });

  it("a case worker sees the gaps but not the questionnaire analysis", async () => {
    const g = await ctx.services.strategy.gaps(caseWorker, tenantId, "de", { axis: await axisOf("survey") });
    const survey = g.signals.filter((s) => s.kind === "survey");
    expect(survey.length).toBeGreaterThan(0);
    expect(survey.every((s) => s.unavailable === "no_access")).toBe(true);
    const ids = new Set(survey.map((s) => s.id));
    expect(
      g.cells
        .flat()
        .flatMap((c) => c.signals)
        .some((r) => ids.has(r.signalId)),
    ).toBe(false);
  });

  it("refuses an unknown term, answer or indicator per field, and removes a signal once", async () => {
    const s = ctx.services.strategy;
    const [first] = await s.needSignals(coordinator, tenantId, "de");
    const bad = await failure(
      s.addNeedSignal(coordinator, tenantId, {
        kind: "survey",
        termId: "00000000-0000-4000-8000-000000000000",
        label: "x",
        formId: first!.formId ?? "00000000-0000-4000-8000-000000000000",
        question: "language_course_wanted",
        answer: "maybe",
      }),
    );
    expect(bad?.fields?.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
      "answer:invalid_choice",
      "termId:strategy_unknown_term",
    ]);
    const noCode = await failure(
      s.addNeedSignal(coordinator, tenantId, {
        kind: "monitoring",
        termId: first!.termId,
        label: "x",
        monitoringCode: "no_such",
      }),
    );
    expect(noCode?.fields).toEqual([{ field: "monitoringCode", code: "strategy_monitoring_unknown" }]);
    expect(
      (
        await failure(
          s.addNeedSignal(caseWorker, tenantId, {
            ...first!,
            kind: "monitoring",
            monitoringCode: "sgb2_rate",
          }),
        )
      )?.code,
    ).toBe("forbidden");
    const { id } = await s.addNeedSignal(coordinator, tenantId, {
      kind: "monitoring",
      termId: first!.termId,
      label: "Zweites Signal",
      monitoringCode: "sgb2_rate",
    });
    await s.removeNeedSignal(coordinator, tenantId, id);
    expect((await s.needSignals(coordinator, tenantId, "de")).some((x) => x.id === id)).toBe(false);
    expect((await failure(s.removeNeedSignal(coordinator, tenantId, id)))?.code).toBe("not_found");
  });
});

describe("languages of supply (decision 087)", () => {
  it("finds Arabic-speaking households in need in Königsborn without an Arabic offer, through the small-cell rule, and closes the gap when one is published there", async () => {
    const s = ctx.services.strategy;
    const before = await s.languageSupply(coordinator, tenantId);
    expect(before.langs.map((l) => l.code)).toEqual(expect.arrayContaining(["ar", "de", "uk"]));
    // Every shown need count is 0 or at least the rule's minimum; hidden ones are never a gap.
    for (const row of before.cells)
      for (const c of row) {
        if (c.need.value !== null) expect(c.need.value === 0 || c.need.value >= before.minCount).toBe(true);
        else expect(c.gap).toBe(false);
      }
    const gap = before.gaps.find((g) => g.area === "Königsborn" && g.lang === "ar");
    expect(gap?.need.value).toBeGreaterThanOrEqual(before.minNeed);
    // A case worker may read it (strategy.matrix); a partner may not.
    expect((await s.languageSupply(caseWorker, tenantId)).gaps.length).toBe(before.gaps.length);
    const partner = await principalOf("partner_staff");
    await expect(s.languageSupply(partner, tenantId)).rejects.toMatchObject({ code: "forbidden" });

    const system = { kind: "system", tenantId } as const;
    const dir = ctx.services.directory;
    const org = (await dir.publishDirect(system, "organization", { name: "Sprachtest e. V." })).entityId;
    const place = (
      await dir.publishDirect(system, "place", {
        organizationId: org,
        name: "Treff Königsborn",
        street: "Friedrich-Ebert-Straße 10",
        postcode: "59425",
        city: "Unna",
        lon: 7.705,
        lat: 51.556,
      })
    ).entityId;
    await dir.publishDirect(system, "offer", {
      organizationId: org,
      title: "Elterncafé auf Arabisch",
      summary: "Beratung für Eltern auf Arabisch.",
      placeIds: [place],
      languages: ["ar", "de"],
    });
    const after = await s.languageSupply(coordinator, tenantId);
    expect(after.gaps.some((g) => g.area === "Königsborn" && g.lang === "ar")).toBe(false);
    const i = after.areas.findIndex((a) => a.name === "Königsborn");
    const j = after.langs.findIndex((l) => l.code === "ar");
    expect(after.cells[i]![j]!.gap).toBe(false);
    // The city now has an Arabic offer: shown, or hidden as a small count, but never 0.
    expect(after.langs.find((l) => l.code === "ar")!.cityOffers).not.toEqual({ value: 0, suppressed: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
const as: Partial<Record<Role, Principal>> = {};
let cookie: string;
const ids: Record<string, string> = {};

const review = {
  kind: "external" as const,
  evaluator: "Institut für Praxisforschung (Beispiel)",
  questions: "Erreicht der Kurs Mütter mit kleinen Kindern?",
  findings: "Die Kinderbetreuung fehlt an zwei von drei Abenden.",
  recommendations: "Kinderbetreuung an allen Kursabenden.",
  rating: "amber" as const,
};

beforeAll(async () => {
  ctx = await createTestContext();
  const tenant = await ctx.services.tenants.create({
    slug: "eval-t",
    name: "Evaluationsstadt",
    kind: "municipality",
    frameworkTemplate: "herdecke",
  });
  tenantId = tenant.id;
  for (const role of ["coordinator", "board_member"] as const) {
    const { user } = await createUserWithRole(ctx.services, tenantId, role);
    as[role] = {
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    if (role === "coordinator") cookie = await sessionCookieFor(ctx.services, tenantId, user.id);
  }
  const s = ctx.services.strategy;
  const node = async (
    title: string,
    parentId: string | null,
    kind: "leitziel" | "massnahme",
    periodFrom: string,
  ) =>
    (
      await s.createNode(as.coordinator!, tenantId, {
        parentId,
        kind,
        title,
        description: null,
        status: "running",
        weight: 1,
        progress: null,
        periodFrom,
        periodTo: "2028-12-31",
        responsible: kind === "leitziel" ? "Integrationsbüro, Frau Beispiel" : null,
        termIds: [],
        budgetPlannedCents: null,
        budgetSpentCents: null,
      })
    ).id;
  ids.goal = await node("Sprache und Bildung", null, "leitziel", "2024-01-01");
  ids.course = await node("Abendkurs mit Kinderbetreuung", ids.goal, "massnahme", "2025-01-01");
  ids.cafe = await node("Sprachcafé Königsborn", ids.goal, "massnahme", "2025-01-01");
  const typed = (nodeId: string, name: string) =>
    s.createIndicator(as.coordinator!, tenantId, nodeId, {
      name,
      kind: "typed",
      unit: "count",
      baseline: 10,
      baselinePeriod: "2024",
      targets: [{ period: "2028", value: 30 }],
      source: "Kursstatistik (Beispiel)",
      monitoringCode: null,
      figure: null,
      figureTermIds: [],
    });
  const measured = async (indicatorId: string, period: string, value: number) => {
    const v = await s.addValue(as.coordinator!, tenantId, indicatorId, { period, value, source: "Träger" });
    await s.approveValue(as.coordinator!, tenantId, v.id, v.version);
  };
  const course = await typed(ids.course, "Teilnehmerinnen");
  await measured(course.id, "2025", 13);
  await measured(course.id, "2026", 19);
  // A draft never counts.
  await s.addValue(as.coordinator!, tenantId, course.id, { period: "2027", value: 1, source: "Entwurf" });
  const cafe = await typed(ids.cafe, "Gäste pro Woche");
  await measured(cafe.id, "2026", 11);
}, 120_000);
afterAll(() => ctx.close());

describe("indicator lights", () => {
  it("measures each period against the planned way from baseline to target, and rolls the worst light up", async () => {
    const [course] = await ctx.services.strategy.indicators(as.board_member!, tenantId, ids.course!);
    // 2026: expected 20 on the line from 10 (2024) to 30 (2028); 19 is 90 % of the way.
    expect(course).toMatchObject({
      light: "green",
      expected: 20,
      achievement: 0.9,
      actual: { period: "2026", value: 19 },
    });
    expect(course!.series).toEqual([
      { period: "2025", target: null, value: 13, source: "Träger", light: "amber" },
      { period: "2026", target: null, value: 19, source: "Träger", light: "green" },
      { period: "2028", target: 30, value: null, source: null, light: "none" },
    ]);
    const lights = await ctx.services.strategy.treeLights(as.board_member!, tenantId);
    expect(lights.get(ids.cafe!)).toEqual({ light: "red", counts: { red: 1, amber: 0, green: 0 } });
    expect(lights.get(ids.goal!)).toEqual({ light: "red", counts: { red: 1, amber: 0, green: 1 } });
  });
});

describe("evaluations", () => {
  it("one record per measure and review date; bad dates and goals are field errors; stale saves conflict", async () => {
    const s = ctx.services.strategy;
    const first = await s.addEvaluation(as.coordinator!, tenantId, ids.course!, {
      reviewDate: "2026-02-15",
      ...review,
    });
    await s.addEvaluation(as.coordinator!, tenantId, ids.cafe!, {
      ...review,
      reviewDate: "2025-11-30",
      kind: "internal",
      evaluator: "Steuerungsgruppe",
      rating: null,
    });
    await expect(
      s.addEvaluation(as.coordinator!, tenantId, ids.course!, { reviewDate: "2026-02-15", ...review }),
    ).rejects.toMatchObject({ fields: [{ field: "reviewDate", code: "strategy_evaluation_exists" }] });
    await expect(
      s.addEvaluation(as.coordinator!, tenantId, ids.goal!, { reviewDate: "2026-02-15", ...review }),
    ).rejects.toMatchObject({ fields: [{ field: "reviewDate", code: "strategy_evaluation_measures_only" }] });
    await expect(
      s.addEvaluation(as.coordinator!, tenantId, ids.course!, { reviewDate: "2024-06-01", ...review }),
    ).rejects.toMatchObject({
      fields: [{ field: "reviewDate", code: "strategy_review_before_start", params: { from: "2025-01-01" } }],
    });
    const updated = await s.updateEvaluation(as.coordinator!, tenantId, first.id, {
      ...review,
      reviewDate: "2026-02-15",
      rating: "green",
      version: first.version,
    });
    expect(updated.rating).toBe("green");
    await expect(
      s.updateEvaluation(as.coordinator!, tenantId, first.id, {
        ...review,
        reviewDate: "2026-02-15",
        version: first.version,
      }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    await expect(
      s.addEvaluation(as.board_member!, tenantId, ids.cafe!, { reviewDate: "2026-01-01", ...review }),
    ).rejects.toMatchObject({ code: "forbidden" });

    // The conference's view: every evaluation of the period side by side, with path and light.
    const all = await s.evaluations(as.board_member!, tenantId, { from: null, to: null });
    expect(all).toMatchObject({ from: "2024-03-02", to: "2026-03-02" });
    expect(all.items.map((e) => [e.title, e.reviewDate, e.rating, e.measured.light])).toEqual([
      ["Sprachcafé Königsborn", "2025-11-30", null, "red"],
      ["Abendkurs mit Kinderbetreuung", "2026-02-15", "green", "green"],
    ]);
    expect(all.items[0]!.path).toEqual(["Sprache und Bildung"]);
    const later = await s.evaluations(as.board_member!, tenantId, { from: "2026-01-01", to: null });
    expect(later.items).toHaveLength(1);
    await expect(
      s.evaluations(as.board_member!, tenantId, { from: "2027-01-01", to: "2026-01-01" }),
    ).rejects.toMatchObject({
      fields: [{ field: "from", code: "strategy_period_order" }],
    });
  });

  it("the API answers bad input with field errors and records through the same schema", async () => {
    const post = (nodeId: string, body: unknown) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/strategy/nodes/${nodeId}/evaluations`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: TEST_BASE_URL,
          cookie,
          "accept-language": "de",
        },
        body: JSON.stringify(body),
      });
    const bad = await post(ids.cafe!, { ...review, reviewDate: "morgen", kind: "both", rating: "blue" });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["kind", "rating", "reviewDate"]);
    const good = await post(ids.cafe!, { ...review, reviewDate: "2026-03-01" });
    expect(good.status).toBe(201);
    const list = await ctx.app.request(`${TEST_BASE_URL}/api/v1/strategy/nodes/${ids.cafe}/evaluations`, {
      headers: { cookie },
    });
    expect(list.status).toBe(200);
    expect(
      ((await list.json()) as { evaluations: { reviewDate: string }[] }).evaluations.map((e) => e.reviewDate),
    ).toEqual(["2026-03-01", "2025-11-30"]);
  });

  it("edits a record through the API: field errors per field, a stale version conflicts, the saved text is read back", async () => {
    const s = ctx.services.strategy;
    const rec = await s.addEvaluation(as.coordinator!, tenantId, ids.course!, {
      ...review,
      reviewDate: "2026-06-30",
    });
    const put = (id: string, body: unknown) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/strategy/evaluations/${id}`, {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          origin: TEST_BASE_URL,
          cookie,
          "accept-language": "de",
        },
        body: JSON.stringify(body),
      });
    const bad = await put(rec.id, {
      ...review,
      reviewDate: "2026-06-31",
      evaluator: "",
      version: rec.version,
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ["evaluator", "reviewDate"],
    );
    // Moving it onto the date of another record of the same measure is refused, not merged.
    const clash = await put(rec.id, { ...review, reviewDate: "2026-02-15", version: rec.version });
    expect(clash.status).toBe(422);
    const ok = await put(rec.id, {
      ...review,
      reviewDate: "2026-06-30",
      findings: "Kinderbetreuung jetzt an allen Abenden.",
      rating: "green",
      version: rec.version,
    });
    expect(ok.status).toBe(200);
    // The other editor read the old version: a conflict, and the first save stays.
    const stale = await put(rec.id, { ...review, reviewDate: "2026-06-30", version: rec.version });
    expect(stale.status).toBe(409);
    const { evaluations } = await s.nodeEvaluations(as.board_member!, tenantId, ids.course!);
    expect(evaluations.find((e) => e.id === rec.id)).toMatchObject({
      findings: "Kinderbetreuung jetzt an allen Abenden.",
      rating: "green",
      version: rec.version + 1,
    });
    const missing = await put("00000000-0000-4000-8000-000000000000", {
      ...review,
      reviewDate: "2026-06-30",
      version: 1,
    });
    expect(missing.status).toBe(404);
  });
});

describe("the implementation report's traffic lights (decision 087)", () => {
  it("judges each indicator by the report year's value and rolls the worst light up the tree", async () => {
    const r2026 = await ctx.services.strategy.reportData(as.board_member!, tenantId, 2026);
    const light = (name: string) => r2026.indicators.find((i) => i.name === name)?.light;
    expect(light("Teilnehmerinnen")).toBe("green");
    expect(light("Gäste pro Woche")).toBe("red");
    const node = (id: string) => r2026.nodes.find((n) => n.id === id)?.light;
    expect(node(ids.goal!)).toEqual({ light: "red", counts: { red: 1, amber: 0, green: 1 } });
    // 2025: the course was amber and the café had no value yet.
    const r2025 = await ctx.services.strategy.reportData(as.board_member!, tenantId, 2025);
    expect(r2025.indicators.find((i) => i.name === "Teilnehmerinnen")?.light).toBe("amber");
    expect(r2025.indicators.find((i) => i.name === "Gäste pro Woche")?.light).toBe("none");
    expect(r2025.nodes.find((n) => n.id === ids.goal)?.light.light).toBe("amber");
  });

  it("is public for a year once its council report is produced, without the people responsible", async () => {
    const s = ctx.services.strategy;
    await expect(s.publicReport(tenantId, 2026)).rejects.toMatchObject({ code: "not_found" });
    await s.requestReport(as.coordinator!, tenantId, 2026);
    while ((await ctx.services.jobs.runDue({ limit: 50 })).claimed > 0) {}
    expect(await s.publicReportYears(tenantId)).toEqual([2026]);
    const pub = await s.publicReport(tenantId, 2026);
    expect(pub.nodes.length).toBeGreaterThan(0);
    expect(pub.nodes.every((n) => n.responsible === null)).toBe(true);
    const staff = await s.reportData(as.board_member!, tenantId, 2026);
    expect(staff.nodes.find((n) => n.id === ids.goal)?.responsible).toBe("Integrationsbüro, Frau Beispiel");
    expect(pub.nodes.find((n) => n.id === ids.goal)?.light.light).toBe("red");
    await expect(s.publicReport(tenantId, 2025)).rejects.toMatchObject({ code: "not_found" });
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#app/server/db/schema.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfText } from "../../../tests/setup/pdf-text.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { Actor } from "../audit/service.ts";
import type { CreateSiteInput } from "./contracts.ts";

let ctx: TestContext;
let tenantId: string;
let actor: Actor;
let coordinator: string;
let _coordinatorPrincipal: Principal;
let board: string;

/** Three square quarters side by side: Q1 [7.60–7.62], Q2 [7.62–7.64], Q3 [7.64–7.66] × [51.50–51.52]. */
const square = (code: string, x0: number) => ({
  type: "Feature",
  properties: { code, name: `Quartier ${code}`, level: "quarter", parent: null },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x0, 51.5],
        [x0 + 0.02, 51.5],
        [x0 + 0.02, 51.52],
        [x0, 51.52],
        [x0, 51.5],
      ],
    ],
  },
});

beforeAll(async () => {
  ctx = await createTestContext();
  const t = await ctx.services.tenants.create({ slug: "luenen", name: "Stadt Lünen", kind: "municipality" });
  tenantId = t.id;
  actor = { kind: "system", tenantId };
  const areas = {
    type: "FeatureCollection",
    features: [square("Q1", 7.6), square("Q2", 7.62), square("Q3", 7.64)],
  };
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(areas));
  const c = await createUserWithRole(ctx.services, tenantId, "coordinator");
  coordinator = await sessionCookieFor(ctx.services, tenantId, c.user.id);
  _coordinatorPrincipal = {
    userId: c.user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  const b = await createUserWithRole(ctx.services, tenantId, "board_member");
  board = await sessionCookieFor(ctx.services, tenantId, b.user.id);
});
afterAll(() => ctx.close());

type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };
async function api(cookie: string, method: "GET" | "POST" | "PUT", path: string, body?: unknown) {
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      cookie,
      origin: TEST_BASE_URL,
      "accept-language": "de",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const point = (lon: number, lat: number): CreateSiteInput["geometry"] => ({
  type: "Point",
  coordinates: [lon, lat],
});
const site = (
  name: string,
  lon: number,
  values: Record<string, number | null>,
  extra: Partial<CreateSiteInput> = {},
) =>
  ctx.services.accommodation.createSite(actor, {
    name,
    geometry: point(lon, 51.51),
    capacity: 40,
    existing: false,
    note: null,
    values,
    ...extra,
  });

describe("site selection", () => {
  it("refuses a site outside the tenant's areas with a message at the geometry field", async () => {
    const res = await api(coordinator, "POST", "/accommodation/sites", {
      name: "Außerhalb",
      geometry: { type: "Point", coordinates: [8.5, 52.0] },
      capacity: 30,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: "geometry", message: expect.stringContaining("außerhalb") }),
    ]);
  });

  it("chooses the best set under one site per quarter (an existing accommodation blocks its quarter), explains conflicts", async () => {
    const quality = await ctx.services.accommodation.createCriterion(actor, {
      name: "Anbindung",
      unit: null,
      direction: "max",
      missing: "impute_median",
      source: "manual",
    });
    const cost = await ctx.services.accommodation.createCriterion(actor, {
      name: "Kosten",
      unit: "€",
      direction: "min",
      missing: "exclude",
      source: "manual",
    });
    await site("Bestand Q3", 7.65, {}, { existing: true });
    const a = await site("A (Q1)", 7.605, { [quality.id]: 9, [cost.id]: 100 });
    const b = await site("B (Q1)", 7.615, { [quality.id]: 5, [cost.id]: 90 });
    const c = await site("C (Q2)", 7.625, { [quality.id]: null, [cost.id]: 80 });
    const d = await site("D (Q3)", 7.645, { [quality.id]: 10, [cost.id]: 50 });
    const e = await site("E (Q2)", 7.635, { [quality.id]: 8, [cost.id]: null });

    const res = await api(coordinator, "POST", "/accommodation/scenarios", {
      name: "Bürgerdialog",
      weights: { [quality.id]: 2, [cost.id]: 1 },
      constraints: { onePerArea: true, demand: 60 },
    });
    expect(res.status).toBe(200);
    const result = res.body.result as { status: string; chosen: string[]; excluded: { siteId: string }[] };
    expect(result.status).toBe("optimal");
    // D is best but its quarter already has an accommodation; E has no cost (excluded); C's quality is imputed.
    expect(result.chosen.sort()).toEqual([a.id, c.id].sort());
    expect(result.excluded).toEqual([{ siteId: e.id, reason: "missing_value", criterionId: cost.id }]);
    expect(b.areaName).toBe("Quartier Q1");
    // The values the scores came from, beside them (decision 114): C's quality is the median of 9, 5, 10.
    const full = res.body.result as {
      scores: { siteId: string; values: Record<string, number>; normalised: Record<string, number> }[];
      ranges: Record<string, { min: number; max: number }>;
    };
    const scoreOf = (id: string) => full.scores.find((x) => x.siteId === id)!;
    expect(scoreOf(c.id).values).toEqual({ [quality.id]: 9, [cost.id]: 80 });
    expect(scoreOf(c.id).normalised[cost.id]).toBeCloseTo(0.4, 10); // (100 − 80) ÷ (100 − 50)
    expect(full.ranges).toEqual({ [quality.id]: { min: 5, max: 10 }, [cost.id]: { min: 50, max: 100 } });
    expect(d.areaName).toBe("Quartier Q3");

    const infeasible = await api(coordinator, "POST", "/accommodation/scenarios", {
      name: "Zu viel Bedarf",
      weights: { [quality.id]: 1 },
      constraints: { onePerArea: true, demand: 120 },
    });
    expect(infeasible.status).toBe(200);
    expect((infeasible.body.result as { conflicts: string[] }).conflicts.sort()).toEqual([
      "demand",
      "one_per_area",
    ]);

    const zero = await api(coordinator, "POST", "/accommodation/scenarios", {
      name: "Null",
      weights: { [quality.id]: 0, [cost.id]: 0 },
      constraints: {},
    });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("nicht alle 0") }),
    ]);

    // The council's scorecard: a tagged PDF, per site in rank order its criteria, weights, scores.
    const scenarioId = res.body.id as string;
    const pdfRes = await ctx.app.request(
      `${TEST_BASE_URL}/api/v1/accommodation/scenarios/${scenarioId}/scorecard`,
      { headers: { cookie: board, "accept-language": "de" } },
    );
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toContain("/S /Table");
    expect(raw).toContain("(de-DE)");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Standort-Scorecard: Bürgerdialog");
    expect(text).toContain("Beitrag zur gewichteten Summe");
    // Each value beside its score, the imputed one marked, and the scale explained.
    expect(text).toContain("Wie aus den Werten Punkte werden");
    expect(text).toContain("Wert für 0 (schlechtester)");
    expect(text).toContain("9 (Median)");
    expect(text).toContain("100 €");
    // Rank order as the weighted sum ranks them; each site once, with its quarter.
    const headings = [...text.matchAll(/Rang (\d+): (.+?) \(Quartier Q\d\)/g)].map((m) => [
      Number(m[1]),
      m[2]!.trim(),
    ]);
    const ranks = (res.body.result as { scores: { siteId: string; weightedRank: number }[] }).scores
      .map((x) => [x.weightedRank, [a, b, c, d].find((s) => s.id === x.siteId)!.name] as [number, string])
      .sort((p, q) => p[0] - q[0]);
    expect(headings).toEqual(ranks);
    expect(
      (
        await ctx.app.request(
          `${TEST_BASE_URL}/api/v1/accommodation/scenarios/00000000-0000-7000-8000-000000000009/scorecard`,
          { headers: { cookie: board } },
        )
      ).status,
    ).toBe(404);

    // The board reads scenarios but does not run them.
    const list = await api(board, "GET", "/accommodation/scenarios");
    expect(list.status).toBe(200);
    expect((list.body as unknown as { name: string }[]).map((s) => s.name)).toEqual([
      "Zu viel Bedarf",
      "Bürgerdialog",
    ]);
    expect(
      (await api(board, "POST", "/accommodation/scenarios", { name: "x", weights: {}, constraints: {} }))
        .status,
    ).toBe(403);
  });

  it("a second save of the same site version gets a version conflict and nothing is overwritten", async () => {
    const s = await site("Konflikt", 7.61, {});
    const input = {
      name: "Erster",
      geometry: s.geometry,
      capacity: 30,
      existing: false,
      note: null,
      values: {},
    };
    await ctx.services.accommodation.updateSite(actor, s.id, { ...input, version: s.version });
    await expect(
      ctx.services.accommodation.updateSite(actor, s.id, { ...input, name: "Zweiter", version: s.version }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const now = (await ctx.services.accommodation.listSites(actor)).find((x) => x.id === s.id);
    expect(now?.name).toBe("Erster");
  });
});

describe("weights from a pairwise comparison (AHP, decision 130)", () => {
  it("computes the weights and CR, refuses contradictions at the pair that fits least, adopts numbered", async () => {
    const criteria = await ctx.services.accommodation.listCriteria(actor);
    const [q, c] = [
      criteria.find((x) => x.name === "Anbindung")!,
      criteria.find((x) => x.name === "Kosten")!,
    ];
    const p = await ctx.services.accommodation.createCriterion(actor, {
      name: "Grundstück",
      unit: null,
      direction: "max",
      missing: "impute_median",
      source: "manual",
    });
    const j = (a: string, b: string, favours: "a" | "b", intensity: number) => ({ a, b, favours, intensity });
    const post = (who: string, body: unknown) => api(who, "POST", "/accommodation/weights/pairwise", body);
    const missing = await post(coordinator, { comparisons: [j(q.id, c.id, "a", 3)] });
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: "comparisons", message: expect.stringContaining("es fehlt") }),
    ]);
    // Kosten against Grundstück turned round: the others say Kosten is twice as important.
    const bad = [j(q.id, c.id, "a", 2), j(q.id, p.id, "a", 4), j(c.id, p.id, "b", 9)];
    const refused = await post(coordinator, { comparisons: bad, adopt: true, basis: null });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: "comparisons.2" })]);
    expect(refused.body.errors![0]!.message).toContain("Konsistenzverhältnis 0,86");
    expect(refused.body.errors![0]!.message).toContain("„Kosten gegenüber Grundstück“");
    expect(refused.body.errors![0]!.message).toContain("Kosten etwa 2-mal so wichtig wie Grundstück");

    const good = [j(q.id, c.id, "a", 3), j(p.id, q.id, "b", 5), j(c.id, p.id, "a", 2)];
    const computed = await post(coordinator, { comparisons: good });
    expect(computed.status).toBe(200);
    expect(computed.body).toMatchObject({ consistent: true, limit: 0.1, set: null });
    expect(computed.body.weights).toEqual({ [q.id]: 0.648329, [c.id]: 0.229651, [p.id]: 0.12202 });
    expect((await api(board, "GET", "/accommodation/weights")).body.sets).toEqual([]);
    expect((await post(board, { comparisons: good })).status).toBe(403);

    // Two adoptions of one reading: one becomes set no. 1, the other a version conflict.
    const both = await Promise.all([0, 1].map(() => post(coordinator, { comparisons: good, adopt: true })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const set = both.find((r) => r.status === 200)!.body.set as { id: string; number: number };
    expect(set.number).toBe(1);
    const audit = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, "accommodation_weight_set")));
    expect(audit.map((e) => e.entityId)).toEqual([set.id]);
    const read = (await api(board, "GET", "/accommodation/weights")).body.sets as { source: unknown }[];
    expect(read[0]!.source).toMatchObject({ kind: "pairwise", consistencyRatio: 0.003185 });
    // A run without typed weights uses it.
    const run = await api(coordinator, "POST", "/accommodation/scenarios", { name: "AHP", constraints: {} });
    expect(run.body.weightSet).toEqual({ id: set.id, number: 1 });
    expect(run.body.weights).toEqual(computed.body.weights);
  });
});

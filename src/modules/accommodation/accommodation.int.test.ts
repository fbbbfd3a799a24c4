import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { Actor } from "../audit/service.ts";
import type { CreateSiteInput } from "./contracts.ts";

let ctx: TestContext;
let tenantId: string;
let actor: Actor;
let coordinator: string;
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

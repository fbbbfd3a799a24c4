import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

let ctx: TestContext;
let tenantId: string;
let adminCookie: string;
let areaW: string;
let areaE: string;

const rect = (w: number, s: number, e: number, n: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
  // The API serves the default tenant ("unna") for this host.
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "W", name: "West", level: "social_area" },
          geometry: rect(0, 0, 5, 5),
        },
        {
          type: "Feature",
          properties: { code: "E", name: "Ost", level: "social_area" },
          geometry: rect(5, 0, 9, 5),
        },
      ],
    }),
  );
  const areas = await ctx.services.areas.list(tenantId);
  areaW = areas.find((a) => a.code === "W")!.id;
  areaE = areas.find((a) => a.code === "E")!.id;
  const admin = await createUserWithRole(ctx.services, tenantId, "admin");
  adminCookie = await sessionCookieFor(ctx.services, tenantId, admin.user.id);
});
afterAll(() => ctx.close());

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      origin: TEST_BASE_URL,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

type Office = { id: string; version: number; email: string | null; phone: string | null; kind: string };
type Problem = { code: string; errors: { field: string; code: string; message: string }[] };

describe("offices API", () => {
  it("creates an office from the contract: empty fields become null, the kind has its default, bad input is a field error", async () => {
    const created = await api("/offices", {
      method: "POST",
      cookie: adminCookie,
      body: JSON.stringify({ name: "  Willkommensbüro West ", email: " west@example.org ", phone: "" }),
    });
    expect(created.status).toBe(201);
    const office = (await created.json()) as Office & { name: string };
    expect(office).toMatchObject({
      name: "Willkommensbüro West",
      kind: "welcome_office",
      email: "west@example.org",
      phone: null,
    });

    const bad = await api("/offices", {
      method: "POST",
      cookie: adminCookie,
      headers: { "accept-language": "en" },
      body: JSON.stringify({ name: "", kind: "castle", email: "no-mail" }),
    });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as Problem;
    expect(problem.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      "email:invalid_email",
      "kind:invalid_choice",
      "name:required",
    ]);
  });

  it("changes, catchment and team with the version read; a stale version is a conflict and an area belongs to one office", async () => {
    const post = async (name: string) =>
      (await (
        await api("/offices", { method: "POST", cookie: adminCookie, body: JSON.stringify({ name }) })
      ).json()) as Office;
    const west = await post("West");
    const east = await post("Ost");

    const catchment = await api(`/offices/${west.id}/catchment`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: west.version, areaIds: [areaW] }),
    });
    expect(catchment.status).toBe(200);
    const afterCatchment = (await catchment.json()) as Office & { areas: { code: string }[] };
    expect(afterCatchment.areas.map((a) => a.code)).toEqual(["W"]);

    const stale = await api(`/offices/${west.id}`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: west.version, name: "West (alt)" }),
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Problem).code).toBe("version_conflict");

    const taken = await api(`/offices/${east.id}/catchment`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: east.version, areaIds: [areaE, areaW] }),
    });
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as Problem).errors).toMatchObject([
      { field: "areaIds.1", code: "office_area_taken" },
    ]);

    const { user } = await createUserWithRole(ctx.services, tenantId, "case_worker");
    const team = await api(`/offices/${west.id}/members`, {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({
        version: afterCatchment.version,
        members: [{ userId: user.id, function: "Sozialberatung" }],
      }),
    });
    expect(team.status).toBe(200);
    expect(((await team.json()) as { members: { userId: string; function: string }[] }).members).toEqual([
      expect.objectContaining({ userId: user.id, function: "Sozialberatung" }),
    ]);
    expect((await ctx.services.offices.responsibleFor(tenantId, 2, 2))?.office.id).toBe(west.id);
  });

  it("an integer beyond the column's range is a field error, not a server error", async () => {
    const res = await api("/offices/0190f5a0-0000-7000-8000-000000000001", {
      method: "PUT",
      cookie: adminCookie,
      body: JSON.stringify({ version: 2 ** 31, name: "X" }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ field: "version", code: "too_big" });
  });
});

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";

// GIS files through the import wizard's runs (decisions 042, 044), on both databases: the
// bytes reach the reader unchanged (a zipped Shapefile), the options travel with the run, the
// preview says what was read, and repairs are proposed as notes until they are accepted.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/areas/${name}`, import.meta.url));

type RunBody = {
  id: string;
  status: string;
  result: {
    ok: boolean;
    counts: Record<string, number>;
    committed: Record<string, number> | null;
    issues: { row: number; column: string; code: string; message: string }[];
    notices: { code: string; message: string }[];
    warnings: { row: number; column: string; code: string; message: string }[];
  };
};

/** The API serves the default tenant at the test's base URL: one per database, shared by the API tests. */
let api: Promise<{ tenantId: string; base: string; headers: Record<string, string> }> | undefined;
function coordinator() {
  api ??= (async () => {
    const t = await ctx.services.tenants.create({
      slug: ctx.services.core.config.defaultTenant,
      name: "GIS",
      kind: "municipality",
    });
    const { user } = await createUserWithRole(ctx.services, t.id, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, t.id, user.id);
    return {
      tenantId: t.id,
      base: `${TEST_BASE_URL}/api/v1/import-runs/areas`,
      headers: { cookie, "accept-language": "de", "content-type": "application/octet-stream" },
    };
  })();
  return api;
}
async function runJobs() {
  expect((await ctx.services.jobs.runDue({ limit: 50 })).failed).toBe(0);
}

const coordinatorIn = (tenantId: string): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId,
  sessionId: "s",
  grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

describe("GIS import runs", () => {
  it("reads a zipped Shapefile with the level given as an option, says what it read, and imports it", async () => {
    const t = await ctx.services.tenants.create({ slug: "gis-runs", name: "GIS", kind: "municipality" });
    const tenantId = t.id;
    const p = coordinatorIn(tenantId);
    const zip = fixture("stadtbezirke-25832.zip");
    // Without a level the file cannot be placed: every row says so, nothing is committable.
    const bare = await ctx.services.importRuns.start(p, tenantId, {
      kind: "areas",
      mode: "preview",
      filename: "stadtbezirke.zip",
      upload: zip,
    });
    await runJobs();
    const bareRun = await ctx.services.importRuns.get(p, tenantId, bare.id);
    expect(bareRun.result?.ok).toBe(false);
    // a Shapefile has no `properties`: the row names the level to set (an attribute or the option)
    expect(bareRun.result?.issues.map((i) => i.column)).toContain("level");
    expect(bareRun.result?.issues.some((i) => i.column.startsWith("properties."))).toBe(false);

    const run = await ctx.services.importRuns.start(p, tenantId, {
      kind: "areas",
      mode: "preview",
      filename: "stadtbezirke.zip",
      upload: zip,
      options: { level: "district" },
    });
    await runJobs();
    const previewed = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(previewed.result?.ok).toBe(true);
    expect(previewed.result?.counts).toMatchObject({ create: 4 });
    const notices = previewed.result?.notices ?? [];
    expect(notices.map((x) => x.code)).toContain("areas.source_format_shapefile");
    expect(notices).toContainEqual({ code: "areas.source_crs", params: { crs: "EPSG:25832" } });
    expect(notices.find((x) => x.code === "areas.source_mapping")?.params).toMatchObject({
      code: "STB_NR",
      name: "STB_NAME",
    });

    await ctx.services.importRuns.commit(p, tenantId, run.id);
    await runJobs();
    const done = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(done.status).toBe("committed");
    expect(done.result?.committed).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect((await ctx.services.areas.locate(tenantId, 7.735, 51.515))?.area).toMatchObject({
      level: "district",
    });
  });

  it("refuses bad options per field over the API, and options a kind does not take", async () => {
    const { tenantId, headers, base } = await coordinator();
    const bad = await ctx.app.request(`${base}?crs=2154&level=kontinent`, {
      method: "POST",
      headers,
      body: fixture("stadtbezirke-25832.zip"),
    });
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["crs", "level"]);
    expect(problem.errors.find((e) => e.field === "crs")?.code).toBe("gis_crs_not_supported");

    const p = coordinatorIn(tenantId);
    await expect(
      ctx.services.importRuns.start(p, tenantId, {
        kind: "directory",
        mode: "preview",
        filename: "x.csv",
        upload: Buffer.from("a;b\n1;2"),
        options: { level: "district" },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("proposes a repair as a note per row, and applies it only when accepted", async () => {
    const { headers, base } = await coordinator();
    // An outline that is not closed (the last point is missing), as hand-digitised files have it.
    const open = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "K", name: "Königsborn", level: "district" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [7.7, 51.5],
                [7.75, 51.5],
                [7.75, 51.53],
                [7.7, 51.53],
              ],
            ],
          },
        },
      ],
    };
    const start = async (query: string) => {
      const res = await ctx.app.request(`${base}${query}`, {
        method: "POST",
        headers,
        body: Buffer.from(JSON.stringify(open)),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      await runJobs();
      return (await (await ctx.app.request(`${base}/${id}`, { headers })).json()) as RunBody;
    };

    const proposed = await start("");
    expect(proposed.result.ok).toBe(false);
    expect(proposed.result.warnings).toContainEqual(
      expect.objectContaining({ row: 1, code: "validation.gis_repair_proposed" }),
    );
    expect(proposed.result.warnings[0]?.message).toContain("Umriss geschlossen");

    const repaired = await start("?repair=true");
    expect(repaired.result.ok).toBe(true);
    expect(repaired.result.warnings[0]).toMatchObject({ code: "validation.gis_repair_applied" });
    expect(repaired.result.notices.map((x) => x.code)).toContain("areas.source_format_geojson");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "#app/composition/services.ts";
import type { Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { importAreasFile } from "./import-file.ts";
import type { ImportActor } from "./service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

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
const feature = (props: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties: props,
  geometry,
});
const fc = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });

/** City 0..10, two social areas split at x = 5, one quarter in the west. */
const TREE = [
  feature({ code: "C", name: "Stadt", level: "city" }, rect(0, 0, 10, 10)),
  feature({ code: "W", name: "West", level: "social_area", parent: "C" }, rect(0, 0, 5, 10)),
  feature({ code: "E", name: "Ost", level: "social_area", parent: "C" }, rect(5, 0, 10, 10)),
  feature(
    { code: "W1", name: "Altstadt", level: "quarter", parent: "W", approximate: true, source: "Skizze" },
    rect(1, 1, 3, 3),
  ),
];

let n = 0;
async function tenantWithAdmin() {
  n += 1;
  const tenant = await ctx.services.tenants.create({
    slug: `areas-${n}`,
    name: `Areas ${n}`,
    kind: "municipality",
  });
  return { tenant, actor: actorFor(tenant.id, "admin") };
}

function actorFor(tenantId: string, role: Role): ImportActor {
  return {
    kind: "user",
    principal: {
      userId: "00000000-0000-7000-8000-000000000001",
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    },
  };
}

async function areaCount(tenantId: string): Promise<number> {
  const r = await ctx.handle.db.execute(
    sql`SELECT count(*)::int AS n FROM areas WHERE tenant_id = ${tenantId}`,
  );
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}
async function importAudits(tenantId: string) {
  return ctx.services.audit.list(tenantId, { entityType: "area" }, { limit: 10, offset: 0 });
}

describe("areas import and lookup", () => {
  it("a preview reports per-feature actions and writes nothing", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const preview = await ctx.services.areas.previewImport(actor, tenant.id, fc(...TREE));
    expect(preview.ok).toBe(true);
    expect(preview.features.map((f) => f.action)).toEqual(["create", "create", "create", "create"]);
    expect(await areaCount(tenant.id)).toBe(0);
    expect(await importAudits(tenant.id)).toHaveLength(0);
  });

  it("an import with one bad feature writes nothing and names the feature and field", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const bad = [
      ...TREE,
      feature({ code: "X", name: "Irgendwo", level: "quarter", parent: "NOPE" }, rect(6, 6, 7, 7)),
    ];
    await expect(ctx.services.areas.commitImport(actor, tenant.id, fc(...bad))).rejects.toMatchObject({
      code: "validation_failed",
      fields: [
        { field: "features.4.properties.parent", code: "area_parent_unknown", params: { parent: "NOPE" } },
      ],
    });
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    await expect(
      ctx.services.areas.commitImport(
        actor,
        tenant.id,
        fc(...TREE.slice(0, 3), feature({ code: "B", name: "B", level: "quarter", parent: "E" }, bowTie)),
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(ctx.services.areas.commitImport(actor, tenant.id, "{ broken")).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "file", code: "geojson_not_json" }],
    });
    expect(await areaCount(tenant.id)).toBe(0);
    expect(await importAudits(tenant.id)).toHaveLength(0);
  });

  it("a good import is audited with counts, and locate returns the deepest area with its ancestors", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    const result = await ctx.services.areas.commitImport(actor, tenant.id, fc(...TREE));
    expect(result).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const hit = await ctx.services.areas.locate(tenant.id, 2, 2);
    expect(hit?.area).toMatchObject({ code: "W1", level: "quarter", name: "Altstadt" });
    expect(hit?.ancestors.map((a) => a.code)).toEqual(["W", "C"]);
    expect((await ctx.services.areas.locate(tenant.id, 7, 7))?.area.code).toBe("E");
    expect(await ctx.services.areas.locate(tenant.id, 20, 20)).toBeNull();
    expect((await ctx.services.areas.ancestors(tenant.id, hit!.area.id)).map((a) => a.code)).toEqual([
      "W",
      "C",
    ]);

    const list = await ctx.services.areas.list(tenant.id);
    expect(list.find((a) => a.code === "W1")).toMatchObject({
      parentCode: "W",
      approximate: true,
      sourceNote: "Skizze",
    });

    const audits = await importAudits(tenant.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "import", actorKind: "user" });
    expect(audits[0]!.changes).toEqual({
      created: { old: null, new: 4 },
      updated: { old: null, new: 0 },
      unchanged: { old: null, new: 4 - 4 },
    });
    expect(JSON.stringify(audits[0]!.changes)).not.toContain("coordinates");
  });

  it("a re-import updates in place and the lookup index is rebuilt at once", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    await ctx.services.areas.commitImport(actor, tenant.id, fc(...TREE));
    expect((await ctx.services.areas.locate(tenant.id, 2, 2))?.area.code).toBe("W1"); // index now cached
    const moved = [
      ...TREE.slice(0, 3),
      feature({ code: "W1", name: "Altstadt neu", level: "quarter", parent: "W" }, rect(1, 6, 3, 8)),
    ];
    const preview = await ctx.services.areas.previewImport(actor, tenant.id, fc(...moved));
    expect(preview.features.map((f) => f.action)).toEqual(["unchanged", "unchanged", "unchanged", "update"]);
    expect(await ctx.services.areas.commitImport(actor, tenant.id, fc(...moved))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    expect((await ctx.services.areas.locate(tenant.id, 2, 2))?.area.code).toBe("W");
    expect((await ctx.services.areas.locate(tenant.id, 2, 7))?.area).toMatchObject({
      code: "W1",
      name: "Altstadt neu",
    });
    const w1 = (await ctx.services.areas.list(tenant.id)).find((a) => a.code === "W1")!;
    expect(w1).toMatchObject({ version: 2, approximate: false, sourceNote: null });
    expect(await areaCount(tenant.id)).toBe(4);
  });

  it("notices changes made by another process once the recheck interval has passed", async () => {
    const { tenant, actor } = await tenantWithAdmin();
    await ctx.services.areas.commitImport(actor, tenant.id, fc(...TREE));
    expect((await ctx.services.areas.locate(tenant.id, 8, 8))?.area.code).toBe("E");
    // A second service container on the same database, as the CLI would be.
    const other = createServices(ctx.services.core);
    await other.areas.commitImport(
      { kind: "cli" },
      tenant.id,
      fc(feature({ code: "E1", name: "Neu", level: "quarter", parent: "E" }, rect(7, 7, 9, 9))),
    );
    expect((await ctx.services.areas.locate(tenant.id, 8, 8))?.area.code).toBe("E");
    ctx.clock.advance(31_000);
    expect((await ctx.services.areas.locate(tenant.id, 8, 8))?.area.code).toBe("E1");
  });

  it("keeps tenants apart and refuses roles without areas.import", async () => {
    const a = await tenantWithAdmin();
    const b = await tenantWithAdmin();
    await ctx.services.areas.commitImport(a.actor, a.tenant.id, fc(...TREE));
    expect(await ctx.services.areas.locate(b.tenant.id, 2, 2)).toBeNull();
    // A parent code from another tenant is unknown here.
    await expect(
      ctx.services.areas.commitImport(
        b.actor,
        b.tenant.id,
        fc(feature({ code: "Q", name: "Q", level: "quarter", parent: "W" }, rect(1, 1, 2, 2))),
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const caseWorker = actorFor(a.tenant.id, "case_worker");
    await expect(
      ctx.services.areas.previewImport(caseWorker, a.tenant.id, fc(...TREE)),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(ctx.services.areas.commitImport(a.actor, b.tenant.id, fc(...TREE))).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("imports a file for the CLI: dry run writes nothing, a broken file is reported", async () => {
    const { tenant } = await tenantWithAdmin();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotse-areas-"));
    try {
      const good = path.join(dir, "good.geojson");
      fs.writeFileSync(good, fc(...TREE));
      const dry = await importAreasFile(ctx.services, tenant.id, good, { dryRun: true });
      expect(dry).toMatchObject({ ok: true, dryRun: true, committed: null });
      expect(await areaCount(tenant.id)).toBe(0);
      const real = await importAreasFile(ctx.services, tenant.id, good, { dryRun: false });
      expect(real.committed).toEqual({ created: 4, updated: 0, unchanged: 0 });
      expect((await importAudits(tenant.id))[0]).toMatchObject({ actorKind: "cli", action: "import" });
      const broken = path.join(dir, "broken.geojson");
      fs.writeFileSync(broken, '{"type":"FeatureCollection","features":[');
      const bad = await importAreasFile(ctx.services, tenant.id, broken, { dryRun: false });
      expect(bad.ok).toBe(false);
      expect(bad.analysis.fileErrors[0]?.code).toBe("geojson_not_json");
      expect(await areaCount(tenant.id)).toBe(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("areas API", () => {
  it("answers locate and the GeoJSON publicly, validates coordinates, and guards the import", async () => {
    // The API serves the default tenant ("unna") for this host.
    const unna = await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
    });
    await ctx.services.areas.commitImport(actorFor(unna.id, "admin"), unna.id, fc(...TREE));

    const located = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/locate?lon=2&lat=2`);
    expect(located.status).toBe(200);
    expect(await located.json()).toEqual({
      area: { code: "W1", name: "Altstadt", level: "quarter" },
      ancestors: [
        { code: "W", name: "West", level: "social_area" },
        { code: "C", name: "Stadt", level: "city" },
      ],
    });
    const bad = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/locate?lon=abc&lat=`);
    expect(bad.status).toBe(422);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["lat", "lon"]);

    const geo = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas.geojson`);
    expect(geo.status).toBe(200);
    expect(geo.headers.get("content-type")).toContain("application/geo+json");
    const doc = (await geo.json()) as {
      type: string;
      features: { properties: { code: string; parent: string | null } }[];
    };
    expect(doc.type).toBe("FeatureCollection");
    expect(doc.features.map((f) => f.properties.code)).toEqual(["C", "E", "W", "W1"]);

    expect((await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas`)).status).toBe(401);
    const anon = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/import`, {
      method: "POST",
      headers: { "content-type": "application/geo+json" },
      body: fc(...TREE),
    });
    expect(anon.status).toBe(401);

    // Signed in as a coordinator: preview answers per feature in the reader's language; a broken body gets 422.
    const { user } = await createUserWithRole(ctx.services, unna.id, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, unna.id, user.id);
    const preview = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/import/preview`, {
      method: "POST",
      headers: { cookie, "content-type": "application/geo+json", "accept-language": "en" },
      body: fc(...TREE, feature({ code: "W", name: "Doppelt", level: "social_area" }, rect(0, 0, 1, 1))),
    });
    expect(preview.status).toBe(200);
    const pv = (await preview.json()) as {
      ok: boolean;
      features: { action: string; errors: { field: string; code: string; message: string }[] }[];
    };
    expect(pv.ok).toBe(false);
    expect(pv.features[4]!.errors[0]).toEqual({
      field: "properties.code",
      code: "area_code_duplicate",
      message: "This code already appears in entry 2 of the file.",
    });
    const broken = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/import`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: "{ nope",
    });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      "geojson_not_json",
    );
    const list = await ctx.app.request(`${TEST_BASE_URL}/api/v1/areas`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(4);
  });
});

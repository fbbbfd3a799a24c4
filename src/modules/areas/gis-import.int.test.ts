// Areas from real GIS data (issue 14, decision 044): Shapefile and GeoPackage through the
// service and the API, on PGlite and PostgreSQL, with the fixtures of scripts/fixtures-areas.ts.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { polygonsOf } from "./geo.ts";
import type { ImportActor } from "./service.ts";
import { ringArea } from "./validate-geometry.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const fixture = (name: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/areas/${name}`, import.meta.url)));

const admin = (tenantId: string): ImportActor => ({
  kind: "user",
  principal: {
    userId: "00000000-0000-7000-8000-000000000001",
    tenantId,
    sessionId: "s",
    grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  },
});

async function areaCount(tenantId: string): Promise<number> {
  const r = await ctx.handle.db.execute(
    sql`SELECT count(*)::int AS n FROM areas WHERE tenant_id = ${tenantId}`,
  );
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

describe("areas from GIS files (service)", () => {
  it("imports a zipped Shapefile in EPSG:25832, places points, and exports RFC 7946", async () => {
    const tenant = await ctx.services.tenants.create({ slug: "gis-shp", name: "Shp", kind: "municipality" });
    const actor = admin(tenant.id);
    const zip = fixture("stadtbezirke-25832.zip");
    const preview = await ctx.services.areas.previewImport(actor, tenant.id, zip, { level: "district" });
    expect(preview.ok).toBe(true);
    expect(preview.source?.mapping).toMatchObject({ code: "STB_NR", name: "STB_NAME" });
    expect(await areaCount(tenant.id)).toBe(0);

    expect(await ctx.services.areas.commitImport(actor, tenant.id, zip, { level: "district" })).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
    });
    const hit = await ctx.services.areas.locate(tenant.id, 7.735, 51.515);
    expect(hit?.area).toMatchObject({ code: "02", name: "Königsborn", level: "district" });

    const exported = await ctx.services.areas.featureCollection(tenant.id);
    expect("crs" in exported).toBe(false);
    for (const f of exported.features) {
      for (const rings of polygonsOf(f.geometry)) {
        expect(ringArea(rings[0]!)).toBeGreaterThan(0);
        for (const hole of rings.slice(1)) expect(ringArea(hole)).toBeLessThan(0);
        for (const p of rings.flat()) {
          for (const v of p) expect(Math.abs(v * 1e7 - Math.round(v * 1e7))).toBeLessThan(1e-6);
        }
      }
    }
    // The same file again changes nothing (the reprojection is deterministic).
    expect(await ctx.services.areas.commitImport(actor, tenant.id, zip, { level: "district" })).toMatchObject(
      {
        created: 0,
        unchanged: 4,
      },
    );
  });

  it("refuses a GeoPackage with a spike as a whole, and imports it once the repair is accepted", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "gis-gpkg",
      name: "Gpkg",
      kind: "municipality",
    });
    const actor = admin(tenant.id);
    const gpkg = fixture("stadtbezirke-25832.gpkg");
    await expect(
      ctx.services.areas.commitImport(actor, tenant.id, gpkg, { level: "district" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ field: "features.1.geometry.coordinates.0", code: "geometry_self_intersection" }],
    });
    expect(await areaCount(tenant.id)).toBe(0);
    const result = await ctx.services.areas.commitImport(actor, tenant.id, gpkg, {
      level: "district",
      repair: true,
    });
    expect(result.created).toBe(4);
  });
});

describe("areas from GIS files (API)", () => {
  it("previews binary uploads with options from the query, in German, and validates the options", async () => {
    const unna = await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
    });
    const { user } = await createUserWithRole(ctx.services, unna.id, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, unna.id, user.id);
    const post = (path: string, body: Uint8Array<ArrayBuffer>, type: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/areas/${path}`, {
        method: "POST",
        headers: { cookie, "content-type": type, "accept-language": "de" },
        body,
      });

    const gpkg = await post(
      "import/preview?level=district",
      fixture("stadtbezirke-25832.gpkg"),
      "application/geopackage+sqlite3",
    );
    expect(gpkg.status).toBe(200);
    const view = (await gpkg.json()) as {
      ok: boolean;
      source: { format: string; crs: string };
      features: { code: string; errors: { message: string }[]; repair: { message: string } | null }[];
    };
    expect(view.ok).toBe(false);
    expect(view.source).toMatchObject({ format: "geopackage", crs: "EPSG:25832" });
    expect(view.features[1]!.errors[0]!.message).toContain("schneidet");
    expect(view.features[1]!.repair?.message).toBe(
      "Reparatur möglich: Spitzen ohne Fläche entfernt. Sie wird nur angewendet, wenn Sie die Reparaturen annehmen.",
    );

    const swapped = await post(
      "import/preview",
      fixture("stadtbezirke-swapped.geojson"),
      "application/geo+json",
    );
    const sv = (await swapped.json()) as {
      features: { code: string; errors: { code: string; message: string }[] }[];
    };
    expect(sv.features[0]!.code).toBe("STB-01");
    expect(sv.features[0]!.errors[0]!.message).toContain("Breite und Länge scheinen vertauscht");

    const badOption = await post(
      "import/preview?crs=2154&swapAxes=vielleicht",
      fixture("stadtbezirke-25832.zip"),
      "application/zip",
    );
    expect(badOption.status).toBe(422);
    const problem = (await badOption.json()) as { errors: { field: string; code: string }[] };
    expect(problem.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      "crs:gis_crs_not_supported",
      expect.stringMatching(/^swapAxes:/),
    ]);

    const committed = await post("import?level=district", fixture("stadtbezirke-gk3.zip"), "application/zip");
    expect(committed.status).toBe(200);
    expect(await committed.json()).toEqual({ created: 4, updated: 0, unchanged: 0 });
  });
});

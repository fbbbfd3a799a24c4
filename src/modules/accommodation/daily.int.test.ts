import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";

// The module's background work, on PGlite and PostgreSQL: the daily job, by which the household's
// address follows a later move-in on its day (decision 081), idempotent; and the GeoJSON import of
// candidate sites, run as jobs (decision 104).

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};

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

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna-daily", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  const areas = { type: "FeatureCollection", features: [square("D1", 7.6), square("D2", 7.62)] };
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(areas));
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  await person("cw", "case_worker", { scopeType: "office", scopeId: office.id });
  await person("coordinator", "coordinator");
});
afterAll(() => ctx.close());

const svc = () => ctx.services.accommodation;
const coordinator = () => ({ kind: "user" as const, principal: who.coordinator! });

async function household() {
  const r = await ctx.services.casework.createHousehold(who.cw!, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: [{ givenName: "Amina", familyName: "Muster", sex: "female", birthDate: "1985-05-05" }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, householdId: r.householdId };
}

const addressOf = async (householdId: string) => {
  const { household: h } = await ctx.services.casework.households.get(who.cw!, householdId);
  return { street: h.street, name: h.accommodationName, areaId: h.areaId };
};

describe("the daily job", () => {
  it("moves the address of a later move-in on its day, once, and leaves stays not running today", async () => {
    const acc = await svc().accommodations.create(coordinator(), {
      name: "Haus am Hellweg",
      kind: "flat",
      address: "Hellweg 3, 59423 Unna",
      lon: 7.63,
      lat: 51.51,
      places: 10,
      accessible: false,
      operator: null,
      contact: null,
      opensOn: "2026-01-01",
      closesOn: null,
    });
    const place = async (caseId: string, moveIn: string, moveOut: string | null) => {
      const { version } = await svc().accommodations.get(coordinator(), acc.id);
      return svc().placements.place(who.cw!, acc.id, { caseId, moveIn, moveOut, room: null, version });
    };
    const later = await household();
    const passed = await household();
    const future = await household();
    await place(later.caseId, "2026-03-05", null);
    await place(passed.caseId, "2026-03-03", "2026-03-04");
    await place(future.caseId, "2026-04-01", null);
    expect((await addressOf(later.householdId)).street).toBeNull();

    // Not yet the day: nothing moves.
    expect(await svc().daily.moveAddresses(tenantId)).toEqual({ moved: 0, failed: 0 });

    // On the move-in day the scheduled job (queued when the tenant was created) runs.
    ctx.clock.set(new Date("2026-03-05T09:00:00Z"));
    await ctx.services.jobs.runDue({ limit: 50 });
    const areas = await ctx.services.areas.list(tenantId);
    expect(await addressOf(later.householdId)).toEqual({
      street: "Hellweg 3",
      name: "Haus am Hellweg",
      areaId: areas.find((a) => a.code === "D2")!.id,
    });
    // A stay that ended before the job ran, and one that starts later, leave the address.
    expect((await addressOf(passed.householdId)).street).toBeNull();
    expect((await addressOf(future.householdId)).street).toBeNull();

    // Idempotent: a second run moves nothing again; the one change is audited as the system's.
    expect(await svc().daily.moveAddresses(tenantId)).toEqual({ moved: 0, failed: 0 });
    const audits = await ctx.services.audit.list(
      tenantId,
      { entityType: "household", entityId: later.householdId, action: "update" },
      { limit: 10, offset: 0 },
    );
    expect(audits).toHaveLength(1);
    expect([audits[0]!.actorKind, audits[0]!.actorUserId]).toEqual(["system", null]);

    // The next day's run is queued again.
    ctx.clock.set(new Date("2026-04-01T09:00:00Z"));
    await ctx.services.jobs.runDue({ limit: 50 });
    expect((await addressOf(future.householdId)).street).toBe("Hellweg 3");
  });
});

describe("GeoJSON site import (decision 104)", () => {
  let importTenant: string;
  let p: Principal;
  const sys = () => ({ kind: "system" as const, tenantId: importTenant });

  beforeAll(async () => {
    const t = await ctx.services.tenants.create({
      slug: "standorte",
      name: "Standorte",
      kind: "municipality",
    });
    importTenant = t.id;
    const areas = {
      type: "FeatureCollection",
      features: [square("Q1", 7.6), square("Q2", 7.62), square("Q3", 7.64)],
    };
    await ctx.services.areas.commitImport({ kind: "system" }, importTenant, JSON.stringify(areas));
    const { user } = await createUserWithRole(ctx.services, importTenant, "coordinator");
    p = {
      userId: user.id,
      tenantId: importTenant,
      sessionId: "s",
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    for (const name of ["Grundstücksgröße", "Anbindung"])
      await ctx.services.accommodation.createCriterion(sys(), {
        name,
        unit: null,
        direction: "max",
        missing: "impute_median",
        source: "manual",
      });
  });

  async function runJobs() {
    expect((await ctx.services.jobs.runDue({ limit: 50 })).failed).toBe(0);
  }
  async function preview(upload: Buffer, options: Record<string, unknown> = {}) {
    const run = await ctx.services.importRuns.start(p, importTenant, {
      kind: "accommodation_sites",
      mode: "preview",
      filename: "standorte.geojson",
      upload,
      options,
    });
    await runJobs();
    return ctx.services.importRuns.get(p, importTenant, run.id);
  }
  const fixture = readFileSync(
    new URL("../../../tests/fixtures/accommodation/standorte-qgis-25832.geojson", import.meta.url),
  );

  it("reads QGIS's export in UTM 32N (one-part MultiPolygons, clockwise rings), maps the properties, imports all", async () => {
    const run = await preview(fixture, { values: "oepnv_idx = Anbindung" });
    expect(run.result?.issues).toEqual([]);
    expect(run.result?.ok).toBe(true);
    expect(run.result?.notices).toContainEqual({
      code: "accommodation.import_crs",
      params: { crs: "EPSG:25832" },
    });
    expect(run.result?.notices?.find((n) => n.code === "accommodation.import_mapping")?.params).toMatchObject(
      {
        name: "Bezeichnung",
        capacity: "Plaetze",
        existing: "Bestand",
        note: "Bemerkung",
      },
    );
    expect(await ctx.services.accommodation.listSites(sys())).toEqual([]);

    await ctx.services.importRuns.commit(p, importTenant, run.id);
    await runJobs();
    const done = await ctx.services.importRuns.get(p, importTenant, run.id);
    expect(done.status).toBe("committed");
    expect(done.result?.committed).toEqual({ created: 3 });

    const criteria = await ctx.services.accommodation.listCriteria(sys());
    const id = (name: string) => criteria.find((c) => c.name === name)!.id;
    const sites = await ctx.services.accommodation.listSites(sys());
    expect(sites.map((s) => [s.name, s.areaName, s.capacity, s.existing, s.note])).toEqual([
      ["Brache Nordstraße", "Quartier Q1", 40, false, "städtisch"],
      ["Haus Südring", "Quartier Q3", 12, true, "bestehende Unterkunft"],
      ["Wiese am Kanal", "Quartier Q2", 24, false, null],
    ]);
    const [north, house, meadow] = sites;
    // Reprojected to WGS 84: the square drawn at 7.604–7.606 E, 51.505–51.507 N, centroid in the middle.
    expect(north!.lon).toBeCloseTo(7.605, 5);
    expect(north!.lat).toBeCloseTo(51.506, 5);
    expect(house!.geometry).toEqual({ type: "Point", coordinates: [expect.any(Number), expect.any(Number)] });
    expect(house!.lon).toBeCloseTo(7.645, 5);
    // Both windings arrive counter-clockwise (RFC 7946): the shoelace sum is positive.
    for (const s of [north!, meadow!]) {
      const ring = (s.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
      let area = 0;
      for (let i = 0; i < ring.length - 1; i++)
        area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(area).toBeGreaterThan(0);
    }
    expect(north!.values).toEqual({ [id("Grundstücksgröße")]: 1850.5, [id("Anbindung")]: 7.5 });
    expect(meadow!.values).toEqual({ [id("Anbindung")]: 4 });
  });

  it("names every bad feature by row and property, refuses the commit, and writes nothing", async () => {
    const before = (await ctx.services.accommodation.listSites(sys())).length;
    const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
      type: "Feature",
      properties,
      geometry,
    });
    const ring = (x: number, y: number) => [
      [x, y],
      [x + 0.001, y],
      [x + 0.001, y + 0.001],
      [x, y + 0.001],
      [x, y],
    ];
    const file = {
      type: "FeatureCollection",
      features: [
        feature({ name: "Gut", capacity: 20 }, { type: "Point", coordinates: [7.61, 51.51] }),
        feature({ name: "Weit weg", capacity: 20 }, { type: "Point", coordinates: [8.5, 52.0] }),
        feature(
          { name: "Zwei Teile", capacity: 20 },
          { type: "MultiPolygon", coordinates: [[ring(7.61, 51.51)], [ring(7.63, 51.51)]] },
        ),
        feature(
          { name: "Mit Loch", capacity: "viele" },
          { type: "Polygon", coordinates: [ring(7.61, 51.51), ring(7.6102, 51.5102)] },
        ),
        feature(
          { name: "Gut", capacity: 20, existing: "vielleicht" },
          { type: "Point", coordinates: [7.62, 51.51] },
        ),
        feature({ name: "Brache Nordstraße", capacity: 20 }, { type: "Point", coordinates: [7.63, 51.51] }),
        feature(
          { name: "", capacity: 20 },
          {
            type: "LineString",
            coordinates: [
              [7.61, 51.51],
              [7.62, 51.51],
            ],
          },
        ),
      ],
    };
    const run = await preview(Buffer.from(JSON.stringify(file)));
    expect(run.result?.ok).toBe(false);
    const issues = (run.result?.issues ?? []).map((i) => [i.row, i.column, i.code]);
    expect(issues).toEqual([
      [2, "geometry", "validation.place_outside_areas"],
      [3, "geometry", "validation.site_import_multipart"],
      [4, "geometry", "validation.site_import_polygon_holes"],
      [4, "properties.capacity", "validation.site_import_capacity_invalid"],
      [5, "properties.existing", "validation.site_import_flag_invalid"],
      [5, "properties.name", "validation.site_import_name_repeated"],
      [6, "properties.name", "validation.site_import_name_exists"],
      [7, "geometry", "validation.site_import_geometry_type"],
      [7, "properties.name", "validation.required"],
    ]);
    expect(run.result?.issues.find((i) => i.row === 5 && i.column === "properties.name")?.params).toEqual({
      row: 1,
    });
    await expect(ctx.services.importRuns.commit(p, importTenant, run.id)).rejects.toBeTruthy();
    expect((await ctx.services.accommodation.listSites(sys())).length).toBe(before);
  });

  it("refuses projected numbers without a CRS, an unsupported CRS and an unknown criterion, for the whole file", async () => {
    const projected = JSON.parse(fixture.toString("utf8"));
    delete projected.crs;
    const noCrs = await preview(Buffer.from(JSON.stringify(projected)));
    expect(new Set(noCrs.result?.issues.map((i) => i.code))).toEqual(
      new Set(["validation.gis_coordinates_not_degrees", "validation.site_import_name_exists"]),
    );
    // The option supplies the CRS the file does not name.
    const withOption = await preview(Buffer.from(JSON.stringify(projected)), { crs: "25832" });
    expect(withOption.result?.issues.map((i) => i.code)).not.toContain(
      "validation.gis_coordinates_not_degrees",
    );

    const mercator = {
      ...projected,
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3857" } },
    };
    const refused = await preview(Buffer.from(JSON.stringify(mercator)));
    expect(refused.result?.fileIssues.map((i) => i.code)).toEqual([
      "validation.site_import_crs_file_not_supported",
    ]);
    expect(refused.result?.fileIssues[0]?.params).toEqual({ crs: "EPSG:3857" });

    const unknown = await preview(fixture, { values: "oepnv_idx = Lärm" });
    expect(unknown.result?.fileIssues.map((i) => i.code)).toEqual([
      "validation.site_import_unknown_criterion",
    ]);
    await expect(
      ctx.services.importRuns.start(p, importTenant, {
        kind: "accommodation_sites",
        mode: "preview",
        filename: "x.geojson",
        upload: fixture,
        options: { crs: "31467" },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});

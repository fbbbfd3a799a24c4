import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

// The address list (decision 095) on both databases: Hauskoordinaten (HK-DE in UTF-8, the older
// AdV layout in Windows-1252) and an OpenStreetMap extract through the one import wizard's runs,
// errors per row and column, all or nothing, replace or merge; typed addresses resolving with
// typos; a postcode spanning two offices' catchments; coordinates in either order.

let ctx: DemoContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/addresses/${name}`, import.meta.url));
const coordinator: Principal = {
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId: "",
  sessionId: "s",
  grants: [{ role: "coordinator" as Role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
};
const me = () => ({ ...coordinator, tenantId });

async function runJobs() {
  for (let round = 0; round < 20; round++) {
    const jobs = await ctx.services.jobs.runDue({ limit: 50 });
    expect(jobs.failed).toBe(0);
    if (jobs.claimed === 0) return;
  }
  throw new Error("the job queue did not drain");
}

/** Starts a preview run of the file, drains the queue and returns the previewed run. */
async function preview(upload: Buffer, strategy: "replace" | "merge", filename = "adressen.csv") {
  const run = await ctx.services.importRuns.start(me(), tenantId, {
    kind: "addresses",
    mode: "preview",
    filename,
    upload,
    options: { strategy },
  });
  await runJobs();
  return ctx.services.importRuns.get(me(), tenantId, run.id);
}
async function commit(id: string) {
  await ctx.services.importRuns.commit(me(), tenantId, id);
  await runJobs();
  return ctx.services.importRuns.get(me(), tenantId, id);
}

describe("importing the address list", () => {
  it("reads Hauskoordinaten (HK-DE, UTM32) and replaces the list; outside and repeated rows are warnings", async () => {
    expect(await ctx.services.addresses.count(tenantId)).toBe(0);
    const run = await preview(fixture("hk-de-unna.csv"), "replace");
    expect(run.status).toBe("previewed");
    expect(run.result).toMatchObject({
      ok: true,
      totalRows: 10,
      counts: { rows: 10, addresses: 8, outside: 1, repeated: 1 },
    });
    expect(run.result?.notices?.map((n) => n.code)).toEqual([
      "addresses.format_hk_de",
      "addresses.source_crs",
      "addresses.source_encoding",
    ]);
    expect(run.result?.notices?.[1]?.params).toEqual({ crs: "EPSG:25832" });
    expect(run.result?.warnings?.map((w) => [w.row, w.column, w.code])).toEqual([
      [10, "hnr", "addresses.warning_duplicate"],
      [11, "ostwert", "addresses.warning_outside"],
    ]);
    // Reprojected to WGS84: the points the fixture was made from.
    expect(run.result?.rows[0]).toEqual({
      row: 2,
      cells: ["Bahnhofstraße", "12", "59423", "Unna", "51.535200", "7.690500"],
      invalid: false,
    });
    expect(await ctx.services.addresses.count(tenantId)).toBe(0);

    const done = await commit(run.id);
    expect(done.status).toBe("committed");
    expect(done.result?.committed).toEqual({ created: 8, updated: 0, unchanged: 0, removed: 0 });
    expect(await ctx.services.addresses.count(tenantId)).toBe(8);
    expect(await ctx.services.addresses.summary(me())).toMatchObject({
      addresses: 8,
      streets: 6,
      postcodes: 3,
    });
  });

  it("reads the older AdV layout without header in Windows-1252 and merges by address", async () => {
    const run = await preview(fixture("hk-adv-unna.txt"), "merge", "gebref.txt");
    expect(run.result).toMatchObject({ ok: true, counts: { rows: 4, addresses: 4 } });
    expect(run.result?.notices?.map((n) => n.params ?? n.code)).toEqual([
      "addresses.format_hk_adv",
      { crs: "EPSG:25832" },
      { encoding: "windows-1252" },
    ]);
    expect(run.result?.rows.map((r) => r.cells.slice(0, 2))).toContainEqual(["Königsborner Straße", "1"]);
    const done = await commit(run.id);
    expect(done.result?.committed).toEqual({ created: 1, updated: 0, unchanged: 3, removed: 0 });
    expect(await ctx.services.addresses.count(tenantId)).toBe(9);
  });

  it("reads an OpenStreetMap extract (house number lists included) and merges", async () => {
    const run = await preview(fixture("osm-unna.csv"), "merge");
    expect(run.result).toMatchObject({ ok: true, counts: { rows: 8, addresses: 9 } });
    expect(run.result?.notices?.[0]?.code).toBe("addresses.format_osm");
    const done = await commit(run.id);
    const { created = -1, updated = -1, unchanged = -1 } = done.result?.committed ?? {};
    // Bahnhofstraße 16 is new; the others are the same houses (coordinates rounded differently at most).
    expect(created).toBe(1);
    expect(created + updated + unchanged).toBe(9);
    expect(await ctx.services.addresses.count(tenantId)).toBe(10);
  });

  it("names every error by row and column and writes nothing", async () => {
    const run = await preview(fixture("hk-errors.csv"), "replace");
    expect(run.result?.ok).toBe(false);
    expect(run.committable).toBe(false);
    expect(run.result?.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, "hnr", "addresses.error_house_number_missing"],
      [4, "postplz", "addresses.error_postcode"],
      [5, "nordwert", "addresses.error_coordinate"],
      [6, "zone", "addresses.error_zone"],
    ]);
    expect(run.result?.issues[1]?.params).toEqual({ value: "5942" });
    await expect(ctx.services.importRuns.commit(me(), tenantId, run.id)).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await ctx.services.addresses.count(tenantId)).toBe(10);

    const osm = await preview(
      Buffer.from("@lat,@lon,addr:street,addr:housenumber\nx,7.69,Markt,3\n51.53,7.69,,4\n", "utf8"),
      "merge",
    );
    expect(osm.result?.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "@lat", "addresses.error_coordinate"],
      [3, "addr:street", "addresses.error_street_missing"],
    ]);
    const unknown = await preview(Buffer.from("name;ort\nA;B\n", "utf8"), "merge");
    expect(unknown.result?.fileIssues.map((f) => f.code)).toEqual(["addresses.error_format"]);
  });

  it("asks for replace or merge explicitly", async () => {
    await expect(
      ctx.services.importRuns.start(me(), tenantId, {
        kind: "addresses",
        mode: "preview",
        filename: "a.csv",
        upload: fixture("osm-unna.csv"),
        options: {},
      }),
    ).rejects.toMatchObject({ code: "validation_failed", fields: [{ field: "strategy" }] });
  });
});

describe("resolving typed addresses", () => {
  const resolve = (q: string) => ctx.services.addresses.resolve(tenantId, q);

  it("finds a house however its street is written, typos included", async () => {
    const a12a = await resolve("Bahnhofstr. 12a, Unna");
    expect(a12a).toMatchObject({
      kind: "address",
      approximate: false,
      label: "Bahnhofstraße 12a, 59423 Unna",
    });
    expect(a12a?.lat).toBeCloseTo(51.5353, 5);
    for (const q of [
      "Bahnhofstrasse 12",
      "bahnhofstraße12",
      "Banhofstrase 12",
      "BAHNHOF-STR. 12, 59423 Unna",
    ]) {
      const hit = await resolve(q);
      expect(hit, q).toMatchObject({ kind: "address", label: "Bahnhofstraße 12, 59423 Unna" });
      expect(hit?.lon, q).toBeCloseTo(7.6905, 5);
    }
    expect(await resolve("Koenigsborner Str. 1")).toMatchObject({ kind: "address", postcode: "59425" });
  });

  it("falls back to the street when the house number is unknown or missing", async () => {
    expect(await resolve("Bahnhofstraße 99")).toMatchObject({ kind: "street", approximate: true });
    expect(await resolve("Hertinger Strasse")).toMatchObject({
      kind: "street",
      label: "Hertinger Straße, Unna",
    });
    expect(await resolve("Hauptstraße in Atlantis")).toBeNull();
    expect(await resolve("Xyzweg 3")).toBeNull();
  });
});

describe("the office finder and near search", () => {
  // The demo's two welcome offices (demo/demo-offices.ts): Mitte and Königsborn; Massen, Süd and the villages.
  const names = {
    mitte: "Willkommensbüro Unna-Mitte (Demo)",
    land: "Willkommensbüro Unna Massen, Süd und Land (Demo)",
  };
  const office = (key: keyof typeof names) => names[key];

  it("lists every office whose catchment a postcode spans, most addresses first", async () => {
    const found = await ctx.services.publicDirectory.findOffice(tenantId, "59423");
    expect(found.near?.kind).toBe("postcode");
    expect(found.offices.map((o) => o.name)).toEqual([office("mitte"), office("land")]);
    expect(found.office?.name).toBe(office("mitte"));
    const street = await ctx.services.publicDirectory.findOffice(tenantId, "Hertinger Str. 60, 59423 Unna");
    expect(street.near).toMatchObject({ kind: "address", approximate: false });
    expect(street.offices.map((o) => o.name)).toEqual([office("land")]);
  });

  it("reads coordinates in the order that lies in the tenant's region", async () => {
    for (const q of ["51.5352,7.6905", "7.6905, 51.5352", "51.5352 7.6905"]) {
      const found = await ctx.services.publicDirectory.findOffice(tenantId, q);
      expect(found.near, q).toMatchObject({ kind: "coordinates", lon: 7.6905, lat: 51.5352 });
      expect(
        found.offices.map((o) => o.name),
        q,
      ).toEqual([office("mitte")]);
    }
    expect(await ctx.services.addresses.coordinates(tenantId, "51.54,7.64")).toEqual({
      lon: 7.64,
      lat: 51.54,
      latFirst: true,
    });
  });

  it("places the near search at a typed address", async () => {
    const result = await ctx.services.publicDirectory.resolveNear(tenantId, "Massener Hellweg 12");
    expect(result).toMatchObject({ kind: "address", lon: 7.64, lat: 51.54, approximate: false });
  });
});

describe("replacing the list", () => {
  it("empties the list first, so addresses missing from the file are gone", async () => {
    const run = await preview(fixture("osm-unna.csv"), "replace");
    const done = await commit(run.id);
    expect(done.result?.committed).toEqual({ created: 9, updated: 0, unchanged: 0, removed: 10 });
    expect(await ctx.services.addresses.count(tenantId)).toBe(9);
    expect(await ctx.services.addresses.resolve(tenantId, "Königsborner Straße 1")).toBeNull();
  });
});

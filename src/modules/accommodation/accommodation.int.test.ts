import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
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
let coordinatorPrincipal: Principal;
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
  coordinatorPrincipal = {
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

describe("weights from a citizens' dialogue (decision 114)", () => {
  /** A dialogue questionnaire as an XLSForm: importance 1–5 as a number and as a choice list. */
  async function dialogueForm() {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("survey").addRows([
      ["type", "name", "label::Deutsch (de)"],
      ["integer", "w_anbindung", "Wie wichtig ist die Anbindung? (1–5)"],
      ["select_one wichtig", "w_kosten", "Wie wichtig sind die Kosten?"],
      ["text", "kommentar", "Anmerkung"],
    ]);
    wb.addWorksheet("choices").addRows([
      ["list_name", "name", "label::Deutsch (de)"],
      ...[1, 2, 3, 4, 5].map((n) => ["wichtig", String(n), `${n}`]),
    ]);
    wb.addWorksheet("settings").addRows([
      ["form_title", "form_id", "default_language"],
      ["Bürgerdialog Standorte", "buergerdialog", "Deutsch (de)"],
    ]);
    const r = await ctx.services.surveys.importXlsForm(
      coordinatorPrincipal,
      new Uint8Array(await wb.xlsx.writeBuffer()),
    );
    return r.form.id;
  }
  async function answer(formId: string, anbindung: number, kosten: number) {
    const def = (await ctx.services.surveys.getForm(coordinatorPrincipal, formId)).definition;
    await ctx.services.surveys.seedDemoResponse({
      tenantId,
      formId,
      def,
      answers: { w_anbindung: anbindung, w_kosten: String(kosten) },
      respondent: {
        personId: randomUUID(),
        sex: "female",
        birthDate: null,
        areaId: null,
        accommodationKind: null,
        phaseKey: null,
      },
      today: "2026-03-02",
      channel: "staff",
      waveId: null,
      by: coordinatorPrincipal,
    });
  }
  type Weights = {
    dialogue: { version: number; questions: { name: string }[] } | null;
    derived: {
      status: string;
      rows: { criterionId: string; answers: number | null; median: number | null; share: number | null }[];
      weights: Record<string, number> | null;
    } | null;
    sets: { number: number; weights: Record<string, number> }[];
  };

  it("derives the weights from the answers' medians, hides small counts, adopts them numbered and audited, and the selection uses them", async () => {
    const criteria = await ctx.services.accommodation.listCriteria(actor);
    const quality = criteria.find((c) => c.name === "Anbindung")!;
    const cost = criteria.find((c) => c.name === "Kosten")!;
    // Nothing adopted yet: a run without weights says so at the weights field.
    const none = await api(coordinator, "POST", "/accommodation/scenarios", {
      name: "Ohne",
      constraints: {},
    });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("kein Gewichtungssatz") }),
    ]);
    expect((await api(board, "GET", "/accommodation/weights")).body).toEqual({
      dialogue: null,
      derived: null,
      sets: [],
    });

    const formId = await dialogueForm();
    const forms = await api(coordinator, "GET", "/accommodation/weights/forms");
    const numeric = (forms.body as unknown as { id: string; questions: { name: string }[] }[]).find(
      (f) => f.id === formId,
    )!;
    // The free-text question cannot carry a weight.
    expect(numeric.questions.map((q) => q.name)).toEqual(["w_anbindung", "w_kosten"]);
    const twice = await api(coordinator, "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "w_anbindung", [cost.id]: "w_anbindung" },
      version: null,
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([
      expect.objectContaining({ field: `mapping.${cost.id}`, message: expect.stringContaining("schon") }),
    ]);
    const text = await api(coordinator, "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "kommentar" },
      version: null,
    });
    expect(text.body.errors).toEqual([expect.objectContaining({ field: `mapping.${quality.id}` })]);
    const linked = await api(coordinator, "PUT", "/accommodation/weights/dialogue", {
      formId,
      method: "rating",
      mapping: { [quality.id]: "w_anbindung", [cost.id]: "w_kosten" },
      version: null,
    });
    expect(linked.status).toBe(200);
    const version = (linked.body as unknown as Weights).dialogue!.version;

    // Four answers: fewer than the small-cell minimum of 5, so no median leaves the surveys module.
    for (const [a, k] of [
      [5, 2],
      [4, 3],
      [5, 1],
      [3, 2],
    ] as const)
      await answer(formId, a, k);
    const small = (await api(board, "GET", "/accommodation/weights")).body as unknown as Weights;
    expect(small.derived!.status).toBe("suppressed");
    expect(small.derived!.rows.map((r) => [r.answers, r.median])).toEqual([
      [null, null],
      [null, null],
    ]);
    const refused = await api(coordinator, "POST", "/accommodation/weights/sets", { version, weights: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("zu wenige Antworten") }),
    ]);

    await answer(formId, 4, 2);
    await answer(formId, 5, 3);
    // Anbindung 3, 4, 4, 5, 5, 5 → median 4.5; Kosten 1, 2, 2, 2, 3, 3 → median 2.
    const view = (await api(board, "GET", "/accommodation/weights")).body as unknown as Weights;
    expect(view.derived!.status).toBe("ok");
    expect(view.derived!.weights).toEqual({ [quality.id]: 4.5, [cost.id]: 2 });
    expect(view.derived!.rows.map((r) => [r.answers, r.share])).toEqual([
      [6, 0.692308],
      [6, 0.307692],
    ]);
    // Weights other than the answers give now (an answer came in after the page loaded) are refused.
    const stale = await api(coordinator, "POST", "/accommodation/weights/sets", {
      version,
      weights: { [quality.id]: 4, [cost.id]: 2 },
    });
    expect(stale.body.errors).toEqual([
      expect.objectContaining({ field: "weights", message: expect.stringContaining("neue Antworten") }),
    ]);
    expect((await api(board, "POST", "/accommodation/weights/sets", { version, weights: {} })).status).toBe(
      403,
    );

    // Two adoptions of the same reading at once: one becomes set no. 1, the other a version conflict.
    const both = await Promise.all(
      [0, 1].map(() =>
        api(coordinator, "POST", "/accommodation/weights/sets", { version, weights: view.derived!.weights }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const adopted = both.find((r) => r.status === 200)!.body as unknown as { id: string; number: number };
    expect(adopted.number).toBe(1);
    const entries = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, "accommodation_weight_set")));
    expect(entries.map((e) => [e.entityId, e.action])).toEqual([[adopted.id, "create"]]);

    // A run without weights uses the set in force and records it.
    const run = await api(coordinator, "POST", "/accommodation/scenarios", {
      name: "Dialog-Gewichte",
      constraints: { onePerArea: true },
    });
    expect(run.status).toBe(200);
    expect(run.body.weights).toEqual({ [quality.id]: 4.5, [cost.id]: 2 });
    expect(run.body.weightSet).toEqual({ id: adopted.id, number: 1 });
    const read = await api(board, "GET", `/accommodation/scenarios/${run.body.id as string}`);
    expect(read.body.weightSet).toEqual({ id: adopted.id, number: 1 });
  });
});

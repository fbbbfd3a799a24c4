// The HSDS 3.0 API, validated against the HSDS JSON schemas kept in tests/fixtures/hsds-3.0.
import fs from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_OFFERS, DEMO_PLACES } from "#app/modules/demo/directory-content.ts";
import { CONTENT_LANGUAGES } from "#app/modules/translations/languages.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the assertions below
type Json = any;

const FIXTURES = path.join(import.meta.dirname, "../../../tests/fixtures/hsds-3.0");
const BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const f of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8")));
}
const schema = (name: string): ValidateFunction => ajv.getSchema(`${BASE}${name}.json`)!;
const pageOf = (item: string) =>
  ajv.compile({
    allOf: [{ $ref: `${BASE}openapi-page.json` }],
    properties: { contents: { type: "array", items: { $ref: `${BASE}${item}.json` } } },
    required: [
      "total_items",
      "total_pages",
      "page_number",
      "size",
      "first_page",
      "last_page",
      "empty",
      "contents",
    ],
  });

function valid(validate: ValidateFunction, data: unknown) {
  const ok = validate(data);
  expect(ok ? [] : validate.errors, "HSDS schema").toEqual([]);
}

let ctx: DemoContext;
beforeAll(async () => {
  ctx = await createDemoContext();
});
afterAll(() => ctx.close());

async function get(pathAndQuery: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(`${TEST_BASE_URL}${pathAndQuery}`, { headers });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: (await res.json()) as Json,
  };
}

const women = DEMO_OFFERS.find((o) => o.key === "frauenintegrationskurs")!;

describe("HSDS 3.0 API", () => {
  it("GET / names the version and the profile", async () => {
    const r = await get("/api/hsds/");
    expect(r.status).toBe(200);
    valid(schema("openapi-api-info"), r.body);
    expect(r.body.version).toBe("3.0");
    expect(r.body.profile).toMatch(/^https:\/\//);
  });

  it("lists services, paged as the HSDS OpenAPI document says", async () => {
    const validate = pageOf("service");
    const first = await get("/api/hsds/services?per_page=5");
    expect(first.status).toBe(200);
    valid(validate, first.body);
    expect(first.body).toMatchObject({
      total_items: DEMO_OFFERS.length,
      total_pages: Math.ceil(DEMO_OFFERS.length / 5),
      page_number: 1,
      size: 5,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const pages = [first.body];
    for (let p = 2; p <= first.body.total_pages; p++) {
      const r = await get(`/api/hsds/services?per_page=5&page=${p}`);
      valid(validate, r.body);
      pages.push(r.body);
    }
    expect(pages.at(-1).last_page).toBe(true);
    const ids = pages.flatMap((p) => p.contents.map((s: { id: string }) => s.id));
    expect(new Set(ids).size).toBe(DEMO_OFFERS.length);
    const beyond = await get(`/api/hsds/services?per_page=5&page=${first.body.total_pages + 1}`);
    valid(validate, beyond.body);
    expect(beyond.body).toMatchObject({ empty: true, size: 0, last_page: true });

    const full = await get("/api/hsds/services?full=true&per_page=50");
    valid(validate, full.body);
    expect(full.body.contents[0].service_at_locations.length).toBeGreaterThan(0);
  });

  it("finds 'Sprachkurs mit Kinderbetreuung' by search, and filters by taxonomy term and organization", async () => {
    const r = await get(`/api/hsds/services?search=${encodeURIComponent("Sprachkurs mit Kinderbetreuung")}`);
    valid(pageOf("service"), r.body);
    expect(r.body.contents.map((s: { id: string }) => s.id)).toContain(women.id);

    const terms = await get("/api/hsds/taxonomy_terms?per_page=500&search=Sprachangebote");
    const term = terms.body.contents.find((t: { code: string }) => t.code === "sprachangebote");
    const byTerm = await get(`/api/hsds/services?taxonomy_term_id=${term.id}`);
    valid(pageOf("service"), byTerm.body);
    expect(byTerm.body.contents.length).toBe(3);
    expect(
      byTerm.body.contents.every((s: { id: string }) =>
        DEMO_OFFERS.find((o) => o.id === s.id)!.terms.categories.includes("sprachangebote"),
      ),
    ).toBe(true);

    const byTaxonomy = await get(`/api/hsds/services?taxonomy_id=${term.taxonomy_id}&per_page=100`);
    expect(byTaxonomy.body.total_items).toBe(DEMO_OFFERS.length);

    const orgId = byTerm.body.contents[0].organization_id;
    const byOrg = await get(`/api/hsds/services?organization_id=${orgId}`);
    expect(byOrg.body.contents.every((s: { organization_id: string }) => s.organization_id === orgId)).toBe(
      true,
    );
  });

  it("GET /services/{id} is the fully nested service, with schedules, languages, costs and attributes", async () => {
    const r = await get(`/api/hsds/services/${women.id}`);
    expect(r.status).toBe(200);
    valid(schema("service"), r.body);
    expect(r.body.name).toBe(women.title.de);
    expect(r.body.schedules).toHaveLength(1);
    expect(r.body.schedules[0]).toMatchObject({ freq: "WEEKLY", byday: "MO,TU,WE,TH,FR" });
    expect(r.body.schedules[0].opens_at).toMatch(/^08:45[+-]\d{2}:\d{2}$/);
    expect(r.body.schedules[0].closes_at).toMatch(/^13:00[+-]\d{2}:\d{2}$/);
    expect(r.body.cost_options[0]).toMatchObject({ amount: 0, currency: "EUR" });
    expect(r.body.languages.map((l: { code: string }) => l.code)).toEqual(["de"]);
    expect(r.body.organization.name).toBe("IN VIA Unna e.V.");
    expect(r.body.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: "Kamener Straße 31",
      postal_code: "59425",
      country: "DE",
    });
    expect(r.body.attributes.length).toBeGreaterThan(0);
    for (const a of r.body.attributes) valid(schema("attribute"), a);

    expect((await get("/api/hsds/services/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("/api/hsds/services/not-an-id")).status).toBe(404);
  });

  it("translates with ?lang= or Accept-Language, falling back to German", async () => {
    const ar = await get(`/api/hsds/services/${women.id}?lang=ar`);
    expect(ar.body.name).toBe(women.title.ar);
    const uk = await get(`/api/hsds/services/${women.id}`, { "accept-language": "uk-UA,uk;q=0.9" });
    expect(uk.body.name).toBe(women.title.uk);
    const simple = await get(`/api/hsds/services/${women.id}?lang=de-simple`);
    expect(simple.body.name).toBe(women.title["de-simple"]);
    // Descriptions are only in German: the service description falls back to it.
    expect(ar.body.description).toContain("IN VIA");
  });

  it("lists organizations and shows one with its services", async () => {
    const r = await get("/api/hsds/organizations?per_page=3");
    valid(pageOf("organization"), r.body);
    expect(r.body.size).toBe(3);
    const one = await get(`/api/hsds/organizations/${r.body.contents[0].id}`);
    expect(one.status).toBe(200);
    valid(schema("organization"), one.body);
    expect(Array.isArray(one.body.services)).toBe(true);
    for (const s of one.body.services) valid(schema("service"), s);
  });

  it("lists taxonomies and taxonomy terms", async () => {
    const tax = await get("/api/hsds/taxonomies?per_page=100");
    valid(pageOf("taxonomy"), tax.body);
    expect(tax.body.total_items).toBeGreaterThanOrEqual(5);
    const terms = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${tax.body.contents[0].id}&per_page=100`);
    valid(pageOf("taxonomy_term"), terms.body);
    expect(
      terms.body.contents.every((t: { taxonomy_id: string }) => t.taxonomy_id === tax.body.contents[0].id),
    ).toBe(true);
    const en = await get("/api/hsds/taxonomy_terms?per_page=500&lang=en");
    expect(en.body.contents.map((t: { name: string }) => t.name)).toContain("Language learning");
  });

  it("finds service_at_locations by postcode, and by proximity from the postcode's centroid", async () => {
    const validate = pageOf("service_at_location");
    const all = await get("/api/hsds/service_at_locations?per_page=100");
    valid(validate, all.body);
    expect(all.body.total_items).toBe(DEMO_OFFERS.reduce((n, o) => n + o.places.length, 0));

    const byPostcode = await get("/api/hsds/service_at_locations?postcode=59427&per_page=100");
    valid(validate, byPostcode.body);
    const in59427 = new Set(DEMO_PLACES.filter((p) => p.postcode === "59427").map((p) => p.id));
    expect(byPostcode.body.total_items).toBeGreaterThan(0);
    expect(byPostcode.body.contents.every((s: { location_id: string }) => in59427.has(s.location_id))).toBe(
      true,
    );

    // 1.5 km around the centroid of 59423 (Unna-Mitte): the old town's places, not Hemmerde.
    const near = await get("/api/hsds/service_at_locations?postcode=59423&proximity=1500&per_page=100");
    valid(validate, near.body);
    const ids = new Set(near.body.contents.map((s: { location_id: string }) => s.location_id));
    expect(ids.has(DEMO_PLACES.find((p) => p.key === "zib")!.id)).toBe(true);
    expect(ids.has(DEMO_PLACES.find((p) => p.key === "haus-am-hellweg")!.id)).toBe(false);

    // Around any point (Lotse's "lat,lon,metres" form): Hemmerde only.
    const hemmerde = await get("/api/hsds/service_at_locations?proximity=51.5562,7.7768,500");
    expect(hemmerde.body.contents.map((s: { location_id: string }) => s.location_id)).toEqual([
      DEMO_PLACES.find((p) => p.key === "haus-am-hellweg")!.id,
    ]);

    // An unknown postcode finds nothing; bad input is a 422, never a 500.
    const unknown = await get("/api/hsds/service_at_locations?postcode=10115&proximity=1000");
    valid(validate, unknown.body);
    expect(unknown.body.empty).toBe(true);
    expect((await get("/api/hsds/service_at_locations?proximity=abc")).status).toBe(422);
    expect((await get("/api/hsds/service_at_locations?proximity=1000")).status).toBe(422);
    expect((await get("/api/hsds/service_at_locations?postcode=Unna")).status).toBe(422);
    expect((await get("/api/hsds/services?page=0")).status).toBe(422);
    expect((await get("/api/hsds/services?per_page=100000")).status).toBe(422);
  });

  it("exports the whole published directory as HSDS JSON", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/export?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="hsds-unna-en\.json"/);
    const doc = (await res.json()) as Json;
    expect(doc.services).toHaveLength(DEMO_OFFERS.length);
    for (const s of doc.services) valid(schema("service"), s);
    for (const o of doc.organizations) valid(schema("organization"), o);
    for (const l of doc.locations) valid(schema("location"), l);
    for (const t of doc.taxonomies) valid(schema("taxonomy"), t);
    for (const t of doc.taxonomy_terms) valid(schema("taxonomy_term"), t);
  });

  it("serves the OpenAPI document its root names, describing every endpoint it answers", async () => {
    const root = await get("/api/hsds/");
    const url = new URL(root.body.openapi_url as string);
    const doc = await get(url.pathname);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      [
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
      ].sort(),
    );
  });

  it("answers one taxonomy, one term and one service at a location by id, 404 for unknown ids", async () => {
    const tax = await get("/api/hsds/taxonomies?per_page=1");
    const one = await get(`/api/hsds/taxonomies/${tax.body.contents[0].id}`);
    expect(one.status).toBe(200);
    valid(schema("taxonomy"), one.body);
    expect(one.body).toEqual(tax.body.contents[0]);
    const terms = await get("/api/hsds/taxonomy_terms?per_page=1");
    const term = await get(`/api/hsds/taxonomy_terms/${terms.body.contents[0].id}`);
    valid(schema("taxonomy_term"), term.body);
    expect(term.body).toEqual(terms.body.contents[0]);
    const sal = await get("/api/hsds/service_at_locations?per_page=1");
    const pair = await get(`/api/hsds/service_at_locations/${sal.body.contents[0].id}`);
    expect(pair.status).toBe(200);
    valid(schema("service_at_location"), pair.body);
    expect(pair.body.service_id).toBe(sal.body.contents[0].service_id);
    valid(schema("service"), pair.body.service);
    const unknown = "00000000-0000-5000-8000-000000000000";
    for (const kind of ["taxonomies", "taxonomy_terms", "service_at_locations"]) {
      expect((await get(`/api/hsds/${kind}/${unknown}`)).status).toBe(404);
      expect((await get(`/api/hsds/${kind}/not-an-id`)).status).toBe(404);
    }
  });

  it("finds every service_at_location by its id, and answers 404 (never 500) for ids that are not ours", async () => {
    const all = await get("/api/hsds/service_at_locations?per_page=500");
    expect(all.body.contents.length).toBeGreaterThan(1);
    for (const item of all.body.contents.slice(0, 5)) {
      const one = await get(`/api/hsds/service_at_locations/${item.id.toUpperCase()}`);
      expect(one.status).toBe(200);
      expect([one.body.id, one.body.service_id, one.body.location_id]).toEqual([
        item.id,
        item.service_id,
        item.location_id,
      ]);
    }
    // The nested pairs of a full service carry the same ids as the list.
    const first = all.body.contents[0];
    const service = await get(`/api/hsds/services/${first.service_id}`);
    expect(service.body.service_at_locations.map((x: Json) => x.id)).toContain(first.id);
    // Same offer and place prefixes, another checksum: no such pair.
    const last = first.id.at(-1) === "0" ? "1" : "0";
    const forged = `${first.id.slice(0, -1)}${last}`;
    const bad = [
      forged,
      first.id.replace(/^(.{14})./, "$15"),
      `${first.id}0`,
      "x".repeat(5000),
      "%27%20or%201%3D1--",
      "%E2%80%AE%F0%9F%98%80",
      "%00",
      "%20",
    ];
    for (const id of bad) {
      const r = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/service_at_locations/${id}`);
      expect(r.status, id).toBe(404);
    }
  });

  it("offers in the OpenAPI document exactly the content languages it serves", async () => {
    const doc = await get("/api/hsds/openapi.json");
    const lang = doc.body.paths["/services"].get.parameters.find((p: Json) => p.name === "lang");
    expect(lang.schema.enum).toEqual([...CONTENT_LANGUAGES]);
  });

  it("lists services minimally, streams every result as ndjson, and refuses formats it lacks", async () => {
    const minimal = await get("/api/hsds/services?minimal=true&per_page=500");
    expect(minimal.body.total_items).toBe(DEMO_OFFERS.length);
    for (const item of minimal.body.contents) {
      expect(Object.keys(item).sort()).toEqual(["id", "modified_date"]);
      expect(Number.isNaN(Date.parse(item.modified_date))).toBe(false);
    }
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/services?format=ndjson&per_page=2`);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).split("\n").filter(Boolean);
    // Every result, not one page of two.
    expect(lines).toHaveLength(DEMO_OFFERS.length);
    for (const line of lines) valid(schema("service"), JSON.parse(line));
    const terms = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/taxonomy_terms?format=ndjson`);
    const termLines = (await terms.text()).split("\n").filter(Boolean);
    expect(termLines.length).toBe((await get("/api/hsds/taxonomy_terms?per_page=500")).body.total_items);
    expect((await get("/api/hsds/services?format=xml")).status).toBe(422);
    expect((await get("/api/hsds/services?minimal=yes")).status).toBe(422);
  });

  it("lets a browser on another site read the API, without credentials", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/services`, {
      headers: { origin: "https://other.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await ctx.app.request(`${TEST_BASE_URL}/api/hsds/services`, {
      method: "OPTIONS",
      headers: { origin: "https://other.example", "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    expect(preflight.headers.get("access-control-allow-methods")).not.toContain("POST");
  });

  it("exports the places as RFC 7946 GeoJSON", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/public/places.geojson`);
    expect(res.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const fc = (await res.json()) as Json;
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(DEMO_PLACES.length);
    for (const f of fc.features) {
      expect(f.type).toBe("Feature");
      expect(f.geometry.type).toBe("Point");
      // RFC 7946: longitude first, WGS84.
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(7.5);
      expect(lon).toBeLessThan(7.9);
      expect(lat).toBeGreaterThan(51.4);
      expect(lat).toBeLessThan(51.7);
      expect(fc.crs).toBeUndefined();
    }
  });
});

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the assertions below
type Json = any;

let ctx: DemoContext;
let cookie: string;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  cookie = await loginAs("coordinator");
});
afterAll(() => ctx.close());

async function loginAs(role: "coordinator" | "partner_staff") {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  return sessionCookieFor(ctx.services, tenantId, user.id);
}

const HEADER =
  "Träger;Ort;Straße;PLZ;Stadt;Breitengrad;Längengrad;Angebot;Kategorien;Öffnungszeiten;Kostenlos";
const rowA =
  "IN VIA Unna e.V.;Jugendtreff Süd;Schäferstraße 3;59423;Unna;51,531;7,689;Hausaufgabenhilfe Süd;bildung-beruf;Mo-Do 14-16;ja";
const rowB =
  "IN VIA Unna e.V.;Jugendtreff Süd;Schäferstraße 3;59423;Unna;51,531;7,689;Bewerbungstraining;Bildung und Beruf;Fr 9-12;ja";
const rowC =
  "Initiative WeltOffen;Begegnungscafé Massen;Kirchstraße 1;59427;Unna;51,547;7,640;Café der Begegnung;freizeit-austausch;Mi 15-18;ja";

const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n");
const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
/** Windows-1252 of a text made of Latin-1 letters only (ä ö ü ß é …), which 1252 shares with Latin-1. */
const cp1252 = (s: string) => new Uint8Array([...s].map((ch) => ch.charCodeAt(0)));

async function post(path: "preview" | "commit", bytes: Uint8Array, name = "import.csv") {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/import/${path}`, {
    method: "POST",
    headers: { cookie, origin: TEST_BASE_URL, "accept-language": "de" },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function placeCount() {
  return (await ctx.services.interchange.placesGeoJson(tenantId, "de")).features.length;
}

describe("directory import", () => {
  it("shows errors per row and column in the user's language, and imports nothing while any row is invalid", async () => {
    const before = await placeCount();
    const bad = [
      rowA,
      // Outside Unna's areas (Dortmund), an unknown category, hours that end before they start.
      "IN VIA Unna e.V.;Falscher Ort;Hauptstraße 1;44135;Dortmund;51,514;7,465;Kurs X;gibt-es-nicht;Mo 19-16;vielleicht",
      // Hours that cannot be read, latitude not a number.
      "Unbekannter Träger;Ort Y;;59423;Unna;abc;7,69;Kurs Y;;montags;ja",
    ];
    const preview = await post("preview", utf8(csv(...bad)));
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.counts).toMatchObject({ rows: 3, invalid: 2 });
    const [r2, r3, r4] = preview.body.rows;
    expect(r2).toMatchObject({ row: 2, action: "create", errors: [] });
    const codes = (r: { errors: { column: string; code: string }[] }) =>
      r.errors.map((e) => `${e.column}:${e.code}`);
    expect(codes(r3)).toEqual(
      expect.arrayContaining([
        "lat:place_outside_areas",
        "lon:place_outside_areas",
        "categories:unknown_category",
        "hours:hours_end_before_start",
        "free:yes_no",
      ]),
    );
    expect(codes(r4)).toEqual(
      expect.arrayContaining(["organization:unknown_organization", "lat:invalid_type", "hours:hours_format"]),
    );
    const cat = r3.errors.find((e: { code: string }) => e.code === "unknown_category");
    expect(cat.message).toContain("gibt-es-nicht");
    expect(cat.columnLabel).toContain("Kategorien");

    const commit = await post("commit", utf8(csv(...bad)));
    expect(commit.status).toBe(422);
    expect(commit.body.preview.rows[1].errors.length).toBeGreaterThan(0);
    expect(await placeCount()).toBe(before);
  });

  it("imports a valid file in one go: new places, offers at them, terms and hours", async () => {
    const before = await placeCount();
    const file = withBom(csv(rowA, rowB));
    const preview = await post("preview", file);
    expect(preview.body).toMatchObject({
      ok: true,
      encoding: "utf-8",
      counts: { rows: 2, places: 1, offers: 2 },
    });
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(["create", "link"]);
    const commit = await post("commit", file);
    expect(commit).toMatchObject({ status: 200, body: { places: 1, offers: 2 } });
    expect(await placeCount()).toBe(before + 1);
    const hits = await ctx.services.interchange.services(tenantId, { search: "Hausaufgabenhilfe Süd" }, "de");
    expect(hits.total_items).toBe(1);
    const full = await ctx.services.interchange.service(tenantId, hits.contents[0]!.id as string, "de");
    expect(full.schedules).toMatchObject([{ byday: "MO,TU,WE,TH", freq: "WEEKLY" }]);
    expect((full.service_at_locations as { location: { name: string } }[])[0]!.location.name).toBe(
      "Jugendtreff Süd",
    );
    expect(
      (full.attributes as { taxonomy_term: { code: string } }[]).map((a) => a.taxonomy_term.code),
    ).toEqual(["bildung-beruf"]);
  });

  it("detects a duplicate import: the same file again changes nothing", async () => {
    const before = await placeCount();
    const file = withBom(csv(rowA, rowB));
    const preview = await post("preview", file);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.fileErrors.map((e: { code: string }) => e.code)).toEqual(["import_already_imported"]);
    expect(preview.body.fileErrors[0].message).toMatch(/schon importiert/);
    expect(preview.body.counts).toMatchObject({ duplicates: 2 });
    expect((await post("commit", file)).status).toBe(422);
    // One new row among old ones: the old rows are named, nothing is written.
    const mixed = await post("commit", utf8(csv(rowA, rowC)));
    expect(mixed.status).toBe(422);
    expect(mixed.body.preview.rows[0].errors.map((e: { code: string }) => e.code)).toEqual([
      "import_duplicate",
    ]);
    expect(await placeCount()).toBe(before);
    // A row twice in one file.
    const twice = await post("preview", utf8(csv(rowC, rowC)));
    expect(twice.body.rows[1].errors.map((e: { code: string }) => e.code)).toEqual([
      "import_duplicate_in_file",
    ]);
  });

  it("reads Windows-1252 and UTF-8 with BOM alike", async () => {
    const text = csv(rowC.replace("Begegnungscafé", "Begegnungscafé Südwest"));
    const a = await post("preview", cp1252(text));
    const b = await post("preview", withBom(text));
    expect(a.body.encoding).toBe("windows-1252");
    expect(b.body.encoding).toBe("utf-8");
    expect(a.body.ok).toBe(true);
    expect(a.body.rows[0].place).toBe("Begegnungscafé Südwest Massen");
    expect(b.body.rows[0].place).toBe(a.body.rows[0].place);
    const commit = await post("commit", cp1252(text));
    expect(commit.status).toBe(200);
    const fc = await ctx.services.interchange.placesGeoJson(tenantId, "de");
    expect(fc.features.map((f) => f.properties.name)).toContain("Begegnungscafé Südwest Massen");
  });

  it("reads XLSX", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Import");
    ws.addRow(["Träger", "Ort", "Straße", "PLZ", "Breitengrad", "Längengrad", "Angebot", "Öffnungszeiten"]);
    ws.addRow([
      "Kreisstadt Unna",
      "Bürgerbüro Königsborn",
      "Berliner Allee 10",
      "59425",
      51.5486,
      7.7091,
      "Ausweisberatung",
      "Di 10-12",
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await post("preview", bytes, "import.xlsx");
    expect(preview.body).toMatchObject({ ok: true, format: "xlsx", counts: { places: 1, offers: 1 } });
    expect((await post("commit", bytes, "import.xlsx")).status).toBe(200);
    const hits = await ctx.services.interchange.services(tenantId, { search: "Ausweisberatung" }, "de");
    expect(hits.total_items).toBe(1);
  });

  it("rejects files it cannot read, with a message, never a 500", async () => {
    const notXlsx = await post("preview", utf8("hello"), "x.xlsx");
    expect(notXlsx.body.fileErrors[0].code).toBe("import_file_type");
    const noRows = await post("preview", utf8(HEADER));
    expect(noRows.body.fileErrors[0].code).toBe("import_no_rows");
    const unknown = await post("preview", utf8("Träger;Ort;Farbe\nA;B;C"));
    expect(unknown.body.fileErrors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["import_unknown_column", "import_column_missing"]),
    );
    const empty = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/import/preview`, {
      method: "POST",
      headers: { cookie, origin: TEST_BASE_URL },
      body: new FormData(),
    });
    expect(empty.status).toBe(422);
  });

  it("offers the template, whose example row previews cleanly", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/import/template.csv`, {
      headers: { cookie },
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const preview = await post("preview", bytes);
    // The example is Café Chili, which the demo has: recognised as already imported.
    expect(preview.body.fileErrors.map((e: { code: string }) => e.code)).toEqual(["import_already_imported"]);
  });

  it("needs the import permission", async () => {
    const partner = await loginAs("partner_staff");
    const form = new FormData();
    form.append("file", new File([utf8(csv(rowC))], "a.csv"));
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/directory/import/preview`, {
      method: "POST",
      headers: { cookie: partner, origin: TEST_BASE_URL },
      body: form,
    });
    expect(res.status).toBe(403);
  });
});

import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#app/server/db/schema.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { monitoringElements, monitoringPeriods, monitoringValues } from "./schema.ts";
import { upsertValues } from "./values-repo.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON responses, checked by the assertions below
type Json = any;

let ctx: DemoContext;
let tenantId: string;
let analyst: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  analyst = await loginAs("analyst");
});
afterAll(() => ctx.close());

async function loginAs(role: "analyst" | "coordinator") {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  return sessionCookieFor(ctx.services, tenantId, user.id);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const csv = (...lines: string[]) => utf8(lines.join("\r\n"));

async function upload(
  path: "import/preview" | "import",
  bytes: Uint8Array,
  name = "werte.csv",
  cookie = analyst,
) {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/monitoring/${path}`, {
    method: "POST",
    headers: { cookie, origin: TEST_BASE_URL, "accept-language": "de" },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function api(method: "GET" | "POST", path: string, body?: unknown, lang = "de") {
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      cookie: analyst,
      origin: TEST_BASE_URL,
      "accept-language": lang,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function valueCount(period: string) {
  const rows = await ctx.handle.db
    .select({ v: monitoringValues.value })
    .from(monitoringValues)
    .where(and(eq(monitoringValues.tenantId, tenantId), eq(monitoringValues.period, period)));
  return rows.length;
}

async function periodStatus(period: string) {
  const [row] = await ctx.handle.db
    .select({ status: monitoringPeriods.status })
    .from(monitoringPeriods)
    .where(and(eq(monitoringPeriods.tenantId, tenantId), eq(monitoringPeriods.period, period)));
  return row?.status ?? null;
}

const GOOD_2023 = [
  "Gebiet;Jahr;Merkmal;Wert;Geschlecht",
  "unna-mitte;2023;population;17900;",
  "unna-mitte;2023;population;9120;f",
  "unna-sued;2023;population;11000;",
  "unna-sued;2023;sozialgeld_u15;250;",
];

describe("monitoring import", () => {
  it("writes nothing when one row is bad, and names the row and column in the reader's language", async () => {
    const before = await valueCount("2023");
    const bad = [...GOOD_2023, "unna-nord;2023;population;12,5;"];
    const preview = await upload("import/preview", csv(...bad));
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.errorCount).toBe(2);
    expect(preview.body.errors).toEqual([
      {
        row: 6,
        column: "Gebiet",
        code: "unknown_area",
        params: { code: "unna-nord" },
        message: "Ein Gebiet mit dem Code „unna-nord“ gibt es nicht.",
      },
      expect.objectContaining({ row: 6, column: "Wert", code: "count_not_whole" }),
    ]);
    const commit = await upload("import", csv(...bad));
    expect(commit.status).toBe(422);
    expect(commit.body.preview.errors[0]).toMatchObject({ row: 6, column: "Gebiet", code: "unknown_area" });
    expect(await valueCount("2023")).toBe(before);
  });

  it("imports a valid file completely, audited; a re-import changes nothing", async () => {
    const preview = await upload("import/preview", csv(...GOOD_2023));
    expect(preview.body).toMatchObject({
      ok: true,
      layout: "long",
      fileFormat: "csv",
      valueCount: 4,
      errorCount: 0,
      periods: [{ period: "2023", status: "none", new: 4, changed: 0, unchanged: 0, reopens: false }],
    });
    expect(preview.body.rows[1]).toEqual({
      row: 3,
      area: "unna-mitte",
      period: "2023",
      element: "population",
      breakdown: "sex:f",
      value: 9120,
    });
    const commit = await upload("import", csv(...GOOD_2023));
    expect(commit.status).toBe(200);
    expect(commit.body).toEqual({
      values: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      periods: ["2023"],
      reopened: [],
    });
    expect(await valueCount("2023")).toBe(4);
    expect(await periodStatus("2023")).toBe("open");
    const audit = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, "monitoring.import")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ periods: { new: ["2023"] }, values: { new: 4 } });

    // The same file again: idempotent.
    const again = await upload("import", csv(...GOOD_2023));
    expect(again.body).toMatchObject({ values: 4, created: 0, updated: 0, unchanged: 4 });
    expect(await valueCount("2023")).toBe(4);
  });

  it("reopens an approved period it changes, and says so in the preview", async () => {
    expect(await periodStatus("2018")).toBe("approved");
    // Unchanged values do not reopen: the demo's 2018 total for Mitte is 15,397 (1725+575+8911+4186).
    const same = ["Gebiet;Jahr;Merkmal;Wert", "unna-mitte;2018;population;15397"];
    const samePreview = await upload("import/preview", csv(...same));
    expect(samePreview.body.periods).toEqual([
      { period: "2018", status: "approved", new: 0, changed: 0, unchanged: 1, reopens: false },
    ]);
    const changed = ["Gebiet;Jahr;Merkmal;Wert", "unna-mitte;2018;population;15398"];
    const preview = await upload("import/preview", csv(...changed));
    expect(preview.body.periods).toEqual([
      { period: "2018", status: "approved", new: 0, changed: 1, unchanged: 0, reopens: true },
    ]);
    const commit = await upload("import", csv(...changed));
    expect(commit.body).toMatchObject({ created: 0, updated: 1, reopened: ["2018"] });
    expect(await periodStatus("2018")).toBe("open");
  });

  it("imports a WIDE XLSX file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Werte");
    ws.addRow(["Gebiet", "Jahr", "population", "population{sex:f}", "population{age:65+}"]);
    ws.addRow(["unna-massen", 2021, 9700, 4900, null]);
    ws.addRow(["unna-koenigsborn", 2021, "12.400,0", "6.300,0", "2.700,0"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const preview = await upload("import/preview", bytes, "werte.xlsx");
    expect(preview.body).toMatchObject({ ok: true, fileFormat: "xlsx", layout: "wide", valueCount: 5 });
    const commit = await upload("import", bytes, "werte.xlsx");
    expect(commit.body).toMatchObject({ values: 5, periods: ["2021"], reopened: ["2021"] });
    const out = await api(
      "GET",
      "/monitoring/dataValueSets?period=2021&orgUnit=unna-koenigsborn&dataElement=population",
    );
    const byKey = new Map(out.body.dataValues.map((v: Json) => [v.categoryOptionCombo, v.value]));
    expect(byKey.get("default")).toBe("12400");
    expect(byKey.get("age:65+")).toBe("2700");
  });

  it("offers a template for the current elements; the untouched template imports nothing", async () => {
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/monitoring/import/template.csv`, {
      headers: { cookie: analyst },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [header, ...rows] = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header!.split(";").slice(0, 3)).toEqual(["Gebiet", "Jahr", "naturalisations"]);
    expect(header).toContain(";population{sex:f};");
    expect(header).not.toContain("lotse_");
    expect(rows.some((r) => r.startsWith("unna-mitte;2025;"))).toBe(true);
    const preview = await upload("import/preview", utf8(text));
    expect(preview.body.errors.map((e: Json) => e.code)).toEqual(["no_values"]);
  });

  it("is refused to roles without monitoring.data.manage", async () => {
    const coordinator = await loginAs("coordinator");
    expect((await upload("import/preview", csv(...GOOD_2023), "werte.csv", coordinator)).status).toBe(403);
  });
});

describe("dataValueSets", () => {
  const values = [
    {
      dataElement: "population",
      period: "2024",
      orgUnit: "unna-mitte",
      categoryOptionCombo: "default",
      value: "18000",
    },
    {
      dataElement: "population",
      period: "2024",
      orgUnit: "unna-mitte",
      categoryOptionCombo: "sex:f;age:65+",
      value: 2600,
    },
    {
      dataElement: "population",
      period: "2024",
      orgUnit: "unna-sued",
      categoryOptionCombo: "nationality:foreign",
      value: "950",
    },
    {
      dataElement: "sgb2_recipients_u65",
      period: "2024",
      orgUnit: "unna-sued",
      value: "1.100,0",
      storedBy: "BA",
    },
  ];

  it("round trip: POST then GET gives the same values", async () => {
    const post = await api("POST", "/monitoring/dataValueSets", { dataValues: values });
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({
      responseType: "ImportSummary",
      status: "SUCCESS",
      description: "Import process completed successfully",
      importCount: { imported: 4, updated: 0, ignored: 0, deleted: 0 },
      conflicts: [],
      reopened: [],
    });
    const get = await api("GET", "/monitoring/dataValueSets?period=2024");
    expect(get.status).toBe(200);
    const simple = (v: Json) =>
      `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.value}`;
    expect(get.body.dataValues.map(simple).sort()).toEqual(
      [
        "population|2024|unna-mitte|default|18000",
        "population|2024|unna-mitte|sex:f;age:65+|2600",
        "population|2024|unna-sued|nationality:foreign|950",
        "sgb2_recipients_u65|2024|unna-sued|default|1100",
      ].sort(),
    );
    // What came out goes back in unchanged (the DHIS2 round trip).
    const back = await api("POST", "/monitoring/dataValueSets", { dataValues: get.body.dataValues });
    expect(back.body.importCount).toEqual({ imported: 0, updated: 0, ignored: 4, deleted: 0 });
    // The read is audited (counts, no values).
    const reads = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, tenantId),
          eq(auditLog.action, "read"),
          eq(auditLog.entityType, "monitoring_values"),
        ),
      );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    // Rows come back in no particular order: one of them is the read of this request.
    expect(
      reads.some((r) => {
        const c = r.changes as { periods?: { new?: unknown }; values?: { new?: unknown } };
        return JSON.stringify(c.periods?.new) === '["2024"]' && c.values?.new === 4;
      }),
    ).toBe(true);
  });

  it("refuses all values when one conflicts, naming the index and field", async () => {
    const before = await valueCount("2025");
    const post = await api(
      "POST",
      "/monitoring/dataValueSets",
      {
        dataValues: [
          { dataElement: "population", period: "2025", orgUnit: "unna-mitte", value: "100" },
          { dataElement: "population", period: "2025", orgUnit: "nowhere", value: "-3" },
          {
            dataElement: "population",
            period: "2025",
            orgUnit: "unna-mitte",
            categoryOptionCombo: "sex:x",
            value: "1",
          },
          { dataElement: "population", period: "2025", orgUnit: "unna-mitte", value: "100" },
        ],
      },
      "en",
    );
    expect(post.status).toBe(409);
    expect(post.body.status).toBe("ERROR");
    expect(post.body.importCount).toEqual({ imported: 0, updated: 0, ignored: 0, deleted: 0 });
    expect(
      post.body.conflicts.map((c: Json) => `${c.indexes.join(",")}:${c.property}:${c.errorCode}`),
    ).toEqual([
      "1:orgUnit:unknown_area",
      "1:value:count_negative",
      "2:categoryOptionCombo:unknown_option",
      "0,3:period:duplicate_value",
    ]);
    expect(post.body.conflicts[0]).toMatchObject({
      object: "nowhere",
      value: "There is no area with the code “nowhere”.",
    });
    expect(await valueCount("2025")).toBe(before);
  });

  it("never returns values of elements computed from Lotse's case data", async () => {
    const [lotse] = await ctx.handle.db
      .select({ id: monitoringElements.id })
      .from(monitoringElements)
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, "lotse_open_cases")));
    const areas = await ctx.services.areas.list(tenantId);
    const mitte = areas.find((a) => a.code === "unna-mitte")!;
    await ctx.handle.db.transaction((tx) =>
      upsertValues(
        tx,
        tenantId,
        [{ elementId: lotse!.id, areaId: mitte.id, period: "2024", breakdown: "", value: 3 }],
        "lotse",
        null,
        ctx.clock.now(),
      ),
    );
    const all = await api("GET", "/monitoring/dataValueSets?period=2024");
    expect(all.body.dataValues.some((v: Json) => v.dataElement.startsWith("lotse_"))).toBe(false);
    const asked = await api("GET", "/monitoring/dataValueSets?period=2024&dataElement=lotse_open_cases");
    expect(asked.status).toBe(422);
    // Nor can they be written from outside.
    const post = await api("POST", "/monitoring/dataValueSets", {
      dataValues: [{ dataElement: "lotse_open_cases", period: "2024", orgUnit: "unna-mitte", value: "9" }],
    });
    expect(post.body.conflicts[0]).toMatchObject({ property: "dataElement", errorCode: "element_lotse" });
  });

  it("requires a valid period to read", async () => {
    expect((await api("GET", "/monitoring/dataValueSets")).status).toBe(422);
    expect((await api("GET", "/monitoring/dataValueSets?period=1900")).status).toBe(422);
  });

  const dhis2 = (name: string) =>
    JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, "../../../tests/fixtures/dhis2", name), "utf8"),
    );

  it("reads DHIS2 payloads: set-level period and orgUnit, dryRun counts without writing, export fields", async () => {
    const setLevel = dhis2("dataValueSet-set-level.json");
    const before = await valueCount("2023");
    const dry = await api("POST", "/monitoring/dataValueSets?dryRun=true", setLevel);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      responseType: "ImportSummary",
      status: "SUCCESS",
      importOptions: { dryRun: true, importStrategy: "CREATE_AND_UPDATE", idSchemes: { idScheme: "CODE" } },
      conflicts: [],
    });
    const counted = dry.body.importCount;
    expect(counted.imported + counted.updated + counted.ignored).toBe(3);
    expect(await valueCount("2023")).toBe(before);
    const real = await api("POST", "/monitoring/dataValueSets", setLevel);
    expect(real.body.importOptions.dryRun).toBe(false);
    expect(real.body.importCount).toEqual(counted);
    const exported = await api(
      "POST",
      "/monitoring/dataValueSets?idScheme=CODE&orgUnitIdScheme=code",
      dhis2("dataValueSet-export.json"),
    );
    expect(exported.status).toBe(200);
    const get = await api("GET", "/monitoring/dataValueSets?period=2023&orgUnit=unna-mitte,unna-sued");
    const mine = get.body.dataValues.filter((v: Json) =>
      ["18120", "2615", "1104", "9410", "962"].includes(v.value),
    );
    expect(mine).toHaveLength(5);
    for (const v of mine) expect(v).toMatchObject({ attributeOptionCombo: "default", followup: false });
  });

  it("refuses id schemes other than code and strategies other than CREATE_AND_UPDATE (422), and attribute combos (409)", async () => {
    const one = {
      dataValues: [{ dataElement: "population", period: "2023", orgUnit: "unna-mitte", value: "1" }],
    };
    for (const q of ["idScheme=UID", "dataElementIdScheme=name", "importStrategy=DELETE", "dryRun=maybe"]) {
      const r = await api("POST", `/monitoring/dataValueSets?${q}`, one);
      expect(r.status, q).toBe(422);
    }
    expect(
      (await api("POST", "/monitoring/dataValueSets", { ...one, importStrategy: "UPDATE" })).status,
    ).toBe(422);
    const before = await valueCount("2023");
    const aoc = await api("POST", "/monitoring/dataValueSets", {
      attributeOptionCombo: "HllvX50cXC0",
      dataValues: one.dataValues,
    });
    expect(aoc.status).toBe(409);
    expect(aoc.body.conflicts[0]).toMatchObject({
      property: "attributeOptionCombo",
      object: "HllvX50cXC0",
      indexes: [0],
      errorCode: "attribute_combo",
    });
    expect(aoc.body.conflicts[0].value).toContain("HllvX50cXC0");
    expect(await valueCount("2023")).toBe(before);
  });
});

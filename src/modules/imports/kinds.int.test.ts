import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitoringValues } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";

// The directory (CSV/XLSX of places and offers) and the monitoring data as import runs on both databases (decision 042):
// the lifecycle through each module's own import, all-or-nothing, who may start and see a run.

let ctx: DemoContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
afterAll(() => ctx.close());

function principal(role: Role): Principal {
  return {
    userId: "00000000-0000-7000-8000-000000000001",
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}
/** Runs every due job, the demo's queued mails included, until the queue has nothing due. */
async function runJobs() {
  for (let round = 0; round < 20; round++) {
    const jobs = await ctx.services.jobs.runDue({ limit: 50 });
    expect(jobs.failed).toBe(0);
    if (jobs.claimed === 0) return;
  }
  throw new Error("the job queue did not drain");
}
const placeCount = async () => (await ctx.services.interchange.placesGeoJson(tenantId, "de")).features.length;

const HEADER =
  "Träger;Ort;Straße;PLZ;Stadt;Breitengrad;Längengrad;Angebot;Kategorien;Öffnungszeiten;Kostenlos";
const ROW_A =
  "IN VIA Unna e.V.;Treff am Markt;Markt 2;59423;Unna;51,535;7,689;Lernhilfe am Markt;bildung-beruf;Mo-Do 14-16;ja";
const ROW_B =
  "Initiative WeltOffen;Café Königsborn;Kamener Straße 5;59425;Unna;51,541;7,672;Sprachcafé Königsborn;freizeit-austausch;Mi 15-18;ja";
const BAD = "Unbekannter Träger;Ort Y;;59423;Unna;51,53;7,69;Kurs Y;;Mo 9-12;ja";
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join("\r\n"), "utf8");

describe("directory import runs", () => {
  it("previews in a job, then commits all rows through the directory's import", async () => {
    const p = principal("coordinator");
    const before = await placeCount();
    const run = await ctx.services.importRuns.start(p, tenantId, {
      kind: "directory",
      mode: "preview",
      filename: "orte.csv",
      upload: csv(ROW_A, ROW_B),
    });
    expect(run.status).toBe("queued");
    await runJobs();
    const previewed = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(previewed).toMatchObject({
      status: "previewed",
      committable: true,
      progress: { done: 2, total: 2 },
    });
    expect(previewed.result).toMatchObject({
      ok: true,
      totalRows: 2,
      counts: { rows: 2, places: 2, offers: 2 },
    });
    // Spreadsheet rows: the header is row 1.
    expect(previewed.result?.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(previewed.result?.rows[0]?.cells.slice(0, 2)).toEqual(["Treff am Markt", "Lernhilfe am Markt"]);
    expect(await placeCount()).toBe(before);

    await ctx.services.importRuns.commit(p, tenantId, run.id);
    await runJobs();
    const committed = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(committed.status).toBe("committed");
    expect(committed.result?.committed).toEqual({ places: 2, offers: 2 });
    expect(await placeCount()).toBe(before + 2);

    // The same file again: every row is already there.
    const again = await ctx.services.importRuns.start(p, tenantId, {
      kind: "directory",
      mode: "preview",
      filename: "orte.csv",
      upload: csv(ROW_A, ROW_B),
    });
    await runJobs();
    const twice = await ctx.services.importRuns.get(p, tenantId, again.id);
    expect(twice.result?.fileIssues).toEqual([{ code: "validation.import_already_imported" }]);
    expect(twice.committable).toBe(false);
  });

  it("writes nothing when one row fails, and names its row and column", async () => {
    const p = principal("admin");
    const before = await placeCount();
    const run = await ctx.services.importRuns.start(p, tenantId, {
      kind: "directory",
      mode: "commit",
      filename: "orte.csv",
      upload: csv(ROW_A.replace("Markt 2", "Markt 4"), BAD),
    });
    await runJobs();
    const after = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(after.status).toBe("previewed");
    expect(after.committable).toBe(false);
    expect(after.result?.issues).toEqual([
      expect.objectContaining({ row: 3, column: "Träger", code: "validation.unknown_organization" }),
    ]);
    expect(await placeCount()).toBe(before);
    await expect(ctx.services.importRuns.commit(p, tenantId, run.id)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses a role without directory.import", async () => {
    const start = (role: Role) =>
      ctx.services.importRuns.start(principal(role), tenantId, {
        kind: "directory",
        mode: "preview",
        filename: "orte.csv",
        upload: csv(ROW_A),
      });
    await expect(start("case_worker")).rejects.toMatchObject({ code: "forbidden" });
    const run = await start("coordinator");
    await expect(
      ctx.services.importRuns.get(principal("case_worker"), tenantId, run.id),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

const values = (...lines: string[]) =>
  Buffer.from(["Gebiet;Jahr;Merkmal;Wert;Geschlecht", ...lines].join("\r\n"), "utf8");
async function valueCount(period: string) {
  const rows = await ctx.handle.db
    .select({ v: monitoringValues.value })
    .from(monitoringValues)
    .where(and(eq(monitoringValues.tenantId, tenantId), eq(monitoringValues.period, period)));
  return rows.length;
}

describe("monitoring import runs", () => {
  it("previews in a job, then writes the values through the monitoring import", async () => {
    const p = principal("analyst");
    const run = await ctx.services.importRuns.start(p, tenantId, {
      kind: "monitoring",
      mode: "preview",
      filename: "werte.csv",
      upload: values("unna-mitte;1995;population;17000;", "unna-mitte;1995;population;8600;f"),
    });
    await runJobs();
    const previewed = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(previewed).toMatchObject({ status: "previewed", committable: true });
    expect(previewed.result).toMatchObject({ ok: true, totalRows: 2, counts: { values: 2, create: 2 } });
    expect(previewed.result?.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(previewed.result?.rows[1]?.cells).toEqual(["unna-mitte", "1995", "population", "sex:f", "8600"]);
    expect(await valueCount("1995")).toBe(0);

    await ctx.services.importRuns.commit(p, tenantId, run.id);
    await runJobs();
    const committed = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(committed.status).toBe("committed");
    expect(committed.result?.committed).toMatchObject({ values: 2, created: 2, updated: 0, reopened: 0 });
    expect(await valueCount("1995")).toBe(2);
  });

  it("writes nothing when one row fails, and names its row and column", async () => {
    const p = principal("admin");
    const run = await ctx.services.importRuns.start(p, tenantId, {
      kind: "monitoring",
      mode: "commit",
      filename: "werte.csv",
      upload: values("unna-mitte;1994;population;17000;", "unna-mitte;1994;population;viele;"),
    });
    await runJobs();
    const after = await ctx.services.importRuns.get(p, tenantId, run.id);
    expect(after).toMatchObject({ status: "previewed", committable: false });
    expect(after.result?.issues).toEqual([
      expect.objectContaining({ row: 3, column: "Wert", code: "monitoring_import.error_value_not_number" }),
    ]);
    expect(await valueCount("1994")).toBe(0);
  });

  it("refuses a role without monitoring.data.manage", async () => {
    const start = (role: Role) =>
      ctx.services.importRuns.start(principal(role), tenantId, {
        kind: "monitoring",
        mode: "preview",
        filename: "werte.csv",
        upload: values("unna-mitte;1993;population;17000;"),
      });
    await expect(start("coordinator")).rejects.toMatchObject({ code: "forbidden" });
    const run = await start("analyst");
    await expect(
      ctx.services.importRuns.get(principal("coordinator"), tenantId, run.id),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

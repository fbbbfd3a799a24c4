import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportDocument } from "#app/app/components/monitoring-report/report-document.tsx";
import { ServerI18n } from "#app/app/i18n.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import { areas } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { pdfPageCount, pdfPagesText, pdfText } from "../../../tests/setup/pdf-text.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { DEFAULT_SMALL_CELL_RULE, type SmallCellRule } from "../statistics/small-cells.ts";
import { buildReport, cellText, indicatorName, type ReportModel } from "./report.ts";
import { renderReportPdf } from "./report-pdf.ts";
import { monitoringElements } from "./schema.ts";
import { createRelease, upsertValues } from "./values-repo.ts";

let ctx: DemoContext;
let tenant: { id: string; name: string };
const de = createTranslator("de", catalogs().get("de") ?? {});
const principal = (role: Role): Principal => ({
  userId: "00000000-0000-7000-8000-000000000001",
  tenantId: tenant.id,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

beforeAll(async () => {
  ctx = await createDemoContext();
  const { tenantId } = ctx;
  const t = await ctx.services.tenants.byId(tenantId);
  tenant = { id: tenantId, name: t!.name };
});
afterAll(() => ctx.close());

/** The report as the HTML pages render it (server-side, as a reader without JavaScript gets it). */
function reportHtml(model: ReportModel): string {
  const Stub = createRoutesStub([
    {
      path: "/",
      Component: () =>
        createElement(
          ServerI18n.Provider,
          { value: { lang: "de", t: de } },
          createElement(ReportDocument, { model }),
        ),
    },
  ]);
  return renderToString(createElement(Stub, { initialEntries: ["/"] }));
}

async function setRule(smallCells: SmallCellRule) {
  const { user } = await createUserWithRole(ctx.services, tenant.id, "admin");
  const admin: Principal = { ...principal("admin"), userId: user.id };
  const t = (await ctx.services.tenants.byId(tenant.id))!;
  await ctx.services.tenants.updateSettings(admin, tenant.id, {
    version: t.version,
    name: t.name,
    defaultLanguage: t.settings.defaultLanguage,
    mfaRequiredRoles: t.settings.mfaRequiredRoles,
    smallCells,
  });
}

const report = (
  query: { period: string; version?: number; audience: "internal" | "public" },
  role: Role = "analyst",
) => buildReport(ctx.services.monitoring, principal(role), tenant, query);

const row = (m: ReportModel, area: string, code: string) =>
  m.districts.find((d) => d.area.name === area)!.rows.find((r) => r.indicator.code === code)!;

async function addRelease(period: string, element: string, areaCode: string, value: number) {
  const [el] = await ctx.handle.db
    .select({ id: monitoringElements.id })
    .from(monitoringElements)
    .where(and(eq(monitoringElements.tenantId, tenant.id), eq(monitoringElements.code, element)));
  const [area] = await ctx.handle.db
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.tenantId, tenant.id), eq(areas.code, areaCode)));
  const now = ctx.clock.now();
  return ctx.handle.db.transaction(async (tx) => {
    await upsertValues(
      tx,
      tenant.id,
      [{ elementId: el!.id, areaId: area!.id, period, breakdown: "", value }],
      "manual",
      null,
      now,
    );
    return createRelease(tx, tenant.id, period, null, "report test", now);
  });
}

describe("the integrated report", () => {
  it("assembles one section per district from the engine's results, with Unna's 2018 figures", async () => {
    const m = await report({ period: "2018", audience: "internal" });
    expect(m.districts.map((d) => d.area.name).sort()).toEqual(
      ["Königsborn", "Landgemeinden", "Massen", "Unna-Mitte", "Unna-Süd"].sort(),
    );
    const releases = await ctx.services.monitoring.releases(principal("analyst"), tenant.id);
    expect(m.dataVersion).toBe(releases[0]!.number);
    const k = row(m, "Königsborn", "sozialgeld_u15_share");
    expect(cellText(k.value, k.indicator, "de", m.rule)).toBe("24,7");
    // The city's share is the published 15.7 %, summed over the areas; two of them (Massen,
    // Unna-Süd) are invented, so the sum carries the mark too.
    expect(cellText(k.city, k.indicator, "de", m.rule)).toBe("15,7*");
    // The time series runs up to the report's year, never past it.
    expect(m.series!.periods.at(-1)).toBe("2018");
    expect(m.series!.periods[0]).toBe("2012");
    expect(m.synthetic).toBe(true);
    // Internal indicators (Lotse's own data) only in the internal edition.
    const pub = await report({ period: "2018", audience: "public" });
    expect(m.results.indicators.length).toBeGreaterThan(pub.results.indicators.length);
    expect(pub.results.indicators.every((i) => i.indicator.public)).toBe(true);
  });

  it("refuses unknown periods and versions with their own errors, and readers without monitoring.view", async () => {
    await expect(report({ period: "1999", audience: "internal" })).rejects.toMatchObject({
      code: "monitoring_period_unpublished",
      status: 404,
    });
    await expect(report({ period: "2018", version: 99_999, audience: "internal" })).rejects.toMatchObject({
      code: "monitoring_version_unknown",
      status: 404,
    });
    await expect(report({ period: "2018", audience: "internal" }, "case_worker")).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("renders a German PDF with contents, page numbers, charts' tables and source notes", async () => {
    const m = await report({ period: "2018", audience: "internal" });
    const pdf = await renderReportPdf(m, de, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdfPagesText(pdf);
    expect(pdfPageCount(pdf)).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(7);
    const all = pages.join("\n");
    expect(all).toContain(tenant.name);
    expect(all).toContain(`Datenstand ${m.dataVersion} vom`);
    expect(all).toContain("Interne Fassung");
    expect(all).toContain("Königsborn");
    expect(all).toContain("24,7");
    expect(all).toContain("Quellen und Definitionen");
    // Age limits of Unna's old-age ratio, in words.
    expect(all).toContain("65 Jahre und älter");
    expect(all).toContain("unter 20 Jahren");
    // Every page but the cover is numbered.
    for (const [i, p] of pages.entries())
      if (i > 0) expect(p).toContain(`Seite ${i + 1} von ${pages.length}`);
    // The contents page names each district with the page its section starts on.
    const contents = pages[1]!;
    for (const d of m.districts) {
      const line = contents.split("\n").findIndex((l) => l.includes(d.area.name));
      expect(line, d.area.name).toBeGreaterThanOrEqual(0);
      const page = Number(contents.split("\n")[line + 1]);
      expect(pages[page - 1]!.split("\n").slice(0, 3).join(" ")).toContain(d.area.name);
    }
    // Metadata: title and language.
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/Lang \(de-DE\)/);
    expect(raw).toContain("/DisplayDocTitle true");
    // An open font is embedded (DejaVu), never a WinAnsi standard font.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("draws names with Latin Extended letters from the embedded font", async () => {
    const m = await report({ period: "2018", audience: "public" });
    const renamed: ReportModel = {
      ...m,
      tenantName: "Stadt Şişli-Ğüßİı Äöü",
    };
    const text = pdfText(await renderReportPdf(renamed, de, { compress: false }));
    expect(text).toContain("Stadt Şişli-Ğüßİı Äöü");
  });

  it("is reproducible: the older data version still gives the older figures after a new release", async () => {
    const before = await report({ period: "2018", audience: "internal" });
    const pdfBefore = await renderReportPdf(before, de);
    const old = row(before, "Massen", "population_total");
    const newVersion = await addRelease("2018", "population", "unna-massen", (old.value.value ?? 0) + 1234);
    expect(newVersion).toBeGreaterThan(before.dataVersion);

    const latest = await report({ period: "2018", audience: "internal" });
    expect(latest.dataVersion).toBe(newVersion);
    expect(row(latest, "Massen", "population_total").value.value).toBe((old.value.value ?? 0) + 1234);

    const again = await report({ period: "2018", version: before.dataVersion, audience: "internal" });
    expect(again.dataVersion).toBe(before.dataVersion);
    expect(row(again, "Massen", "population_total").value.value).toBe(old.value.value);
    expect(again.results.indicators).toEqual(before.results.indicators);
    // Same period and version: the same document, byte for byte; the version is printed.
    const pdfAgain = await renderReportPdf(again, de);
    expect(pdfAgain.equals(pdfBefore)).toBe(true);
    const text = pdfText(await renderReportPdf(again, de, { compress: false }));
    expect(text).toContain(`Datenstand ${before.dataVersion} vom`);
    const oldText = cellText(old.value, old.indicator, "de", again.rule);
    expect(text).toContain(oldText);
  });
});

describe("the public edition holds no suppressed value", () => {
  it("shows neither a primary nor a secondary suppressed figure anywhere in the PDF or the HTML", async () => {
    // What the hidden cells would read: the same release under the loosest rule the settings allow.
    const m = await report({ period: "2018", audience: "public" });
    const hidden = m.results.indicators.flatMap((r) =>
      m.results.areas
        .filter((a) => r.byArea[a.id]?.suppressed)
        .map((a) => ({ indicator: r.indicator, areaId: a.id, kind: r.byArea[a.id]!.suppressed })),
    );
    expect(hidden.some((h) => h.kind === "primary")).toBe(true);
    expect(hidden.some((h) => h.kind === "secondary")).toBe(true);

    await setRule({ minCount: 2, minDenominator: 1, minNumerator: 1, suppressZero: false });
    const loose = await report({ period: "2018", version: m.dataVersion, audience: "public" });
    await setRule({ ...DEFAULT_SMALL_CELL_RULE });
    const secrets = hidden.map((h) => {
      const cell = loose.results.indicators.find((r) => r.indicator.code === h.indicator.code)!.byArea[
        h.areaId
      ]!;
      expect(cell.value).not.toBeNull();
      return { ...h, text: cellText(cell, h.indicator, "de", loose.rule, { synthetic: false }) };
    });

    const again = await report({ period: "2018", version: m.dataVersion, audience: "public" });
    expect(again.results.rule.minCount).toBe(5);
    const text = pdfText(await renderReportPdf(again, de, { compress: false }));
    const html = reportHtml(again);
    expect(html).toContain("Königsborn");
    expect(html).toContain(">24,7<");
    // The check can fail: under the loose rule the same HTML does show the figures.
    const looseHtml = reportHtml(loose);
    for (const s of secrets) {
      // Its hidden figure appears nowhere, neither in the PDF nor in the HTML.
      expect(text, `${indicatorName(s.indicator, de)}: ${s.text}`).not.toContain(s.text);
      const shown = new RegExp(`>${s.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[*<]`);
      expect(html, `${indicatorName(s.indicator, de)}: ${s.text}`).not.toMatch(shown);
      expect(looseHtml).toMatch(shown);
    }
  });
});

describe("the PDF over HTTP", () => {
  let cookie: string;
  beforeAll(async () => {
    const { user } = await createUserWithRole(ctx.services, tenant.id, "coordinator");
    cookie = await sessionCookieFor(ctx.services, tenant.id, user.id);
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    ctx.app.request(`${TEST_BASE_URL}${path}`, { headers });

  it("gives staff the internal PDF and the public the public one", async () => {
    const staff = await get("/api/v1/monitoring/report.pdf?period=2018", { cookie });
    expect(staff.status).toBe(200);
    expect(staff.headers.get("content-type")).toBe("application/pdf");
    expect(staff.headers.get("content-disposition")).toMatch(/integrierter-bericht-2018-datenstand-\d+\.pdf/);
    const body = Buffer.from(await staff.arrayBuffer());
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const pub = await get("/en/monitoring/report.pdf?period=2018");
    expect(pub.status).toBe(200);
    expect(pub.headers.get("content-disposition")).toMatch(/-oeffentlich\.pdf/);
    const latest = await get("/de/monitoring/report.pdf");
    expect(latest.status).toBe(200);
    // The public PDF speaks the reader's language where it runs left to right, else German.
    const tr = pdfText(Buffer.from(await (await get("/tr/monitoring/report.pdf?period=2018")).arrayBuffer()));
    expect(tr).toContain("İçindekiler");
    expect(tr).toContain("Kamuya açık sürüm");
    const ar = pdfText(Buffer.from(await (await get("/ar/monitoring/report.pdf?period=2018")).arrayBuffer()));
    expect(ar).toContain("Inhalt");
    expect(ar).toContain("Öffentliche Fassung");
    // Staff get the council's German whatever their interface language.
    const en = await get("/api/v1/monitoring/report.pdf?period=2018&lang=en", {
      cookie,
      "accept-language": "en",
    });
    expect(pdfText(Buffer.from(await en.arrayBuffer()))).toContain("Interne Fassung");
  });

  it("answers bad input with 4xx problems, never 500", async () => {
    expect((await get("/api/v1/monitoring/report.pdf?period=2018")).status).toBe(401);
    const unknown = await get("/api/v1/monitoring/report.pdf?period=1999", { cookie });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe("monitoring_period_unpublished");
    const version = await get("/api/v1/monitoring/report.pdf?period=2018&version=777777", { cookie });
    expect(version.status).toBe(404);
    expect((await version.json()).code).toBe("monitoring_version_unknown");
    for (const q of ["period=18", "period=abcd", "version=-1", "version=x", "audience=secret"]) {
      const res = await get(`/api/v1/monitoring/report.pdf?${q}`, { cookie });
      expect(res.status, q).toBe(422);
    }
    for (const q of ["period=20188", "version=0", "period=2018&version=1.5"]) {
      const res = await get(`/de/monitoring/report.pdf?${q}`);
      expect(res.status, q).toBe(422);
    }
    expect((await get("/de/monitoring/report.pdf?period=1999")).status).toBe(404);
    expect((await get("/xx/monitoring/report.pdf?period=2018")).status).toBe(404);
  });
});

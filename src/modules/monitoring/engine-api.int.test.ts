import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  areas,
  caseNeeds,
  casePhaseChanges,
  casePhaseDefinitions,
  cases,
  households,
  referrals,
} from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { monitoringElements, monitoringIndicators, monitoringPeriods, monitoringValues } from "./schema.ts";
import type { PeriodResults } from "./types.ts";
import { createRelease } from "./values-repo.ts";

/**
 * The engine's HTTP API (releases, results, series, index) and Lotse's own figures, on a
 * tenant seeded with the Unna demo (clock: 2 March 2026).
 */

let ctx: DemoContext;
let tenantId: string;
const cookies: Partial<Record<Role, string>> = {};
const principals: Partial<Record<Role, Principal>> = {};
const areaId: Record<string, string> = {};

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      "accept-language": "de",
      origin: TEST_BASE_URL,
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
  });

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  for (const role of ["analyst", "coordinator", "case_worker", "board_member"] as const) {
    const { user } = await createUserWithRole(ctx.services, tenantId, role);
    cookies[role] = await sessionCookieFor(ctx.services, tenantId, user.id);
    principals[role] = {
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role, scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
  }
  for (const a of await ctx.handle.db
    .select({ id: areas.id, code: areas.code })
    .from(areas)
    .where(eq(areas.tenantId, tenantId)))
    areaId[a.code] = a.id;
});
afterAll(() => ctx.close());

describe("monitoring API", () => {
  it("serves the results of a published period, with Unna's figures and suppressed cells marked", async () => {
    const res = await api("/monitoring/results?period=2018", { cookie: cookies.analyst });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PeriodResults;
    expect(body.period).toBe("2018");
    expect(body.areas).toHaveLength(5);
    const oldAge = body.indicators.find((i) => i.indicator.code === "old_age_ratio_unna")!;
    expect(Math.round(oldAge.byArea[areaId["unna-mitte"]!]!.value!)).toBe(182);
    expect(oldAge.indicator.labelKey).toBe("monitoring_catalog.indicator_old_age_ratio_unna");
    // Nothing hidden carries a number, in any indicator, area, change or the city.
    for (const ind of body.indicators)
      for (const cell of [...Object.values(ind.byArea), ...Object.values(ind.change), ind.city])
        if (cell.suppressed !== null) expect(cell.value).toBeNull();
    expect(body.rule.minCount).toBe(5);
  });

  it("serves releases, a series and the status index", async () => {
    const releases = await api("/monitoring/releases", { cookie: cookies.board_member });
    expect(releases.status).toBe(200);
    const { items } = (await releases.json()) as { items: { number: number; period: string }[] };
    expect(items.map((r) => r.period)).toContain("2018");

    const series = await api("/monitoring/series?indicator=sozialgeld_u15_share&level=social_area", {
      cookie: cookies.coordinator,
    });
    expect(series.status).toBe(200);
    const s = (await series.json()) as { periods: string[]; city: { value: number | null }[] };
    expect(s.periods).toContain("2018");
    expect(Number(s.city[s.periods.indexOf("2018")]!.value!.toFixed(1))).toBe(15.7);

    const index = await api("/monitoring/index?period=2019", { cookie: cookies.analyst });
    expect(index.status).toBe(200);
    const ix = (await index.json()) as { areas: { statusClass: string | null }[] };
    expect(ix.areas).toHaveLength(5);
    expect(ix.areas.every((a) => a.statusClass !== null)).toBe(true);
  });

  it("answers bad input with field errors, and unknown periods and versions with 404", async () => {
    for (const q of ["period=20x8", "period=1800", "period=2999"]) {
      const res = await api(`/monitoring/results?${q}`, { cookie: cookies.analyst });
      expect(res.status, q).toBe(422);
      const problem = (await res.json()) as { errors: { field: string; code: string; message: string }[] };
      expect(problem.errors[0]).toMatchObject({ field: "period", code: "period_out_of_range" });
      expect(problem.errors[0]!.message).toContain("1950");
    }
    const missing = await api("/monitoring/results", { cookie: cookies.analyst });
    expect(missing.status).toBe(422);
    for (const q of ["period=2018&version=0", "period=2018&version=abc", "period=2018&level=planet"]) {
      const res = await api(`/monitoring/results?${q}`, { cookie: cookies.analyst });
      expect(res.status, q).toBe(422);
    }
    expect((await api("/monitoring/results?period=1990", { cookie: cookies.analyst })).status).toBe(404);
    expect(
      (await api("/monitoring/results?period=2018&version=99999", { cookie: cookies.analyst })).status,
    ).toBe(404);
    expect(
      (await api("/monitoring/series?indicator=no_such_indicator", { cookie: cookies.analyst })).status,
    ).toBe(404);
    expect((await api("/monitoring/index?period=2010", { cookie: cookies.analyst })).status).toBe(404);
  });

  it("compares each year with what the previous year published, never with a recomputation", async () => {
    const get = async (period: string) =>
      (await (
        await api(`/monitoring/results?period=${period}`, { cookie: cookies.analyst })
      ).json()) as PeriodResults;
    const [before, now] = [await get("2020"), await get("2021")];
    expect(now.previousPeriod).toBe("2020");
    let hiddenBefore = 0;
    for (const ind of now.indicators) {
      const prev = before.indicators.find((i) => i.indicator.code === ind.indicator.code)!;
      for (const a of now.areas) {
        const p = prev.byArea[a.id]!;
        const c = ind.change[a.id]!;
        if (p.suppressed) {
          hiddenBefore++;
          expect(c.value, `${ind.indicator.code} ${a.name}`).toBeNull();
        } else if (p.value !== null && ind.byArea[a.id]!.value !== null) {
          expect(c.value).toBeCloseTo(ind.byArea[a.id]!.value! - p.value, 9);
        }
      }
    }
    expect(hiddenBefore).toBeGreaterThan(0);
  });

  it("is for monitoring.view only", async () => {
    expect((await api("/monitoring/results?period=2018")).status).toBe(401);
    expect((await api("/monitoring/results?period=2018", { cookie: cookies.case_worker })).status).toBe(403);
    expect((await api("/monitoring/releases", { cookie: cookies.case_worker })).status).toBe(403);
  });
});

describe("Lotse's own figures", () => {
  const day = (s: string) => s;
  const at = (s: string) => new Date(`${s}T12:00:00Z`);

  async function household(code: string | null) {
    const id = randomUUID();
    await ctx.handle.db
      .insert(households)
      .values({ tenantId, id, label: "Haushalt", areaId: code ? areaId[code]! : null });
    return id;
  }
  async function openCase(
    householdId: string,
    phaseKey: string,
    openedOn: string,
    closedOn: string | null = null,
  ) {
    const id = randomUUID();
    await ctx.handle.db.insert(cases).values({
      tenantId,
      id,
      reference: `T-${id.slice(0, 8)}`,
      householdId,
      // As case work's repository writes it: the case keeps its household's area (decision 107).
      areaId: sql`(select area_id from households where id = ${householdId})`,
      phaseKey,
      openedOn: day(openedOn),
      status: closedOn ? "closed" : "open",
      closedOn,
    });
    return id;
  }

  beforeAll(async () => {
    const db = ctx.handle.db;
    // The demo's own open cases (survey demo) would add to the counts this block constructs.
    await db.delete(cases).where(eq(cases.tenantId, tenantId));
    await db
      .insert(casePhaseDefinitions)
      .values(
        ["ankommen", "orientierung", "eingewoehnung", "integration", "abloesung"].map((key, sort) => ({
          tenantId,
          key,
          sort,
          label: key[0]!.toUpperCase() + key.slice(1),
        })),
      )
      .onConflictDoNothing();
    // Unna-Mitte: six cases opened this year in "ankommen"; one since 2024, now "integration"
    // (it was "orientierung" until 15 January 2026); one opened in 2025 and closed in January 2026.
    const mitte: string[] = [];
    for (let i = 0; i < 6; i++)
      mitte.push(await openCase(await household("unna-mitte"), "ankommen", "2026-01-05"));
    const longRunning = await openCase(await household("unna-mitte"), "integration", "2024-05-01");
    await db.insert(casePhaseChanges).values({
      tenantId,
      caseId: longRunning,
      fromPhase: "orientierung",
      toPhase: "integration",
      changedOn: "2026-01-15",
    });
    await openCase(await household("unna-mitte"), "ankommen", "2025-03-01", "2026-01-10");
    // Massen: two cases opened in 2025, "ankommen" → "integration" on 1 September 2025.
    for (let i = 0; i < 2; i++) {
      const id = await openCase(await household("unna-massen"), "integration", "2025-06-01");
      await db.insert(casePhaseChanges).values({
        tenantId,
        caseId: id,
        fromPhase: "ankommen",
        toPhase: "integration",
        changedOn: "2025-09-01",
      });
    }
    // A household without an address in an area.
    await openCase(await household(null), "ankommen", "2026-01-02");

    const need = (
      caseId: string,
      domain: "housing" | "language" | "health",
      status: string,
      created: string,
      updated = created,
    ) =>
      db.insert(caseNeeds).values({
        tenantId,
        caseId,
        domain,
        status: status as "identified",
        createdAt: at(created),
        updatedAt: at(updated),
      });
    await need(mitte[0]!, "housing", "identified", "2026-01-06");
    await need(mitte[1]!, "housing", "in_progress", "2026-01-06");
    await need(mitte[2]!, "language", "met", "2026-01-06");
    // Open at the end of 2025, met since February 2026.
    await need(longRunning, "health", "met", "2025-06-01", "2026-02-01");

    const referral = (caseId: string, status: string, created: string) =>
      db.insert(referrals).values({
        tenantId,
        caseId,
        personId: randomUUID(),
        kind: "language_course",
        targetType: "offer",
        targetId: randomUUID(),
        sharedEnc: "x",
        status: status as "sent",
        createdAt: at(created),
      });
    for (let i = 0; i < 3; i++) await referral(mitte[i]!, "sent", "2026-02-01");
    await referral(mitte[3]!, "completed", "2026-01-20");
    await referral(longRunning, "accepted", "2025-07-01");
  });

  async function valuesOf(period: string, code: string) {
    const rows = await ctx.handle.db
      .select({
        areaId: monitoringValues.areaId,
        breakdown: monitoringValues.breakdown,
        value: monitoringValues.value,
        origin: monitoringValues.origin,
      })
      .from(monitoringValues)
      .innerJoin(
        monitoringElements,
        and(
          eq(monitoringElements.tenantId, monitoringValues.tenantId),
          eq(monitoringElements.id, monitoringValues.elementId),
        ),
      )
      .where(
        and(
          eq(monitoringValues.tenantId, tenantId),
          eq(monitoringValues.period, period),
          eq(monitoringElements.code, code),
        ),
      );
    for (const r of rows) expect(r.origin).toBe("lotse");
    return (area: string, breakdown = "") =>
      rows.find((r) => r.areaId === areaId[area] && r.breakdown === breakdown)?.value;
  }

  it("counts open cases by phase, open needs and referrals per social area, now", async () => {
    const r = await ctx.services.monitoring.refreshLotseFigures(principals.analyst!, tenantId, "2026");
    expect(r).toMatchObject({ level: "social_area", areas: 5, unassigned: 1 });
    expect(r.values).toBeGreaterThan(0);

    const open = await valuesOf("2026", "lotse_open_cases");
    expect(open("unna-mitte")).toBe(7);
    expect(open("unna-mitte", "category:ankommen")).toBe(6);
    expect(open("unna-mitte", "category:integration")).toBe(1);
    expect(open("unna-mitte", "category:orientierung")).toBe(0);
    expect(open("unna-massen", "category:integration")).toBe(2);
    expect(open("unna-koenigsborn")).toBe(0);
    const needs = await valuesOf("2026", "lotse_open_needs");
    expect(needs("unna-mitte")).toBe(2);
    expect(needs("unna-mitte", "category:housing")).toBe(2);
    expect(needs("unna-mitte", "category:language")).toBe(0);
    const refs = await valuesOf("2026", "lotse_referrals");
    expect(refs("unna-mitte")).toBe(4);
    expect(refs("unna-mitte", "category:sent")).toBe(3);
    expect(refs("unna-mitte", "category:accepted")).toBe(0);

    // The tenant's phases became options of the element, with one internal indicator each.
    const [element] = await ctx.handle.db
      .select({ dimensions: monitoringElements.dimensions })
      .from(monitoringElements)
      .where(and(eq(monitoringElements.tenantId, tenantId), eq(monitoringElements.code, "lotse_open_cases")));
    expect(element!.dimensions.category).toEqual([
      "ankommen",
      "orientierung",
      "eingewoehnung",
      "integration",
      "abloesung",
    ]);
    const [phase] = await ctx.handle.db
      .select()
      .from(monitoringIndicators)
      .where(
        and(
          eq(monitoringIndicators.tenantId, tenantId),
          eq(monitoringIndicators.code, "lotse_open_cases_ankommen"),
        ),
      );
    expect(phase).toMatchObject({ numerator: "lotse_open_cases{category:ankommen}", public: false });

    // Unchanged data: a second run changes nothing.
    expect(
      (await ctx.services.monitoring.refreshLotseFigures(principals.analyst!, tenantId, "2026")).values,
    ).toBe(0);
  });

  it("counts as of the end of a past year: phase history, closed cases, needs closed later", async () => {
    await ctx.services.monitoring.refreshLotseFigures(principals.analyst!, tenantId, "2025");
    const open = await valuesOf("2025", "lotse_open_cases");
    // The long-running case (then "orientierung") and the case closed in January 2026.
    expect(open("unna-mitte")).toBe(2);
    expect(open("unna-mitte", "category:orientierung")).toBe(1);
    expect(open("unna-mitte", "category:ankommen")).toBe(1);
    expect(open("unna-mitte", "category:integration")).toBe(0);
    expect(open("unna-massen", "category:integration")).toBe(2);
    const needs = await valuesOf("2025", "lotse_open_needs");
    expect(needs("unna-mitte", "category:health")).toBe(1);
    expect(needs("unna-mitte", "category:housing")).toBe(0);
    const refs = await valuesOf("2025", "lotse_referrals");
    expect(refs("unna-mitte")).toBe(1);
    expect(refs("unna-mitte", "category:accepted")).toBe(1);
  });

  it("publishes them to staff only after approval, small counts suppressed, never to the public", async () => {
    const now = ctx.clock.now();
    await ctx.handle.db.transaction((tx) => createRelease(tx, tenantId, "2026", null, null, now));
    const r = await ctx.services.monitoring.results(principals.analyst!, tenantId, { period: "2026" });
    const open = r.indicators.find((i) => i.indicator.code === "lotse_open_cases")!;
    expect(open.byArea[areaId["unna-mitte"]!]).toMatchObject({ value: 7, suppressed: null });
    expect(open.byArea[areaId["unna-massen"]!]).toMatchObject({ value: null, suppressed: "primary" });
    // Massen must not follow from the city minus the other areas.
    const hidden = Object.values(open.byArea).filter((c) => c.value === null).length;
    if (open.city.value !== null) expect(hidden).toBeGreaterThanOrEqual(2);
    const ankommen = r.indicators.find((i) => i.indicator.code === "lotse_open_cases_ankommen")!;
    expect(ankommen.byArea[areaId["unna-mitte"]!]!.value).toBe(6);
    // Without population figures for 2026 the rate per 1,000 has no value, and says so.
    const rate = r.indicators.find((i) => i.indicator.code === "lotse_open_cases_rate")!;
    expect(rate.byArea[areaId["unna-mitte"]!]).toMatchObject({ value: null, missing: "no_data" });

    const pub = await ctx.services.monitoring.results(null, tenantId, { period: "2026" });
    expect(pub.indicators.some((i) => i.indicator.code.startsWith("lotse_"))).toBe(false);
  });

  it("reopens an approved period when the figures change, and needs monitoring.data.manage", async () => {
    await ctx.handle.db.insert(cases).values({
      tenantId,
      id: randomUUID(),
      reference: "T-late",
      householdId: await household("unna-sued"),
      areaId: areaId["unna-sued"]!,
      phaseKey: "ankommen",
      openedOn: "2026-03-01",
    });
    const res = await api("/monitoring/lotse-figures", {
      method: "POST",
      cookie: cookies.analyst,
      body: JSON.stringify({ period: "2026" }),
    });
    expect(res.status).toBe(200);
    // Unna-Süd's total and its "ankommen" cell.
    expect(((await res.json()) as { values: number }).values).toBe(2);
    const [period] = await ctx.handle.db
      .select({ status: monitoringPeriods.status })
      .from(monitoringPeriods)
      .where(and(eq(monitoringPeriods.tenantId, tenantId), eq(monitoringPeriods.period, "2026")));
    expect(period!.status).toBe("open");

    const denied = await api("/monitoring/lotse-figures", {
      method: "POST",
      cookie: cookies.coordinator,
      body: JSON.stringify({ period: "2026" }),
    });
    expect(denied.status).toBe(403);
    const future = await api("/monitoring/lotse-figures", {
      method: "POST",
      cookie: cookies.analyst,
      body: JSON.stringify({ period: "2027" }),
    });
    expect(future.status).toBe(422);
  });
});

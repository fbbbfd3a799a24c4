import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { applicationInput } from "./application-contracts.ts";
import { createRequestInput, createVolunteerInput, requestEventInput } from "./contracts.ts";
import { poolSettingsInput } from "./expense-contracts.ts";

/**
 * Decision 099: monthly statements (hours, kilometres, rates, totals; issued once, corrected as
 * a new version; the volunteer sees only their own; PDF and XLSX), the pool's figures through
 * the small-cell rule and into monitoring, and the public application with its erasure.
 * On the demo database in 2024, a year without demo requests.
 */
let ctx: DemoContext;
let tenantId: string;
const who: Record<string, Principal> = {};
let amina: string;
let boris: string;
let area: { id: string; name: string };
const svc = () => ctx.services.volunteers;

async function person(key: string, role: Role) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  who[key] = {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.code === "validation_failed" ? (e.fields?.[0]?.code ?? e.code) : e.code;
  }
}
const step = async (p: Principal, id: string, body: Record<string, unknown>) => {
  const current = await svc().getRequest(who.coordinator!, id);
  return svc().applyEvent(p, id, parseInput(requestEventInput, { ...body, version: current.version }));
};
const book = async (over: Record<string, unknown>) =>
  (
    await svc().createRequest(
      who.coordinator!,
      parseInput(createRequestInput, {
        institutionName: "Kita Sonnenschein",
        contactName: "Frau Berg",
        contactEmail: "kita@example.org",
        mode: "on_site",
        setting: "family",
        topic: "Elterngespräch",
        durationMinutes: 45,
        ...over,
      }),
    )
  ).request.id;
/** Runs the due jobs (mail deliveries queue up too) until none is left. */
async function drain() {
  for (let i = 0; i < 20; i++) if ((await ctx.services.jobs.runDue({ limit: 100 })).claimed === 0) return;
}
/** The whole outbox: the demo's own mails are newer than this test's (its clock is in 2024). */
async function mails() {
  const admin = {
    ...who.coordinator!,
    grants: [{ role: "admin" as const, scopeType: "tenant" as const, scopeId: null }],
  };
  const all = [];
  for (let offset = 0; ; offset += 200) {
    const { items } = await ctx.services.mail.list(admin, { limit: 200, offset });
    all.push(...items);
    if (items.length < 200) return all;
  }
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
  await person("coordinator", "volunteer_coordinator");
  await person("amina", "volunteer");
  await person("boris", "volunteer");
  who.analyst = { ...who.coordinator!, grants: [{ role: "analyst", scopeType: "tenant", scopeId: null }] };
  // 2024 holds no demo request: publishing it first tells monitoring's level and its areas.
  const level = (await svc().publishFigures(who.analyst, 2024)).level;
  const a = (await ctx.services.areas.tree(tenantId)).find((x) => x.level === level)!;
  area = { id: a.id, name: a.name };
  ctx.clock.set(new Date("2024-05-06T08:00:00Z"));
  const base = {
    status: "active",
    areas: [area.name],
    modes: ["on_site", "phone"],
    settings: ["family", "health"],
    certificates: [
      { kind: "training", issuedOn: "2023-05-10", validUntil: null },
      { kind: "confidentiality_pledge", issuedOn: "2023-05-10", validUntil: null },
    ],
    availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: 8 * 60, to: 18 * 60 })),
    absences: [],
  };
  const create = async (name: string, userKey: string, email: string, ui: string, code: string) =>
    (
      await svc().create(
        who.coordinator!,
        parseInput(createVolunteerInput, {
          ...base,
          name,
          email,
          uiLanguage: ui,
          userId: who[userKey]!.userId,
          languages: [{ code, level: "native", oral: true, written: true }],
        }),
      )
    ).id;
  amina = await create("Amina Warsame", "amina", "amina@example.org", "tr", "so");
  boris = await create("Boris Iwanow", "boris", "boris@example.org", "de", "ar");

  // Five Somali conversations on site for Amina, one Arabic call for Boris, one Tigrinya request
  // nobody serves. Whit Monday (20 May) and Ascension Day (9 May) do not count as working days.
  const somali = [];
  for (const hour of [9, 10, 11, 12, 13])
    somali.push(
      await book({
        language: "so",
        area: area.name,
        date: "2024-05-21",
        startTime: `${String(hour).padStart(2, "0")}:00`,
      }),
    );
  const arabic = await book({
    language: "ar",
    mode: "phone",
    setting: "health",
    date: "2024-05-22",
    startTime: "10:00",
  });
  await book({ language: "ti", area: area.name, date: "2024-05-23", startTime: "10:00" });
  for (const [id, v, key] of [
    ...somali.map((id) => [id, amina, "amina"] as const),
    [arabic, boris, "boris"] as const,
  ]) {
    await step(who.coordinator!, id, { type: "offer", volunteerId: v });
    await step(who[key]!, id, { type: "accept" });
    await step(who.coordinator!, id, { type: "confirm" });
  }
  ctx.clock.set(new Date("2024-05-24T15:00:00Z"));
  await step(who.coordinator!, somali[0]!, { type: "hold", minutes: 60, kilometres: 12 });
  for (const id of somali.slice(1)) await step(who.coordinator!, id, { type: "hold", minutes: 45 });
  await step(who.coordinator!, arabic, { type: "hold", minutes: 60, kilometres: 0 });
}, 600_000);
afterAll(() => ctx.close());

describe("monthly statements", () => {
  it("issues one statement per volunteer in a job: hours, kilometres, rates, total; a month not over is refused", async () => {
    expect(await codeOf(svc().runStatements(who.coordinator!, { period: "2024-05" }))).toBe(
      "volunteers_statement_month_open",
    );
    expect(await codeOf(svc().runStatements(who.amina!, { period: "2024-04" }))).toBe("forbidden");
    ctx.clock.set(new Date("2024-06-03T08:00:00Z"));
    expect((await svc().runStatements(who.coordinator!, { period: "2024-05" })).queued).toBe(true);
    await drain();
    const list = await svc().listStatements(who.coordinator!, "2024-05");
    const a = list.find((s) => s.volunteerId === amina)!;
    // 60 + 4 × 45 minutes = 4 h at 15 €, 12 km at 0,30 €.
    expect(a).toMatchObject({
      seq: 1,
      minutes: 240,
      km: 12,
      hoursCents: 6000,
      kmCents: 360,
      totalCents: 6360,
    });
    expect(a.lines).toHaveLength(5);
    expect(list.find((s) => s.volunteerId === boris)).toMatchObject({ minutes: 60, km: 0, totalCents: 1500 });
    // Amina reads her mail in Turkish.
    const hers = (await mails()).filter((m) => m.to === "amina@example.org");
    expect(hers.some((m) => m.subject.includes("2024-05 hesap dökümünüz"))).toBe(true);
  });

  it("never changes an issued statement: a second run adds nothing, new rates make a version naming the old", async () => {
    const before = await svc().listStatements(who.coordinator!, "2024-05");
    await svc().runStatements(who.coordinator!, { period: "2024-05" });
    await drain();
    expect(await svc().listStatements(who.coordinator!, "2024-05")).toEqual(before);

    const settings = await svc().getSettings(who.coordinator!);
    await svc().updateSettings(
      who.coordinator!,
      parseInput(poolSettingsInput, {
        version: settings.version,
        holidayState: settings.holidayState,
        allowanceCents: settings.allowanceCents,
        hourlyRateCents: "16,00",
      }),
    );
    ctx.clock.set(new Date("2024-06-04T08:00:00Z"));
    await svc().runStatements(who.coordinator!, { period: "2024-05" });
    await drain();
    const after = await svc().listStatements(who.coordinator!, "2024-05");
    const first = before.find((s) => s.volunteerId === amina)!;
    const second = after.find((s) => s.volunteerId === amina && s.seq === 2)!;
    expect(second).toMatchObject({ replacesId: first.id, hourlyRateCents: 1600, totalCents: 6400 + 360 });
    // The first version is still there exactly as issued.
    expect(after.find((s) => s.id === first.id)).toEqual(first);
    expect(after).toHaveLength(4);
  });

  it("shows a volunteer only their own statements, as a tagged PDF; the finance office gets one row each", async () => {
    const mine = await svc().myStatements(who.amina!);
    expect(mine.map((s) => s.volunteerId)).toEqual([amina, amina]);
    const borisOwn = (await svc().myStatements(who.boris!))[0]!;
    expect(await codeOf(svc().statementPdf(who.amina!, borisOwn.id))).toBe("not_found");
    const { pdf } = await svc().statementPdf(who.amina!, mine[0]!.id);
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.7")).toBe(true);
    expect(text).toContain("/StructTreeRoot");
    expect(text).toContain("(tr-TR)");
    // The coordinator reads any; each download is an audited read.
    await svc().statementPdf(who.coordinator!, borisOwn.id);
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityType: "volunteer_statement", entityId: borisOwn.id },
      { limit: 10, offset: 0 },
    );
    expect(reads.filter((r) => r.action === "read")).toHaveLength(1);

    expect(await codeOf(svc().statementsXlsx(who.amina!, "2024-05"))).toBe("forbidden");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await svc().statementsXlsx(who.coordinator!, "2024-05")).buffer);
    const ws = wb.worksheets[0]!;
    // Header, Amina (newest version), Boris, the sum row.
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(2).getCell(1).value).toBe("Amina Warsame");
    expect(ws.getRow(2).getCell(3).value).toBe(2);
    expect(ws.getRow(4).getCell(11).value).toBe(67.6 + 16);
  });
});

describe("pool figures", () => {
  it("hides small cells and sends counts to monitoring, shown after approval through the small-cell rule", async () => {
    const f = await svc().figures(who.coordinator!, 2024);
    const cell = (language: string) => f.requests.find((r) => r.language === language)!;
    expect(cell("so").served).toEqual({ value: 5, suppressed: null });
    // One Arabic call, one unserved Tigrinya request: below five, hidden.
    expect(cell("ar").served.value).toBeNull();
    expect(cell("ti").unserved.value).toBeNull();
    expect(cell("ti").unserved.suppressed).toBe("primary");
    // One mediator's hours are hers alone: hidden.
    expect(f.hours.find((h) => h.language === "so")!.hours.value).toBeNull();

    expect(await codeOf(svc().publishFigures(who.coordinator!, 2024))).toBe("forbidden");
    const published = await svc().publishFigures(who.analyst!, 2024);
    expect(published.values).toBeGreaterThan(0);
    // The phone call has no place: unassigned.
    expect(published.unassigned).toBeGreaterThan(0);
    const period = (await ctx.services.monitoringData.listPeriods(who.analyst!, tenantId)).find(
      (p) => p.period === "2024",
    )!;
    await ctx.services.monitoringData.approve(who.analyst!, tenantId, "2024", period.version, null);
    const results = await ctx.services.monitoring.results(who.analyst!, tenantId, { period: "2024" });
    const ind = (code: string) => results.indicators.find((i) => i.indicator.code === code)!;
    expect(ind("volunteer_requests_served").byArea[area.id]!.value).toBe(5);
    expect(ind("volunteer_requests_unserved").byArea[area.id]!.value).toBeNull();
    const pub = await ctx.services.monitoring.results(null, tenantId, { period: "2024" });
    expect(pub.indicators.some((i) => i.indicator.code.startsWith("volunteer_"))).toBe(false);
  });
});

describe("public application", () => {
  const form = (over: Record<string, unknown> = {}) => ({
    name: "Selin Kaya",
    email: "selin@example.org",
    languages: [
      { code: "tr", level: "native" },
      { code: "de", level: "C1", written: true },
    ],
    weekdays: [2, 4],
    from: "14:00",
    to: "18:00",
    areas: ["Kamen"],
    modes: ["on_site", "video"],
    adult: "on",
    german: "on",
    training: "on",
    consent: "on",
    ...over,
  });
  const apply = (input: Record<string, unknown>, ip = "203.0.113.9") =>
    svc().apply(tenantId, parseInput(applicationInput, input), { language: "tr", clientIp: ip });

  it("asks each rule and the consent per field, drops the honeypot, lands as an applicant with a receipt", async () => {
    const bad = (() => {
      try {
        parseInput(applicationInput, form({ adult: "", consent: "", languages: [] }));
      } catch (e) {
        if (isAppError(e)) return e.fields?.map((f) => `${f.field}:${f.code}`);
      }
    })();
    expect(bad).toEqual(
      expect.arrayContaining([
        "adult:volunteers_application_rule",
        "consent:volunteers_application_consent",
        "languages:volunteers_application_language",
      ]),
    );
    const before = (await svc().list(who.coordinator!)).length;
    await apply(form({ website: "http://spam.example" }));
    expect((await svc().list(who.coordinator!)).length).toBe(before);

    await apply(form());
    const selin = (await svc().list(who.coordinator!)).find((v) => v.name === "Selin Kaya")!;
    expect(selin).toMatchObject({ status: "applicant", languages: ["tr", "de"] });
    expect(selin.appliedAt).not.toBeNull();
    const profile = await svc().get(who.coordinator!, selin.id);
    expect(profile.availability).toEqual([
      { weekday: 2, from: 840, to: 1080 },
      { weekday: 4, from: 840, to: 1080 },
    ]);
    expect(profile.certificates).toEqual([]);
    const receipt = (await mails()).find((m) => m.to === "selin@example.org")!;
    expect(receipt.subject).toBe("Dil aracılığı havuzuna başvurunuz");
  });

  it("takes at most five applications an hour from one address", async () => {
    for (let i = 0; i < 4; i++) await apply(form({ email: `x${i}@example.org`, name: `Bewerber ${i}` }));
    expect(await codeOf(apply(form({ email: "x9@example.org" })))).toBe("too_many_requests");
    expect(await codeOf(apply(form({ email: "y@example.org" }), "198.51.100.7"))).toBe("ok");
  });

  it("erases an applicant on decline at once, and one nobody took on after a year", async () => {
    const pool = await svc().list(who.coordinator!);
    const selin = pool.find((v) => v.name === "Selin Kaya")!;
    // The page's form and the API go through one schema: a malformed id is a field error, not a 500.
    expect(await codeOf(svc().declineApplication(who.coordinator!, { id: "not-an-id" }))).toBe(
      "invalid_format",
    );
    expect(await codeOf(svc().declineApplication(who.coordinator!, { id: amina }))).toBe(
      "volunteers_not_applicant",
    );
    // Declining through the API (decision 100): only the coordinator; the applicant is erased.
    const decline = (cookie: string, id: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/volunteer-applications/${id}/decline`, {
        method: "POST",
        headers: { origin: TEST_BASE_URL, cookie },
      });
    const aminaCookie = await sessionCookieFor(ctx.services, tenantId, who.amina!.userId);
    expect((await decline(aminaCookie, selin.id)).status).toBe(403);
    const coordinatorCookie = await sessionCookieFor(ctx.services, tenantId, who.coordinator!.userId);
    const res = await decline(coordinatorCookie, selin.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      requestsUnlinked: 0,
      tandemsUnlinked: 0,
      claimsUnlinked: 0,
      statementsUnlinked: 0,
    });
    expect(await codeOf(svc().get(who.coordinator!, selin.id))).toBe("not_found");
    expect((await decline(coordinatorCookie, selin.id)).status).toBe(404);
    expect((await decline(coordinatorCookie, "not-an-id")).status).toBe(422);
    const audited = await ctx.services.audit.list(
      tenantId,
      { entityType: "volunteer", entityId: selin.id },
      { limit: 10, offset: 0 },
    );
    expect(audited.map((a) => a.action)).toContain("application_declined");
    const stale = pool.find((v) => v.name === "Bewerber 0")!;
    ctx.clock.set(new Date("2025-06-10T08:00:00Z"));
    const counts = await svc().daily.retention(tenantId);
    expect(counts.volunteersDeleted).toBeGreaterThanOrEqual(1);
    expect(counts.applicationKeysCleared).toBeGreaterThanOrEqual(0);
    expect(await codeOf(svc().get(who.coordinator!, stale.id))).toBe("not_found");
  });

  it("erasing a volunteer keeps their statements as accounting records without the profile", async () => {
    const counts = await svc().erase(who.coordinator!, boris);
    expect(counts.statementsUnlinked).toBe(2);
    const left = (await svc().listStatements(who.coordinator!, "2024-05")).filter(
      (s) => s.volunteerName === "Boris Iwanow",
    );
    expect(left.map((s) => s.volunteerId)).toEqual([null, null]);
  });
});

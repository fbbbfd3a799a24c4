import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { ReportInput } from "./contracts.ts";

let ctx: TestContext;
let tenantId: string;
let areaW: string;
let areaE: string;
let contactPoint: Principal;
let colleague: Principal;
let postToken: string;

const rect = (w: number, e: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [w, 0],
      [e, 0],
      [e, 5],
      [w, 5],
      [w, 0],
    ],
  ],
});

async function principalWith(role: Role, displayName?: string): Promise<Principal> {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, displayName ? { displayName } : {});
  return {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
}

const report = (over: Partial<ReportInput> = {}): ReportInput => ({
  areaId: areaW,
  place: "Gemeindezentrum",
  kind: "religious_site",
  urgency: "normal",
  parties: ["Gemeinde A", "Anwohner B"],
  description: "Streit um die Nutzung des Gebetsraums, Lärm am Abend",
  tried: "Gespräch mit dem Vorstand",
  protectedDetails: null,
  reporterEmail: null,
  addressChoice: null,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-06T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  await ctx.services.areas.commitImport(
    { kind: "system" },
    tenantId,
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "W", name: "West", level: "social_area" },
          geometry: rect(0, 5),
        },
        {
          type: "Feature",
          properties: { code: "E", name: "Ost", level: "social_area" },
          geometry: rect(5, 9),
        },
      ],
    }),
  );
  const areas = await ctx.services.areas.list(tenantId);
  areaW = areas.find((a) => a.code === "W")!.id;
  areaE = areas.find((a) => a.code === "E")!.id;
  contactPoint = await principalWith("coordinator", "Anlaufstelle Eins");
  colleague = await principalWith("coordinator", "Anlaufstelle Zwei");
  const post = await ctx.services.conflicts.createPost(contactPoint, {
    name: "Ortsvorsteher Massen",
    kind: "local_mayor",
    areaId: areaW,
    email: "ortsvorsteher@example.org",
    language: "tr",
  });
  postToken = post.reportToken;
});
afterAll(() => ctx.close());

describe("reporting", () => {
  it("a fire-alarm post reports through its link; the acknowledgement mail carries a status link without notes", async () => {
    const r = await ctx.services.conflicts.report(
      { kind: "post", tenantId, token: postToken, language: "tr" },
      report(),
    );
    expect(r.reference).toMatch(/^K-[A-Z2-9]{6}$/);
    const admin = await principalWith("admin");
    const mails = await ctx.services.mail.list(admin, { limit: 10, offset: 0 });
    const ack = mails.items.find((m) => m.to === "ortsvorsteher@example.org");
    expect(ack?.subject).toContain(r.reference);
    const status = await ctx.services.conflicts.status(tenantId, r.statusToken);
    expect(status).toEqual({
      reference: r.reference,
      kind: "religious_site",
      state: "reported",
      outcome: null,
      reportedAt: "2026-03-06T09:00:00.000Z",
      firstContactAt: null,
    });
    expect(await ctx.services.conflicts.status(tenantId, "not-a-token")).toBeNull();
  });

  it("an unknown link, an unknown area and a private address in the text are refused with a clear field", async () => {
    await expect(
      ctx.services.conflicts.report({ kind: "post", tenantId, token: "nope", language: "de" }, report()),
    ).rejects.toMatchObject({ code: "invalid_token" });
    await expect(
      ctx.services.conflicts.report(
        { kind: "staff", principal: contactPoint },
        report({ areaId: "00000000-0000-7000-8000-00000000000a" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "areaId", code: "conflict_unknown_area" }] });
    const withAddress = report({ description: "Lärm aus der Hansastraße 12a jede Nacht" });
    await expect(
      ctx.services.conflicts.report({ kind: "staff", principal: contactPoint }, withAddress),
    ).rejects.toMatchObject({ fields: [{ field: "description", code: "conflict_address_in_text" }] });
    const moved = await ctx.services.conflicts.report(
      { kind: "staff", principal: contactPoint },
      { ...withAddress, addressChoice: "move", protectedDetails: "Anrufer: Herr K." },
    );
    const view = await ctx.services.conflicts.get(contactPoint, moved.id);
    expect(view.description).toBe("Lärm aus der […] jede Nacht");
    expect(view.protectedDetails).toBe("Anrufer: Herr K.\nHansastraße 12a");
    expect(view.channel).toBe("phone");
  });
});

describe("need-to-know and audited reads", () => {
  it("only the contact point reads a conflict; each read is audited once, naming what it showed", async () => {
    const r = await ctx.services.conflicts.report({ kind: "staff", principal: contactPoint }, report());
    for (const role of ["case_worker", "analyst", "board_member", "partner_staff", "admin"] as const) {
      const p = await principalWith(role);
      await expect(ctx.services.conflicts.get(p, r.id)).rejects.toMatchObject({ code: "forbidden" });
    }
    await ctx.services.conflicts.addLog(contactPoint, r.id, {
      kind: "note",
      text: "Vorstand erreicht",
      happenedOn: null,
      reviewOn: null,
      mediatorUserId: null,
      mediatorVolunteerId: null,
    });
    await ctx.services.conflicts.get(contactPoint, r.id, "req-1");
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: r.id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorUserId).toBe(contactPoint.userId);
    expect(JSON.stringify(reads[0]!.changes)).toContain("logIds");
    // The audit entry of the report holds no content.
    const created = await ctx.services.audit.list(
      tenantId,
      { entityId: r.id, action: "create" },
      { limit: 5, offset: 0 },
    );
    expect(JSON.stringify(created)).not.toContain("Gebetsraum");
  });

  it("over HTTP: a case worker gets 403 on the queue, the contact point 200", async () => {
    const cw = await createUserWithRole(ctx.services, tenantId, "case_worker");
    const cwCookie = await sessionCookieFor(ctx.services, tenantId, cw.user.id);
    const cpCookie = await sessionCookieFor(ctx.services, tenantId, contactPoint.userId);
    const get = (cookie: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts`, { headers: { cookie } });
    expect((await get(cwCookie)).status).toBe(403);
    const ok = await get(cpCookie);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });
});

describe("the contact point's work", () => {
  it("triage, two handlers taking at once, local handling, mediation, agreement, closing", async () => {
    const r = await ctx.services.conflicts.report({ kind: "staff", principal: contactPoint }, report());
    let c = await ctx.services.conflicts.get(contactPoint, r.id);
    await expect(
      ctx.services.conflicts.triage(contactPoint, r.id, {
        version: c.version,
        severity: "high",
        urgency: "urgent",
        handlerUserId: (await principalWith("analyst")).userId,
      }),
    ).rejects.toMatchObject({ fields: [{ field: "handlerUserId", code: "conflict_not_a_handler" }] });
    const triaged = await ctx.services.conflicts.triage(contactPoint, r.id, {
      version: c.version,
      severity: "high",
      urgency: "urgent",
      handlerUserId: contactPoint.userId,
    });
    expect(triaged.state).toBe("triaged");
    // Urgent: 4 clock hours for a religious site.
    expect(triaged.dueAt.toISOString()).toBe("2026-03-06T13:00:00.000Z");
    // Both read version N; the first take wins, the second is told.
    await ctx.services.conflicts.take(colleague, r.id, triaged.version);
    await expect(ctx.services.conflicts.take(contactPoint, r.id, triaged.version)).rejects.toMatchObject({
      code: "version_conflict",
      status: 409,
    });
    c = await ctx.services.conflicts.get(contactPoint, r.id);
    expect(c.handlerName).toBe("Anlaufstelle Zwei");
    await ctx.services.conflicts.addLog(colleague, r.id, {
      kind: "contact",
      text: "Telefonat mit Gemeinde A",
      happenedOn: null,
      reviewOn: null,
      mediatorUserId: null,
      mediatorVolunteerId: null,
    });
    let v = (
      await ctx.services.conflicts.transition(colleague, r.id, { version: c.version, to: "local_handling" })
    ).version;
    v = (await ctx.services.conflicts.transition(colleague, r.id, { version: v, to: "mediation" })).version;
    await expect(
      ctx.services.conflicts.transition(colleague, r.id, { version: v, to: "agreement_reached" }),
    ).rejects.toMatchObject({ fields: [{ field: "to", code: "conflict_agreement_missing" }] });
    await expect(
      ctx.services.conflicts.addLog(colleague, r.id, {
        kind: "agreement",
        text: "Gebetszeiten abends bis 21 Uhr",
        happenedOn: "2026-03-20",
        reviewOn: null,
        mediatorUserId: null,
        mediatorVolunteerId: null,
      }),
    ).rejects.toMatchObject({ fields: [{ field: "reviewOn", code: "required" }] });
    await ctx.services.conflicts.addLog(colleague, r.id, {
      kind: "session",
      text: "Erstes Vermittlungsgespräch",
      happenedOn: "2026-03-13",
      reviewOn: null,
      mediatorUserId: contactPoint.userId,
      mediatorVolunteerId: null,
    });
    await ctx.services.conflicts.addLog(colleague, r.id, {
      kind: "agreement",
      text: "Gebetszeiten abends bis 21 Uhr",
      happenedOn: "2026-03-20",
      reviewOn: "2026-06-20",
      mediatorUserId: contactPoint.userId,
      mediatorVolunteerId: null,
    });
    v = (await ctx.services.conflicts.transition(colleague, r.id, { version: v, to: "agreement_reached" }))
      .version;
    await expect(
      ctx.services.conflicts.transition(colleague, r.id, { version: v, to: "closed" }),
    ).rejects.toMatchObject({ fields: [{ field: "outcome", code: "conflict_outcome_required" }] });
    const closed = await ctx.services.conflicts.transition(colleague, r.id, {
      version: v,
      to: "closed",
      outcome: "resolved",
    });
    expect(closed.retentionDueOn).toBe("2029-03-06");
    const view = await ctx.services.conflicts.get(contactPoint, r.id);
    expect(view.firstContactAt).toBe("2026-03-06T09:00:00.000Z");
    expect(view.log.map((l) => l.kind)).toEqual(["contact", "session", "agreement"]);
    expect(view.log[2]).toMatchObject({ reviewOn: "2026-06-20", mediatorName: "Anlaufstelle Eins" });
    const status = await ctx.services.conflicts.status(tenantId, r.statusToken);
    expect(status).toMatchObject({ state: "closed", outcome: "resolved" });
    expect(JSON.stringify(status)).not.toContain("Gebetszeiten");
  });

  it("escalation: the steering group sees pseudonyms, area, kind and reason, never the description", async () => {
    const r = await ctx.services.conflicts.report(
      { kind: "staff", principal: contactPoint },
      report({
        kind: "threat",
        areaId: areaE,
        protectedDetails: "Familie Yilmaz",
        description: "Drohung gegen Familie im Hof",
      }),
    );
    const c = await ctx.services.conflicts.get(contactPoint, r.id);
    await ctx.services.conflicts.escalate(contactPoint, r.id, {
      version: c.version,
      reason: "Gefahr für die Sicherheit, Polizei einbinden",
      bodyId: null,
    });
    const board = await principalWith("board_member");
    const list = await ctx.services.conflicts.escalated(board);
    const item = list.find((e) => e.reference === r.reference)!;
    expect(item).toMatchObject({
      areaName: "Ost",
      kind: "threat",
      parties: ["Gemeinde A", "Anwohner B"],
      reason: "Gefahr für die Sicherheit, Polizei einbinden",
    });
    expect(JSON.stringify(list)).not.toMatch(/Yilmaz|Drohung gegen/);
  });

  it("overdue conflicts reach their handler in the daily digest, references only", async () => {
    ctx.clock.set(new Date("2026-03-16T07:00:00Z"));
    const sent = await ctx.services.conflicts.daily.digest(tenantId);
    expect(sent).toBeGreaterThan(0);
    const admin = await principalWith("admin");
    const mails = await ctx.services.mail.list(admin, { limit: 50, offset: 0 });
    const digest = mails.items.find((m) => m.subject.includes("überfällig"));
    expect(digest).toBeDefined();
    const queue = await ctx.services.conflicts.queue(contactPoint, { overdue: true });
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((q) => q.overdue)).toBe(true);
  });
});

describe("numbers, retention and erasure", () => {
  it("the quarterly table suppresses small cells; analysts see it, never a record", async () => {
    const analyst = await principalWith("analyst");
    const s = await ctx.services.conflicts.statistics(analyst, 2026);
    const west = s.rows.find((r) => r.areaName === "West" && r.kind === "religious_site")!;
    // Four reports in West in Q1: fewer than five, hidden.
    expect(west.quarters[0]).toEqual({ value: null, suppressed: "primary" });
    expect(
      s.rows.every((r) => r.quarters.every((q) => q.value === null || q.value === 0 || q.value >= 5)),
    ).toBe(true);
    expect(s.outcomes.find((o) => o.outcome === "resolved")!.count.suppressed).toBe("primary");
    await expect(ctx.services.conflicts.queue(analyst, {})).rejects.toMatchObject({ code: "forbidden" });
    // The port monitoring takes (decision 080) hands over the same suppressed table, with the
    // year's totals, and no count under the threshold.
    const figures = await ctx.services.conflicts.figures.perAreaKindQuarter(tenantId, 2026);
    const westFig = figures.cells.filter((c) => c.areaId === areaW && c.kind === "religious_site");
    expect(westFig.map((c) => c.quarter)).toEqual([1, 2, 3, 4, null]);
    expect(westFig[0]!.count).toEqual({ value: null, suppressed: "primary" });
    expect(westFig[4]!.count.value === null || westFig[4]!.count.value >= 5).toBe(true);
    expect(
      figures.cells.every((c) => c.count.value === null || c.count.value === 0 || c.count.value >= 5),
    ).toBe(true);
  });

  it("retention deletes closed conflicts after three years with their log; erasure on request too", async () => {
    const closedBefore = (await ctx.services.conflicts.queue(contactPoint, { closed: true })).filter(
      (q) => q.state === "closed",
    );
    expect(closedBefore.length).toBe(1);
    ctx.clock.set(new Date("2029-03-06T10:00:00Z"));
    expect(await ctx.services.conflicts.daily.retention(tenantId)).toBe(1);
    const closedAfter = (await ctx.services.conflicts.queue(contactPoint, { closed: true })).filter(
      (q) => q.state === "closed",
    );
    expect(closedAfter).toEqual([]);
    const entries = await ctx.services.audit.list(
      tenantId,
      { entityId: closedBefore[0]!.id, action: "retention_delete" },
      { limit: 5, offset: 0 },
    );
    expect(entries).toHaveLength(1);

    const open = (await ctx.services.conflicts.queue(contactPoint, {}))[0]!;
    await expect(ctx.services.conflicts.erase(contactPoint, open.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    const dpo = await principalWith("data_protection_officer");
    await ctx.services.conflicts.erase(dpo, open.id);
    await expect(ctx.services.conflicts.get(contactPoint, open.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("duplicate warning (decision 103)", () => {
  it("names open reports of the same area, a similar kind, within a week and at the same place", async () => {
    const at = (day: string) => ({
      kind: "staff" as const,
      principal: contactPoint,
      at: new Date(`${day}T10:00:00Z`),
    });
    const noise = { kind: "noise" as const, place: "Spielplatz Nord", areaId: areaW };
    const first = await ctx.services.conflicts.report(at("2030-05-03"), report(noise));
    const second = await ctx.services.conflicts.report(
      at("2030-05-06"),
      report({ ...noise, kind: "neighbourhood", place: " spielplatz nord" }),
    );
    await ctx.services.conflicts.report(at("2030-05-04"), report({ ...noise, areaId: areaE }));
    await ctx.services.conflicts.report(at("2030-05-05"), report({ ...noise, kind: "school" }));
    await ctx.services.conflicts.report(at("2030-05-20"), report(noise));
    await ctx.services.conflicts.report(at("2030-05-04"), report({ ...noise, place: "Marktplatz" }));
    const refs = async (id: string) =>
      (await ctx.services.conflicts.possibleDuplicates(contactPoint, id)).map((d) => d.reference);
    expect(await refs(second.id)).toEqual([first.reference]);
    expect(await refs(first.id)).toEqual([second.reference]);
    const caseWorker = await principalWith("case_worker");
    await expect(ctx.services.conflicts.possibleDuplicates(caseWorker, first.id)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { createVolunteerInput } from "../volunteers/contracts.ts";

/**
 * The conflict module's links to other modules, through their services.
 * - A party linked to a case of case work (decision 080): only someone who may handle the
 *   conflict AND write the case links them; case work's erasure of the household takes the link
 *   along and its Art. 15 export lists it; the pseudonymised conflict stays.
 * - Mediators from the volunteer pool, and escalations onto a network body's agenda (decision 103).
 */
let ctx: TestContext;
let tenantId: string;
let areaId: string;
let officeId: string;
const who: Record<string, Principal> = {};

async function person(key: string, grants: RoleGrant[]) {
  const { user } = await createUserWithRole(ctx.services, tenantId, grants[0]!.role);
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

async function household() {
  const r = await ctx.services.casework.createHousehold(who.caseWorker!, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: [{ givenName: "Leyla", familyName: "Muster" }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, personId: r.personIds[0]! };
}

async function conflict() {
  return ctx.services.conflicts.report(
    { kind: "staff", principal: who.contactPoint! },
    {
      areaId,
      place: "Spielplatz",
      kind: "neighbourhood",
      urgency: "normal",
      parties: ["Familie A", "Nachbar B"],
      description: "Streit um Lärm am Spielplatz",
      tried: null,
      protectedDetails: null,
      reporterEmail: null,
      addressChoice: null,
    },
  );
}

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
          properties: { code: "M", name: "Massen", level: "social_area" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [0, 0],
                [5, 0],
                [5, 5],
                [0, 5],
                [0, 0],
              ],
            ],
          },
        },
      ],
    }),
  );
  areaId = (await ctx.services.areas.list(tenantId))[0]!.id;
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  officeId = office.id;
  const officeScope = { scopeType: "office" as const, scopeId: officeId };
  const tenantScope = { scopeType: "tenant" as const, scopeId: null };
  await person("contactPoint", [{ role: "coordinator", ...tenantScope }]);
  await person("caseWorker", [{ role: "case_worker", ...officeScope }]);
  // The contact point's member who also works the office's cases.
  await person("both", [
    { role: "coordinator", ...tenantScope },
    { role: "case_worker", ...officeScope },
  ]);
  await person("dpo", [{ role: "data_protection_officer", ...tenantScope }]);
  await person("pool", [{ role: "volunteer_coordinator", ...tenantScope }]);
  await person("board", [{ role: "board_member", ...tenantScope }]);
});
afterAll(() => ctx.close());

describe("a party linked to a case", () => {
  it("needs the conflict's handling and the case's need-to-know; the party must be the conflict's", async () => {
    const { caseId } = await household();
    const c = await conflict();
    // The contact point alone may not see the case: case work refuses.
    await expect(
      ctx.services.conflicts.linkCase(who.contactPoint!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|not_found/) });
    // The case worker alone may not handle the conflict.
    await expect(
      ctx.services.conflicts.linkCase(who.caseWorker!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie C" }),
    ).rejects.toMatchObject({ fields: [{ field: "party", code: "conflict_unknown_party" }] });
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" });
    await expect(
      ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" }),
    ).rejects.toMatchObject({ fields: [{ field: "caseId", code: "conflict_case_linked" }] });
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toMatchObject([
      { caseId, party: "Familie A" },
    ]);
    await ctx.services.conflicts.unlinkCase(who.both!, c.id, caseId);
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toEqual([]);
  });

  it("the case-link page names a case only to whoever may read it, and is one audited read", async () => {
    const { caseId } = await household();
    const c = await conflict();
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Familie A" });
    const own = await ctx.services.conflicts.caseLinkPage(who.both!, c.id);
    expect(own).toMatchObject({ reference: c.reference, parties: ["Familie A", "Nachbar B"] });
    expect(own.links).toMatchObject([{ caseId, party: "Familie A" }]);
    // The contact point without a case-work grant sees that a link exists, not which case.
    const other = await ctx.services.conflicts.caseLinkPage(who.contactPoint!, c.id);
    expect(other.links).toMatchObject([{ caseId: null, party: "Familie A" }]);
    expect(JSON.stringify(other)).not.toContain(caseId);
    await expect(ctx.services.conflicts.caseLinkPage(who.caseWorker!, c.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: c.id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(2);
    expect(JSON.stringify(reads[0]!.changes)).toContain("caseLinks");
  });

  it("is in the person's Art. 15 export and goes with the household's erasure; the conflict stays", async () => {
    const { caseId, personId } = await household();
    const c = await conflict();
    await ctx.services.conflicts.linkCase(who.both!, c.id, { caseId, party: "Nachbar B" });
    const exported = JSON.stringify(await ctx.services.privacy.subjectAccess(who.dpo!, personId));
    expect(exported).toContain(c.reference);
    expect(exported).toContain("Nachbar B");
    const { deleted } = await ctx.services.privacy.erase(who.dpo!, personId, { confirm: true });
    expect(deleted.conflict_case_links).toBe(1);
    expect(await ctx.services.conflicts.caseLinks(who.contactPoint!, c.id)).toEqual([]);
    expect((await ctx.services.conflicts.get(who.contactPoint!, c.id)).parties).toEqual([
      "Familie A",
      "Nachbar B",
    ]);
  });
});

describe("mediators from the volunteer pool (decision 103)", () => {
  async function volunteer(
    name: string,
    certificates: { kind: string; issuedOn: string; validUntil: string | null }[],
  ) {
    return (
      await ctx.services.volunteers.create(
        who.pool!,
        parseInput(createVolunteerInput, {
          name,
          status: "active",
          languages: [{ code: "tr", level: "native", oral: true, written: true }],
          areas: ["Massen"],
          modes: ["on_site"],
          settings: [],
          certificates,
          availability: [],
          absences: [],
        }),
      )
    ).id;
  }
  const log = (extra: { mediatorUserId?: string; mediatorVolunteerId?: string; happenedOn: string }) => ({
    kind: "session" as const,
    text: "Vermittlungsgespräch",
    reviewOn: null,
    mediatorUserId: null,
    mediatorVolunteerId: null,
    ...extra,
  });

  it("offers and accepts only volunteers whose qualification holds on the session's day", async () => {
    const qualified = await volunteer("Hülya Demir", [
      { kind: "conflict_mediation", issuedOn: "2025-01-10", validUntil: null },
    ]);
    const untrained = await volunteer("Jonas Berg", [
      { kind: "training", issuedOn: "2025-01-10", validUntil: null },
    ]);
    const expired = await volunteer("Eva Alt", [
      { kind: "conflict_mediation", issuedOn: "2024-01-10", validUntil: "2026-01-31" },
    ]);
    const offered = await ctx.services.conflicts.mediators(who.contactPoint!);
    const names = offered.volunteers.map((v) => v.displayName);
    expect(names).toContain("Hülya Demir");
    expect(names).not.toContain("Jonas Berg");
    expect(names).not.toContain("Eva Alt");
    expect(offered.staff.some((s) => s.id === who.contactPoint!.userId)).toBe(true);

    const c = await conflict();
    const cp = who.contactPoint!;
    await expect(
      ctx.services.conflicts.addLog(
        cp,
        c.id,
        log({ mediatorVolunteerId: untrained, happenedOn: "2026-03-05" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "mediatorVolunteerId", code: "conflict_not_a_mediator" }] });
    await expect(
      ctx.services.conflicts.addLog(
        cp,
        c.id,
        log({ mediatorVolunteerId: expired, happenedOn: "2026-03-05" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "mediatorVolunteerId", code: "conflict_not_a_mediator" }] });
    await expect(
      ctx.services.conflicts.addLog(
        cp,
        c.id,
        log({ mediatorVolunteerId: qualified, mediatorUserId: cp.userId, happenedOn: "2026-03-05" }),
      ),
    ).rejects.toMatchObject({ fields: [{ field: "mediatorVolunteerId", code: "conflict_one_mediator" }] });
    // A session recorded later, held while the qualification was still valid.
    await ctx.services.conflicts.addLog(
      cp,
      c.id,
      log({ mediatorVolunteerId: expired, happenedOn: "2026-01-20" }),
    );
    await ctx.services.conflicts.addLog(
      cp,
      c.id,
      log({ mediatorVolunteerId: qualified, happenedOn: "2026-03-05" }),
    );
    const view = await ctx.services.conflicts.get(cp, c.id);
    expect(view.log.map((l) => l.mediatorName)).toEqual(["Eva Alt", "Hülya Demir"]);
    const audit = await ctx.services.audit.list(
      tenantId,
      { entityId: c.id, action: "log" },
      { limit: 10, offset: 0 },
    );
    expect(JSON.stringify(audit)).toContain(qualified);
    expect(JSON.stringify(audit)).not.toContain("Vermittlungsgespräch");
  });
});

describe("escalation onto a network body's agenda (decision 103)", () => {
  const system = () => ({ kind: "system" as const, tenantId });
  async function body(name: string) {
    return (
      await ctx.services.network.createBody(system(), {
        name,
        kind: "steering_group",
        areaId: null,
        fieldsOfAction: [],
        publicBody: true,
      })
    ).id;
  }
  const meeting = (
    bodyId: string,
    startsAt: string,
    agenda: { number: string; title: string; public: boolean }[],
  ) =>
    ctx.services.network.scheduleMeeting(system(), bodyId, {
      title: "Sitzung",
      startsAt,
      endsAt: null,
      placeId: null,
      onlineUrl: "https://meet.example.org/steuerung",
      agenda,
    });

  it("puts a non-public item without personal data on the body's next meeting", async () => {
    const steering = await body("Steuerungsgruppe Konflikte");
    await meeting(steering, "2026-02-10T17:00", []);
    const next = await meeting(steering, "2026-03-20T17:00", [
      { number: "1", title: "Begrüßung", public: true },
      { number: "2", title: "Berichte", public: true },
    ]);
    await meeting(steering, "2026-05-20T17:00", []);
    const c = await conflict();
    const cp = who.contactPoint!;
    expect((await ctx.services.conflicts.escalationBodies(cp)).map((b) => b.name)).toContain(
      "Steuerungsgruppe Konflikte",
    );
    const version = (await ctx.services.conflicts.get(cp, c.id)).version;
    const r = await ctx.services.conflicts.escalate(cp, c.id, {
      version,
      reason: "Familie Yilmaz bedroht, Polizei einbinden",
      bodyId: steering,
    });
    expect(r.agenda).toMatchObject({ meetingId: next.id, number: "3" });
    const m = await ctx.services.network.getMeeting(who.board!, next.id);
    const item = m.agenda.find((a) => a.number === "3")!;
    expect(item).toMatchObject({ public: false });
    expect(item.title).toContain(c.reference);
    expect(item.title).toContain("Massen");
    expect(JSON.stringify(m.agenda)).not.toMatch(/Yilmaz|Polizei|Familie A|Nachbar B|Spielplatz/);
    // The steering group's list and the conflict point to the meeting.
    const listed = (await ctx.services.conflicts.escalated(who.board!)).find(
      (e) => e.reference === c.reference,
    );
    expect(listed?.meetingId).toBe(next.id);
    expect((await ctx.services.conflicts.get(cp, c.id)).escalationMeetingId).toBe(next.id);
  });

  it("saves nothing when the body has no meeting ahead or is unknown", async () => {
    const idle = await body("Arbeitsgruppe ohne Termin");
    await meeting(idle, "2026-01-15T17:00", []);
    const c = await conflict();
    const cp = who.contactPoint!;
    const version = (await ctx.services.conflicts.get(cp, c.id)).version;
    await expect(
      ctx.services.conflicts.escalate(cp, c.id, { version, reason: "Lage spitzt sich zu", bodyId: idle }),
    ).rejects.toMatchObject({ fields: [{ field: "bodyId", code: "conflict_no_next_meeting" }] });
    await expect(
      ctx.services.conflicts.escalate(cp, c.id, { version, reason: "Lage spitzt sich zu", bodyId: c.id }),
    ).rejects.toMatchObject({ fields: [{ field: "bodyId", code: "conflict_unknown_body" }] });
    const after = await ctx.services.conflicts.get(cp, c.id);
    expect(after).toMatchObject({ version, escalated: false, escalationMeetingId: null });
  });
});

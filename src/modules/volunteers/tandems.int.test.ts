import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createVolunteerInput } from "./contracts.ts";
import { registerTandemInput, tandemOutcomeInput } from "./tandem-contracts.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};
const userIds: Record<string, string> = {};

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
  userIds[key] = user.id;
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

const certs = [
  { kind: "training", issuedOn: "2025-05-10", validUntil: null },
  { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
];
async function volunteer(
  name: string,
  languages: [string, string][],
  areas: string[],
  userId: string | null,
) {
  return ctx.services.volunteers.create(
    who.coordinator!,
    parseInput(createVolunteerInput, {
      name,
      userId,
      email: `${name.split(" ")[0]!.toLowerCase()}@example.org`,
      uiLanguage: "de",
      status: "active",
      languages: languages.map(([code, level]) => ({ code, level, oral: true, written: true })),
      areas,
      modes: ["on_site"],
      settings: ["family"],
      certificates: certs,
      availability: [],
      absences: [],
    }),
  );
}
const svc = () => ctx.services.volunteers;
const register = (p: Principal, input: Record<string, unknown>) =>
  svc().registerTandem(p, parseInput(registerTandemInput, input));

let native: string;
let c1Elsewhere: string;
let b1Only: string;
let officeA: string;

beforeAll(async () => {
  // Monday 2026-03-02 in Unna.
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna-t", name: "Kreis Unna", kind: "county" })).id;
  const sys = { kind: "system" as const, tenantId };
  const office = { kind: "welcome_office", placeId: null, email: null, phone: null } as const;
  const a = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Unna" });
  const b = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Lünen" });
  officeA = a.id;
  await person("coordinator", "volunteer_coordinator");
  await person("cwA", "case_worker", { scopeType: "office", scopeId: a.id });
  await person("cwB", "case_worker", { scopeType: "office", scopeId: b.id });
  await person("mediator", "volunteer");
  await person("otherVolunteer", "volunteer");
  await person("dpo", "data_protection_officer");
  await person("admin", "admin");
  native = (
    await volunteer(
      "Gisela Brandt",
      [
        ["de", "native"],
        ["en", "B2"],
      ],
      ["Unna"],
      userIds.mediator!,
    )
  ).id;
  c1Elsewhere = (
    await volunteer(
      "Kemal Aydın",
      [
        ["de", "C1"],
        ["tr", "native"],
        ["ar", "B1"],
      ],
      ["Lünen"],
      null,
    )
  ).id;
  b1Only = (
    await volunteer(
      "Olga Petrenko",
      [
        ["de", "B1"],
        ["uk", "native"],
      ],
      ["Unna"],
      null,
    )
  ).id;
});
afterAll(() => ctx?.close());

describe("tandems", () => {
  it("ranks partners by wanted and shared languages and area, and pairs only a fitting one", async () => {
    const t = await register(who.coordinator!, {
      newcomerName: "Rahel Tesfay",
      newcomerEmail: "rahel@example.org",
      newcomerLanguage: "en",
      offers: ["ti", "ar", "en"],
      wants: ["de"],
      area: "Unna",
    });
    expect(t.state).toBe("waiting");
    const ranked = await svc().tandemProposals(who.coordinator!, t.id);
    // Gisela: de native (10) + en (3) + Unna (5) = 18; Kemal: de C1 (10) + ar (3) = 13; Olga (B1) is not a partner.
    expect(ranked.map((r) => [r.volunteerName, r.score])).toEqual([
      ["Gisela Brandt", 18],
      ["Kemal Aydın", 13],
    ]);
    expect(ranked[0]).toMatchObject({ wanted: ["de"], shared: ["en"], sameArea: true, running: 0 });
    expect(
      await codeOf(
        svc().startTandem(who.coordinator!, t.id, {
          version: t.version,
          volunteerId: b1Only,
          startedOn: "2026-03-02",
        }),
      ),
    ).toBe("volunteers_tandem_unfit");
    const started = await svc().startTandem(who.coordinator!, t.id, {
      version: t.version,
      volunteerId: native,
      startedOn: "2026-03-02",
    });
    expect(started).toMatchObject({ state: "active", volunteerName: "Gisela Brandt", checkInsSent: 0 });
    // A stale version is a conflict, not a second start.
    expect(
      await codeOf(
        svc().startTandem(who.coordinator!, t.id, {
          version: t.version,
          volunteerId: c1Elsewhere,
          startedOn: "2026-03-02",
        }),
      ),
    ).toBe("version_conflict");
    // The running tandem counts against Gisela's next proposal (fair spread).
    const next = await register(who.coordinator!, {
      newcomerName: "Yusuf",
      offers: ["ar"],
      wants: ["de"],
    });
    const again = await svc().tandemProposals(who.coordinator!, next.id);
    expect(again.find((r) => r.volunteerId === native)).toMatchObject({ running: 1, score: 10 - 2 });
    expect(again[0]!.volunteerId).toBe(c1Elsewhere);
  });

  it("takes a newcomer from a case only with need-to-know and a consent for volunteer matching", async () => {
    const r = await ctx.services.casework.createHousehold(who.cwA!, {
      household: { label: "Familie Tesfay" },
      persons: [{ givenName: "Selam", familyName: "Tesfay" }],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a household");
    const personId = r.personIds[0]!;
    const input = { caseId: r.caseId, personId, offers: ["ti"], wants: ["de"] };
    expect(await codeOf(register(who.cwA!, input))).toBe("volunteers_consent_missing");
    // The consent is recorded in case work, through its API as a case worker does.
    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.cwA!);
    const consent = await ctx.app.request(`${TEST_BASE_URL}/api/v1/cases/${r.caseId}/consents`, {
      method: "POST",
      headers: { origin: TEST_BASE_URL, cookie, "content-type": "application/json" },
      body: JSON.stringify({
        personId,
        purpose: "volunteer_matching",
        recipientType: "any",
        form: "written",
        givenOn: "2026-03-01",
      }),
    });
    expect(consent.status).toBe(201);
    // Another office's case worker has no need-to-know.
    expect(await codeOf(register(who.cwB!, input))).toBe("forbidden");
    expect(await codeOf(register(who.cwA!, { ...input, personId: native }))).toBe(
      "volunteers_person_not_in_case",
    );
    const t = await register(who.cwA!, input);
    // Only the case's reference leaves case work, never the person's name.
    expect(t.newcomerName).toBeNull();
    expect(t.caseReference).toMatch(/\d/);
    // A case worker cannot put someone on the list without a case, nor read the list.
    expect(await codeOf(register(who.cwA!, { newcomerName: "X", offers: ["ar"], wants: ["de"] }))).toBe(
      "forbidden",
    );
    expect(await codeOf(svc().listTandems(who.cwA!))).toBe("forbidden");
  });

  it("logs hours for the volunteer's own tandem, sends check-ins after 4 and 12 weeks, and ends with a reason", async () => {
    const t = await register(who.coordinator!, {
      newcomerName: "Amal",
      newcomerEmail: "amal@example.org",
      offers: ["ar"],
      wants: ["de"],
    });
    const s = await svc().startTandem(who.coordinator!, t.id, {
      version: t.version,
      volunteerId: native,
      startedOn: "2026-03-02",
    });
    expect(await codeOf(svc().logHours(who.mediator!, t.id, { date: "2026-03-02", minutes: 90 }))).toBe("ok");
    expect(await codeOf(svc().logHours(who.otherVolunteer!, t.id, { date: "2026-03-02", minutes: 90 }))).toBe(
      "forbidden",
    );
    expect(await codeOf(svc().logHours(who.mediator!, t.id, { date: "2026-03-03", minutes: 60 }))).toBe(
      "volunteers_date_in_future",
    );
    expect(await codeOf(svc().logHours(who.mediator!, t.id, { date: "2026-03-01", minutes: 60 }))).toBe(
      "volunteers_outside_tandem",
    );

    const mailsTo = async (to: string) =>
      (await ctx.services.mail.list(who.admin!, { limit: 100, offset: 0 })).items.filter(
        (m) => m.to === to && /tandem/i.test(m.subject),
      ).length;
    expect(await svc().daily.checkIns(tenantId)).toBe(0);
    ctx.clock.set(new Date("2026-03-30T09:00:00Z")); // 4 weeks
    expect(await svc().daily.checkIns(tenantId)).toBeGreaterThanOrEqual(1);
    expect(await svc().daily.checkIns(tenantId)).toBe(0); // once only
    expect(await mailsTo("amal@example.org")).toBe(1);
    ctx.clock.set(new Date("2026-05-25T09:00:00Z")); // 12 weeks
    await svc().daily.checkIns(tenantId);
    expect(await mailsTo("amal@example.org")).toBe(2);

    const ended = await svc().endTandem(who.coordinator!, t.id, {
      version: s.version,
      endedOn: "2026-05-25",
      reason: "completed",
    });
    expect(ended).toMatchObject({ state: "ended", endReason: "completed" });
    expect(
      await codeOf(
        svc().endTandem(who.coordinator!, t.id, {
          version: ended.version,
          endedOn: "2026-05-26",
          reason: "other",
        }),
      ),
    ).toBe("volunteers_tandem_not_active");
    ctx.clock.set(new Date("2026-03-02T09:00:00Z"));
  });

  it("erases a newcomer's tandem on request (audited), and through the API refuses bad input per field", async () => {
    const t = await register(who.coordinator!, { newcomerName: "Nour", offers: ["ar"], wants: ["de"] });
    expect(await codeOf(svc().eraseTandem(who.cwA!, t.id))).toBe("forbidden");
    expect(await svc().eraseTandem(who.dpo!, t.id)).toEqual({ erased: 1 });
    expect(await codeOf(svc().getTandem(who.coordinator!, t.id))).toBe("not_found");

    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.coordinator!);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/volunteer-tandems`, {
      method: "POST",
      headers: { origin: TEST_BASE_URL, cookie, "content-type": "application/json", "accept-language": "de" },
      body: JSON.stringify({ offers: ["ar"], wants: [] }),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["newcomerName", "wants"]);
    expect(problem.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it("records an ended tandem's outcome once; 'referred' from a case becomes case work's referral", async () => {
    const r = await ctx.services.casework.createHousehold(who.cwA!, {
      household: { label: "Familie Kidane" },
      persons: [{ givenName: "Mehari", familyName: "Kidane" }],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a household");
    const personId = r.personIds[0]!;
    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.cwA!);
    const caseApi = (path: string, body?: unknown) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/cases/${r.caseId}/${path}`, {
        method: body ? "POST" : "GET",
        headers: { origin: TEST_BASE_URL, cookie, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const consent = { personId, recipientType: "any", form: "written", givenOn: "2026-03-01" };
    expect((await caseApi("consents", { ...consent, purpose: "volunteer_matching" })).status).toBe(201);
    const ended = async (input: Record<string, unknown>) => {
      const t = await register(input.caseId ? who.cwA! : who.coordinator!, input);
      const s = await svc().startTandem(who.coordinator!, t.id, {
        version: t.version,
        volunteerId: c1Elsewhere,
        startedOn: "2026-03-02",
      });
      return svc().endTandem(who.coordinator!, t.id, {
        version: s.version,
        endedOn: "2026-03-02",
        reason: "completed",
      });
    };
    const outcome = async (t: { id: string; version: number }, input: Record<string, unknown>) =>
      svc().recordTandemOutcome(
        who.coordinator!,
        t.id,
        parseInput(tandemOutcomeInput, { version: t.version, ...input }),
      );
    const referred = { outcome: "referred", kind: "counselling", targetType: "office", targetId: officeA };

    const first = await ended({ caseId: r.caseId, personId, offers: ["ti"], wants: ["de"] });
    // "referred" names kind and target; a running tandem has no outcome yet.
    expect(await codeOf(outcome(first, { outcome: "referred" }))).toBe("required");
    // Without a consent for a referral, case work refuses it: the outcome stays the pool's record.
    const noConsent = await outcome(first, referred);
    expect(noConsent).toMatchObject({ outcome: "referred", referralResult: "consent_missing" });
    expect(await codeOf(outcome(noConsent, { outcome: "none" }))).toBe("conflict");
    expect(await codeOf(outcome(first, { outcome: "none" }))).toBe("version_conflict");

    expect((await caseApi("consents", { ...consent, purpose: "referral" })).status).toBe(201);
    const second = await ended({ caseId: r.caseId, personId, offers: ["ti"], wants: ["de"] });
    expect(await outcome(second, referred)).toMatchObject({ referralResult: "recorded" });
    const { items: referrals } = (await (await caseApi("referrals")).json()) as {
      items: { kind: string; targetType: string }[];
    };
    expect(referrals.map((x) => [x.kind, x.targetType])).toEqual([["counselling", "office"]]);

    const byName = await ended({ newcomerName: "Dawit", offers: ["ti"], wants: ["de"] });
    expect(await outcome(byName, referred)).toMatchObject({ outcome: "referred", referralResult: "no_case" });
    const waiting = await register(who.coordinator!, { newcomerName: "Lina", offers: ["ar"], wants: ["de"] });
    expect(await codeOf(outcome(waiting, { outcome: "none" }))).toBe("volunteers_tandem_not_ended");

    // Three "referred" outcomes this year: a small cell, shown only as suppressed.
    const counts = await svc().tandemOutcomeCounts(who.coordinator!, 2026);
    expect(counts.outcomes.find((o) => o.outcome === "referred")!.count).toEqual({
      value: null,
      suppressed: "primary",
    });
    expect(await codeOf(svc().tandemOutcomeCounts(who.cwA!, 2026))).toBe("forbidden");
  });

  it("goes with the person's erasure in case work and is in their Art. 15 export", async () => {
    const r = await ctx.services.casework.createHousehold(who.cwA!, {
      household: { label: "Familie Habte" },
      persons: [{ givenName: "Ruta", familyName: "Habte" }],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created") throw new Error("expected a household");
    const personId = r.personIds[0]!;
    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.cwA!);
    const consent = await ctx.app.request(`${TEST_BASE_URL}/api/v1/cases/${r.caseId}/consents`, {
      method: "POST",
      headers: { origin: TEST_BASE_URL, cookie, "content-type": "application/json" },
      body: JSON.stringify({
        personId,
        purpose: "volunteer_matching",
        recipientType: "any",
        form: "written",
        givenOn: "2026-03-01",
      }),
    });
    expect(consent.status).toBe(201);
    const t = await register(who.cwA!, { caseId: r.caseId, personId, offers: ["ti"], wants: ["de"] });
    const other = await register(who.coordinator!, { newcomerName: "Hanna", offers: ["uk"], wants: ["de"] });

    const exported = await ctx.services.privacy.subjectAccess(who.dpo!, personId);
    const text = JSON.stringify(exported);
    expect(text).toContain("volunteer_tandems");
    expect(text).toContain('"wants":["de"]');
    expect(text).not.toContain("Hanna");

    const { deleted } = await ctx.services.privacy.erase(who.dpo!, personId, { confirm: true });
    expect(deleted.volunteer_tandems).toBe(1);
    expect(await codeOf(svc().getTandem(who.coordinator!, t.id))).toBe("not_found");
    // A tandem entered by name is not case work's: it stays.
    expect(await codeOf(svc().getTandem(who.coordinator!, other.id))).toBe("ok");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "#app/server/db/schema.ts";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { caseRequestRepo } from "./case-request-repo.ts";
import { caseRequestInput, createVolunteerInput } from "./contracts.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};
const emails: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">, lang?: string) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, {
    ...(scope ? { scope } : {}),
    ...(lang ? { preferredLanguage: lang } : {}),
  });
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
  emails[key] = user.email;
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

const svc = () => ctx.services.volunteers;
const mailsTo = async (to: string) =>
  (await ctx.services.mail.list(who.admin!, { limit: 200, offset: 0 })).items.filter((m) => m.to === to);

/** A household with one Tigrinya-speaking person, its case in office A. */
async function household(label: string) {
  const r = await ctx.services.casework.createHousehold(who.cwA!, {
    household: { label },
    persons: [{ givenName: "Selam", familyName: label, languages: [{ lang: "ti", level: "native" }] }],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created" || !r.caseId) throw new Error("expected a household with a case");
  return { caseId: r.caseId, personId: r.personIds[0]! };
}

async function consent(caseId: string, personId: string) {
  const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.cwA!);
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/cases/${caseId}/consents`, {
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
  expect(res.status).toBe(201);
}

const ask = (p: Principal, caseId: string, input: Record<string, unknown>) =>
  svc().requestFromCase(
    p,
    caseId,
    parseInput(caseRequestInput, {
      institutionName: "Jobcenter Unna",
      language: "ti",
      mode: "phone",
      setting: "authority",
      topic: "Antrag Bürgergeld",
      area: "",
      date: "2026-03-16",
      startTime: "10:00",
      durationMinutes: "60",
      ...input,
    }),
  );

let mediatorId: string;

const profile = (name: string, email: string, userId: string | null) =>
  parseInput(createVolunteerInput, {
    name,
    userId,
    email,
    uiLanguage: "de",
    status: "active",
    languages: [{ code: "ti", level: "native", oral: true, written: true }],
    areas: ["Unna"],
    modes: ["phone"],
    settings: ["authority"],
    certificates: [
      { kind: "training", issuedOn: "2025-05-10", validUntil: null },
      { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
    ],
    availability: [{ weekday: 1, from: 480, to: 960 }],
    absences: [],
  });

beforeAll(async () => {
  // Monday 2026-03-02 in Unna; 2026-03-16 is ten working days ahead.
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna-c", name: "Kreis Unna", kind: "county" })).id;
  const sys = { kind: "system" as const, tenantId };
  const office = { kind: "welcome_office", placeId: null, email: null, phone: null } as const;
  const a = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Unna" });
  const b = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Lünen" });
  await person("coordinator", "volunteer_coordinator");
  await person("cwA", "case_worker", { scopeType: "office", scopeId: a.id }, "en");
  await person("cwB", "case_worker", { scopeType: "office", scopeId: b.id });
  await person("mediator", "volunteer");
  await person("dpo", "data_protection_officer");
  await person("admin", "admin");
  mediatorId = (
    await svc().create(who.coordinator!, profile("Yonas Berhe", "yonas@example.org", userIds.mediator!))
  ).id;
});
afterAll(() => ctx?.close());

describe("a mediator asked for from a case", () => {
  it("needs the case worker's need-to-know, the person's consent and one of their languages", async () => {
    const { caseId, personId } = await household("Tesfay");
    expect(await codeOf(ask(who.cwA!, caseId, { personId }))).toBe("volunteers_consent_missing");
    await consent(caseId, personId);
    // Another office's case worker has no need-to-know; the pool's coordinator has no case access.
    expect(await codeOf(ask(who.cwB!, caseId, { personId }))).toBe("forbidden");
    expect(await codeOf(ask(who.coordinator!, caseId, { personId }))).toBe("forbidden");
    expect(await codeOf(ask(who.mediator!, caseId, { personId }))).toBe("forbidden");
    expect(await codeOf(ask(who.cwA!, caseId, { personId: mediatorId }))).toBe(
      "volunteers_person_not_in_case",
    );
    expect(await codeOf(ask(who.cwA!, caseId, { personId, language: "so" }))).toBe(
      "volunteers_language_not_person",
    );
    // The pool's rules hold as for any booking.
    expect(await codeOf(ask(who.cwA!, caseId, { personId, date: "2026-03-04" }))).toBe(
      "volunteers_lead_time",
    );
    expect(await codeOf(ask(who.cwA!, caseId, { personId, setting: "court" }))).toBe(
      "volunteers_setting_excluded",
    );
    const form = await svc().caseRequestForm(who.cwA!, caseId);
    expect(form.persons).toEqual([{ id: personId, name: "Selam Tesfay", languages: ["ti"], consent: true }]);
    expect(form.requests).toEqual([]);
  });

  it("reaches the coordinator's queue, mails each step and shows the mediator no case", async () => {
    const { caseId, personId } = await household("Habte");
    await consent(caseId, personId);
    const key = "case-form-token-1";
    const first = await ask(who.cwA!, caseId, { personId, idempotencyKey: key });
    expect(first.created).toBe(true);
    // A double click books once and mails once.
    const again = await ask(who.cwA!, caseId, { personId, idempotencyKey: key });
    expect(again).toMatchObject({ created: false, request: { id: first.request.id } });
    expect(first.request).toMatchObject({
      fromCase: true,
      contactEmail: emails.cwA,
      institutionName: "Jobcenter Unna",
      language: "ti",
    });
    // The case worker's receipt is in their language (English); the coordinator hears of it.
    const receipts = await mailsTo(emails.cwA!);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toMatch(/[A-Za-z]/);
    expect(receipts[0]!.subject).not.toMatch(/Anfrage|eingegangen/);
    expect(await mailsTo(emails.coordinator!)).toHaveLength(1);

    const queue = await svc().listRequests(who.coordinator!, { state: "submitted", page: 1 });
    expect(queue.items.find((r) => r.id === first.request.id)).toMatchObject({ fromCase: true });
    const form = await svc().caseRequestForm(who.cwA!, caseId);
    expect(form.requests).toEqual([expect.objectContaining({ id: first.request.id, phase: "searching" })]);

    let r = await svc().applyEvent(who.coordinator!, first.request.id, {
      type: "offer",
      volunteerId: mediatorId,
      version: first.request.version,
    });
    r = await svc().applyEvent(who.mediator!, r.id, { type: "accept", version: r.version });
    r = await svc().applyEvent(who.coordinator!, r.id, { type: "confirm", version: r.version });
    expect(await mailsTo(emails.cwA!)).toHaveLength(2);
    // The mediator's own view and mails: the facts of the assignment, no case, no person.
    const mine = await svc().myAssignments(who.mediator!);
    const text = JSON.stringify([mine, await mailsTo("yonas@example.org")]);
    expect(text).toContain("Jobcenter Unna");
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(personId);
    expect(text).not.toContain("Habte");
  });

  it("stays with the mediator's hours when case work erases the person, and is in the Art. 15 export", async () => {
    const { caseId, personId } = await household("Kidane");
    await consent(caseId, personId);
    const { request } = await ask(who.cwA!, caseId, { personId, date: "2026-03-23" });
    const exported = JSON.stringify(await ctx.services.privacy.subjectAccess(who.dpo!, personId));
    expect(exported).toContain("mediation_requests");
    expect(exported).toContain("2026-03-23");
    const { deleted } = await ctx.services.privacy.erase(who.dpo!, personId, { confirm: true });
    expect(deleted.mediation_requests_unlinked).toBe(1);
    // The request is still the pool's (a booking and, once held, hours); the case link is gone.
    expect(await svc().getRequest(who.coordinator!, request.id)).toMatchObject({ fromCase: true });
    expect(await caseRequestRepo.ofSubject(ctx.services.core.db, tenantId, [personId], [caseId])).toEqual([]);
  });
});

describe("cancelling and the new search", () => {
  it("reopens a request the mediator cancels with fresh suggestions, and lets the institution cancel by its link", async () => {
    const amina = await svc().create(who.coordinator!, profile("Amina Tesfu", "amina@example.org", null));
    const [org] = await ctx.handle.db
      .insert(organizations)
      .values({ tenantId, name: "Kita Regenbogen", status: "published", email: "kita@example.org" })
      .returning();
    const { token } = await svc().issueLink(who.coordinator!, {
      organizationId: org!.id,
      contactName: "Frau Kita",
      contactEmail: "leitung-kita@example.org",
      language: "de",
    });
    const { id } = await svc().bookByLink(tenantId, token, {
      language: "ti",
      mode: "phone",
      setting: "authority",
      topic: "Elterngespräch",
      area: null,
      date: "2026-03-16",
      startTime: "13:00",
      durationMinutes: 60,
      idempotencyKey: "link-form-token-1",
    });
    let r = await svc().getRequest(who.coordinator!, id);
    r = await svc().applyEvent(who.coordinator!, id, {
      type: "offer",
      volunteerId: mediatorId,
      version: r.version,
    });
    r = await svc().applyEvent(who.mediator!, id, { type: "accept", version: r.version });
    r = await svc().applyEvent(who.coordinator!, id, { type: "confirm", version: r.version });
    // The mediator cancels: the request is open again, in the coordinator's queue.
    r = await svc().applyEvent(who.mediator!, id, { type: "cancel", by: "mediator", version: r.version });
    expect(r).toMatchObject({ state: "declined", volunteerId: null, cancelledBy: "mediator" });
    const queue = await svc().listRequests(who.coordinator!, { state: "declined", page: 1 });
    expect(queue.items.map((x) => x.id)).toContain(id);
    // The new search leaves out who cancelled; the coordinators' mail carries it.
    const fresh = await svc().requestSuggestions(who.coordinator!, id);
    expect(fresh.map((x) => x.volunteerId)).toEqual([amina.id]);
    const coordinatorMail = (await mailsTo(emails.coordinator!)).find((m) =>
      m.subject.includes("2026-03-16"),
    );
    const full = await ctx.services.mail.get(who.admin!, coordinatorMail!.id);
    expect(full.text).toContain("Amina Tesfu");
    expect(
      await codeOf(
        svc().applyEvent(who.coordinator!, id, {
          type: "offer",
          volunteerId: mediatorId,
          version: r.version,
        }),
      ),
    ).toBe("volunteers_unfit");
    expect(
      (await svc().proposeMatching(who.coordinator!)).proposals.find((p) => p.requestId === id),
    ).toMatchObject({
      volunteerId: amina.id,
    });

    r = await svc().applyEvent(who.coordinator!, id, {
      type: "offer",
      volunteerId: amina.id,
      version: r.version,
    });
    r = await svc().applyEvent(who.coordinator!, id, { type: "accept", version: r.version });
    r = await svc().applyEvent(who.coordinator!, id, { type: "confirm", version: r.version });
    expect((await svc().linkStatus(tenantId, token))?.requests).toEqual([
      expect.objectContaining({ id, phase: "confirmed", cancellable: true }),
    ]);
    // Only through its own link, only its own requests.
    expect(await codeOf(svc().cancelByLink(tenantId, "not-a-token", id))).toBe("invalid_token");
    const other = (await svc().listRequests(who.coordinator!, { page: 1 })).items.find((x) => x.id !== id)!;
    expect(await codeOf(svc().cancelByLink(tenantId, token, other.id))).toBe("not_found");
    expect(await svc().cancelByLink(tenantId, token, id)).toEqual({ cancelled: true });
    expect(await svc().getRequest(who.coordinator!, id)).toMatchObject({
      state: "cancelled",
      cancelledBy: "institution",
      cancelledLate: false,
    });
    // The mediator hears of it; the institution's page shows it, not cancellable again.
    expect((await mailsTo("amina@example.org")).map((m) => m.subject).join()).toMatch(/2026-03-16/);
    expect((await svc().linkStatus(tenantId, token))?.requests).toEqual([
      expect.objectContaining({ id, phase: "cancelled", cancellable: false }),
    ]);
    expect(await codeOf(svc().cancelByLink(tenantId, token, id))).toBe("volunteers_transition");
  });
});

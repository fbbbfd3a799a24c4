import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "#app/app/context.ts";
import { loader as publicLayout } from "#app/app/routes/public/layout.tsx";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal, RoleGrant } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { createVolunteerInput } from "../volunteers/contracts.ts";
import { type PublicReportInput, publicFormInput, type ReportInput } from "./contracts.ts";
import { PENDING_RETENTION_DAYS, PUBLIC_REPORTS_PER_HOUR, REJECTED_RETENTION_DAYS } from "./model.ts";
import { conflictRepo } from "./repo.ts";
import { localDate } from "./sla.ts";

/**
 * Decision 113.
 * - Merging a duplicate report into the conflict it duplicates: history kept on both, parties
 *   and case links moved, the reporter's status link following, audited, counted once, erased
 *   together, and refused on a stale version.
 * - The mediator's own view: a pool volunteer sees only the open conflicts naming them, without
 *   protected details, audited; they are told by mail when named.
 * Decision 120.
 * - Staff mediators are mailed too: the contact point with the conflict's link, others without.
 * - The open public form: off by default, honeypot, rate limit, moderation (accept, accept into an
 *   open conflict, reject with a reason), the reporter's status, retention of rejected reports.
 * Decision 129.
 * - A waiting report: withdrawn by its reporter, erased on request by the contact point with a
 *   reason, erased after the tenant's period; the public navigation links the form only when on.
 */
let ctx: TestContext;
let tenantId: string;
let areaId: string;
const who: Record<string, Principal> = {};

async function person(key: string, grants: RoleGrant[]) {
  const { user } = await createUserWithRole(ctx.services, tenantId, grants[0]!.role);
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
}

const report = (over: Partial<ReportInput> = {}): ReportInput => ({
  areaId,
  place: "Spielplatz Massen",
  kind: "neighbourhood",
  urgency: "normal",
  parties: ["Familie A", "Nachbar B"],
  description: "Streit um Lärm am Spielplatz",
  tried: null,
  protectedDetails: null,
  reporterEmail: null,
  addressChoice: null,
  ...over,
});
const file = (over: Partial<ReportInput> = {}) =>
  ctx.services.conflicts.report({ kind: "staff", principal: who.contactPoint! }, report(over));
const versionOf = async (id: string) => (await ctx.services.conflicts.get(who.contactPoint!, id)).version;

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
  const tenantScope = { scopeType: "tenant" as const, scopeId: null };
  await person("contactPoint", [{ role: "coordinator", ...tenantScope }]);
  await person("both", [
    { role: "coordinator", ...tenantScope },
    { role: "case_worker", scopeType: "office", scopeId: office.id },
  ]);
  await person("caseWorker", [{ role: "case_worker", scopeType: "office", scopeId: office.id }]);
  await person("dpo", [{ role: "data_protection_officer", ...tenantScope }]);
  await person("pool", [{ role: "volunteer_coordinator", ...tenantScope }]);
  await person("admin", [{ role: "admin", ...tenantScope }]);
  await person("mediator", [{ role: "volunteer", ...tenantScope }]);
  await person("otherVolunteer", [{ role: "volunteer", ...tenantScope }]);
});
afterAll(() => ctx.close());

describe("merging a duplicate report (decision 113)", () => {
  it("closes the duplicate into the other, keeping both histories, moving parties and case links", async () => {
    const cp = who.contactPoint!;
    const target = await file();
    const dup = await file({
      kind: "noise",
      parties: ["nachbar b", "Hausverwaltung C"],
      description: "Jeden Abend laute Musik am Spielplatz",
    });
    await ctx.services.conflicts.addLog(cp, dup.id, {
      kind: "contact",
      text: "Anruf bei der Hausverwaltung",
      happenedOn: null,
      reviewOn: null,
      mediatorUserId: null,
      mediatorVolunteerId: null,
    });
    const hh = await ctx.services.casework.createHousehold(who.caseWorker!, {
      household: { label: "Familie Muster" },
      persons: [{ givenName: "Leyla", familyName: "Muster" }],
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (hh.status !== "created") throw new Error("expected a household");
    await ctx.services.conflicts.linkCase(who.both!, dup.id, {
      caseId: hh.caseId!,
      party: "Hausverwaltung C",
    });
    // The warning built in round 7 names the other report; the merge starts from it.
    expect((await ctx.services.conflicts.possibleDuplicates(cp, dup.id)).map((d) => d.id)).toContain(
      target.id,
    );

    const version = await versionOf(dup.id);
    const targetVersion = await versionOf(target.id);
    await expect(
      ctx.services.conflicts.merge(cp, dup.id, { version: version + 7, intoId: target.id }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    await expect(ctx.services.conflicts.merge(cp, dup.id, { version, intoId: dup.id })).rejects.toMatchObject(
      {
        fields: [{ field: "intoId", code: "conflict_merge_self" }],
      },
    );
    await expect(
      ctx.services.conflicts.merge(who.caseWorker!, dup.id, { version, intoId: target.id }),
    ).rejects.toMatchObject({ code: "forbidden" });

    const r = await ctx.services.conflicts.merge(cp, dup.id, { version, intoId: target.id });
    expect(r).toMatchObject({ state: "closed", intoId: target.id, version: version + 1 });

    const closed = await ctx.services.conflicts.get(cp, dup.id);
    expect(closed).toMatchObject({
      state: "closed",
      outcome: null,
      mergedInto: { id: target.id, reference: target.reference },
      description: "Jeden Abend laute Musik am Spielplatz",
    });
    expect(closed.log.map((l) => l.text)).toEqual([
      "Anruf bei der Hausverwaltung",
      `Als doppelte Meldung mit ${target.reference} zusammengeführt.`,
    ]);
    const merged = await ctx.services.conflicts.get(cp, target.id);
    expect(merged.version).toBe(targetVersion + 1);
    expect(merged.parties).toEqual(["Familie A", "Nachbar B", "Hausverwaltung C"]);
    expect(merged.mergedFrom).toEqual([{ id: dup.id, reference: dup.reference }]);
    expect(merged.log.map((l) => l.text)).toEqual([
      `Doppelte Meldung ${dup.reference} hier zusammengeführt.`,
    ]);
    expect(await ctx.services.conflicts.caseLinks(cp, target.id)).toMatchObject([
      { caseId: hh.caseId, party: "Hausverwaltung C" },
    ]);
    expect(await ctx.services.conflicts.caseLinks(cp, dup.id)).toEqual([]);
    // A closed duplicate warns of nothing any more, and cannot be merged again.
    expect(await ctx.services.conflicts.possibleDuplicates(cp, dup.id)).toEqual([]);
    await expect(
      ctx.services.conflicts.merge(cp, dup.id, { version: r.version, intoId: target.id }),
    ).rejects.toMatchObject({ code: "conflict" });

    // The second reporter follows the conflict their report went into.
    await ctx.services.conflicts.triage(cp, target.id, {
      version: merged.version,
      severity: "medium",
      urgency: "normal",
      handlerUserId: cp.userId,
    });
    expect(await ctx.services.conflicts.status(tenantId, dup.statusToken)).toMatchObject({
      reference: dup.reference,
      kind: "noise",
      state: "triaged",
    });

    // Audited on both, by ids and counts only.
    const audit = await ctx.services.audit.list(tenantId, { action: "merge" }, { limit: 10, offset: 0 });
    expect(audit.map((a) => a.entityId).sort()).toEqual([dup.id, target.id].sort());
    expect(JSON.stringify(audit)).not.toMatch(/Hausverwaltung|Musik|Familie/);

    // Counted once: the duplicate is the same incident.
    const cells = await conflictRepo.perAreaKindQuarter(ctx.handle.db, tenantId, 2026);
    expect(cells.find((c) => c.kind === "noise")).toBeUndefined();
    expect(cells.find((c) => c.kind === "neighbourhood")?.n).toBe(1);

    // Erasing the conflict takes the duplicate merged into it along.
    await ctx.services.conflicts.erase(who.dpo!, target.id);
    await expect(ctx.services.conflicts.get(cp, dup.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await ctx.services.conflicts.status(tenantId, dup.statusToken)).toBeNull();
  });

  it("refuses a closed target and more parties than a conflict holds, saving nothing", async () => {
    const cp = who.contactPoint!;
    const target = await file({ parties: ["A", "B", "C", "D"] });
    const dup = await file({ parties: ["E", "F", "G"] });
    const version = await versionOf(dup.id);
    await expect(
      ctx.services.conflicts.merge(cp, dup.id, { version, intoId: target.id }),
    ).rejects.toMatchObject({
      fields: [{ field: "intoId", code: "conflict_merge_too_many_parties" }],
    });
    await ctx.services.conflicts.transition(cp, target.id, {
      version: await versionOf(target.id),
      to: "closed",
      outcome: "referred",
    });
    await expect(
      ctx.services.conflicts.merge(cp, dup.id, { version, intoId: target.id }),
    ).rejects.toMatchObject({
      fields: [{ field: "intoId", code: "conflict_merge_target_closed" }],
    });
    const still = await ctx.services.conflicts.get(cp, dup.id);
    expect(still).toMatchObject({ version, state: "reported", mergedInto: null, parties: ["E", "F", "G"] });
    expect(still.log).toEqual([]);
  });
});

describe("the mediator's own view (decision 113)", () => {
  const volunteer = async (name: string, userId: string, email: string | null) =>
    (
      await ctx.services.volunteers.create(
        who.pool!,
        parseInput(createVolunteerInput, {
          name,
          userId,
          email,
          uiLanguage: "tr",
          status: "active",
          languages: [{ code: "tr", level: "native", oral: true, written: true }],
          areas: ["Massen"],
          modes: ["on_site"],
          settings: [],
          certificates: [{ kind: "conflict_mediation", issuedOn: "2025-01-10", validUntil: null }],
          availability: [],
          absences: [],
        }),
      )
    ).id;

  it("shows a volunteer only the open conflicts naming them, audited, and mails them when named", async () => {
    const cp = who.contactPoint!;
    const mine = await volunteer("Hülya Demir", who.mediator!.userId, "huelya@example.org");
    await volunteer("Jonas Berg", who.otherVolunteer!.userId, null);
    const named = await file({ protectedDetails: "Herr Yilmaz, Tel. 0171 555" });
    const notNamed = await file({ kind: "school", place: "Grundschule" });
    const closedLater = await file({ kind: "other", place: "Markt" });
    const session = (happenedOn: string) => ({
      kind: "session" as const,
      text: "Erstes Vermittlungsgespräch im Gemeindezentrum",
      happenedOn,
      reviewOn: null,
      mediatorUserId: null,
      mediatorVolunteerId: mine,
    });
    await ctx.services.conflicts.addLog(cp, named.id, {
      kind: "note",
      text: "Interne Notiz der Anlaufstelle",
      happenedOn: null,
      reviewOn: null,
      mediatorUserId: null,
      mediatorVolunteerId: null,
    });
    await ctx.services.conflicts.addLog(cp, named.id, session("2026-03-10"));
    await ctx.services.conflicts.addLog(cp, closedLater.id, session("2026-03-09"));
    await ctx.services.conflicts.transition(cp, closedLater.id, {
      version: await versionOf(closedLater.id),
      to: "closed",
      outcome: "resolved",
    });

    const view = await ctx.services.conflicts.myMediations(who.mediator!);
    expect(view.mediator).toEqual({ id: mine, name: "Hülya Demir" });
    expect(view.items.map((i) => i.reference)).toEqual([named.reference]);
    expect(view.items[0]).toMatchObject({
      parties: ["Familie A", "Nachbar B"],
      description: "Streit um Lärm am Spielplatz",
      entries: [
        { kind: "session", happenedOn: "2026-03-10", text: "Erstes Vermittlungsgespräch im Gemeindezentrum" },
      ],
    });
    const shown = JSON.stringify(view);
    expect(shown).not.toMatch(/Yilmaz|0171|Interne Notiz/);
    expect(shown).not.toContain(notNamed.reference);
    // Each conflict shown is one audited read by the volunteer.
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: named.id, action: "read" },
      { limit: 10, offset: 0 },
    );
    expect(reads.filter((r) => r.actorUserId === who.mediator!.userId)).toHaveLength(1);

    // Another volunteer sees none of it; nobody else may open the view; the contact point's views stay closed to volunteers.
    expect((await ctx.services.conflicts.myMediations(who.otherVolunteer!)).items).toEqual([]);
    await expect(ctx.services.conflicts.myMediations(cp)).rejects.toMatchObject({ code: "forbidden" });
    await expect(ctx.services.conflicts.get(who.mediator!, named.id)).rejects.toMatchObject({
      code: "forbidden",
    });

    // Named twice, mailed twice, in their language, without parties, place or the log's text.
    const mails = (await ctx.services.mail.list(who.admin!, { limit: 50, offset: 0 })).items.filter(
      (m) => m.to === "huelya@example.org",
    );
    expect(mails).toHaveLength(2);
    const body = await ctx.services.mail.get(who.admin!, mails[0]!.id);
    expect(body.subject).toContain("arabuluculuk");
    expect(body.text).toContain("/staff/conflicts/mediations");
    expect(body.text).not.toMatch(/Familie|Nachbar|Spielplatz|Vermittlungsgespräch/);
  });
});

describe("staff mediators are mailed (decision 120)", () => {
  it("mails the contact point with the conflict's link in their language, anyone else without it", async () => {
    const cp = who.contactPoint!;
    const { user: colleague } = await createUserWithRole(ctx.services, tenantId, "coordinator", {
      preferredLanguage: "en",
    });
    const { user: outside } = await createUserWithRole(ctx.services, tenantId, "supervisor");
    const c = await file({ kind: "noise", place: "Hof" });
    const session = (mediatorUserId: string) => ({
      kind: "session" as const,
      text: "Gespräch im Stadtteilbüro mit Herrn Krause",
      happenedOn: "2026-03-12",
      reviewOn: null,
      mediatorUserId,
      mediatorVolunteerId: null,
    });
    await ctx.services.conflicts.addLog(cp, c.id, session(colleague.id));
    await ctx.services.conflicts.addLog(cp, c.id, session(outside.id));
    const mails = (await ctx.services.mail.list(who.admin!, { limit: 100, offset: 0 })).items;
    const to = async (email: string) => {
      const m = mails.filter((x) => x.to === email);
      expect(m).toHaveLength(1);
      return ctx.services.mail.get(who.admin!, m[0]!.id);
    };
    const en = await to(colleague.email);
    expect(en.subject).toBe(`Mediation in conflict ${c.reference}`);
    expect(en.text).toContain(`/staff/conflicts/${c.id}`);
    expect(en.text).toContain("2026-03-12");
    const de = await to(outside.email);
    expect(de.subject).toContain("Vermittlung");
    expect(de.text).not.toContain("/staff/conflicts");
    for (const m of [en, de]) expect(m.text).not.toMatch(/Krause|Hof|Familie/);
  });
});

describe("the open public form and its moderation queue (decision 120)", () => {
  const input = (over: Partial<PublicReportInput> = {}): PublicReportInput => ({
    ...report({ place: "Bahnhofsvorplatz", kind: "public_space", parties: ["Gruppe A"] }),
    description: "Laute Wortwechsel am Bahnhof",
    ...over,
  });
  const from = (clientIp: string) => ({ language: "tr", clientIp });
  const queue = () => ctx.services.conflicts.moderationQueue(who.contactPoint!);

  it("takes reports only when switched on, drops the honeypot, limits each address, moderates them", async () => {
    const cp = who.contactPoint!;
    const svc = ctx.services.conflicts;
    await expect(svc.submitPublic(tenantId, input(), from("10.0.0.1"))).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await svc.publicForm(tenantId)).toBeNull();
    await expect(svc.setPublicForm(who.mediator!, { enabled: true, version: 0 })).rejects.toMatchObject({
      code: "forbidden",
    });
    const on = await svc.setPublicForm(cp, { enabled: true, version: 0 });
    await expect(svc.setPublicForm(cp, { enabled: false, version: 0 })).rejects.toMatchObject({
      code: "version_conflict",
    });
    expect(on).toEqual({ enabled: true, pendingRetentionDays: PENDING_RETENTION_DAYS, version: 1 });

    // A filled honeypot stores nothing; a private address is asked about first.
    expect(
      (await svc.submitPublic(tenantId, input({ website: "x" }), from("10.0.0.1"))).statusToken,
    ).toBeNull();
    await expect(
      svc.submitPublic(tenantId, input({ description: "Lärm vor Hansastraße 12a" }), from("10.0.0.1")),
    ).rejects.toMatchObject({ fields: [{ field: "description", code: "conflict_address_in_text" }] });
    const a = await svc.submitPublic(
      tenantId,
      input({ reporterEmail: "anwohnerin@example.org" }),
      from("10.0.0.1"),
    );
    const b = await svc.submitPublic(tenantId, input({ kind: "noise" }), from("10.0.0.2"));
    const c = await svc.submitPublic(tenantId, input({ kind: "other", place: null }), from("10.0.0.3"));
    expect(await svc.status(tenantId, a.statusToken!)).toMatchObject({
      reference: a.reference,
      state: "awaiting_moderation",
    });
    const ack = (await ctx.services.mail.list(who.admin!, { limit: 100, offset: 0 })).items.find(
      (m) => m.to === "anwohnerin@example.org",
    );
    expect((await ctx.services.mail.get(who.admin!, ack!.id)).text).toContain(
      `/tr/conflict-status/${a.statusToken}`,
    );

    // The hourly limit per address: the rest of the hour is refused, another address is not.
    for (let i = 0; i < PUBLIC_REPORTS_PER_HOUR; i++)
      await svc.submitPublic(tenantId, input(), from("10.0.0.9"));
    await expect(svc.submitPublic(tenantId, input(), from("10.0.0.9"))).rejects.toMatchObject({
      code: "too_many_requests",
    });

    const waiting = await queue();
    const [qa, qb, qc] = [a, b, c].map((r) => waiting.find((w) => w.reference === r.reference)!);
    expect(qa).toMatchObject({ description: "Laute Wortwechsel am Bahnhof", hasEmail: true, language: "tr" });
    await expect(ctx.services.conflicts.moderationQueue(who.caseWorker!)).rejects.toMatchObject({
      code: "forbidden",
    });

    // Accepting makes a conflict under the same reference and status link; the second taker loses.
    const accepted = await svc.acceptPublic(cp, qa!.id, { version: qa!.version, intoId: null });
    await expect(svc.acceptPublic(cp, qa!.id, { version: qa!.version, intoId: null })).rejects.toMatchObject({
      code: "not_found",
    });
    // An id a form can send that is no uuid at all: not found, as an unknown one.
    await expect(svc.acceptPublic(cp, "not-a-uuid", { version: 1, intoId: null })).rejects.toMatchObject({
      code: "not_found",
    });
    const conflict = await svc.get(cp, accepted.id);
    expect(conflict).toMatchObject({ reference: a.reference, channel: "public_form", state: "reported" });
    expect(conflict.reporterEmail).toBe("anwohnerin@example.org");
    expect(await svc.status(tenantId, a.statusToken!)).toMatchObject({ state: "reported" });

    // A duplicate goes into the open conflict at once; its reporter follows that one.
    // Read again: the accepted report is now an open conflict the other may duplicate.
    const again = (await queue()).find((w) => w.id === qb!.id)!;
    expect(again.duplicates.map((d) => d.reference)).toContain(a.reference);
    await svc.acceptPublic(cp, qb!.id, { version: qb!.version, intoId: accepted.id });
    expect((await svc.get(cp, accepted.id)).mergedFrom.map((m) => m.reference)).toEqual([b.reference]);
    expect(await svc.status(tenantId, b.statusToken!)).toMatchObject({
      reference: b.reference,
      state: "reported",
    });

    // Rejected with a reason the reporter does not see; deleted after the retention period.
    await expect(
      svc.rejectPublic(cp, qc!.id, { version: qc!.version + 1, reason: "x" }),
    ).rejects.toMatchObject({
      code: "version_conflict",
    });
    const rejected = await svc.rejectPublic(cp, qc!.id, {
      version: qc!.version,
      reason: "Kein Konflikt, Fundsache",
    });
    expect(rejected.state).toBe("rejected");
    const status = await svc.status(tenantId, c.statusToken!);
    expect(status).toMatchObject({ state: "not_taken_up" });
    expect(JSON.stringify(status)).not.toContain("Fundsache");
    expect((await queue()).map((r) => r.reference)).not.toContain(c.reference);
    expect(await svc.publicReportRetention(tenantId)).toBe(0);
    ctx.clock.advance((REJECTED_RETENTION_DAYS + 1) * 86_400_000);
    // The rejected one, and the rate-limited ones nobody moderated within 30 days (decision 129).
    expect(await svc.publicReportRetention(tenantId)).toBe(1 + PUBLIC_REPORTS_PER_HOUR);
    expect(await svc.status(tenantId, c.statusToken!)).toBeNull();
  });

  it("a waiting report is withdrawn, erased on request or after the tenant's period; the site links the form (decision 129)", async () => {
    const cp = who.contactPoint!;
    const svc = ctx.services.conflicts;
    const tenant = (await ctx.services.tenants.byId(tenantId))!;
    const context = new RouterContextProvider();
    context.set(pageContext, {
      requestId: "req-layout",
      log: ctx.services.core.logger,
      services: ctx.services,
      tenant,
      principal: null,
      lang: "de",
      t: createTranslator("de", catalogs().get("de") ?? {}),
    });
    const navLinks = async () => {
      const url = `${tenant.slug}.example/de`;
      const args = { context, request: new Request(`http://${url}`), url: new URL(`http://${url}`) };
      return publicLayout({ ...args, pattern: "/:lang", params: { lang: "de" } });
    };
    expect(await navLinks()).toEqual({ conflictReport: true });

    // The period: within its bounds, saved with the switch; each waiting report shows its day.
    const setting = await svc.publicFormSetting(cp);
    expect(setting.pendingRetentionDays).toBe(PENDING_RETENTION_DAYS);
    expect(() =>
      parseInput(publicFormInput, { enabled: true, pendingRetentionDays: 3, version: setting.version }),
    ).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ field: "pendingRetentionDays" })] }),
    );
    const kept = await svc.setPublicForm(cp, {
      enabled: true,
      pendingRetentionDays: 14,
      version: setting.version,
    });
    expect(kept).toMatchObject({ enabled: true, pendingRetentionDays: 14 });
    const [w, e, old] = [
      await svc.submitPublic(tenantId, input(), from("10.1.0.1")),
      await svc.submitPublic(tenantId, input({ kind: "noise" }), from("10.1.0.2")),
      await svc.submitPublic(tenantId, input({ kind: "other" }), from("10.1.0.3")),
    ];
    const q = await queue();
    const [qw, qe] = [w, e].map((r) => q.find((x) => x.reference === r.reference)!);
    expect(q.find((x) => x.reference === old.reference)!.eraseOn).toBe(
      localDate(new Date(ctx.clock.now().getTime() + 14 * 86_400_000)),
    );

    // The reporter withdraws with the status link: erased, audit entries stripped to ids.
    expect(await svc.withdrawPublic(tenantId, "no-such-token")).toBe(false);
    expect(await svc.withdrawPublic(tenantId, w.statusToken!)).toBe(true);
    expect(await svc.status(tenantId, w.statusToken!)).toBeNull();
    expect(await svc.withdrawPublic(tenantId, w.statusToken!)).toBe(false);
    const trail = await ctx.services.audit.list(tenantId, { entityId: qw!.id }, { limit: 10, offset: 0 });
    expect(trail.map((a) => a.action).sort()).toEqual(["create", "read", "withdraw"]);
    expect(trail.filter((a) => a.action !== "withdraw").every((a) => a.changes === null)).toBe(true);

    // The contact point erases one on request: stale versions and other roles are refused.
    const request = { version: qe!.version, reason: "Anruf der meldenden Person am 6.3." };
    await expect(svc.erasePublic(who.caseWorker!, qe!.id, request)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(svc.erasePublic(cp, qe!.id, { ...request, version: qe!.version + 1 })).rejects.toMatchObject(
      {
        code: "version_conflict",
      },
    );
    expect(await svc.erasePublic(cp, qe!.id, request)).toEqual({ id: qe!.id, reference: e.reference });
    const [erased] = await ctx.services.audit.list(
      tenantId,
      { entityId: qe!.id, action: "erase" },
      { limit: 5, offset: 0 },
    );
    expect(erased).toMatchObject({ reason: "Anruf der meldenden Person am 6.3." });
    await expect(svc.erasePublic(cp, qe!.id, request)).rejects.toMatchObject({ code: "not_found" });

    // Nobody moderates the third: the daily job erases it on its day, not before.
    ctx.clock.advance(13 * 86_400_000);
    expect(await svc.publicReportRetention(tenantId)).toBe(0);
    ctx.clock.advance(86_400_000);
    expect(await svc.publicReportRetention(tenantId)).toBe(1);
    expect(await svc.status(tenantId, old.statusToken!)).toBeNull();
    expect(await svc.pendingCount(cp)).toBe(0);

    await svc.setPublicForm(cp, { enabled: false, version: kept.version });
    expect(await navLinks()).toEqual({ conflictReport: false });
  });
});

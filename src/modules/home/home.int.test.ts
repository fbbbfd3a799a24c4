import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";
import { TEST_NOW } from "../../../tests/setup/test-services.ts";
import { planItemInput } from "../casework/contracts.ts";
import { DEMO_ORGANIZATIONS, DEMO_PARTNER_ORGANIZATION } from "../demo/directory-content.ts";
import { DEMO_USERS } from "../demo/seed.ts";

// The staff home per role and the digest mail (decision 092), over the Unna demo.
let ctx: DemoContext;
let tenantId: string;
const staff = new Map<Role, Principal & { email: string }>();
const P = (role: Role) => staff.get(role)!;
const DAY = 86_400_000;
let caseId: string;
let reference: string;
let referralId: string;
let personId: string;

const itemsOf = async (p: Principal) => (await ctx.services.home.sections(p)).flatMap((s) => s.items);
const item = async (p: Principal, kind: string) => (await itemsOf(p)).find((i) => i.kind === kind);
const kindsOf = async (p: Principal) => (await itemsOf(p)).map((i) => i.kind);
const hrefsOf = async (p: Principal) => (await itemsOf(p)).flatMap((i) => i.entries.map((e) => e.href));
const admin = (): Principal => P("admin");
/** The digests in the outbox by recipient (newest first), as an admin reads them; other mails (alerts) left out. */
async function mailsTo(email: string) {
  const { items } = await ctx.services.mail.list(admin(), { limit: 200, offset: 0 });
  return items.filter((m) => m.to === email && m.subject.startsWith("Lotse: "));
}
/** Consents, referrals and answers go through the JSON API, as the case page and the partner send them. */
async function api(role: Role, path: string, body: unknown) {
  const cookie = await sessionCookieFor(ctx.services, tenantId, P(role).userId);
  const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", origin: TEST_BASE_URL, cookie },
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const partnerOrgId = () => DEMO_ORGANIZATIONS.find((o) => o.key === DEMO_PARTNER_ORGANIZATION)!.id;
async function refer(kind: string, personId: string) {
  const sent = (await api("case_worker", `/cases/${caseId}/referrals`, {
    personId,
    kind,
    targetType: "organization",
    targetId: partnerOrgId(),
    shareGivenName: true,
  })) as { referral: { id: string } };
  return sent.referral.id;
}
async function addTask(title: string, dueOn: string) {
  return ctx.services.casework.planItems.add(
    P("case_worker"),
    caseId,
    parseInput(planItemInput, { title, dueOn }),
  );
}

beforeAll(async () => {
  ctx = await createDemoContext();
  tenantId = ctx.tenantId;
});
beforeAll(async () => {
  // Each demo user as they are signed in: their own grants (the case worker's is scoped to an office).
  const byEmail = new Map(DEMO_USERS.map((u) => [u.email, u.role]));
  for (const u of await ctx.services.users.activeWithGrants(tenantId)) {
    const role = byEmail.get(u.email);
    if (role)
      staff.set(role, {
        userId: u.id,
        tenantId,
        sessionId: "s",
        grants: u.grants,
        mfaSatisfied: true,
        email: u.email,
      });
  }
  const cw = P("case_worker");
  const created = await ctx.services.casework.createHousehold(cw, {
    household: { label: "Familie Heimweg" },
    persons: [{ givenName: "Rana", familyName: "Heimweg" }],
    case: {},
  });
  if (created.status !== "created" || !created.caseId) throw new Error("intake failed");
  caseId = created.caseId;
  reference = (await ctx.services.casework.cases.get(cw, caseId)).case.reference;
  personId = created.personIds[0]!;
  await addTask("Jobcenter-Termin vorbereiten", "2026-02-20");
  await addTask("Kita-Anmeldung abgeben", "2026-03-05");
  await addTask("Sprachkurs B2 suchen", "2026-06-01");
  await api("case_worker", `/cases/${caseId}/consents`, {
    personId,
    purpose: "referral",
    recipientType: "organization",
    recipientId: partnerOrgId(),
    form: "written",
    givenOn: "2026-03-01",
    expiresOn: "2026-03-20",
  });
  referralId = await refer("counselling", personId);
});
afterAll(() => ctx.close());

describe("the staff home per role", () => {
  it("shows the case worker their cases' tasks and consents, and nobody else the case", async () => {
    const cw = P("case_worker");
    const overdue = await item(cw, "casework.overdue_tasks");
    expect(overdue?.severity).toBe("overdue");
    expect(overdue?.entries.some((e) => e.title === reference && e.due === "2026-02-20")).toBe(true);
    const due = await item(cw, "casework.tasks_due");
    expect(due?.entries.map((e) => e.due)).toContain("2026-03-05");
    // A task due in three months is neither overdue nor due this week.
    expect([...(overdue?.entries ?? []), ...(due?.entries ?? [])].map((e) => e.due)).not.toContain(
      "2026-06-01",
    );
    const consents = await item(cw, "casework.consents_expiring");
    expect(consents?.entries).toContainEqual(
      expect.objectContaining({
        title: reference,
        due: "2026-03-20",
        href: `/staff/cases/${caseId}/consents`,
      }),
    );
    // Need-to-know: the team's supervisor may read the case but is not assigned; the home lists
    // what needs *this* user. Roles without case access never see a case item.
    expect((await hrefsOf(P("supervisor"))).some((h) => h.includes(caseId))).toBe(false);
    for (const role of [
      "coordinator",
      "analyst",
      "partner_staff",
      "data_protection_officer",
      "admin",
    ] as const) {
      const kinds = await kindsOf(P(role));
      expect(
        kinds.filter((k) => /^casework\.(overdue|tasks|consents|referrals_answered)/.test(k)),
        role,
      ).toEqual([]);
    }
  });

  it("tells the partner a referral arrived, and the case worker when the partner answered", async () => {
    const partner = P("partner_staff");
    const received = await item(partner, "casework.referrals_received");
    expect(received?.entries.map((e) => e.href)).toContain(`/staff/referrals/${referralId}`);
    // The entry names the kind of referral, never the person.
    expect(JSON.stringify(received)).not.toContain("Rana");
    expect(await item(P("case_worker"), "casework.referrals_answered")).toBeUndefined();

    const incoming = await ctx.services.referrals.incomingOne(partner, referralId);
    await api("partner_staff", `/referrals/incoming/${referralId}/decision`, {
      decision: "accepted",
      version: incoming.version,
    });
    const answered = await item(P("case_worker"), "casework.referrals_answered");
    expect(answered?.entries).toContainEqual(
      expect.objectContaining({ title: reference, href: `/staff/cases/${caseId}/referrals` }),
    );
    expect((await hrefsOf(partner)).includes(`/staff/referrals/${referralId}`)).toBe(false);
  });

  it("lists changes to review for the coordinator, years to approve for the analyst, break-glass for the officer", async () => {
    const partner = P("partner_staff");
    const orgId = partnerOrgId();
    const draft = await ctx.services.directory.save(
      partner,
      "organization",
      orgId,
      {
        ...(await ctx.services.directory.get(partner, "organization", orgId)).data,
        description: "Neu: Beratung auch samstags.",
      },
      { version: (await ctx.services.directory.get(partner, "organization", orgId)).version },
    );
    const submitted = await ctx.services.directory.submit(partner, draft.revision.id, draft.revision.version);
    const review = await item(P("coordinator"), "directory.review");
    expect(review?.count).toBeGreaterThan(0);
    expect(review?.href).toBe("/staff/directory/review");
    // Oldest first: the new change is counted, and listed when it is among the first five.
    if (review!.count <= 5) expect(review?.entries.map((e) => e.key)).toContain(`review:${submitted.id}`);
    expect(await kindsOf(partner)).not.toContain("directory.review");

    const approval = await item(P("analyst"), "monitoring.approval");
    expect(approval?.entries.map((e) => e.title)).toContain("2022");
    for (const role of ["coordinator", "case_worker", "board_member"] as const)
      expect(await kindsOf(P(role)), role).not.toContain("monitoring.approval");

    // A case worker of another team opens the case by break-glass: the officer reviews it.
    const offices = await ctx.services.offices.listSummaries(tenantId);
    const other = offices.find((o) => o.id !== P("case_worker").grants[0]!.scopeId)!;
    const { user } = await createUserWithRole(ctx.services, tenantId, "case_worker", {
      scope: { scopeType: "office", scopeId: other.id },
    });
    const stranger: Principal = {
      userId: user.id,
      tenantId,
      sessionId: "s",
      grants: [{ role: "case_worker", scopeType: "office", scopeId: other.id }],
      mfaSatisfied: true,
    };
    expect((await hrefsOf(stranger)).some((h) => h.includes(caseId))).toBe(false);
    await ctx.services.privacy.openBreakGlass(stranger, {
      case: reference,
      reason: "Familie steht ohne Unterkunft vor der Tür, Akte sofort nötig.",
    });
    const breakGlass = await item(P("data_protection_officer"), "casework.break_glass_review");
    expect(breakGlass?.entries[0]).toMatchObject({ title: reference, href: "/staff/privacy/review" });
    expect(await kindsOf(P("case_worker"))).not.toContain("casework.break_glass_review");
  });

  it("asks a partner to check their organization's entries once the review interval has passed", async () => {
    expect(await kindsOf(P("partner_staff"))).not.toContain("directory.check");
    ctx.clock.set(new Date(TEST_NOW.getTime() + 400 * DAY));
    try {
      const check = await item(P("partner_staff"), "directory.check");
      expect(check?.count).toBeGreaterThan(0);
      expect(check?.entries.length).toBeLessThanOrEqual(5);
      // The coordinator edits tenant-wide: the reminder run mails them, the home does not list every entry.
      expect(await kindsOf(P("coordinator"))).not.toContain("directory.check");
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });
});

describe("notifications by mail", () => {
  it("sends one digest per user with something new, in their language, counts and links only; none on a rerun", async () => {
    const home = ctx.services.home;
    await home.setNotificationSetting(P("coordinator"), { mode: "none" });
    expect(await home.notificationSetting(P("coordinator"))).toEqual({ mode: "none" });
    expect(await home.notificationSetting(P("case_worker"))).toEqual({ mode: "daily" });
    await ctx.services.auth.setPreferredLanguage(P("partner_staff"), "ar");
    // The partner has a new referral waiting again.
    expect(await refer("club", personId)).toBeTruthy();

    const first = await home.notify(tenantId, "daily");
    expect(first.mails).toBeGreaterThan(0);
    const toCw = await mailsTo(P("case_worker").email);
    expect(toCw).toHaveLength(1);
    const body = (await ctx.services.mail.get(admin(), toCw[0]!.id)).text ?? "";
    expect(body).toContain("/staff/cases?overdue=1");
    expect(body).toContain("überfällig");
    // No case data: neither the reference nor a name, nor a task's title.
    for (const secret of [reference, "Rana", "Heimweg", "Jobcenter"]) expect(body).not.toContain(secret);
    const toPartner = await mailsTo(P("partner_staff").email);
    expect(toPartner).toHaveLength(1);
    expect(toPartner[0]!.subject).toMatch(/[\u0600-\u06FF]/);
    expect(await mailsTo(P("analyst").email)).toHaveLength(1);
    expect(await mailsTo(P("data_protection_officer").email)).toHaveLength(1);
    expect(await mailsTo(P("coordinator").email)).toHaveLength(0);

    // The same day again (a rerun, a retried job): nothing.
    const total = (await ctx.services.mail.list(admin(), { limit: 1, offset: 0 })).total;
    expect(await home.notify(tenantId, "daily")).toMatchObject({ mails: 0 });
    expect((await ctx.services.mail.list(admin(), { limit: 1, offset: 0 })).total).toBe(total);

    // The next morning, only the case worker has something new (a task fell due).
    ctx.clock.set(new Date(TEST_NOW.getTime() + DAY));
    try {
      await addTask("Wohngeldantrag nachreichen", "2026-03-04");
      const next = await home.notify(tenantId, "daily");
      expect(next.mails).toBe(1);
      expect(await mailsTo(P("case_worker").email)).toHaveLength(2);
      expect(await mailsTo(P("analyst").email)).toHaveLength(1);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });

  it("keeps one daily and one quarter-hour run queued per tenant; the latter mails who chose 'immediately'", async () => {
    const queued = async (type: string) =>
      (await ctx.services.jobs.list(tenantId, { type, status: "queued" }, { limit: 10, offset: 0 })).map(
        (j) => j.runAt.toISOString(),
      );
    // At server start (and for a new tenant): idempotent, one job per day or slot.
    await ctx.services.home.scheduleAll();
    await ctx.services.home.scheduleAll();
    expect(await queued("home.digest")).toEqual(["2026-03-03T05:30:00.000Z"]);
    expect(await queued("home.immediate")).toEqual(["2026-03-02T09:15:00.000Z"]);

    // Nobody chose "immediately" yet: the quarter-hour run checks nobody.
    expect(await ctx.services.home.notify(tenantId, "immediate")).toEqual({ checked: 0, mails: 0 });
    await ctx.services.home.setNotificationSetting(P("supervisor"), { mode: "immediate" });
    await ctx.services.casework.planItems.add(
      P("supervisor"),
      caseId,
      parseInput(planItemInput, {
        title: "Rückruf Ausländerbehörde",
        dueOn: "2026-03-04",
        responsibleUserId: P("supervisor").userId,
      }),
    );
    expect(await ctx.services.home.notify(tenantId, "immediate")).toEqual({ checked: 1, mails: 1 });
    expect(await mailsTo(P("supervisor").email)).toHaveLength(1);
    // A quarter hour later nothing is new for them, and the daily users are not its business.
    expect(await ctx.services.home.notify(tenantId, "immediate")).toEqual({ checked: 1, mails: 0 });
    expect(await mailsTo(P("case_worker").email)).toHaveLength(2);
  });
});

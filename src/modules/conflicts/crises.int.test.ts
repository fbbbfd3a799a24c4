import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CrisisPlanInput } from "./plan-contracts.ts";

let ctx: TestContext;
let tenantId: string;
let contactPoint: Principal;
let board: Principal;

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

const contact = (n: number, email: string | null) => ({
  role: `Rolle ${n}`,
  name: `Glied ${n}`,
  userId: null,
  organization: null,
  phone: `02303 555-${n}00`,
  email,
  deputyName: null,
  deputyPhone: null,
});

const plan = (): CrisisPlanInput => ({
  version: 0,
  title: "Ablaufplan",
  purpose: null,
  reviewOn: "2026-12-01",
  escalateMinutes: 10,
  // The third link has no e-mail: it is logged for a call and the chain goes on.
  contacts: [
    contact(1, "eins@krise.example"),
    contact(2, "zwei@krise.example"),
    contact(3, null),
    contact(4, "vier@krise.example"),
  ],
  scenarios: [{ type: "attack_place_of_worship", steps: ["Polizei verständigen", "Gemeinde anrufen"] }],
});

async function mailsTo(email: string) {
  return ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));
}
async function tokenMailedTo(email: string) {
  const rows = await mailsTo(email);
  return /\/crisis-alert\/([A-Za-z0-9_-]+)/.exec(rows.at(-1)!.text ?? "")![1]!;
}

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-06T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  contactPoint = await principalWith("coordinator", "Anlaufstelle");
  board = await principalWith("board_member", "Lenkungsgruppe");
});
afterAll(() => ctx.close());

describe("activating a crisis", () => {
  it("is refused without a plan and for a type the plan does not have", async () => {
    await expect(
      ctx.services.conflicts.activateCrisis(contactPoint, {
        type: "attack_place_of_worship",
        drill: false,
      }),
    ).rejects.toMatchObject({ fields: [{ field: "type", code: "conflict_no_crisis_plan" }] });
    await ctx.services.conflicts.saveCrisisPlan(contactPoint, plan());
    await expect(
      ctx.services.conflicts.activateCrisis(contactPoint, { type: "Hochwasser", drill: false }),
    ).rejects.toMatchObject({ fields: [{ field: "type", code: "conflict_unknown_crisis_type" }] });
    await expect(
      ctx.services.conflicts.activateCrisis(board, { type: "attack_place_of_worship", drill: false }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("alerts the chain in order: acknowledgement or the job's timeout passes it on, a link without mail is logged for a call", async () => {
    const { id } = await ctx.services.conflicts.activateCrisis(contactPoint, {
      type: "attack_place_of_worship",
      drill: false,
    });
    expect((await mailsTo("eins@krise.example")).map((m) => m.subject)).toEqual([
      "KRISE: Angriff auf einen Gebetsort",
    ]);
    expect(await mailsTo("zwei@krise.example")).toHaveLength(0);

    // Link 1 acknowledges: link 2 is alerted at once.
    const t1 = await tokenMailedTo("eins@krise.example");
    expect((await ctx.services.conflicts.crisisAlert(tenantId, t1))!.acknowledgedAt).toBeNull();
    expect(await ctx.services.conflicts.acknowledgeCrisisAlert(tenantId, t1)).toBe(true);
    expect(await ctx.services.conflicts.acknowledgeCrisisAlert(tenantId, t1)).toBe(true);
    expect(await mailsTo("zwei@krise.example")).toHaveLength(1);
    expect(await ctx.services.conflicts.crisisAlert(tenantId, "not-a-token")).toBeNull();

    // Link 2 stays silent: after ten minutes the job escalates past link 3 (no mail) to link 4.
    ctx.clock.advance(9 * 60_000);
    await ctx.services.jobs.runDue({ limit: 50 });
    expect(await mailsTo("vier@krise.example")).toHaveLength(0);
    ctx.clock.advance(2 * 60_000);
    await ctx.services.jobs.runDue({ limit: 50 });
    expect(await mailsTo("vier@krise.example")).toHaveLength(1);
    // The old acknowledgement of link 1 racing the job alerted nobody twice.
    expect(await mailsTo("zwei@krise.example")).toHaveLength(1);

    const view = await ctx.services.conflicts.crisis(board, id);
    expect(view.chain.map((c) => [c.position, c.alertedAt !== null, c.acknowledgedAt !== null])).toEqual([
      [1, true, true],
      [2, true, false],
      [3, true, false],
      [4, true, false],
    ]);
    expect(view.log.map((l) => l.kind)).toEqual([
      "activated",
      "alerted",
      "acknowledged",
      "alerted",
      "no_email",
      "escalated",
    ]);
    expect(view.log.find((l) => l.kind === "no_email")!.text).toContain("02303 555-300");
    expect(view.checks.map((c) => c.step)).toEqual(["Polizei verständigen", "Gemeinde anrufen"]);
    // The statement template in every UI language, filled from the crisis.
    expect(view.statements.map((s) => s.lang)).toEqual(["de", "en", "ar", "tr", "ru", "uk", "fa"]);
    expect(view.statements[0]!.text).toContain("Erklärung der Kreisstadt Unna");
    expect(view.statements[0]!.text).toContain("6. März 2026");
    expect(view.statements[2]).toMatchObject({ dir: "rtl" });
    // The crisis type in each statement's language, from the catalog (decision 088).
    expect(view.statements[2]!.text).toContain("اعتداء على مكان عبادة");
    expect(view.statements[3]!.text).toContain("Bir ibadet yerine saldırı");
    // The read is audited once per read.
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: id, action: "read", actorUserId: board.userId },
      { limit: 5, offset: 0 },
    );
    expect(reads).toHaveLength(1);
  });

  it("the checklist records who ticked what when; of two ticking one step the second is told", async () => {
    const id = (await ctx.services.conflicts.crises(board))[0]!.id;
    await ctx.services.conflicts.tickCrisisStep(board, id, 1);
    await expect(ctx.services.conflicts.tickCrisisStep(contactPoint, id, 1)).rejects.toMatchObject({
      code: "conflict",
      fields: [{ code: "conflict_step_ticked" }],
    });
    await expect(ctx.services.conflicts.tickCrisisStep(board, id, 9)).rejects.toMatchObject({
      code: "not_found",
    });
    await ctx.services.conflicts.noteCrisis(contactPoint, id, { text: "Polizei ist vor Ort, Lage ruhig." });
    const view = await ctx.services.conflicts.crisis(contactPoint, id);
    expect(view.checks[0]).toMatchObject({ doneBy: "Lenkungsgruppe", doneAt: "2026-03-06T09:11:00.000Z" });
    expect(view.checks[1]!.doneAt).toBeNull();
    expect(view.log.at(-1)).toMatchObject({
      kind: "note",
      actor: "Anlaufstelle",
      text: "Polizei ist vor Ort, Lage ruhig.",
    });
    const analyst = await principalWith("analyst");
    await expect(ctx.services.conflicts.crisis(analyst, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("closing asks for a debrief; its lessons become prevention-plan measures", async () => {
    const id = (await ctx.services.conflicts.crises(contactPoint))[0]!.id;
    const input = { version: 1, worked: "Kette schnell", change: "Telefonliste prüfen", measures: [] };
    await expect(ctx.services.conflicts.closeCrisis(board, id, input)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      ctx.services.conflicts.closeCrisis(contactPoint, id, {
        ...input,
        measures: [{ title: "Telefonliste quartalsweise prüfen", responsible: "Anlaufstelle" }],
      }),
    ).rejects.toMatchObject({ fields: [{ field: "measures", code: "conflict_no_prevention_plan" }] });
    await ctx.services.conflicts.savePreventionPlan(contactPoint, {
      version: 0,
      title: "Präventionsplan",
      structure: null,
      reviewOn: "2027-01-31",
      measures: [],
    });
    await ctx.services.conflicts.closeCrisis(contactPoint, id, {
      ...input,
      measures: [{ title: "Telefonliste quartalsweise prüfen", responsible: "Anlaufstelle" }],
    });
    await expect(ctx.services.conflicts.closeCrisis(contactPoint, id, input)).rejects.toMatchObject({
      fields: [{ code: "conflict_crisis_closed" }],
    });
    await expect(
      ctx.services.conflicts.noteCrisis(contactPoint, id, { text: "später" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    const view = await ctx.services.conflicts.crisis(contactPoint, id);
    expect(view).toMatchObject({
      state: "closed",
      debrief: { worked: "Kette schnell", change: "Telefonliste prüfen" },
    });
    expect(view.log.at(-1)!.kind).toBe("closed");
    const prevention = (await ctx.services.conflicts.preventionPlan(contactPoint))!;
    expect(prevention.measures).toEqual([
      expect.objectContaining({
        title: "Telefonliste quartalsweise prüfen",
        responsible: "Anlaufstelle",
        description: "Aus der Nachbesprechung der Krise „Angriff auf einen Gebetsort“ vom 2026-03-06",
      }),
    ]);
    // A closed crisis escalates no further.
    ctx.clock.advance(60 * 60_000);
    await ctx.services.jobs.runDue({ limit: 50 });
    expect(await mailsTo("vier@krise.example")).toHaveLength(1);
    const t1 = await tokenMailedTo("eins@krise.example");
    expect((await ctx.services.conflicts.crisisAlert(tenantId, t1))!.state).toBe("closed");
  });
});

describe("drills", () => {
  it("say so in every mail and are listed as drills", async () => {
    const { id } = await ctx.services.conflicts.activateCrisis(contactPoint, {
      type: "attack_place_of_worship",
      drill: true,
    });
    const mails = await mailsTo("eins@krise.example");
    expect(mails.at(-1)!.subject).toBe("ÜBUNG – keine echte Krise: Angriff auf einen Gebetsort");
    expect(mails.at(-1)!.text).toContain("ÜBUNG – dies ist keine echte Krise.");
    const list = await ctx.services.conflicts.crises(contactPoint);
    expect(list[0]).toMatchObject({ id, drill: true, state: "active", checksDone: 0, checksTotal: 2 });
    expect(list[1]).toMatchObject({ drill: false, state: "closed", checksDone: 1, checksTotal: 2 });
  });
});

describe("over HTTP", () => {
  it("bad input is a field error, the board may not activate, a case worker reads nothing", async () => {
    const cookie = await sessionCookieFor(ctx.services, tenantId, contactPoint.userId);
    const post = (body: unknown, c = cookie) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/crises`, {
        method: "POST",
        headers: { cookie: c, "content-type": "application/json", origin: TEST_BASE_URL },
        body: JSON.stringify(body),
      });
    const bad = await post({ type: "", drill: "ja" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
      ["drill", "type"],
    );
    const boardCookie = await sessionCookieFor(ctx.services, tenantId, board.userId);
    expect((await post({ type: "attack_place_of_worship", drill: true }, boardCookie)).status).toBe(403);
    const created = await post({ type: "attack_place_of_worship", drill: true });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const tick = await ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/crises/${id}/checks/2`, {
      method: "POST",
      headers: { cookie: boardCookie, origin: TEST_BASE_URL },
    });
    expect(tick.status).toBe(200);
    const cw = await createUserWithRole(ctx.services, tenantId, "case_worker");
    const get = await ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/crises/${id}`, {
      headers: { cookie: await sessionCookieFor(ctx.services, tenantId, cw.user.id) },
    });
    expect(get.status).toBe(403);
  });
});

describe("retention and erasure", () => {
  it("closed crises go three years after closing; the officer erases one on request", async () => {
    const list = await ctx.services.conflicts.crises(contactPoint);
    const dpo = await principalWith("data_protection_officer");
    await expect(ctx.services.conflicts.eraseCrisis(contactPoint, list[0]!.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await ctx.services.conflicts.eraseCrisis(dpo, list[0]!.id);
    await expect(ctx.services.conflicts.crisis(contactPoint, list[0]!.id)).rejects.toMatchObject({
      code: "not_found",
    });
    const erased = await ctx.services.audit.list(
      tenantId,
      { entityId: list[0]!.id, action: "erase" },
      { limit: 5, offset: 0 },
    );
    expect(erased).toHaveLength(1);
    // The first crisis was closed on 2026-03-06: still kept a day short of three years.
    ctx.clock.set(new Date("2029-03-05T06:00:00Z"));
    expect(await ctx.services.conflicts.crisisRetention(tenantId)).toBe(0);
    ctx.clock.set(new Date("2029-03-07T06:00:00Z"));
    expect(await ctx.services.conflicts.crisisRetention(tenantId)).toBe(1);
    // Active crises (the drill) are never deleted by retention.
    expect((await ctx.services.conflicts.crises(contactPoint)).map((c) => c.state)).toEqual(["active"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CrisisPlanInput, PreventionPlanInput } from "./plan-contracts.ts";

let ctx: TestContext;
let tenantId: string;
let contactPoint: Principal;
let board: Principal;
let deputyUser: { id: string; version: number };

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

const contact = (over: Partial<CrisisPlanInput["contacts"][number]> = {}) => ({
  role: "Leitung Konfliktanlaufstelle",
  name: "Anlaufstelle Eins",
  userId: null,
  organization: null,
  phone: "02303 103-0",
  email: null,
  deputyName: null,
  deputyPhone: null,
  ...over,
});

const crisis = (over: Partial<CrisisPlanInput> = {}): CrisisPlanInput => ({
  version: 0,
  title: "Ablaufplan Krisenfall",
  purpose: null,
  reviewOn: "2026-09-01",
  contacts: [contact()],
  scenarios: [
    { type: "Bedrohungslage an einer Moschee", steps: ["Polizei informieren", "Gemeinde anrufen"] },
  ],
  ...over,
});

const prevention = (over: Partial<PreventionPlanInput> = {}): PreventionPlanInput => ({
  version: 0,
  title: "Präventionsplan Zusammenhalt",
  structure: "Lenkungsgruppe, Konfliktanlaufstelle, Feuermelder",
  reviewOn: "2027-01-31",
  measures: [],
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-06T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  contactPoint = await principalWith("coordinator", "Anlaufstelle Eins");
  board = await principalWith("board_member", "Lenkungsgruppe");
  const d = await createUserWithRole(ctx.services, tenantId, "coordinator", { displayName: "Vertretung" });
  deputyUser = { id: d.user.id, version: d.user.version };
});
afterAll(() => ctx.close());

describe("the crisis plan", () => {
  it("is saved with optimistic versions: a stale save gets 409, every version is kept", async () => {
    const first = await ctx.services.conflicts.saveCrisisPlan(contactPoint, crisis());
    expect(first.version).toBe(1);
    // A second first save (someone else created it meanwhile) loses.
    await expect(ctx.services.conflicts.saveCrisisPlan(contactPoint, crisis())).rejects.toMatchObject({
      code: "version_conflict",
    });
    const second = await ctx.services.conflicts.saveCrisisPlan(
      contactPoint,
      crisis({
        version: 1,
        contacts: [contact(), contact({ role: "Vertretung", name: "Vertretung", userId: deputyUser.id })],
      }),
    );
    expect(second.version).toBe(2);
    await expect(
      ctx.services.conflicts.saveCrisisPlan(contactPoint, crisis({ version: 1, title: "Überholt" })),
    ).rejects.toMatchObject({ code: "version_conflict" });
    const view = (await ctx.services.conflicts.crisisPlan(contactPoint))!;
    expect(view.title).toBe("Ablaufplan Krisenfall");
    expect(view.contacts.map((c) => c.name)).toEqual(["Anlaufstelle Eins", "Vertretung"]);
    expect(view.revisions.map((r) => r.version)).toEqual([2, 1]);
    expect(view.scenarios[0]!.steps).toEqual(["Polizei informieren", "Gemeinde anrufen"]);
  });

  it("a chain member whose account is disabled is refused on save and flagged on the plan", async () => {
    const admin = await principalWith("admin");
    await ctx.services.users.disable({ kind: "user", principal: admin }, deputyUser.id, deputyUser.version);
    const view = (await ctx.services.conflicts.crisisPlan(contactPoint))!;
    expect(view.contacts.find((c) => c.name === "Vertretung")!.accountInactive).toBe(true);
    expect(view.contacts.find((c) => c.name === "Anlaufstelle Eins")!.accountInactive).toBe(false);
    await expect(
      ctx.services.conflicts.saveCrisisPlan(contactPoint, crisis({ version: 2, contacts: view.contacts })),
    ).rejects.toMatchObject({ fields: [{ field: "contacts.1.userId", code: "conflict_contact_inactive" }] });
  });

  it("the steering group reads it, each read audited once; case workers and analysts do not", async () => {
    const plan = (await ctx.services.conflicts.crisisPlan(board))!;
    const reads = await ctx.services.audit.list(
      tenantId,
      { entityId: plan.id, action: "read", actorUserId: board.userId },
      { limit: 10, offset: 0 },
    );
    expect(reads).toHaveLength(1);
    await expect(ctx.services.conflicts.saveCrisisPlan(board, crisis({ version: 2 }))).rejects.toMatchObject({
      code: "forbidden",
    });
    for (const role of ["case_worker", "analyst"] as const) {
      await expect(ctx.services.conflicts.crisisPlan(await principalWith(role))).rejects.toMatchObject({
        code: "forbidden",
      });
    }
  });

  it("over HTTP: bad input is a field error, a case worker gets 403, the board 200", async () => {
    const cp = await sessionCookieFor(ctx.services, tenantId, contactPoint.userId);
    const put = await ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/plans/crisis`, {
      method: "PUT",
      headers: { cookie: cp, "content-type": "application/json", origin: TEST_BASE_URL },
      body: JSON.stringify({ ...crisis({ version: 2 }), contacts: [], reviewOn: "morgen" }),
    });
    expect(put.status).toBe(422);
    const fields = ((await put.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["contacts", "reviewOn"]));
    const cw = await createUserWithRole(ctx.services, tenantId, "case_worker");
    const get = async (userId: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/conflicts/plans/crisis`, {
        headers: { cookie: await sessionCookieFor(ctx.services, tenantId, userId) },
      });
    expect((await get(cw.user.id)).status).toBe(403);
    const ok = await get(board.userId);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { plan: { version: number } }).plan.version).toBe(2);
  });
});

describe("the prevention plan", () => {
  it("links goal-tree measures through the port and refuses unknown ones", async () => {
    await expect(
      ctx.services.conflicts.savePreventionPlan(
        contactPoint,
        prevention({
          measures: [
            {
              title: "Quartiersdialoge",
              description: null,
              responsible: "Quartiersmanagement",
              measureId: "0190f0f0-0000-7000-8000-000000000001",
              reviewOn: null,
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      fields: [{ field: "measures.0.measureId", code: "conflict_unknown_measure" }],
    });
    const measure = await ctx.services.strategy.createNode(contactPoint, tenantId, {
      parentId: null,
      kind: "massnahme",
      title: "Dialogforen in den Quartieren",
      description: null,
      status: "planned",
      weight: 1,
      progress: null,
      periodFrom: null,
      periodTo: null,
      responsible: null,
      termIds: [],
      budgetPlannedCents: null,
      budgetSpentCents: null,
    });
    await ctx.services.conflicts.savePreventionPlan(
      contactPoint,
      prevention({
        measures: [
          {
            title: "Quartiersdialoge",
            description: "Zweimal im Jahr je Quartier",
            responsible: "Quartiersmanagement",
            measureId: measure.id,
            reviewOn: "2026-04-15",
          },
        ],
      }),
    );
    const view = (await ctx.services.conflicts.preventionPlan(board))!;
    expect(view.measures[0]!.measureTitle).toBe("Dialogforen in den Quartieren");
    // The earliest review date (the measure's) drives the reminder.
    expect(view.nextReviewOn).toBe("2026-04-15");
    expect(view.reviewDue).toBe(false);
  });

  it("the daily job reminds the contact point once per review date", async () => {
    ctx.clock.set(new Date("2026-04-15T06:00:00Z"));
    expect(await ctx.services.conflicts.reviewReminders(tenantId)).toBe(1);
    expect(await ctx.services.conflicts.reviewReminders(tenantId)).toBe(0);
    const admin = await principalWith("admin");
    const mails = await ctx.services.mail.list(admin, { limit: 50, offset: 0 });
    expect(mails.items.filter((m) => m.subject.includes("Präventionsplan"))).toHaveLength(1);
    const view = (await ctx.services.conflicts.preventionPlan(contactPoint))!;
    expect(view.reviewDue).toBe(true);
    expect(view.measures[0]!.reviewDue).toBe(true);
  });
});

describe("retention and erasure of plan versions", () => {
  it("superseded versions go three years after they were replaced; the officer erases them on request", async () => {
    ctx.clock.set(new Date("2029-03-07T06:00:00Z"));
    // Crisis plan: version 1 was replaced on 2026-03-06, version 2 is current.
    expect(await ctx.services.conflicts.planRetention(tenantId)).toBe(1);
    expect((await ctx.services.conflicts.crisisPlan(contactPoint))!.revisions.map((r) => r.version)).toEqual([
      2,
    ]);
    const saved = await ctx.services.conflicts.savePreventionPlan(contactPoint, prevention({ version: 1 }));
    expect(saved.version).toBe(2);
    await expect(ctx.services.conflicts.erasePlanHistory(contactPoint, "prevention")).rejects.toMatchObject({
      code: "forbidden",
    });
    const dpo = await principalWith("data_protection_officer");
    expect(await ctx.services.conflicts.erasePlanHistory(dpo, "prevention")).toBe(1);
    const view = (await ctx.services.conflicts.preventionPlan(contactPoint))!;
    expect(view.revisions.map((r) => r.version)).toEqual([2]);
    const erased = await ctx.services.audit.list(
      tenantId,
      { entityId: view.id, action: "erase" },
      { limit: 5, offset: 0 },
    );
    expect(erased).toHaveLength(1);
  });
});

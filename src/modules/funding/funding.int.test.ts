import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "#app/server/db/schema.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createCallInput, decideInput, saveDraftInput } from "./contracts.ts";
import { UNNA_COST_RULES } from "./model.ts";

let ctx: TestContext;
let tenantId: string;
beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-02T09:00:00Z") });
  tenantId = (
    await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
      frameworkTemplate: "unna",
    })
  ).id;
  coordinator = as("coordinator");
});
afterAll(() => ctx.close());

let n = 0;
const as = (role: Role): Principal => ({
  userId: `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}`,
  tenantId,
  sessionId: "s",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});
let coordinator: Principal;
const criteria = [
  { key: "teilhabe", label: "Beitrag zu Teilhabe und Integration", weight: 3 },
  { key: "machbarkeit", label: "Machbarkeit", weight: 1 },
];
const callInput = (budgetPerYear: string, projectCap: string, more: Record<string, unknown> = {}) =>
  parseInput(createCallInput, {
    title: `Kleinprojekte ${++n}`,
    description: null,
    status: "open" as const,
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    deadline: null,
    budgetPerYear,
    projectCap,
    ownContributionBp: 0,
    costRules: UNNA_COST_RULES,
    criteria,
    fieldOfActionIds: [],
    ...more,
  });

async function lastMailTo(email: string) {
  const rows = await ctx.handle.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.to, email)));
  return rows.at(-1)!;
}

/** An applicant asks for a link and submits a plan; returns the application id. */
async function applyWith(
  callId: string,
  email: string,
  budget: { type: "material" | "personnel"; amount: string }[],
) {
  await ctx.services.funding.applicant.start(tenantId, { callId, email, lang: "de" });
  const token = /\/funding\/apply\/([A-Za-z0-9_-]+)/.exec((await lastMailTo(email)).text ?? "")![1]!;
  const saved = await ctx.services.funding.applicant.saveDraft(
    tenantId,
    token,
    parseInput(saveDraftInput, {
      version: 1,
      organizationName: "Initiative WeltOffen",
      contactName: "Aylin Demir",
      title: "Sprachcafé",
      summary: "Begegnung auf Augenhöhe",
      budget: budget.map((b) => ({ ...b, description: "" })),
    }),
  );
  const submitted = await ctx.services.funding.applicant.submit(tenantId, token, saved.version);
  return submitted.id;
}

describe("funding: call → application → review → decision", () => {
  it("refuses a call whose project cap exceeds the pot and an unknown field of action, per field", async () => {
    expect(() => callInput("1.000", "5.000 €")).toThrow(
      expect.objectContaining({ fields: [{ field: "projectCap", code: "funding_cap_above_budget" }] }),
    );
    expect(() => callInput("20.000", "-5")).toThrow(
      expect.objectContaining({ fields: [{ field: "projectCap", code: "money_negative" }] }),
    );
    const res = await ctx.services.funding
      .createCall(
        coordinator,
        callInput("20.000", "5.000", { fieldOfActionIds: ["00000000-0000-7000-8000-0000000000ff"] }),
      )
      .catch((e: unknown) => e);
    expect(res).toMatchObject({
      code: "validation_failed",
      fields: [{ field: "fieldOfActionIds.0", code: "invalid_choice" }],
    });
  });

  it("an initiative applies in Arabic by e-mail link, with German amounts, and gets a receipt", async () => {
    const axes = await ctx.services.framework.list(tenantId, "de");
    const field = axes.find((a) => a.kind === "field_of_action")!.terms[0]!.id;
    const call = await ctx.services.funding.createCall(
      coordinator,
      callInput("20.000,00 €", "5.000,00 €", { fieldOfActionIds: [field] }),
    );
    // Through HTTP as the public site would.
    const start = await ctx.app.request(`${TEST_BASE_URL}/api/v1/funding/application-links`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_BASE_URL },
      body: JSON.stringify({ callId: call.id, email: "initiative@example.org", lang: "ar" }),
    });
    expect(start.status).toBe(202);
    const mail = await lastMailTo("initiative@example.org");
    expect(mail.subject).toContain("طلب التمويل");
    const token = /http:\/\/lotse\.test\/ar\/funding\/apply\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1]!;

    const put = (body: unknown) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/funding/drafts/${token}`, {
        method: "PUT",
        headers: { "content-type": "application/json", "accept-language": "de", origin: TEST_BASE_URL },
        body: JSON.stringify(body),
      });
    const bad = await put({ version: 1, budget: [{ type: "material", amount: "-5", description: "" }] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toMatchObject([{ field: "budget.0.amount", code: "money_negative" }]);

    const ok = await put({
      version: 1,
      organizationName: "Initiative WeltOffen",
      contactName: "Aylin Demir",
      title: "Sprachcafé im Treffpunkt",
      summary: "Wöchentliches Sprachcafé für Neuzugewanderte",
      budget: [
        { type: "personnel", amount: "4.000,00 €", description: "Honorar Leitung" },
        { type: "material", amount: "1.234,56", description: "Material" },
        { type: "rent", amount: 30_000, description: "Raummiete" },
      ],
    });
    expect(ok.status).toBe(200);
    const draft = await ok.json();
    expect(draft.eligibility).toMatchObject({
      requestedCents: 553_456,
      linesEligibleCents: 353_456,
      eligibleCents: 353_456,
    });
    // A second tab with the stale version overwrites nothing.
    expect((await put({ version: 1, budget: [] })).status).toBe(409);

    const sub = await ctx.services.funding.applicant.submit(tenantId, token, draft.version);
    expect(sub.status).toBe("submitted");
    expect((await lastMailTo("initiative@example.org")).subject).toContain("Sprachcafé im Treffpunkt");
    await expect(ctx.services.funding.applicant.submit(tenantId, token, sub.version)).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await ctx.services.funding.applicant.byLink(tenantId, "x".repeat(40))).state).toBe("unknown");
  });

  it("board members score hidden from each other; a conflict excludes; the decision is capped by the eligible amount", async () => {
    const call = await ctx.services.funding.createCall(coordinator, callInput("20.000", "5.000"));
    // Asked €6,000 of material: allowed as a request, eligible only the €5,000 cap.
    const id = await applyWith(call.id, "cap@example.org", [{ type: "material", amount: "6.000" }]);
    const list = (await ctx.services.funding.listApplications(coordinator, { callId: call.id })).items;
    expect(list).toMatchObject([
      { id, requestedCents: 600_000, eligibleCents: 500_000, status: "submitted" },
    ]);

    const screened = await ctx.services.funding.screen(coordinator, id, {
      version: list[0]!.version,
      outcome: "eligible",
      note: null,
    });
    const a = as("board_member");
    const b = as("board_member");
    expect((await ctx.services.funding.reviews(a, id)).others).toBeNull();
    await ctx.services.funding.review(a, id, {
      conflict: false,
      scores: { teilhabe: 5, machbarkeit: 3 },
      comment: "",
    });
    // b has not scored: a's scores stay hidden from b.
    expect(await ctx.services.funding.reviews(b, id)).toMatchObject({ mine: null, others: null, count: 1 });
    await expect(
      ctx.services.funding.review(b, id, { conflict: false, scores: { teilhabe: 4 }, comment: "" }),
    ).rejects.toMatchObject({ fields: [{ field: "scores.machbarkeit", code: "required" }] });
    const afterConflict = await ctx.services.funding.review(b, id, {
      conflict: true,
      scores: {},
      comment: "",
    });
    expect(afterConflict).toMatchObject({ mine: { conflict: true }, others: null, count: 1 });
    const mineA = await ctx.services.funding.reviews(a, id);
    expect(mineA.mine?.weighted).toBe(18);
    expect(mineA.others).toMatchObject([{ conflict: true, weighted: 0 }]);
    await expect(
      ctx.services.funding.review(a, id, {
        conflict: false,
        scores: { teilhabe: 1, machbarkeit: 1 },
        comment: "",
      }),
    ).rejects.toMatchObject({ code: "conflict" });

    await expect(
      ctx.services.funding.decide(coordinator, id, {
        version: screened.version,
        outcome: "granted",
        amount: 600_000,
        reason: "Gut",
      }),
    ).rejects.toMatchObject({ fields: [{ field: "amount", code: "funding_above_eligible" }] });
    const decided = await ctx.services.funding.decide(coordinator, id, {
      version: screened.version,
      outcome: "granted",
      amount: 500_000,
      reason: "Empfehlung des Beirats",
    });
    expect(decided).toMatchObject({ status: "granted", grantedCents: 500_000 });
  });

  it("a decision that would overdraw the year's pot is refused with the figures; the pot stays consistent", async () => {
    const call = await ctx.services.funding.createCall(coordinator, callInput("3.000", "2.500"));
    const ids = [
      await applyWith(call.id, "one@example.org", [{ type: "material", amount: "2.000" }]),
      await applyWith(call.id, "two@example.org", [{ type: "personnel", amount: "4.000" }]),
    ];
    const v: number[] = [];
    for (const id of ids) {
      const app = (await ctx.services.funding.listApplications(coordinator, { callId: call.id })).items.find(
        (x) => x.id === id,
      )!;
      v.push(
        (
          await ctx.services.funding.screen(coordinator, id, {
            version: app.version,
            outcome: "eligible",
            note: null,
          })
        ).version,
      );
    }
    await ctx.services.funding.decide(coordinator, ids[0]!, {
      version: v[0]!,
      outcome: "granted",
      amount: 200_000,
      reason: "ok",
    });
    const over = await ctx.services.funding
      .decide(coordinator, ids[1]!, { version: v[1]!, outcome: "granted", amount: 200_000, reason: "ok" })
      .catch((e: unknown) => e);
    expect(over).toMatchObject({
      code: "conflict",
      fields: [{ field: "amount", code: "funding_pot_exceeded", params: { year: 2026 } }],
      extra: { budgetCents: 300_000, committedCents: 200_000, leftCents: 100_000 },
    });
    await ctx.services.funding.decide(
      coordinator,
      ids[1]!,
      parseInput(decideInput, {
        version: v[1]!,
        outcome: "partly_granted",
        amount: "1.000,00",
        reason: "Topf",
      }),
    );
    expect(await ctx.services.funding.pot(coordinator, call.id, 2026)).toMatchObject({
      plannedCents: 300_000,
      committedCents: 300_000,
      availableCents: 0,
      decided: 2,
      pending: 0,
    });
  });

  it("only the roles of the policy reach the staff side; applicant drafts stay out of the staff list", async () => {
    await expect(ctx.services.funding.listCalls(as("case_worker"))).rejects.toMatchObject({
      code: "forbidden",
    });
    const call = await ctx.services.funding.createCall(coordinator, callInput("1.000", "1.000"));
    await ctx.services.funding.applicant.start(tenantId, {
      callId: call.id,
      email: "draft@example.org",
      lang: "de",
    });
    expect((await ctx.services.funding.listApplications(coordinator, { callId: call.id })).items).toEqual([]);
    await expect(
      ctx.services.funding.createCall(as("board_member"), callInput("1", "1")),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("funding: the staff list of applications, keyset-paged (decision 102)", () => {
  it("pages in submission order to the microsecond, stable while new applications arrive", async () => {
    const call = await ctx.services.funding.createCall(coordinator, callInput("20.000", "5.000"));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await applyWith(call.id, `page${i}@example.org`, [{ type: "material", amount: "100" }]));
    // A draft is not listed, and does not count.
    await ctx.services.funding.applicant.start(tenantId, {
      callId: call.id,
      email: "d@example.org",
      lang: "de",
    });
    // Submission instants one microsecond apart, in the reverse of id order: the order (and the
    // cursor) must follow the time to the microsecond, not the id.
    for (const [i, id] of ids.entries())
      await ctx.handle.db.execute(
        sql`UPDATE funding_applications SET submitted_at = timestamptz '2026-03-02 08:00:00.000010+00' - ${i}::int * interval '1 microsecond' WHERE id = ${id}::uuid`,
      );
    const order = [...ids].reverse();
    const list = (q: { after?: string; before?: string }) =>
      ctx.services.funding.listApplications(coordinator, { callId: call.id, limit: 2, ...q });

    const p1 = await list({});
    expect(p1.items.map((a) => a.id)).toEqual(order.slice(0, 2));
    expect(p1).toMatchObject({ total: 5, prev: null });
    const p2 = await list({ after: p1.next! });
    expect(p2.items.map((a) => a.id)).toEqual(order.slice(2, 4));
    // Someone submits while staff read page 2: it comes last, nothing shifts or repeats.
    const late = await applyWith(call.id, "late@example.org", [{ type: "material", amount: "100" }]);
    const p3 = await list({ after: p2.next! });
    expect(p3.items.map((a) => a.id)).toEqual([order[4], late]);
    expect(p3).toMatchObject({ total: 6, next: null });
    // Back from page 3 gives page 2 again, and from there page 1 (which has no previous page).
    const back = await list({ before: p3.prev! });
    expect(back.items.map((a) => a.id)).toEqual(order.slice(2, 4));
    const start = await list({ before: back.prev! });
    expect(start.items.map((a) => a.id)).toEqual(order.slice(0, 2));
    expect(start.prev).toBeNull();
    expect(start.next).not.toBeNull();

    // A forged or garbled cursor, or both directions at once: a field error, never a 500.
    await expect(list({ after: "1.not-a-uuid" })).rejects.toMatchObject({
      fields: [{ field: "after", code: "funding_cursor_invalid" }],
    });
    await expect(list({ after: p1.next!, before: p1.next! })).rejects.toMatchObject({
      fields: [{ field: "before", code: "funding_cursor_both" }],
    });
    const { user } = await createUserWithRole(ctx.services, tenantId, "coordinator");
    const cookie = await sessionCookieFor(ctx.services, tenantId, user.id);
    const get = (q: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/funding/applications?callId=${call.id}${q}`, {
        headers: { cookie, "accept-language": "en" },
      });
    const bad = await get("&after=x");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("open the list from the start");
    const api = (await (await get(`&limit=2&after=${encodeURIComponent(p2.next!)}`)).json()) as {
      items: { id: string }[];
    };
    expect(api.items.map((a) => a.id)).toEqual([order[4], late]);
  });
});

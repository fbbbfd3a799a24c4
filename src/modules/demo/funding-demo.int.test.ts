import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import { DEMO_CALL_TITLE, seedFundingDemo } from "./funding.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe("funding demo", () => {
  it("seeds Unna's call with eight decided applications that use €20,000 exactly — once", async () => {
    const tenant = await ctx.services.tenants.create({
      slug: "unna",
      name: "Kreisstadt Unna",
      kind: "municipality",
      frameworkTemplate: "unna",
    });
    const actor = { kind: "system", tenantId: tenant.id } as const;
    for (const role of ["coordinator", "board_member", "finance"] as const) {
      await ctx.services.users.create(actor, {
        email: `${role.replace(/_/g, "-")}@demo.lotse.example`,
        displayName: role,
        password: `lotse-demo-${role}-password`,
        preferredLanguage: "de",
        grants: [{ role, scopeType: "tenant", scopeId: null }],
      });
    }
    expect(await seedFundingDemo(ctx.services, tenant.id)).toEqual({ skipped: false, decided: 8 });
    const coordinator: Principal = {
      userId: "00000000-0000-7000-8000-000000000001",
      tenantId: tenant.id,
      sessionId: "s",
      grants: [{ role: "coordinator", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    };
    const call = (await ctx.services.funding.listCalls(coordinator)).find(
      (c) => c.title === DEMO_CALL_TITLE,
    )!;
    const year = Number(ctx.clock.now().toISOString().slice(0, 4));
    expect(await ctx.services.funding.pot(coordinator, call.id, year)).toMatchObject({
      plannedCents: 2_000_000,
      committedCents: 2_000_000,
      availableCents: 0,
      decided: 8,
    });
    const apps = (await ctx.services.funding.listApplications(coordinator, { callId: call.id })).items;
    expect(apps.map((a) => a.status).sort()).toEqual([
      "granted",
      "granted",
      "granted",
      "granted",
      "partly_granted",
      "partly_granted",
      "refused",
      "refused",
    ]);
    // Asked for more than the €5,000 cap: the grant is capped.
    expect(apps.find((a) => a.title === "Jugend hilft Jugendlichen")).toMatchObject({
      requestedCents: 1_000_000,
      eligibleCents: 500_000,
      grantedCents: 500_000,
    });
    // One project paid and closed with an accepted proof of use, one with a partial repayment.
    const proofOf = async (title: string) =>
      (await ctx.services.funding.proofs.get(coordinator, apps.find((a) => a.title === title)!.id)).proof;
    expect(await proofOf("Sprachcafé im Treffpunkt WeltOffen")).toMatchObject({
      status: "accepted",
      settlement: { paidCents: 350_000, repaymentCents: 0 },
    });
    expect(await proofOf("Café Knirps Königsborn mehrsprachig")).toMatchObject({
      status: "repayment",
      settlement: { paidCents: 260_000, dueCents: 210_000, repaymentCents: 50_000 },
      repayment: { demandedCents: 50_000, receivedCents: 20_000, outstandingCents: 30_000 },
    });
    // A third project's call of funds, approved by staff, waits for finance's payment order.
    const finance: Principal = {
      ...coordinator,
      userId: "00000000-0000-7000-8000-000000000002",
      grants: [{ role: "finance", scopeType: "tenant", scopeId: null }],
    };
    expect(await ctx.services.funding.payments.queue(finance)).toEqual([
      expect.objectContaining({
        status: "approved",
        amountCents: 100_000,
        organizationName: expect.any(String),
      }),
    ]);
    expect(await seedFundingDemo(ctx.services, tenant.id)).toEqual({ skipped: true });
  });
});

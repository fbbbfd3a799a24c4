import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createDemoContext, type DemoContext } from "../../../tests/setup/test-db.ts";
import { offersInLanguagesFrom } from "./deps.ts";

// Offers in the household's language in the proposal (decision 089): the directory's published
// offers in the accommodation's quarter, on the Lünen demo, on PGlite and PostgreSQL.

let ctx: DemoContext;
let cw: Principal;

beforeAll(async () => {
  ctx = await createDemoContext();
  const { user } = await createUserWithRole(ctx.services, ctx.tenantId, "case_worker");
  cw = {
    userId: user.id,
    tenantId: ctx.tenantId,
    sessionId: "s",
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  // The first file of a run to ask for the demo seeds its template; that takes minutes under load.
}, 600_000);
afterAll(() => ctx?.close());

async function household(languages: string[]) {
  const r = await ctx.services.casework.createHousehold(cw, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: [
      {
        givenName: "Rana",
        familyName: "Muster",
        birthDate: "1988-05-01",
        sex: "female",
        languages: languages.map((lang) => ({ lang, level: "C2" as const })),
      },
    ],
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return r.caseId!;
}

describe("offers in the household's language", () => {
  it("counts the quarter's published offers in a language, and never all offers for an unknown one", async () => {
    const count = offersInLanguagesFrom(ctx.services.publicDirectory);
    // Every area of the demo (the town includes its quarters).
    const quarters = await ctx.services.areas.list(ctx.tenantId);
    const byQuarter = await Promise.all(quarters.map((q) => count(ctx.tenantId, q.code, ["ar"])));
    // The demo has offers in Arabic somewhere.
    expect(byQuarter.some((n) => n > 0)).toBe(true);
    const some = quarters[byQuarter.findIndex((n) => n > 0)]!;
    const all = await count(ctx.tenantId, some.code, ["de"]);
    expect(all).toBeGreaterThanOrEqual(byQuarter.find((n) => n > 0)!);
    expect(await count(ctx.tenantId, some.code, ["xx"])).toBe(0);
    expect(await count(ctx.tenantId, some.code, [])).toBe(0);
  });

  it("scores each accommodation by its quarter's offers in the household's languages", async () => {
    const svc = ctx.services.accommodation;
    const accs = await svc.accommodations.list({ kind: "user", principal: cw });
    expect(accs.length).toBeGreaterThan(0);
    const areas = await ctx.services.areas.list(ctx.tenantId);
    const count = offersInLanguagesFrom(ctx.services.publicDirectory);
    const q = { moveIn: "2027-06-01", moveOut: null, needsAccessible: false };

    const arabic = await svc.proposal.propose(cw, await household(["ar"]), q);
    for (const item of arabic.items.filter((i) => !i.blocked)) {
      const acc = accs.find((a) => a.id === item.accommodationId)!;
      const code = areas.find((a) => a.id === acc.areaId)!.code;
      const offers = item.criteria.find((c) => c.criterion === "offers")!;
      expect(offers.value).toBe(await count(ctx.tenantId, code, ["ar"]));
    }

    const none = await svc.proposal.propose(cw, await household([]), q);
    for (const item of none.items.filter((i) => !i.blocked))
      expect(item.criteria.find((c) => c.criterion === "offers")).toEqual({
        criterion: "offers",
        value: null,
        score: null,
      });
  });
});

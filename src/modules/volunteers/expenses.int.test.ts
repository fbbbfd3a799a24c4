import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role } from "#app/server/policy/roles.ts";
import { parseInput } from "#app/server/validation.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import { createRequestInput, createVolunteerInput } from "./contracts.ts";
import { claimInput, poolSettingsInput } from "./expense-contracts.ts";
import { registerTandemInput } from "./tandem-contracts.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};
const userIds: Record<string, string> = {};

async function person(key: string, role: Role) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role);
  who[key] = {
    userId: user.id,
    tenantId,
    sessionId: "s",
    grants: [{ role, scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
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
const claim = (p: Principal, input: Record<string, unknown>) =>
  svc().submitClaim(p, parseInput(claimInput, input));

let amina: string;
let boris: string;

beforeAll(async () => {
  // Monday 2026-06-01 in Unna; Thursday 2026-06-04 is Corpus Christi (a holiday in NRW, not in Berlin).
  ctx = await createTestContext({ now: new Date("2026-06-01T08:00:00Z") });
  tenantId = (await ctx.services.tenants.create({ slug: "unna-e", name: "Kreis Unna", kind: "county" })).id;
  await person("coordinator", "volunteer_coordinator");
  await person("amina", "volunteer");
  await person("boris", "volunteer");
  const base = {
    uiLanguage: "de",
    status: "active",
    areas: ["Unna"],
    modes: ["on_site", "phone"],
    settings: ["family", "kita"],
    certificates: [
      { kind: "training", issuedOn: "2025-05-10", validUntil: null },
      { kind: "confidentiality_pledge", issuedOn: "2025-05-10", validUntil: null },
    ],
    availability: [],
    absences: [],
  };
  amina = (
    await svc().create(
      who.coordinator!,
      parseInput(createVolunteerInput, {
        ...base,
        name: "Amina Warsame",
        userId: userIds.amina,
        languages: [{ code: "de", level: "native", oral: true, written: true }],
      }),
    )
  ).id;
  boris = (
    await svc().create(
      who.coordinator!,
      parseInput(createVolunteerInput, {
        ...base,
        name: "Boris Iwanow",
        userId: userIds.boris,
        languages: [{ code: "ru", level: "native", oral: true, written: true }],
      }),
    )
  ).id;
});
afterAll(() => ctx?.close());

describe("pool settings and holidays", () => {
  it("counts the state's holidays in the lead time, and saves settings only on the version read", async () => {
    const book = (date: string) =>
      svc().createRequest(
        who.coordinator!,
        parseInput(createRequestInput, {
          institutionName: "Kita Sonnenschein",
          contactName: "Frau Berg",
          contactEmail: "berg@example.org",
          language: "so",
          mode: "phone",
          setting: "kita",
          topic: "Elterngespräch",
          date,
          startTime: "10:00",
          durationMinutes: 60,
        }),
      );
    // NRW: Tue 2, Wed 3, (Thu 4 holiday), Fri 5, Mon 8, Tue 9 → Monday 8 June is too early.
    expect(await codeOf(book("2026-06-08"))).toBe("volunteers_lead_time");
    const s = await svc().getSettings(who.coordinator!);
    expect(s).toEqual({
      holidayState: "NW",
      allowanceCents: 96_000,
      hourlyRateCents: 1500,
      kmRateCents: 30,
      version: 0,
    });
    const saved = await svc().updateSettings(
      who.coordinator!,
      parseInput(poolSettingsInput, { version: 0, holidayState: "BE", allowanceCents: "960,00" }),
    );
    // Rates the form leaves out keep their values.
    expect(saved).toEqual({
      holidayState: "BE",
      allowanceCents: 96_000,
      hourlyRateCents: 1500,
      kmRateCents: 30,
      version: 1,
    });
    expect(await codeOf(book("2026-06-08"))).toBe("ok");
    // A second coordinator who read version 0 gets a conflict, not a silent overwrite.
    expect(
      await codeOf(
        svc().updateSettings(
          who.coordinator!,
          parseInput(poolSettingsInput, { version: 0, holidayState: "NW", allowanceCents: 84_000 }),
        ),
      ),
    ).toBe("version_conflict");
    await svc().updateSettings(
      who.coordinator!,
      parseInput(poolSettingsInput, { version: 1, holidayState: "NW", allowanceCents: 96_000 }),
    );
    expect(await codeOf(svc().getSettings(who.amina!))).toBe("forbidden");
  });
});

describe("expense claims", () => {
  it("checks amounts against the allowance, lets the coordinator decide, and sums the year", async () => {
    // Amina claims for herself; the coordinator claims for Boris.
    const first = await claim(who.amina!, { kind: "flat_rate", period: "2026-05", amountCents: "600" });
    expect(first).toMatchObject({ volunteerName: "Amina Warsame", amountCents: 60_000, state: "submitted" });
    // 600 € pending: only 360 € are left of the 960 €.
    const over = await codeOf(
      claim(who.amina!, { kind: "flat_rate", period: "2026-05", amountCents: "400" }),
    );
    expect(over).toBe("volunteers_allowance_exceeded");
    expect(await codeOf(claim(who.amina!, { kind: "flat_rate", period: "2026-07", amountCents: "10" }))).toBe(
      "volunteers_period_future",
    );
    const receipts = await claim(who.amina!, {
      kind: "receipts",
      period: "2026-05",
      receipts: [
        { date: "2026-05-04", description: "Busticket Unna–Kamen", amountCents: "3,40" },
        { date: "2026-05-12", description: "Busticket Unna–Lünen", amountCents: "4,10" },
      ],
    });
    expect(receipts.amountCents).toBe(750);
    expect(
      await codeOf(
        claim(who.amina!, {
          kind: "receipts",
          period: "2026-04",
          receipts: [{ date: "2026-05-04", description: "Ticket", amountCents: "3" }],
        }),
      ),
    ).toBe("volunteers_receipt_date");
    expect(await codeOf(claim(who.boris!, { kind: "flat_rate", period: "2026-05", amountCents: "1" }))).toBe(
      "ok",
    );
    const forBoris = await claim(who.coordinator!, {
      volunteerId: boris,
      kind: "flat_rate",
      period: "2026-05",
      amountCents: 20_000,
    });

    // A volunteer decides nothing; a refusal needs a reason; a decided claim stays decided.
    expect(
      await codeOf(
        svc().decideClaim(who.amina!, first.id, {
          version: first.version,
          decision: "approve",
          reason: null,
        }),
      ),
    ).toBe("forbidden");
    const approved = await svc().decideClaim(who.coordinator!, first.id, {
      version: first.version,
      decision: "approve",
      reason: null,
    });
    expect(approved.state).toBe("approved");
    expect(
      await codeOf(
        svc().decideClaim(who.coordinator!, first.id, {
          version: approved.version,
          decision: "refuse",
          reason: "x",
        }),
      ),
    ).toBe("volunteers_claim_decided");
    await svc().decideClaim(who.coordinator!, receipts.id, {
      version: receipts.version,
      decision: "approve",
      reason: null,
    });
    const refused = await svc().decideClaim(who.coordinator!, forBoris.id, {
      version: forBoris.version,
      decision: "refuse",
      reason: "Kein Einsatz im Mai",
    });
    expect(refused).toMatchObject({ state: "refused", refusalReason: "Kein Einsatz im Mai" });
    expect((await svc().myClaims(who.boris!, 2026)).map((c) => c.volunteerName)).toEqual([
      "Boris Iwanow",
      "Boris Iwanow",
    ]);

    // Hours: a tandem's logged hours count in the year.
    const t = await svc().registerTandem(
      who.coordinator!,
      parseInput(registerTandemInput, { newcomerName: "Selam", offers: ["ti"], wants: ["de"] }),
    );
    await svc().startTandem(who.coordinator!, t.id, {
      version: t.version,
      volunteerId: amina,
      startedOn: "2026-05-04",
    });
    await svc().logHours(who.amina!, t.id, { date: "2026-05-11", minutes: 90 });

    const year = await svc().yearSummary(who.coordinator!, 2026);
    expect(year.allowanceCents).toBe(96_000);
    expect(year.volunteers.find((l) => l.volunteerName === "Amina Warsame")).toMatchObject({
      flatRateCents: 60_000,
      receiptsCents: 750,
      remainingCents: 36_000,
      overAllowance: false,
      tandemMinutes: 90,
    });

    // The treasury's CSV: approved claims only, German decimals, BOM and semicolons.
    const cookie = await sessionCookieFor(ctx.services, tenantId, userIds.coordinator!);
    const res = await ctx.app.request(`${TEST_BASE_URL}/api/v1/volunteer-claims/export.csv?year=2026`, {
      headers: { origin: TEST_BASE_URL, cookie },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("Beleg;")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(";600,00;"))).toBe(true);
    expect(lines.some((l) => l.includes(";7,50;2;"))).toBe(true);
    expect(csv).not.toContain("Boris");

    // Erasure: the claims stay for the accounts (under the name), unlinked from the profile.
    const erased = await svc().erase(who.coordinator!, amina);
    expect(erased).toMatchObject({ claimsUnlinked: 2, tandemsUnlinked: 1 });
    const after = await svc().listClaims(who.coordinator!, 2026);
    expect(
      after.filter((c) => c.volunteerName === "Amina Warsame").every((c) => c.volunteerId === null),
    ).toBe(true);
  });
});

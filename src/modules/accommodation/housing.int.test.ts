import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accommodations, auditLog } from "#app/server/db/schema.ts";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole, sessionCookieFor } from "../../../tests/setup/auth.ts";
import { createTestContext, TEST_BASE_URL, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CreateAccommodationInput } from "./housing.contracts.ts";

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};
let coordinatorCookie: string;
let boardCookie: string;

const square = (code: string, x0: number) => ({
  type: "Feature",
  properties: { code, name: `Quartier ${code}`, level: "quarter", parent: null },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x0, 51.5],
        [x0 + 0.02, 51.5],
        [x0 + 0.02, 51.52],
        [x0, 51.52],
        [x0, 51.5],
      ],
    ],
  },
});

async function person(key: string, role: Role, scope?: Omit<RoleGrant, "role">) {
  const { user } = await createUserWithRole(ctx.services, tenantId, role, scope ? { scope } : {});
  const grants: RoleGrant[] = [{ role, ...(scope ?? { scopeType: "tenant", scopeId: null }) }];
  who[key] = { userId: user.id, tenantId, sessionId: "s", grants, mfaSatisfied: true };
  return user.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({ slug: "luenen", name: "Stadt Lünen", kind: "municipality" })
  ).id;
  const areas = { type: "FeatureCollection", features: [square("Q1", 7.6), square("Q2", 7.62)] };
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(areas));
  const sys = { kind: "system" as const, tenantId };
  const office = { kind: "welcome_office", placeId: null, email: null, phone: null } as const;
  const a = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Nord" });
  const b = await ctx.services.offices.create(sys, { ...office, name: "Willkommensbüro Süd" });
  await person("cwA", "case_worker", { scopeType: "office", scopeId: a.id });
  await person("cwB", "case_worker", { scopeType: "office", scopeId: b.id });
  await person("dpo", "data_protection_officer");
  coordinatorCookie = await sessionCookieFor(
    ctx.services,
    tenantId,
    await person("coordinator", "coordinator"),
  );
  boardCookie = await sessionCookieFor(ctx.services, tenantId, await person("board", "board_member"));
});
afterAll(() => ctx.close());

const coordinator = () => ({ kind: "user" as const, principal: who.coordinator! });
const fields = (extra: Partial<CreateAccommodationInput> = {}): CreateAccommodationInput => ({
  name: `Unterkunft ${Math.random().toString(36).slice(2, 8)}`,
  kind: "flat",
  address: "Lange Straße 1, 44532 Lünen",
  lon: 7.61,
  lat: 51.51,
  places: 5,
  accessible: false,
  operator: "Stadt Lünen",
  contact: null,
  opensOn: "2026-01-01",
  closesOn: null,
  ...extra,
});

/** A household of `size` persons with a case, in case worker A's office. */
async function household(size: number, by = who.cwA!) {
  const r = await ctx.services.casework.createHousehold(by, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: Array.from({ length: size }, (_, i) => ({ givenName: `Person${i}`, familyName: "Muster" })),
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, householdId: r.householdId, personIds: r.personIds };
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

const svc = () => ctx.services.accommodation;

describe("accommodations", () => {
  it("locates an accommodation in its quarter and refuses one outside the areas or closing before it opens", async () => {
    const acc = await svc().accommodations.create(coordinator(), fields({ lon: 7.63 }));
    expect(acc.areaName).toBe("Quartier Q2");
    expect(acc.occupancy).toEqual({ places: 5, occupied: 0, reserved: 0, free: 5 });
    expect(await codeOf(svc().accommodations.create(coordinator(), fields({ lon: 8.5 })))).toBe(
      "place_outside_areas",
    );
    expect(
      await codeOf(
        svc().accommodations.create(coordinator(), fields({ opensOn: "2026-05-01", closesOn: "2026-04-01" })),
      ),
    ).toBe("accommodation_closes_before_opens");
    const changed = await svc().accommodations.update(coordinator(), acc.id, {
      ...fields({ places: 8 }),
      version: acc.version,
    });
    expect(changed.places).toBe(8);
    expect(
      await codeOf(svc().accommodations.update(coordinator(), acc.id, { ...fields(), version: acc.version })),
    ).toBe("version_conflict");
  });

  it("answers the list over HTTP to coordinators, not to board members", async () => {
    const get = (cookie: string) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/accommodation/accommodations?on=2026-03-02`, {
        headers: { cookie, origin: TEST_BASE_URL, "accept-language": "de" },
      });
    const ok = await get(coordinatorCookie);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBeGreaterThan(0);
    expect((await get(boardCookie)).status).toBe(403);
  });
});

describe("an accommodation as a public place (decision 121)", () => {
  it("shows only what is public, refuses a second place, and the system takes it down on closing unless an editor changed it", async () => {
    const acc = await svc().accommodations.create(
      coordinator(),
      fields({ accessible: true, operator: "Träger Nord", contact: "Frau Beispiel, 0231 123456" }),
    );
    // Showing it is the directory's editorial call too: the housing coordinator may not, the board not at all.
    await person("housing", "housing_coordinator");
    const housing = { kind: "user" as const, principal: who.housing! };
    const show = { show: true, name: "Begegnungsort Lange Straße", version: acc.version };
    expect(await codeOf(svc().accommodations.setPublic(housing, acc.id, show))).toBe("forbidden");
    const put = (cookie: string, id: string, body: unknown) =>
      ctx.app.request(`${TEST_BASE_URL}/api/v1/accommodation/accommodations/${id}/place`, {
        method: "PUT",
        headers: { cookie, origin: TEST_BASE_URL, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put(boardCookie, acc.id, show)).status).toBe(403);
    const res = await put(coordinatorCookie, acc.id, show);
    expect(res.status).toBe(200);
    const published = (await res.json()) as {
      outcome: string;
      accommodation: { version: number; publicPlace: { placeId: string; status: string; changed: boolean } };
    };
    expect(published.outcome).toBe("published");
    const placeId = published.accommodation.publicPlace.placeId;
    expect(published.accommodation.publicPlace).toEqual({ placeId, status: "published", changed: false });
    const entry = await ctx.services.directory.get(who.coordinator!, "place", placeId);
    expect(entry.data).toMatchObject({
      name: "Begegnungsort Lange Straße",
      street: "Lange Straße 1",
      postcode: "44532",
      city: "Lünen",
      accessibility: { stepFreeEntrance: true },
    });
    const publicText = JSON.stringify(entry.data);
    for (const secret of ["Träger Nord", "Beispiel", acc.name]) expect(publicText).not.toContain(secret);
    // A second click with the old version, or with the new one: never a second place.
    expect(await codeOf(svc().accommodations.setPublic(coordinator(), acc.id, show))).toBe(
      "version_conflict",
    );
    expect(
      await codeOf(
        svc().accommodations.setPublic(coordinator(), acc.id, {
          ...show,
          version: published.accommodation.version,
        }),
      ),
    ).toBe("accommodation_already_public");

    // Closing it (the closing day has come) takes the place down by the system, in the same save.
    const closed = await svc().accommodations.update(coordinator(), acc.id, {
      ...fields({ name: acc.name, opensOn: "2020-01-01", closesOn: "2021-01-01" }),
      version: published.accommodation.version,
    });
    expect(closed.publicPlace).toBeNull();
    expect((await ctx.services.directory.get(who.coordinator!, "place", placeId)).status).toBe("archived");
    const archived = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, placeId), eq(auditLog.action, "directory.archive")));
    expect(archived.map((e) => e.actorKind)).toEqual(["system"]);
    expect(
      await codeOf(
        svc().accommodations.setPublic(coordinator(), acc.id, { ...show, version: closed.version }),
      ),
    ).toBe("accommodation_closed_not_public");

    // An editor changed the place after publishing: taking it down leaves it public and says so.
    const other = await svc().accommodations.create(coordinator(), fields());
    const shown = await svc().accommodations.setPublic(coordinator(), other.id, {
      show: true,
      name: null,
      version: other.version,
    });
    const otherPlace = shown.accommodation.publicPlace!.placeId;
    const edited = await ctx.services.directory.get(who.coordinator!, "place", otherPlace);
    await ctx.services.directory.publishDirect(
      { kind: "user", principal: who.coordinator! },
      "place",
      { ...edited.data, name: "Sprachcafé im Haus" },
      { entityId: otherPlace },
    );
    const kept = await svc().accommodations.setPublic(coordinator(), other.id, {
      show: false,
      name: null,
      version: shown.accommodation.version,
    });
    expect(kept.outcome).toBe("changed");
    expect(kept.accommodation.publicPlace).toEqual({
      placeId: otherPlace,
      status: "published",
      changed: true,
    });
    expect((await ctx.services.directory.get(who.coordinator!, "place", otherPlace)).data).toMatchObject({
      name: "Sprachcafé im Haus",
    });

    // A later closing day: the daily job takes the place down on its day (simulated by moving the day).
    const later = await svc().accommodations.create(coordinator(), fields({ closesOn: "2099-01-01" }));
    const laterShown = await svc().accommodations.setPublic(coordinator(), later.id, {
      show: true,
      name: null,
      version: later.version,
    });
    expect(await svc().daily.takeDownClosed(tenantId)).toBe(0);
    await ctx.handle.db
      .update(accommodations)
      .set({ closesOn: "2026-01-02" })
      .where(and(eq(accommodations.tenantId, tenantId), eq(accommodations.id, later.id)));
    expect(await svc().daily.takeDownClosed(tenantId)).toBe(1);
    const laterPlace = laterShown.accommodation.publicPlace!.placeId;
    expect((await ctx.services.directory.get(who.coordinator!, "place", laterPlace)).status).toBe("archived");
    expect((await svc().accommodations.get(coordinator(), later.id)).publicPlace).toBeNull();
  });
});

describe("placements", () => {
  it("places a whole household and keeps occupancy within the places, with clear errors", async () => {
    const acc = await svc().accommodations.create(coordinator(), fields({ places: 5 }));
    const family = await household(4);
    const placed = await svc().placements.place(who.cwA!, acc.id, {
      caseId: family.caseId,
      moveIn: "2026-03-01",
      moveOut: null,
      room: "EG links",
      version: acc.version,
    });
    expect(placed.persons).toBe(4);
    const now = await svc().accommodations.get(coordinator(), acc.id, "2026-03-02");
    expect(now.occupancy).toEqual({ places: 5, occupied: 4, reserved: 0, free: 1 });
    const before = await svc().accommodations.get(coordinator(), acc.id, "2026-02-15");
    expect(before.occupancy).toEqual({ places: 5, occupied: 0, reserved: 4, free: 1 });

    const pair = await household(2);
    const place = (caseId: string, extra: Record<string, unknown> = {}) =>
      svc().placements.place(who.cwA!, acc.id, {
        caseId,
        moveIn: "2026-04-01",
        moveOut: null,
        room: null,
        version: now.version,
        ...extra,
      });
    expect(await codeOf(place(pair.caseId))).toBe("accommodation_over_capacity");
    expect(await codeOf(place(pair.caseId, { moveIn: "2026-05-01", moveOut: "2026-04-01" }))).toBe(
      "accommodation_move_out_before_move_in",
    );
    expect(await codeOf(place(pair.caseId, { moveIn: "2025-12-01", moveOut: "2026-01-15" }))).toBe(
      "accommodation_not_open",
    );
    expect(await codeOf(place(pair.caseId, { version: now.version - 1 }))).toBe("version_conflict");
    // Before the family moves in, the pair fits.
    expect(await codeOf(place(pair.caseId, { moveIn: "2026-01-10", moveOut: "2026-03-01" }))).toBe("ok");

    const other = await svc().accommodations.create(coordinator(), fields({ places: 10 }));
    expect(
      await codeOf(
        svc().placements.place(who.cwA!, other.id, {
          caseId: family.caseId,
          moveIn: "2026-06-01",
          moveOut: null,
          room: null,
          version: other.version,
        }),
      ),
    ).toBe("accommodation_household_placed");

    // The family moves out on 1 June and into the other accommodation.
    const ended = await svc().placements.end(who.cwA!, placed.id, {
      moveOut: "2026-06-01",
      version: placed.version,
    });
    expect(ended.moveOut).toBe("2026-06-01");
    await svc().placements.place(who.cwA!, other.id, {
      caseId: family.caseId,
      moveIn: "2026-06-01",
      moveOut: null,
      room: null,
      version: other.version,
    });
    const history = await svc().placements.history(who.cwA!, family.caseId);
    expect(history.map((h) => [h.accommodationName, h.moveIn, h.moveOut])).toEqual([
      [other.name, "2026-06-01", null],
      [acc.name, "2026-03-01", "2026-06-01"],
    ]);
    expect((await svc().accommodations.get(coordinator(), acc.id, "2026-06-01")).occupancy.occupied).toBe(0);
  });

  it("lets one of two people placing the last free bed at once win", async () => {
    const acc = await svc().accommodations.create(coordinator(), fields({ places: 1 }));
    const [a, b] = [await household(1), await household(1)];
    const place = (caseId: string) =>
      svc().placements.place(who.cwA!, acc.id, {
        caseId,
        moveIn: "2026-03-05",
        moveOut: null,
        room: null,
        version: acc.version,
      });
    const codes = await Promise.all([codeOf(place(a.caseId)), codeOf(place(b.caseId))]);
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.find((c) => c !== "ok")).toMatch(/^(version_conflict|accommodation_over_capacity)$/);
    expect((await svc().accommodations.get(coordinator(), acc.id, "2026-03-05")).occupancy.occupied).toBe(1);
  });

  it("shows residents only to those who may read the case, audits each read once, and counts the rest", async () => {
    const acc = await svc().accommodations.create(coordinator(), fields({ places: 10 }));
    const family = await household(3);
    const placed = await svc().placements.place(who.cwA!, acc.id, {
      caseId: family.caseId,
      moveIn: "2026-03-01",
      moveOut: null,
      room: null,
      version: acc.version,
    });
    expect(await codeOf(svc().placements.residents(who.board!, acc.id))).toBe("forbidden");
    expect(await svc().placements.residents(who.coordinator!, acc.id)).toEqual({
      placements: [],
      hiddenCount: 1,
    });
    expect(await svc().placements.residents(who.cwB!, acc.id)).toEqual({ placements: [], hiddenCount: 1 });
    const seen = await svc().placements.residents(who.cwA!, acc.id);
    expect(seen.placements.map((p) => p.id)).toEqual([placed.id]);
    const reads = await ctx.handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityId, placed.id), eq(auditLog.action, "read")),
      );
    expect(reads.map((r) => r.actorUserId)).toEqual([who.cwA!.userId]);
    // Placing someone else's household, or placing as a coordinator, is refused.
    const input = { caseId: family.caseId, moveIn: "2026-09-01", moveOut: null, room: null, version: 2 };
    expect(await codeOf(svc().placements.place(who.cwB!, acc.id, input))).toBe("forbidden");
    expect(await codeOf(svc().placements.place(who.coordinator!, acc.id, input))).toBe("forbidden");
    expect(await codeOf(svc().placements.history(who.cwB!, family.caseId))).toBe("forbidden");
  });

  it("goes with the household when case work erases it, and is in the person's Art. 15 export", async () => {
    const acc = await svc().accommodations.create(coordinator(), fields({ places: 4 }));
    const single = await household(1);
    await svc().placements.place(who.cwA!, acc.id, {
      caseId: single.caseId,
      moveIn: "2026-03-01",
      moveOut: null,
      room: "Zimmer 2",
      version: acc.version,
    });
    const exported = (await ctx.services.privacy.subjectAccess(
      who.dpo!,
      single.personIds[0]!,
    )) as unknown as {
      sections?: Record<string, unknown>;
    } & Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain("Zimmer 2");
    const { deleted } = await ctx.services.privacy.erase(who.dpo!, single.personIds[0]!, { confirm: true });
    expect(deleted.accommodation_placements).toBe(1);
    expect((await svc().accommodations.get(coordinator(), acc.id, "2026-03-02")).occupancy.occupied).toBe(0);
  });
});

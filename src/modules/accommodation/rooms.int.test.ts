import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "#app/server/errors.ts";
import type { Principal, Role, RoleGrant } from "#app/server/policy/roles.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { createTestContext, type TestContext } from "../../../tests/setup/test-db.ts";
import type { CreateAccommodationInput, PlaceHouseholdInput } from "./housing.contracts.ts";

// Rooms and beds, the room rules, one household placed at a time, and the address following the
// placement (decision 073), on PGlite and PostgreSQL.

let ctx: TestContext;
let tenantId: string;
const who: Record<string, Principal> = {};

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
}

beforeAll(async () => {
  ctx = await createTestContext();
  tenantId = (
    await ctx.services.tenants.create({ slug: "unna-rooms", name: "Kreisstadt Unna", kind: "municipality" })
  ).id;
  const areas = { type: "FeatureCollection", features: [square("R1", 7.6), square("R2", 7.62)] };
  await ctx.services.areas.commitImport({ kind: "system" }, tenantId, JSON.stringify(areas));
  const office = await ctx.services.offices.create(
    { kind: "system", tenantId },
    { kind: "welcome_office", placeId: null, email: null, phone: null, name: "Willkommensbüro" },
  );
  await person("cw", "case_worker", { scopeType: "office", scopeId: office.id });
  await person("coordinator", "coordinator");
});
afterAll(() => ctx.close());

const coordinator = () => ({ kind: "user" as const, principal: who.coordinator! });
const svc = () => ctx.services.accommodation;

async function accommodation(extra: Partial<CreateAccommodationInput> = {}) {
  return svc().accommodations.create(coordinator(), {
    name: `Haus ${Math.random().toString(36).slice(2, 8)}`,
    kind: "shared_house",
    address: "Massener Hellweg 12, 59427 Unna",
    lon: 7.63,
    lat: 51.51,
    places: 12,
    accessible: true,
    operator: null,
    contact: null,
    opensOn: "2026-01-01",
    closesOn: null,
    ...extra,
  });
}

type P = { sex?: "female" | "male"; birthDate?: string };
async function household(members: P[]) {
  const r = await ctx.services.casework.createHousehold(who.cw!, {
    household: { label: `Familie ${Math.random().toString(36).slice(2, 7)}` },
    persons: members.map((m, i) => ({ givenName: `Person${i}`, familyName: "Muster", ...m })),
    case: { caseType: "integration" },
    allowDuplicate: true,
  });
  if (r.status !== "created") throw new Error("expected a household");
  return { caseId: r.caseId!, householdId: r.householdId };
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

const place = async (accId: string, caseId: string, extra: Partial<PlaceHouseholdInput> = {}) => {
  const { version } = await svc().accommodations.get(coordinator(), accId);
  return svc().placements.place(who.cw!, accId, {
    caseId,
    moveIn: "2026-03-01",
    moveOut: null,
    room: null,
    version,
    ...extra,
  });
};
const adults = (n: number, sex: "female" | "male" = "female") =>
  Array.from({ length: n }, () => ({ sex, birthDate: "1985-05-05" }));

describe("rooms", () => {
  it("adds rooms within the places, each name once, and counts beds per room on any day", async () => {
    const acc = await accommodation({ places: 6 });
    const a = await svc().rooms.create(coordinator(), acc.id, {
      name: "Zimmer 1",
      floor: 0,
      beds: 4,
      accessible: true,
      use: "family",
    });
    expect(
      await codeOf(
        svc().rooms.create(coordinator(), acc.id, {
          name: "zimmer 1",
          floor: 1,
          beds: 1,
          accessible: false,
          use: "any",
        }),
      ),
    ).toBe("accommodation_room_name_taken");
    expect(
      await codeOf(
        svc().rooms.create(coordinator(), acc.id, {
          name: "Zimmer 2",
          floor: 1,
          beds: 3,
          accessible: false,
          use: "any",
        }),
      ),
    ).toBe("accommodation_rooms_exceed_places");
    expect(
      await codeOf(
        svc().rooms.create({ kind: "user", principal: who.cw! }, acc.id, {
          name: "Z",
          floor: 1,
          beds: 1,
          accessible: false,
          use: "any",
        }),
      ),
    ).toBe("forbidden");
    const family = await household(adults(3));
    await place(acc.id, family.caseId, { roomIds: [a.id], moveIn: "2026-04-01", moveOut: "2026-06-01" });
    const on = async (day: string) => (await svc().rooms.list(coordinator(), acc.id, day))[0]!.occupancy;
    expect(await on("2026-03-15")).toEqual({ places: 4, occupied: 0, reserved: 3, free: 1 });
    expect(await on("2026-04-01")).toEqual({ places: 4, occupied: 3, reserved: 0, free: 1 });
    expect(await on("2026-06-01")).toEqual({ places: 4, occupied: 0, reserved: 0, free: 4 });
  });

  it("checks every room rule: beds, family use, the gender rule, step-free access", async () => {
    const acc = await accommodation({ places: 12 });
    const room = (name: string, beds: number, use: "any" | "family" | "women" | "men", accessible = false) =>
      svc().rooms.create(coordinator(), acc.id, { name, floor: 1, beds, accessible, use });
    const fam = await room("Familienzimmer", 4, "family", true);
    const women = await room("Frauenzimmer", 3, "women");
    const men = await room("Männerzimmer", 2, "men");
    const small = await room("Kammer", 1, "any");

    const five = await household(adults(5));
    expect(await codeOf(place(acc.id, five.caseId, { roomIds: [fam.id] }))).toBe(
      "accommodation_room_over_capacity",
    );
    // Five persons fill the family room, then the small room.
    const placed = await place(acc.id, five.caseId, { roomIds: [fam.id, small.id] });
    expect(placed.rooms).toEqual([
      { roomId: fam.id, name: "Familienzimmer", persons: 4 },
      { roomId: small.id, name: "Kammer", persons: 1 },
    ]);
    const other = await household(adults(1));
    expect(await codeOf(place(acc.id, other.caseId, { roomIds: [fam.id] }))).toBe(
      "accommodation_room_family",
    );
    const man = await household(adults(1, "male"));
    expect(await codeOf(place(acc.id, man.caseId, { roomIds: [women.id] }))).toBe(
      "accommodation_room_gender",
    );
    expect(await codeOf(place(acc.id, man.caseId, { roomIds: [men.id], needsAccessible: true }))).toBe(
      "accommodation_room_not_accessible",
    );
    expect(
      await codeOf(place(acc.id, man.caseId, { roomIds: ["00000000-0000-4000-8000-000000000000"] })),
    ).toBe("invalid_choice");
    // A mother with her 10-year-old son may share the women's room.
    const mother = await household([
      { sex: "female", birthDate: "1990-01-01" },
      { sex: "male", birthDate: "2016-01-01" },
    ]);
    expect(await codeOf(place(acc.id, mother.caseId, { roomIds: [women.id] }))).toBe("ok");
    expect(await codeOf(place(acc.id, man.caseId, { roomIds: [men.id] }))).toBe("ok");

    const flat = await accommodation({ places: 4, accessible: false });
    expect(await codeOf(place(flat.id, other.caseId, { needsAccessible: true }))).toBe(
      "accommodation_not_accessible",
    );
  });

  it("keeps a longer stay within its room's beds", async () => {
    const acc = await accommodation({ places: 6 });
    const r = await svc().rooms.create(coordinator(), acc.id, {
      name: "Zimmer A",
      floor: 0,
      beds: 2,
      accessible: false,
      use: "any",
    });
    const first = await household(adults(2));
    const stay = await place(acc.id, first.caseId, { roomIds: [r.id], moveOut: "2026-05-01" });
    const next = await household(adults(2));
    await place(acc.id, next.caseId, { roomIds: [r.id], moveIn: "2026-05-01" });
    expect(
      await codeOf(svc().placements.end(who.cw!, stay.id, { moveOut: "2026-05-02", version: stay.version })),
    ).toBe("accommodation_room_over_capacity");
  });
});

describe("one household, one place", () => {
  it("lets only one of two placements of the same household into two accommodations at once succeed", async () => {
    const [a, b] = [await accommodation(), await accommodation()];
    const family = await household(adults(2));
    const codes = await Promise.all([codeOf(place(a.id, family.caseId)), codeOf(place(b.id, family.caseId))]);
    expect(codes.filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.find((c) => c !== "ok")).toBe("accommodation_household_placed");
    expect(await svc().placements.history(who.cw!, family.caseId)).toHaveLength(1);
  });
});

describe("the household's address", () => {
  it("follows a stay that has begun, with its quarter; a later move-in leaves it for now", async () => {
    const acc = await accommodation({ address: "Kamener Straße 7, 59425 Unna", lon: 7.63, lat: 51.51 });
    const family = await household(adults(2));
    await place(acc.id, family.caseId, { moveIn: "2026-02-01" });
    const { household: h } = await ctx.services.casework.households.get(who.cw!, family.householdId);
    expect([h.street, h.postcode, h.city, h.lon, h.lat]).toEqual([
      "Kamener Straße 7",
      "59425",
      "Unna",
      7.63,
      51.51,
    ]);
    expect([h.accommodationKind, h.accommodationName]).toEqual(["shared_accommodation", acc.name]);
    const areas = await ctx.services.areas.list(tenantId);
    expect(h.areaId).toBe(areas.find((x) => x.code === "R2")!.id);

    const later = await household(adults(1));
    await place(acc.id, later.caseId, { moveIn: "2099-01-01" });
    const { household: l } = await ctx.services.casework.households.get(who.cw!, later.householdId);
    expect([l.street, l.accommodationName]).toEqual([null, null]);
  });
});

describe("the proposal", () => {
  it("ranks fitting accommodations and rooms by documented criteria and says why the others are left out", async () => {
    const areas = await ctx.services.areas.list(tenantId);
    const r1 = areas.find((x) => x.code === "R1")!.id;
    const near = await accommodation({ lon: 7.61, places: 6, name: "Nah" });
    const nearRoom = await svc().rooms.create(coordinator(), near.id, {
      name: "Familienzimmer",
      floor: 0,
      beds: 5,
      accessible: true,
      use: "family",
    });
    const far = await accommodation({ lon: 7.635, places: 8, name: "Fern" });
    const steps = await accommodation({ lon: 7.61, places: 8, accessible: false, name: "Mit Stufen" });
    const small = await accommodation({ lon: 7.61, places: 3, name: "Klein" });
    const family = await household(adults(5));
    const propose = (extra: Record<string, unknown> = {}) =>
      svc().proposal.propose(who.cw!, family.caseId, {
        moveIn: "2026-09-01",
        moveOut: null,
        needsAccessible: true,
        nearAreaId: r1,
        ...extra,
      });
    const p = await propose();
    expect(p.persons).toBe(5);
    expect(p.nearAreaName).toBe("Quartier R1");
    const item = (id: string) => p.items.find((i) => i.accommodationId === id)!;
    expect(item(near.id).blocked).toBeNull();
    expect(item(near.id).rooms).toEqual([{ id: nearRoom.id, name: "Familienzimmer" }]);
    expect(item(near.id).criteria.map((c) => c.criterion)).toEqual(["fit", "distance", "offers", "balance"]);
    expect(item(near.id).score!).toBeGreaterThan(item(far.id).score!);
    expect(p.items.findIndex((i) => i.accommodationId === near.id)).toBeLessThan(
      p.items.findIndex((i) => i.accommodationId === far.id),
    );
    expect(item(steps.id).blocked).toBe("accommodation_not_accessible");
    expect(item(small.id).blocked).toBe("accommodation_over_capacity");
    expect(await codeOf(propose({ moveOut: "2026-08-01" }))).toBe("accommodation_move_out_before_move_in");
    expect(await codeOf(propose({ nearAreaId: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "invalid_choice",
    );
    // Placed where proposed, the household is not proposed again for the same time.
    await place(near.id, family.caseId, {
      moveIn: "2026-09-01",
      roomIds: item(near.id).rooms.map((r) => r.id),
    });
    expect(await codeOf(propose())).toBe("accommodation_household_placed");
    const coordinatorProposal = svc().proposal.propose(who.coordinator!, family.caseId, {
      moveIn: "2026-09-01",
      moveOut: null,
      needsAccessible: false,
    });
    expect(await codeOf(coordinatorProposal)).toBe("forbidden");
  });
});

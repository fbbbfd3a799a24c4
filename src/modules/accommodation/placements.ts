/**
 * Placing households of case work in accommodations (issue 21 "What must work" 2, decision 065).
 * Who lives where is case data: every read and write goes through case work's need-to-know
 * check for the case the placement belongs to, and reads are audited once each.
 */
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { Actor } from "../audit/service.ts";
import type { AccommodationDeps } from "./deps.ts";
import type {
  EndPlacementInput,
  PlaceHouseholdInput,
  PlacementView,
  ResidentsView,
} from "./housing.contracts.ts";
import {
  type AccommodationRow,
  accommodationRepo,
  type PlacementRow,
  placementRepo,
} from "./housing.repo.ts";
import { dayInGermany, type Stay } from "./housing-model.ts";
import { checkHousehold, checkShares, checkStay, planRooms, relocationTo } from "./placement-rules.ts";
import { roomRepo } from "./rooms.repo.ts";

/** The household lives there on `day`. */
export const livesOn = (s: Pick<Stay, "moveIn" | "moveOut">, day: string) =>
  s.moveIn <= day && (s.moveOut === null || day < s.moveOut);

type Opts = { requestId?: string | null };
const userActor = (principal: Principal): Actor => ({ kind: "user", principal });
type RoomShare = PlacementView["rooms"][number];

export function createPlacements(deps: AccommodationDeps) {
  const { db } = deps;

  const view = (
    p: PlacementRow,
    names: Map<string, string>,
    rooms: Map<string, RoomShare[]>,
  ): PlacementView => ({
    id: p.id,
    accommodationId: p.accommodationId,
    accommodationName: names.get(p.accommodationId) ?? "",
    caseId: p.caseId,
    caseReference: p.caseReference,
    householdId: p.householdId,
    persons: p.persons,
    room: p.room,
    rooms: rooms.get(p.id) ?? [],
    moveIn: p.moveIn,
    moveOut: p.moveOut,
    version: p.version,
  });

  async function names(tenantId: string) {
    return new Map((await accommodationRepo.list(db, tenantId)).map((a) => [a.id, a.name]));
  }

  /** The rooms each placement uses, with the room's name. */
  async function roomsOf(tenantId: string, rows: readonly PlacementRow[]) {
    const shares = await roomRepo.sharesOf(
      db,
      tenantId,
      rows.map((r) => r.id),
    );
    const out = new Map<string, RoomShare[]>();
    if (shares.length === 0) return out;
    const roomName = new Map((await roomRepo.all(db, tenantId)).map((r) => [r.id, r.name]));
    for (const s of shares)
      out.set(s.placementId, [
        ...(out.get(s.placementId) ?? []),
        { roomId: s.roomId, name: roomName.get(s.roomId) ?? "", persons: s.persons },
      ]);
    return out;
  }

  /** Claims the accommodation's version in the caller's transaction: the second of two placements loses. */
  async function claim(tx: DbOrTx, acc: AccommodationRow) {
    const bumped = await accommodationRepo.bumpIfVersion(tx, acc.tenantId, acc.id, acc.version);
    if (!bumped) throw AppError.versionConflict(acc.version);
  }

  const today = () => dayInGermany(deps.clock.now());

  return {
    /**
     * Places the household of a case (all its persons: the family stays together). The
     * accommodation's version read by the user must still hold, so two people placing the last
     * free bed at once cannot both succeed: the second gets 409.
     */
    async place(principal: Principal, accommodationId: string, input: PlaceHouseholdInput, opts: Opts = {}) {
      authorize(principal, "accommodation.place");
      const t = principal.tenantId;
      const acc = await accommodationRepo.byId(db, t, accommodationId);
      if (!acc) throw AppError.notFound();
      if (acc.version !== input.version) throw AppError.versionConflict(acc.version);
      const ctx = await deps.casework.surveyContext(principal, input.caseId, "write", opts);
      if (ctx.persons.length === 0)
        throw AppError.validation([{ field: "caseId", code: "accommodation_household_empty" }]);
      const householdId = ctx.access.householdId;
      const stay = { persons: ctx.persons.length, moveIn: input.moveIn, moveOut: input.moveOut };
      await checkStay(db, acc, stay, null);
      await checkHousehold(db, t, householdId, stay, null);
      const household = {
        id: householdId,
        persons: ctx.persons,
        needsAccessible: input.needsAccessible ?? false,
      };
      const shares = await planRooms(db, acc, input.roomIds ?? [], household, stay, null);
      const begun = livesOn(stay, today());
      const row = await db.transaction(async (tx) => {
        // One household, one place at a time: a concurrent placement of it waits here, then sees this one.
        await placementRepo.lockHousehold(tx, t, householdId);
        await checkHousehold(tx, t, householdId, stay, null);
        await claim(tx, acc);
        const created = await placementRepo.insert(tx, {
          tenantId: t,
          accommodationId,
          caseId: input.caseId,
          caseReference: ctx.reference,
          householdId,
          ...stay,
          room: input.room,
          addressMovedOn: begun ? today() : null,
          createdBy: principal.userId,
        });
        await roomRepo.insertShares(tx, t, created.id, shares);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "accommodation_placement",
            entityId: created.id,
            changes: {
              accommodationId: { old: null, new: accommodationId },
              caseId: { old: null, new: input.caseId },
              roomIds: { old: null, new: shares.map((s) => s.roomId) },
              moveIn: { old: null, new: input.moveIn },
              moveOut: { old: null, new: input.moveOut },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        // Case work's address and area follow a stay that has begun (a later one: the daily job).
        if (begun) await deps.casework.households.relocate(principal, householdId, relocationTo(acc), opts);
        return created;
      });
      return view(row, new Map([[acc.id, acc.name]]), await roomsOf(t, [row]));
    },

    /** Sets the move-out day (ends or changes the stay); a later day is checked like a new stay. */
    async end(principal: Principal, placementId: string, input: EndPlacementInput, opts: Opts = {}) {
      authorize(principal, "accommodation.place");
      const t = principal.tenantId;
      const before = await placementRepo.byId(db, t, placementId);
      if (!before) throw AppError.notFound();
      await deps.casework.cases.access(principal, before.caseId, "write");
      const acc = (await accommodationRepo.byId(db, t, before.accommodationId))!;
      const stay = { ...before, moveOut: input.moveOut };
      await checkStay(db, acc, stay, before.id);
      await checkHousehold(db, t, before.householdId, stay, before.id);
      await checkShares(db, acc, before.id, before.householdId, stay);
      const after = await db.transaction(async (tx) => {
        await placementRepo.lockHousehold(tx, t, before.householdId);
        await checkHousehold(tx, t, before.householdId, stay, before.id);
        await claim(tx, acc);
        const row = await placementRepo.setMoveOutIfVersion(tx, t, placementId, input.version, input.moveOut);
        if (!row) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "update",
            entityType: "accommodation_placement",
            entityId: placementId,
            changes: { moveOut: { old: before.moveOut, new: input.moveOut } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return row;
      });
      return view(after, new Map([[acc.id, acc.name]]), await roomsOf(t, [after]));
    },

    /** The household's placements, newest first, through a case of it the principal may read (audited). */
    async history(principal: Principal, caseId: string, opts: Opts = {}): Promise<PlacementView[]> {
      authorize(principal, "accommodation.read");
      const access = await deps.casework.cases.access(principal, caseId, "read");
      const rows = await placementRepo.ofHousehold(db, principal.tenantId, access.householdId);
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "accommodation_placement", entityId: r.id })),
          { requestId: opts.requestId ?? null, reason: access.breakGlass ? "break_glass" : null },
        );
      const n = await names(principal.tenantId);
      const rooms = await roomsOf(principal.tenantId, rows);
      return rows.map((r) => view(r, n, rooms));
    },

    /**
     * The accommodation's placements whose case the principal may read (audited once each);
     * the others only counted, so the coordinator sees how many households without who.
     */
    async residents(principal: Principal, accommodationId: string, opts: Opts = {}): Promise<ResidentsView> {
      authorize(principal, "accommodation.read");
      const t = principal.tenantId;
      const acc = await accommodationRepo.byId(db, t, accommodationId);
      if (!acc) throw AppError.notFound();
      const rows = await placementRepo.ofAccommodation(db, t, accommodationId);
      const readable = new Map<string, boolean>();
      // The housing coordinator sees every placement record (not the case file; decision 081).
      const all = can(principal, "accommodation.residents");
      for (const caseId of new Set(rows.map((r) => r.caseId))) {
        if (all) {
          readable.set(caseId, true);
          continue;
        }
        try {
          await deps.casework.cases.access(principal, caseId, "read");
          readable.set(caseId, true);
        } catch (e) {
          if (!isAppError(e) || !["forbidden", "not_found", "unauthenticated"].includes(e.code)) throw e;
          readable.set(caseId, false);
        }
      }
      const visible = rows.filter((r) => readable.get(r.caseId));
      if (visible.length)
        await deps.audit.recordReads(
          principal,
          visible.map((r) => ({ entityType: "accommodation_placement", entityId: r.id })),
          { requestId: opts.requestId ?? null },
        );
      const n = new Map([[acc.id, acc.name]]);
      const rooms = await roomsOf(t, visible);
      return { placements: visible.map((r) => view(r, n, rooms)), hiddenCount: rows.length - visible.length };
    },

    /**
     * The placement list over every accommodation (Belegungsliste, decision 081): the stays
     * running on `day` or starting later, for the housing coordinator; audited once each.
     */
    async roster(principal: Principal, day: string, opts: Opts = {}): Promise<PlacementView[]> {
      authorize(principal, "accommodation.residents");
      const t = principal.tenantId;
      const rows = (await placementRepo.all(db, t)).filter((r) => r.moveOut === null || r.moveOut > day);
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "accommodation_placement", entityId: r.id })),
          { requestId: opts.requestId ?? null },
        );
      const n = await names(t);
      const rooms = await roomsOf(t, rows);
      return rows
        .map((r) => view(r, n, rooms))
        .sort(
          (a, b) =>
            a.accommodationName.localeCompare(b.accommodationName, "de") || a.moveIn.localeCompare(b.moveIn),
        );
    },
  };
}
export type Placements = ReturnType<typeof createPlacements>;

/**
 * Placing households of case work in accommodations (issue 21 "What must work" 2, decision 065).
 * Who lives where is case data: every read and write goes through case work's need-to-know
 * check for the case the placement belongs to, and reads are audited once each.
 */
import type { DbOrTx } from "../../server/db/client.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
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
import { peakOccupancy, type Stay, staysOverlap } from "./housing-model.ts";

type Opts = { requestId?: string | null };
const userActor = (principal: Principal): Actor => ({ kind: "user", principal });

export function createPlacements(deps: AccommodationDeps) {
  const { db } = deps;

  const view = (p: PlacementRow, names: Map<string, string>): PlacementView => ({
    id: p.id,
    accommodationId: p.accommodationId,
    accommodationName: names.get(p.accommodationId) ?? "",
    caseId: p.caseId,
    caseReference: p.caseReference,
    householdId: p.householdId,
    persons: p.persons,
    room: p.room,
    moveIn: p.moveIn,
    moveOut: p.moveOut,
    version: p.version,
  });

  async function names(tenantId: string) {
    return new Map((await accommodationRepo.list(db, tenantId)).map((a) => [a.id, a.name]));
  }

  /**
   * The rules for a stay of `persons` in `acc` over [moveIn, moveOut): open then, the household
   * not placed elsewhere at the same time, and never more persons than places on any day.
   * `except`: the placement being changed (it does not compete with itself).
   */
  async function checkStay(
    acc: AccommodationRow,
    householdId: string,
    stay: Stay,
    except: string | null,
  ): Promise<void> {
    const t = acc.tenantId;
    if (stay.moveOut !== null && stay.moveOut <= stay.moveIn)
      throw AppError.validation([{ field: "moveOut", code: "accommodation_move_out_before_move_in" }]);
    if (
      stay.moveIn < acc.opensOn ||
      (acc.closesOn !== null && (stay.moveOut === null || stay.moveOut > acc.closesOn))
    )
      throw AppError.validation([{ field: "moveIn", code: "accommodation_not_open" }]);
    const own = (await placementRepo.ofHousehold(db, t, householdId)).filter((p) => p.id !== except);
    if (own.some((p) => staysOverlap(p, stay)))
      throw AppError.validation([{ field: "moveIn", code: "accommodation_household_placed" }]);
    const others = (await placementRepo.ofAccommodation(db, t, acc.id)).filter((p) => p.id !== except);
    if (peakOccupancy([...others, stay], stay.moveIn, stay.moveOut) > acc.places)
      throw AppError.validation([{ field: "moveIn", code: "accommodation_over_capacity" }]);
  }

  /** Claims the accommodation's version in the caller's transaction: the second of two placements loses. */
  async function claim(tx: DbOrTx, acc: AccommodationRow) {
    const bumped = await accommodationRepo.bumpIfVersion(tx, acc.tenantId, acc.id, acc.version);
    if (!bumped) throw AppError.versionConflict(acc.version);
  }

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
      const stay = { persons: ctx.persons.length, moveIn: input.moveIn, moveOut: input.moveOut };
      await checkStay(acc, ctx.access.householdId, stay, null);
      const row = await db.transaction(async (tx) => {
        await claim(tx, acc);
        const created = await placementRepo.insert(tx, {
          tenantId: t,
          accommodationId,
          caseId: input.caseId,
          caseReference: ctx.reference,
          householdId: ctx.access.householdId,
          ...stay,
          room: input.room,
          createdBy: principal.userId,
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "accommodation_placement",
            entityId: created.id,
            changes: {
              accommodationId: { old: null, new: accommodationId },
              caseId: { old: null, new: input.caseId },
              moveIn: { old: null, new: input.moveIn },
              moveOut: { old: null, new: input.moveOut },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return created;
      });
      return view(row, new Map([[acc.id, acc.name]]));
    },

    /** Sets the move-out day (ends or changes the stay); a later day is checked like a new stay. */
    async end(principal: Principal, placementId: string, input: EndPlacementInput, opts: Opts = {}) {
      authorize(principal, "accommodation.place");
      const t = principal.tenantId;
      const before = await placementRepo.byId(db, t, placementId);
      if (!before) throw AppError.notFound();
      await deps.casework.cases.access(principal, before.caseId, "write");
      const acc = (await accommodationRepo.byId(db, t, before.accommodationId))!;
      await checkStay(acc, before.householdId, { ...before, moveOut: input.moveOut }, before.id);
      const after = await db.transaction(async (tx) => {
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
      return view(after, new Map([[acc.id, acc.name]]));
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
      return rows.map((r) => view(r, n));
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
      for (const caseId of new Set(rows.map((r) => r.caseId))) {
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
      return { placements: visible.map((r) => view(r, n)), hiddenCount: rows.length - visible.length };
    },
  };
}
export type Placements = ReturnType<typeof createPlacements>;

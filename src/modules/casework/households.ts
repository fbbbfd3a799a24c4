import type { CoreDeps } from "../../server/deps.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { OfficeService } from "../offices/service.ts";
import { caseAccess, mayReadCase } from "./access.ts";
import type { CaseOpening } from "./case-opening.ts";
import type {
  HouseholdFields,
  HouseholdIntake,
  ListHouseholdsQuery,
  MergeHouseholds,
  UpdateHousehold,
} from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import type { DuplicateCheck, PersonKey } from "./duplicate-check.ts";
import type { CaseGuard } from "./guard.ts";
import { householdRepo as repo } from "./households.repo.ts";
import type { DuplicateReport } from "./model.ts";
import { personRepo } from "./persons.repo.ts";
import { checkPersonDates, personRecord } from "./persons.ts";
import type { CaseworkSettingsService } from "./settings.ts";
import { type Audited, changedFields, userActor } from "./support.ts";

/** Where a household's address places it: an area and the responsible office (none without coordinates). */
export type Placement = {
  lon: number | null;
  lat: number | null;
  areaId: string | null;
  officeId: string | null;
};

/** A household's new address from a placement (`relocate`). */
export type Relocation = Pick<
  HouseholdFields,
  "street" | "postcode" | "city" | "lon" | "lat" | "accommodationKind" | "accommodationName"
>;

type Deps = CoreDeps & {
  audit: AuditService;
  offices: OfficeService;
  /** The centroid of a postcode the tenant maintains (directory), for an address without coordinates. */
  postcodeCentroid: (tenantId: string, postcode: string) => Promise<{ lon: number; lat: number } | null>;
  guard: CaseGuard;
  crypto: CaseCrypto;
  duplicates: DuplicateCheck;
  settings: CaseworkSettingsService;
  opening: CaseOpening;
};

/** Haushalte: the intake, the household list and page, changes, and the merge of duplicates. */
export function createHouseholdService(deps: Deps) {
  const { db, guard } = deps;
  const person = personRecord(deps.crypto);

  async function place(tenantId: string, h: HouseholdFields): Promise<Placement> {
    let { lon, lat } = h;
    if ((lon === null || lat === null) && h.postcode) {
      const c = await deps.postcodeCentroid(tenantId, h.postcode);
      if (c) ({ lon, lat } = c);
    }
    if (lon === null || lat === null) return { lon: h.lon, lat: h.lat, areaId: null, officeId: null };
    const placed = await deps.offices.place(tenantId, lon, lat);
    return {
      lon: h.lon,
      lat: h.lat,
      areaId: placed.located?.area.id ?? null,
      officeId: placed.office?.id ?? null,
    };
  }

  /** The creator must be able to see and change what they create: through their office or as a case worker. */
  function checkOwnership(principal: Principal, officeId: string | null, workerIds: string[]) {
    const facts = { tenantId: principal.tenantId, officeId, workerIds };
    if (!mayReadCase(principal, facts) || !guard.mayDo(principal, "write", facts)) {
      throw AppError.validation([{ field: "household.officeId", code: "office_not_yours" }]);
    }
  }

  return {
    /** Candidates resembling these persons (visible ones by name; others only counted). */
    async duplicates(principal: Principal, people: PersonKey[], excludeHousehold?: string) {
      authorize(principal, "cases.write");
      return deps.duplicates(principal, people, excludeHousehold);
    },

    /**
     * The intake: a household with its persons and (optionally) a first case, in one
     * transaction. Without `allowDuplicate`, a resemblance to an existing person stops it and
     * the answer lists the candidates the user may see.
     */
    async intake(
      principal: Principal,
      input: HouseholdIntake,
      opts: Audited = {},
    ): Promise<
      | { status: "created"; householdId: string; personIds: string[]; caseId: string | null }
      | { status: "duplicates"; duplicates: DuplicateReport }
    > {
      authorize(principal, "cases.write");
      const { household: h, persons, case: c } = input;
      const tenantId = principal.tenantId;
      checkPersonDates(persons, todayIn(CASEWORK_TIME_ZONE, deps.clock.now()), "persons.");
      await deps.settings.ensureTenant(tenantId);
      await deps.opening.checkOffice(tenantId, h.officeId, "household.officeId");
      const placed = await place(tenantId, h);
      const officeId = h.officeId ?? placed.officeId ?? guard.ownOffice(principal);
      await deps.opening.checkOffice(tenantId, c?.officeId ?? null, "case.officeId");
      const workerIds = c ? await deps.opening.team(principal, c.officeId ?? officeId, c, "case.") : [];
      checkOwnership(principal, c?.officeId ?? officeId, workerIds);
      if (!input.allowDuplicate) {
        const dup = await deps.duplicates(principal, persons);
        if (dup.visible.length || dup.hiddenCount) return { status: "duplicates", duplicates: dup };
      }
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const household = await repo.insert(tx, {
          tenantId,
          ...h,
          ...placed,
          officeId,
          createdAt: now,
          updatedAt: now,
        });
        const personIds: string[] = [];
        for (const p of persons)
          personIds.push((await personRepo.insert(tx, person.row(tenantId, household.id, p, now))).id);
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "household",
          entityId: household.id,
          changes: {
            officeId: { old: null, new: officeId },
            areaId: { old: null, new: placed.areaId },
            personIds: { old: null, new: personIds },
            duplicateConfirmed: { old: null, new: input.allowDuplicate === true },
          },
          requestId: opts.requestId ?? null,
        });
        const created = c
          ? await deps.opening.insert(principal, household, { ...c, workerIds }, opts.requestId)
          : null;
        return {
          status: "created" as const,
          householdId: household.id,
          personIds,
          caseId: created?.id ?? null,
        };
      });
    },

    /** Households the principal may see, searched by label, paged; the list read is audited (ids). */
    async list(principal: Principal, query: ListHouseholdsQuery, opts: Audited = {}) {
      authorize(principal, "cases.read");
      const limit = 50;
      const scope = caseAccess(principal);
      const rows = await repo.list(
        db,
        principal.tenantId,
        { officeIds: scope.officeIds, userId: principal.userId, q: query.q || undefined },
        limit + 1,
        query.offset,
      );
      const items = rows.slice(0, limit);
      await deps.audit.record({
        actor: userActor(principal),
        action: "read",
        entityType: "household_list",
        changes: { householdIds: { old: null, new: items.map((i) => i.id) } },
        requestId: opts.requestId ?? null,
      });
      return { items, hasMore: rows.length > limit, offset: query.offset, limit };
    },

    /** Household with its persons, relations and the cases the principal may see (audited read). */
    async get(principal: Principal, householdId: string, opts: Audited = {}) {
      const { household, cases, factsOf, breakGlass } = await guard.loadHousehold(
        principal,
        householdId,
        "read",
      );
      const t = principal.tenantId;
      const persons = await personRepo.ofHousehold(db, t, household.id);
      const relations = await personRepo.relationsOf(
        db,
        t,
        persons.map((p) => p.id),
      );
      await deps.audit.recordReads(
        principal,
        [
          {
            entityType: "household",
            entityId: household.id,
            exposed: { personIds: persons.map((p) => p.id) },
          },
          ...persons.map((p) => ({ entityType: "person", entityId: p.id })),
        ],
        { requestId: opts.requestId ?? null, reason: breakGlass ? "break_glass" : null },
      );
      const office = household.officeId ? await deps.offices.byId(t, household.officeId) : null;
      const mergedInto = household.mergedInto ? await repo.byId(db, t, household.mergedInto) : undefined;
      return {
        household,
        office,
        mergedIntoLabel: mergedInto?.label ?? null,
        persons: persons.map(person.view),
        relations,
        cases: cases
          .filter((c) => breakGlass || mayReadCase(principal, factsOf(c)))
          .map((c) => ({
            id: c.id,
            reference: c.reference,
            caseType: c.caseType,
            status: c.status,
            phaseKey: c.phaseKey,
            openedOn: c.openedOn,
          })),
        canMerge: can(principal, "cases.assign", { officeId: household.officeId }),
      };
    },

    /** Changes a household; a changed address places it again (area, office). */
    async update(principal: Principal, householdId: string, input: UpdateHousehold, opts: Audited = {}) {
      const { household: before } = await guard.loadHousehold(principal, householdId, "write");
      const { version, ...h } = input;
      const addressChanged =
        h.lon !== before.lon || h.lat !== before.lat || (h.postcode ?? null) !== (before.postcode ?? null);
      const placed = addressChanged ? await place(principal.tenantId, h) : null;
      await deps.opening.checkOffice(principal.tenantId, h.officeId, "officeId");
      const patch = {
        ...h,
        areaId: placed ? placed.areaId : before.areaId,
        officeId: h.officeId ?? placed?.officeId ?? before.officeId,
      };
      return db.transaction(async (tx) => {
        const after = await repo.updateIfVersion(
          tx,
          principal.tenantId,
          householdId,
          version,
          patch,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record({
          actor: userActor(principal),
          action: "update",
          entityType: "household",
          entityId: householdId,
          changes: changedFields(before, patch),
          requestId: opts.requestId ?? null,
        });
        return after;
      });
    },

    /**
     * The household moved into an accommodation (the accommodation module's placement, decision
     * 073): address, point and accommodation change, the area follows the point; the
     * responsible office stays (a move does not hand the case to another office silently).
     * `by` is the user placing (write check on the household here) or the system: the
     * accommodation module's daily job carrying out, on its day, a later move-in that a user
     * with write access placed earlier (decision 081); audited as a system change.
     */
    async relocate(
      by: Principal | { kind: "system"; tenantId: string },
      householdId: string,
      to: Relocation,
      opts: Audited = {},
    ) {
      const tenantId = by.tenantId;
      const before =
        "kind" in by
          ? await repo.byId(db, tenantId, householdId)
          : (await guard.loadHousehold(by, householdId, "write")).household;
      if (!before) throw AppError.notFound();
      const placed = await place(tenantId, { ...to, label: before.label, officeId: null });
      const patch = { ...to, areaId: placed.areaId };
      return db.transaction(async (tx) => {
        const after = await repo.updateIfVersion(
          tx,
          tenantId,
          householdId,
          before.version,
          patch,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record({
          actor: "kind" in by ? by : userActor(by),
          action: "update",
          entityType: "household",
          entityId: householdId,
          changes: changedFields(before, patch),
          requestId: opts.requestId ?? null,
        });
        return { areaId: after.areaId };
      });
    },

    /**
     * Merges a duplicate household into the surviving one (supervisors: cases.assign): its
     * persons and cases (with their needs, plans, notes, consents, referrals, which hang on
     * case and person ids) move; the merged household stays as a marker (merged_into).
     */
    async merge(principal: Principal, input: MergeHouseholds, opts: Audited = {}) {
      authorize(principal, "cases.assign");
      const { survivorId, mergedId, mergedVersion } = input;
      if (survivorId === mergedId) throw AppError.validation([{ field: "survivorId", code: "merge_same" }]);
      const survivor = await guard.loadHousehold(principal, survivorId, "write").catch((e: unknown) => {
        if (isAppError(e) && e.code === "not_found") {
          throw AppError.validation([{ field: "survivorId", code: "invalid_choice" }]);
        }
        throw e;
      });
      const merged = await guard.loadHousehold(principal, mergedId, "write");
      for (const h of [survivor.household, merged.household]) {
        if (!can(principal, "cases.assign", { officeId: h.officeId })) throw AppError.forbidden();
        if (h.mergedInto) throw new AppError("conflict");
      }
      const now = deps.clock.now();
      const t = principal.tenantId;
      return db.transaction(async (tx) => {
        const marked = await repo.updateIfVersion(
          tx,
          t,
          mergedId,
          mergedVersion,
          { mergedInto: survivorId },
          now,
        );
        if (!marked) throw AppError.versionConflict(merged.household.version);
        const personsMoved = await repo.movePersons(tx, t, mergedId, survivorId, now);
        const casesMoved = await repo.moveCases(tx, t, mergedId, survivorId, now);
        const moved = { persons: personsMoved, cases: casesMoved };
        await repo.insertMerge(tx, {
          tenantId: t,
          survivorId,
          mergedId,
          mergedBy: principal.userId,
          moved,
          createdAt: now,
        });
        for (const [id, role] of [
          [survivorId, "survivor"],
          [mergedId, "merged"],
        ] as const) {
          await deps.audit.record({
            actor: userActor(principal),
            action: "merge",
            entityType: "household",
            entityId: id,
            changes: {
              role: { old: null, new: role },
              survivorId: { old: null, new: survivorId },
              mergedId: { old: null, new: mergedId },
              personsMoved: { old: null, new: personsMoved },
              casesMoved: { old: null, new: casesMoved },
            },
            requestId: opts.requestId ?? null,
          });
        }
        return { survivorId, personsMoved, casesMoved };
      });
    },
  };
}
export type HouseholdService = ReturnType<typeof createHouseholdService>;

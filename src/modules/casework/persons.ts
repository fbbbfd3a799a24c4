import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { AddPerson, PersonFields, RelationInput, UpdatePerson } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import type { DuplicateCheck } from "./duplicate-check.ts";
import { nameKey } from "./duplicates.ts";
import type { CaseGuard } from "./guard.ts";
import type { DuplicateReport } from "./model.ts";
import { type PersonDates, personDateIssues } from "./person-dates.ts";
import { type PersonRow, personRepo as repo } from "./persons.repo.ts";
import { type Audited, changedFields, userActor } from "./support.ts";

/**
 * Refuses dates in the future or out of order (decision 093) with the clock's day; the contracts
 * exported for the API check only the order. `prefix` as `persons.` gives `persons.<i>.<field>`.
 */
export function checkPersonDates(persons: PersonDates[], today: string, prefix = "") {
  const fields = persons.flatMap((p, i) =>
    personDateIssues(p, today).map((x) => ({
      field: prefix ? `${prefix}${i}.${x.path}` : x.path,
      code: x.code,
    })),
  );
  if (fields.length) throw AppError.validation(fields);
}

export type PersonView = Omit<PersonRow, "healthEnc" | "tenantId" | "nameKey"> & { health: string | null };

/** A person's row from its fields (the duplicate key derived, health encrypted), and its decrypted view. */
export function personRecord(crypto: CaseCrypto) {
  return {
    row(tenantId: string, householdId: string, p: PersonFields, now: Date) {
      const { health, ...rest } = p;
      return {
        tenantId,
        householdId,
        ...rest,
        nameKey: nameKey(p.givenName, p.familyName),
        healthEnc: crypto.encryptOptional(health),
        createdAt: now,
        updatedAt: now,
      };
    },
    view(p: PersonRow): PersonView {
      const { healthEnc, tenantId: _t, nameKey: _k, ...rest } = p;
      return { ...rest, health: crypto.decryptOptional(healthEnc) };
    },
  };
}

/** Persons (Personen) of a household and their family relations. Access follows the household. */
export function createPersonService(
  deps: CoreDeps & { audit: AuditService; guard: CaseGuard; crypto: CaseCrypto; duplicates: DuplicateCheck },
) {
  const { db, guard, crypto } = deps;
  const record = personRecord(crypto);

  async function load(principal: Principal, personId: string, mode: "read" | "write") {
    authorize(principal, mode === "read" ? "cases.read" : "cases.write");
    const p = isUuid(personId) ? await repo.byId(db, principal.tenantId, personId) : undefined;
    if (!p) throw AppError.notFound();
    const { breakGlass } = await guard.loadHousehold(principal, p.householdId, mode);
    return { person: p, breakGlass };
  }

  return {
    /** Adds a person; a resemblance to an existing one stops it unless `allowDuplicate`. */
    async add(
      principal: Principal,
      householdId: string,
      input: AddPerson,
      opts: Audited = {},
    ): Promise<
      { status: "created"; person: PersonView } | { status: "duplicates"; duplicates: DuplicateReport }
    > {
      const { household } = await guard.loadHousehold(principal, householdId, "write");
      const { allowDuplicate, ...p } = input;
      checkPersonDates([p], todayIn(CASEWORK_TIME_ZONE, deps.clock.now()));
      if (!allowDuplicate) {
        const dup = await deps.duplicates(principal, [p], household.id);
        if (dup.visible.length || dup.hiddenCount) return { status: "duplicates", duplicates: dup };
      }
      return db.transaction(async (tx) => {
        const row = await repo.insert(tx, record.row(principal.tenantId, household.id, p, deps.clock.now()));
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "person",
          entityId: row.id,
          changes: { householdId: { old: null, new: household.id } },
          requestId: opts.requestId ?? null,
        });
        return { status: "created" as const, person: record.view(row) };
      });
    },

    /** One person (audited read). */
    async get(principal: Principal, personId: string, opts: Audited = {}): Promise<PersonView> {
      const { person, breakGlass } = await load(principal, personId, "read");
      await deps.audit.recordRead(principal, "person", person.id, {
        requestId: opts.requestId ?? null,
        reason: breakGlass ? "break_glass" : null,
      });
      return record.view(person);
    },

    async update(principal: Principal, personId: string, input: UpdatePerson, opts: Audited = {}) {
      const { person: before } = await load(principal, personId, "write");
      const { version, ...p } = input;
      checkPersonDates([p], todayIn(CASEWORK_TIME_ZONE, deps.clock.now()));
      const {
        tenantId: _t,
        householdId: _h,
        createdAt: _c,
        updatedAt: _u,
        ...patch
      } = record.row(principal.tenantId, before.householdId, p, deps.clock.now());
      return db.transaction(async (tx) => {
        const after = await repo.updateIfVersion(
          tx,
          principal.tenantId,
          personId,
          version,
          patch,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        const { healthEnc: hb, ...b } = before;
        const { healthEnc: _ha, ...a } = patch;
        const changes = changedFields(b, a);
        if (crypto.decryptOptional(hb) !== p.health)
          changes.fields.new = [...changes.fields.new, "health"].sort();
        await deps.audit.record({
          actor: userActor(principal),
          action: "update",
          entityType: "person",
          entityId: personId,
          changes,
          requestId: opts.requestId ?? null,
        });
        return record.view(after);
      });
    },

    /** A family relation to another person the principal may see (e.g. a parent living elsewhere). */
    async addRelation(principal: Principal, personId: string, input: RelationInput, opts: Audited = {}) {
      const { person: p } = await load(principal, personId, "write");
      const other = await repo.byId(db, principal.tenantId, input.relatedPersonId);
      if (!other || other.id === p.id)
        throw AppError.validation([{ field: "relatedPersonId", code: "invalid_choice" }]);
      await guard.loadHousehold(principal, other.householdId, "read");
      return db.transaction(async (tx) => {
        const row = await repo.insertRelation(tx, {
          tenantId: principal.tenantId,
          personId: p.id,
          relatedPersonId: other.id,
          kind: input.kind,
          createdAt: deps.clock.now(),
        });
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "family_relation",
          entityId: row.id,
          changes: {
            personId: { old: null, new: p.id },
            relatedPersonId: { old: null, new: other.id },
            kind: { old: null, new: input.kind },
          },
          requestId: opts.requestId ?? null,
        });
        return row;
      });
    },

    async removeRelation(principal: Principal, householdId: string, relationId: string, opts: Audited = {}) {
      await guard.loadHousehold(principal, householdId, "write");
      if (!isUuid(relationId)) throw AppError.notFound();
      const persons = await repo.ofHousehold(db, principal.tenantId, householdId);
      const relations = await repo.relationsOf(
        db,
        principal.tenantId,
        persons.map((p) => p.id),
      );
      if (!relations.some((r) => r.id === relationId)) throw AppError.notFound();
      await db.transaction(async (tx) => {
        await repo.deleteRelation(tx, principal.tenantId, relationId);
        await deps.audit.record({
          actor: userActor(principal),
          action: "delete",
          entityType: "family_relation",
          entityId: relationId,
          requestId: opts.requestId ?? null,
        });
      });
    },
  };
}
export type PersonService = ReturnType<typeof createPersonService>;

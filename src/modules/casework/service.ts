import { z } from "zod";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError, type FieldError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { UserService } from "../users/service.ts";
import { type CaseFacts, caseAccess, createCaseAccess, mayReadCase } from "./access.ts";
import { createCaseCrypto } from "./crypto.ts";
import { nameKey } from "./duplicates.ts";
import {
  type ATTACHMENT_TYPES,
  caseInput,
  caseUpdateInput,
  closeInput,
  contactInput,
  type HouseholdInput,
  householdInput,
  MAX_ATTACHMENT_BYTES,
  needInput,
  needUpdateInput,
  noteInput,
  noteUpdateInput,
  personInput,
  phaseChangeInput,
  phaseDefinitionInput,
  planItemInput,
  relationInput,
  settingsInput,
  workersInput,
} from "./inputs.ts";
import {
  type CaseRow,
  type HouseholdRow,
  type PersonRow,
  type PhaseDefinitionRow,
  caseworkRepo as repo,
  surveyPersonRepo,
} from "./repo.ts";
import { CASE_STATUSES, CASE_TYPES, HOUSING_STAGES, LIFE_DOMAINS, type LifeDomain } from "./schema.ts";

/** The default phase model (Lünen's concept, seed 000), created for every tenant on first use. */
export const DEFAULT_PHASES = [
  { key: "ankommen", label: "Ankommen" },
  { key: "orientierung", label: "Orientierung" },
  { key: "eingewoehnung", label: "Eingewöhnung" },
  { key: "integration", label: "Integration" },
  { key: "abloesung", label: "Ablösung" },
] as const;
export const DEFAULT_RETENTION_YEARS = 3;

const TIME_ZONE = "Europe/Berlin";
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  // 29 February + n years → 28 February when the target year has none.
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

function parse<T extends z.ZodType>(schema: T, input: unknown, prefix = ""): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error.issues, prefix);
  return r.data;
}

/** Collects field errors of several parts (household, persons.0, case) into one answer. */
function parseAll<T extends Record<string, [z.ZodType, unknown]>>(
  parts: T,
): { [K in keyof T]: z.output<T[K][0]> } {
  const fields: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const [prefix, [schema, input]] of Object.entries(parts)) {
    try {
      out[prefix] = parse(schema, input, prefix);
    } catch (e) {
      if (isAppError(e)) fields.push(...e.fields);
      else throw e;
    }
  }
  if (fields.length) throw AppError.validation(fields);
  return out as { [K in keyof T]: z.output<T[K][0]> };
}

/** Changed field names only: the audit log never holds case content or personal data. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const names = Object.keys(after).filter(
    (k) => !before || JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
  return { fields: { old: null, new: names.sort() } };
}

export type DuplicateCandidate = {
  householdId: string;
  householdLabel: string;
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
};
export type DuplicateReport = {
  /** Candidates the user may see. */
  visible: DuplicateCandidate[];
  /** Candidates in other teams: only their number is told ("ask your supervisor"). */
  hiddenCount: number;
};

export type PersonView = Omit<PersonRow, "healthEnc" | "tenantId" | "nameKey"> & { health: string | null };

export type CaseListQuery = {
  office?: string | undefined;
  phase?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  worker?: string | undefined;
  q?: string | undefined;
  overdue?: string | boolean | undefined;
  limit?: string | number | undefined;
  offset?: string | number | undefined;
};

const listQuery = z.object({
  office: z.uuid().optional(),
  phase: z.string().trim().max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  type: z.enum(CASE_TYPES).optional(),
  worker: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  overdue: z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean()).default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

type Audited = { requestId?: string | null | undefined };

export function createCaseworkService(
  deps: CoreDeps & { audit: AuditService; offices: OfficeService; users: UserService; areas: AreaService },
) {
  const { db } = deps;
  const crypto = createCaseCrypto(deps.config);
  const access = createCaseAccess(deps);
  const prepared = new Set<string>();

  const today = () => dayFormat.format(deps.clock.now());
  const userActor = (principal: Principal) => ({ kind: "user" as const, principal });

  /** Settings row and the default phases, created on first use for every tenant. */
  async function ensureTenant(tenantId: string, tx: DbOrTx = db): Promise<void> {
    if (prepared.has(tenantId)) return;
    const now = deps.clock.now();
    await repo.insertSettings(tx, tenantId, now);
    const existing = await repo.phases(tx, tenantId);
    if (!existing.length) {
      await repo.insertPhases(
        tx,
        DEFAULT_PHASES.map((p, i) => ({
          tenantId,
          key: p.key,
          label: p.label,
          sort: (i + 1) * 10,
          createdAt: now,
        })),
      );
    }
    if (tx === db) prepared.add(tenantId);
  }

  async function phasesOf(tenantId: string): Promise<PhaseDefinitionRow[]> {
    await ensureTenant(tenantId);
    return repo.phases(db, tenantId);
  }

  async function retentionPeriod(tenantId: string): Promise<number> {
    await ensureTenant(tenantId);
    return (await repo.settings(db, tenantId))?.retentionYears ?? DEFAULT_RETENTION_YEARS;
  }

  // ---- access ----

  async function factsOf(tenantId: string, c: CaseRow): Promise<CaseFacts> {
    const workers = await repo.workersOf(db, tenantId, [c.id]);
    return { tenantId, officeId: c.officeId, workerIds: workers.map((w) => w.userId) };
  }

  /** Loads a case the principal may read/write (break-glass honoured); 404/403 otherwise. */
  async function loadCase(principal: Principal, caseId: string, mode: "read" | "write") {
    authorize(principal, mode === "read" ? "cases.read" : "cases.write");
    if (!isUuid(caseId)) throw AppError.notFound();
    const row = await repo.case(db, principal.tenantId, caseId);
    if (!row) throw AppError.notFound();
    const facts = await factsOf(principal.tenantId, row);
    const assert = mode === "read" ? access.assertCaseRead : access.assertCaseWrite;
    try {
      assert(principal, facts);
      return { row, facts, breakGlass: false };
    } catch (e) {
      if (!isAppError(e) || e.code !== "forbidden") throw e;
      if (!can(principal, "cases.break_glass")) throw e;
      if (!(await access.activeBreakGlass(principal.tenantId, principal.userId, caseId))) throw e;
      assert(principal, facts, { breakGlass: true });
      return { row, facts, breakGlass: true };
    }
  }

  /** A household is visible through its own office or through any case of it the principal may see. */
  async function loadHousehold(principal: Principal, householdId: string, mode: "read" | "write") {
    authorize(principal, mode === "read" ? "cases.read" : "cases.write");
    if (!isUuid(householdId)) throw AppError.notFound();
    const h = await repo.household(db, principal.tenantId, householdId);
    if (!h) throw AppError.notFound();
    const cases = await repo.casesOfHousehold(db, principal.tenantId, h.id);
    const workers = await repo.workersOf(
      db,
      principal.tenantId,
      cases.map((c) => c.id),
    );
    const action = mode === "read" ? "cases.read" : "cases.write";
    const officeIds = [h.officeId, ...cases.map((c) => c.officeId)];
    const byCase = (c: CaseRow): CaseFacts => ({
      tenantId: principal.tenantId,
      officeId: c.officeId,
      workerIds: workers.filter((w) => w.caseId === c.id).map((w) => w.userId),
    });
    const ok =
      officeIds.some((o) =>
        mayDo(principal, action, { tenantId: principal.tenantId, officeId: o, workerIds: [] }),
      ) || cases.some((c) => mayDo(principal, action, byCase(c)));
    let breakGlass = false;
    if (!ok) {
      if (can(principal, "cases.break_glass")) {
        for (const c of cases) {
          if (await access.activeBreakGlass(principal.tenantId, principal.userId, c.id)) breakGlass = true;
        }
      }
      if (!breakGlass) throw AppError.forbidden();
    }
    return { household: h, cases, workers, breakGlass };
  }

  function mayDo(principal: Principal, action: "cases.read" | "cases.write", facts: CaseFacts) {
    try {
      (action === "cases.read" ? access.assertCaseRead : access.assertCaseWrite)(principal, facts);
      return true;
    } catch {
      return false;
    }
  }

  /** The principal's single office, when the grants name exactly one (default for new households). */
  function ownOffice(principal: Principal): string | null {
    const scope = caseAccess(principal);
    return scope.officeIds !== "all" && scope.officeIds.length === 1 ? scope.officeIds[0]! : null;
  }

  // ---- placement and duplicates ----

  async function placeHousehold(tenantId: string, h: z.output<typeof householdInput>) {
    let lon = h.lon;
    let lat = h.lat;
    if ((lon === null || lat === null) && h.postcode) {
      const c = await repo.postcodeCentroid(db, tenantId, h.postcode);
      if (c) {
        lon = c.lon;
        lat = c.lat;
      }
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

  async function duplicatesOf(
    principal: Principal,
    people: { givenName: string; familyName: string; birthDate: string | null }[],
    excludeHousehold?: string,
  ): Promise<DuplicateReport> {
    const found = new Map<string, Awaited<ReturnType<typeof repo.similarPersons>>[number]>();
    for (const p of people) {
      if (!p.birthDate) continue;
      const rows = await repo.similarPersons(
        db,
        principal.tenantId,
        nameKey(p.givenName, p.familyName),
        p.birthDate,
        excludeHousehold,
      );
      for (const r of rows) found.set(r.personId, r);
    }
    if (!found.size) return { visible: [], hiddenCount: 0 };
    const households = await repo.householdsByIds(db, principal.tenantId, [
      ...new Set([...found.values()].map((r) => r.householdId)),
    ]);
    const visibleHouseholds = new Set<string>();
    for (const h of households) {
      try {
        await loadHousehold(principal, h.id, "read");
        visibleHouseholds.add(h.id);
      } catch (e) {
        if (!isAppError(e)) throw e;
      }
    }
    const labels = new Map(households.map((h) => [h.id, h.label]));
    const visible: DuplicateCandidate[] = [];
    let hiddenCount = 0;
    for (const r of found.values()) {
      if (visibleHouseholds.has(r.householdId)) {
        visible.push({
          householdId: r.householdId,
          householdLabel: labels.get(r.householdId) ?? "",
          personId: r.personId,
          givenName: r.givenName,
          familyName: r.familyName,
          birthDate: r.birthDate,
        });
      } else hiddenCount++;
    }
    if (visible.length) {
      await deps.audit.recordReads(
        principal,
        visible.map((v) => ({ entityType: "person", entityId: v.personId })),
        { reason: "duplicate_check" },
      );
    }
    return { visible, hiddenCount };
  }

  function personRow(tenantId: string, householdId: string, p: z.output<typeof personInput>, now: Date) {
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
  }

  function personView(p: PersonRow): PersonView {
    const { healthEnc, tenantId: _t, nameKey: _k, ...rest } = p;
    return { ...rest, health: crypto.decryptOptional(healthEnc) };
  }

  async function validWorkers(tenantId: string, ids: string[], field: string) {
    const known = new Set((await deps.users.staffNames(tenantId)).map((u) => u.id));
    const fields = ids
      .map((id, i) => (known.has(id) ? null : { field: `${field}.${i}`, code: "invalid_choice" }))
      .filter((f) => f !== null);
    if (fields.length) throw AppError.validation(fields);
  }

  async function insertCase(
    tx: DbOrTx,
    principal: Principal,
    household: { id: string; officeId: string | null },
    c: z.output<typeof caseInput>,
    requestId: string | null | undefined,
  ) {
    const tenantId = principal.tenantId;
    const now = deps.clock.now();
    const openedOn = c.openedOn ?? today();
    const phases = (await repo.phases(tx, tenantId)).filter((p) => p.active);
    const first = phases[0]?.key ?? DEFAULT_PHASES[0].key;
    const year = Number(openedOn.slice(0, 4));
    const n = await repo.nextReference(tx, tenantId, year);
    const reference = `${year}-${String(n).padStart(5, "0")}`;
    const workerIds = [...new Set(c.workerIds ?? [principal.userId])];
    const row = await repo.insertCase(tx, {
      tenantId,
      reference,
      householdId: household.id,
      caseType: c.caseType,
      housingStage: c.caseType === "housing_loss_prevention" ? (c.housingStage ?? "threatened") : null,
      officeId: c.officeId ?? household.officeId,
      phaseKey: first,
      status: "open",
      openedOn,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceWorkers(
      tx,
      tenantId,
      row.id,
      workerIds.map((u, i) => ({ userId: u, lead: i === 0 })),
      now,
    );
    await repo.insertPhaseChange(tx, {
      tenantId,
      caseId: row.id,
      fromPhase: null,
      toPhase: first,
      changedOn: openedOn,
      reasonEnc: null,
      changedBy: principal.userId,
      createdAt: now,
    });
    await deps.audit.record(
      {
        actor: userActor(principal),
        action: "create",
        entityType: "case",
        entityId: row.id,
        changes: {
          reference: { old: null, new: reference },
          caseType: { old: null, new: row.caseType },
          officeId: { old: null, new: row.officeId },
          workerIds: { old: null, new: workerIds },
        },
        requestId: requestId ?? null,
      },
      tx,
    );
    return row;
  }

  /** Checks who may be assigned: oneself always; anyone else needs cases.assign for the office. */
  function checkAssign(principal: Principal, officeId: string | null, workerIds: string[]) {
    if (workerIds.some((w) => w !== principal.userId)) {
      if (!can(principal, "cases.assign", { officeId })) throw AppError.forbidden();
    }
  }

  async function updateCase(
    principal: Principal,
    caseId: string,
    version: number,
    patch: Partial<CaseRow>,
    action: string,
    audit: {
      changes?: Record<string, { old: unknown; new: unknown }>;
      requestId?: string | null | undefined;
    },
    extra?: (tx: DbOrTx, row: CaseRow) => Promise<void>,
  ) {
    const { row: before } = await loadCase(principal, caseId, "write");
    return db.transaction(async (tx) => {
      const after = await repo.updateCaseIfVersion(
        tx,
        principal.tenantId,
        caseId,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await extra?.(tx, after);
      await deps.audit.record(
        {
          actor: userActor(principal),
          action,
          entityType: "case",
          entityId: caseId,
          changes: audit.changes ?? changedFields(before as never, patch as never),
          requestId: audit.requestId ?? null,
        },
        tx,
      );
      return after;
    });
  }

  /** Something belonging to a case (need, plan item, note) is written: the case's write rule applies. */
  async function childWrite<T>(
    principal: Principal,
    caseId: string,
    entityType: string,
    action: string,
    fn: (tx: DbOrTx, c: CaseRow) => Promise<{ id: string; result: T; fields: string[] }>,
    requestId?: string | null,
  ): Promise<T> {
    const { row } = await loadCase(principal, caseId, "write");
    return db.transaction(async (tx) => {
      const { id, result, fields } = await fn(tx, row);
      await deps.audit.record(
        {
          actor: userActor(principal),
          action,
          entityType,
          entityId: id,
          changes: { caseId: { old: null, new: caseId }, fields: { old: null, new: fields.sort() } },
          requestId: requestId ?? null,
        },
        tx,
      );
      return result;
    });
  }

  async function parseAttachment(input: { fileName: string; mimeType: string; content: Uint8Array }) {
    const fields: FieldError[] = [];
    const name = input.fileName.trim();
    if (!name) fields.push({ field: "file", code: "required" });
    else if (name.length > 200) fields.push({ field: "file", code: "too_long", params: { max: 200 } });
    if (input.content.byteLength === 0) fields.push({ field: "file", code: "required" });
    if (input.content.byteLength > MAX_ATTACHMENT_BYTES) {
      fields.push({
        field: "file",
        code: "attachment_too_large",
        params: { maxMb: MAX_ATTACHMENT_BYTES / 2 ** 20 },
      });
    }
    const sniffed = sniff(input.content);
    if (input.content.byteLength > 0 && input.content.byteLength <= MAX_ATTACHMENT_BYTES && !sniffed) {
      fields.push({ field: "file", code: "attachment_type" });
    }
    if (fields.length) throw AppError.validation(fields);
    return { name, mimeType: sniffed! };
  }

  return {
    crypto,
    access,
    retentionPeriod,
    phases: phasesOf,

    // ---- settings ----

    async settings(principal: Principal) {
      authorize(principal, "casework.settings");
      await ensureTenant(principal.tenantId);
      const s = await repo.settings(db, principal.tenantId);
      return {
        retentionYears: s?.retentionYears ?? DEFAULT_RETENTION_YEARS,
        version: s?.version ?? 1,
        phases: await repo.phases(db, principal.tenantId),
      };
    },

    async updateSettings(principal: Principal, version: number, input: unknown, opts: Audited = {}) {
      authorize(principal, "casework.settings");
      const { retentionYears } = parse(settingsInput, input);
      await ensureTenant(principal.tenantId);
      const before = await repo.settings(db, principal.tenantId);
      return db.transaction(async (tx) => {
        const after = await repo.updateSettingsIfVersion(
          tx,
          principal.tenantId,
          version,
          retentionYears,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before?.version);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "update",
            entityType: "casework_settings",
            entityId: principal.tenantId,
            changes: { retentionYears: { old: before?.retentionYears ?? null, new: retentionYears } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return after;
      });
    },

    /** Adds a phase at the end of the model. */
    async addPhase(principal: Principal, input: unknown, opts: Audited = {}) {
      authorize(principal, "casework.settings");
      const p = parse(phaseDefinitionInput, input);
      const phases = await phasesOf(principal.tenantId);
      if (phases.some((x) => x.key === p.key)) {
        throw new AppError("already_exists", { fields: [{ field: "key", code: "taken" }] });
      }
      const sort = Math.max(0, ...phases.map((x) => x.sort)) + 10;
      await db.transaction(async (tx) => {
        await repo.insertPhases(tx, [
          { tenantId: principal.tenantId, key: p.key, label: p.label, sort, createdAt: deps.clock.now() },
        ]);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "case_phase",
            entityId: p.key,
            changes: { label: { old: null, new: p.label }, sort: { old: null, new: sort } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
    },

    /** Relabels, reorders and (de)activates phases. At least one phase stays active. */
    async updatePhases(
      principal: Principal,
      input: { id: string; label: string; sort: number | string; active: boolean }[],
      opts: Audited = {},
    ) {
      authorize(principal, "casework.settings");
      const rows = parse(
        z
          .array(
            z.object({
              id: z.uuid(),
              label: z.string().trim().min(1).max(80),
              sort: z.coerce.number().int().min(0).max(10000),
              active: z.boolean(),
            }),
          )
          .max(50),
        input,
        "phases",
      );
      const existing = await phasesOf(principal.tenantId);
      const known = new Set(existing.map((p) => p.id));
      const fields = rows
        .map((r, i) => (known.has(r.id) ? null : { field: `phases.${i}.id`, code: "invalid_choice" }))
        .filter((f) => f !== null);
      if (fields.length) throw AppError.validation(fields);
      const activeAfter = existing.filter((p) => rows.find((r) => r.id === p.id)?.active ?? p.active);
      if (!activeAfter.length) throw AppError.validation([{ field: "phases", code: "phase_one_active" }]);
      await db.transaction(async (tx) => {
        for (const r of rows) await repo.updatePhase(tx, principal.tenantId, r.id, r);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "update",
            entityType: "case_phase",
            changes: { phases: { old: null, new: rows.map((r) => `${r.id}:${r.sort}:${r.active}`) } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
    },

    // ---- households and persons ----

    /** Candidates resembling these persons (visible ones by name; others only counted). */
    async duplicates(
      principal: Principal,
      people: { givenName: string; familyName: string; birthDate: string | null }[],
      excludeHousehold?: string,
    ): Promise<DuplicateReport> {
      authorize(principal, "cases.write");
      return duplicatesOf(principal, people, excludeHousehold);
    },

    /**
     * The intake: a household with its persons and (optionally) a first case, in one
     * transaction. Without `allowDuplicate`, a resemblance to an existing person stops it and
     * the answer lists the candidates the user may see.
     */
    async createHousehold(
      principal: Principal,
      input: {
        household: HouseholdInput | Record<string, unknown>;
        persons: unknown[];
        case?: unknown;
        allowDuplicate?: boolean;
      },
      opts: Audited = {},
    ): Promise<
      | { status: "created"; householdId: string; personIds: string[]; caseId: string | null }
      | { status: "duplicates"; duplicates: DuplicateReport }
    > {
      authorize(principal, "cases.write");
      const tenantId = principal.tenantId;
      await ensureTenant(tenantId);
      const persons = Array.isArray(input.persons) ? input.persons : [];
      const parts: Record<string, [z.ZodType, unknown]> = { household: [householdInput, input.household] };
      persons.forEach((p, i) => {
        parts[`persons.${i}`] = [personInput, p];
      });
      if (input.case !== undefined) parts.case = [caseInput, input.case];
      const parsed = parseAll(parts) as Record<string, unknown>;
      const h = parsed.household as z.output<typeof householdInput>;
      const ps = persons.map((_, i) => parsed[`persons.${i}`] as z.output<typeof personInput>);
      const c = parsed.case as z.output<typeof caseInput> | undefined;
      if (!ps.length) throw AppError.validation([{ field: "persons", code: "persons_required" }]);
      if (persons.length > 20)
        throw AppError.validation([{ field: "persons", code: "too_big", params: { max: 20 } }]);

      const placed = await placeHousehold(tenantId, h);
      const officeId = h.officeId ?? placed.officeId ?? ownOffice(principal);
      if (h.officeId && !(await deps.offices.byId(tenantId, h.officeId))) {
        throw AppError.validation([{ field: "household.officeId", code: "invalid_choice" }]);
      }
      const workerIds = c ? [...new Set(c.workerIds ?? [principal.userId])] : [];
      if (c) {
        await validWorkers(tenantId, workerIds, "case.workerIds");
        checkAssign(principal, c.officeId ?? officeId, workerIds);
      }
      // The creator must be able to see what they create: through their office or as a case worker.
      const facts: CaseFacts = { tenantId, officeId: c?.officeId ?? officeId, workerIds };
      if (!mayReadCase(principal, facts) || !mayDo(principal, "cases.write", facts)) {
        throw AppError.validation([{ field: "household.officeId", code: "office_not_yours" }]);
      }

      if (!input.allowDuplicate) {
        const dup = await duplicatesOf(principal, ps);
        if (dup.visible.length || dup.hiddenCount) return { status: "duplicates", duplicates: dup };
      }

      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const household = await repo.insertHousehold(tx, {
          tenantId,
          label: h.label,
          street: h.street,
          postcode: h.postcode,
          city: h.city,
          lon: placed.lon,
          lat: placed.lat,
          areaId: placed.areaId,
          officeId,
          accommodationKind: h.accommodationKind,
          accommodationName: h.accommodationName,
          createdAt: now,
          updatedAt: now,
        });
        const personIds: string[] = [];
        for (const p of ps)
          personIds.push((await repo.insertPerson(tx, personRow(tenantId, household.id, p, now))).id);
        await deps.audit.record(
          {
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
          },
          tx,
        );
        const created = c
          ? await insertCase(tx, principal, household, { ...c, workerIds }, opts.requestId)
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
    async listHouseholds(
      principal: Principal,
      input: { q?: string | undefined; offset?: number | string | undefined },
      opts: Audited = {},
    ) {
      authorize(principal, "cases.read");
      const q = parse(
        z.object({
          q: z.string().trim().max(100).optional(),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        input,
      );
      const limit = 50;
      const scope = caseAccess(principal);
      const rows = await repo.listHouseholds(
        db,
        principal.tenantId,
        { officeIds: scope.officeIds, userId: principal.userId, q: q.q || undefined },
        limit + 1,
        q.offset,
      );
      const items = rows.slice(0, limit);
      await deps.audit.record({
        actor: userActor(principal),
        action: "read",
        entityType: "household_list",
        changes: { householdIds: { old: null, new: items.map((i) => i.id) } },
        requestId: opts.requestId ?? null,
      });
      return { items, hasMore: rows.length > limit, offset: q.offset, limit };
    },

    /** Household with its persons, relations and the cases the principal may see (audited read). */
    async getHousehold(principal: Principal, householdId: string, opts: Audited = {}) {
      const { household, cases, workers, breakGlass } = await loadHousehold(principal, householdId, "read");
      const persons = await repo.personsOf(db, principal.tenantId, household.id);
      const relations = await repo.relationsOf(
        db,
        principal.tenantId,
        persons.map((p) => p.id),
      );
      const visibleCases = cases.filter(
        (c) =>
          breakGlass ||
          mayReadCase(principal, {
            tenantId: principal.tenantId,
            officeId: c.officeId,
            workerIds: workers.filter((w) => w.caseId === c.id).map((w) => w.userId),
          }),
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
      const office = household.officeId
        ? await deps.offices.byId(principal.tenantId, household.officeId)
        : null;
      let mergedIntoLabel: string | null = null;
      if (household.mergedInto) {
        mergedIntoLabel = (await repo.household(db, principal.tenantId, household.mergedInto))?.label ?? null;
      }
      return {
        household,
        office,
        mergedIntoLabel,
        persons: persons.map(personView),
        relations,
        cases: visibleCases.map((c) => ({
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

    async updateHousehold(
      principal: Principal,
      householdId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const { household: before } = await loadHousehold(principal, householdId, "write");
      const h = parse(householdInput, input);
      const addressChanged =
        h.lon !== before.lon || h.lat !== before.lat || (h.postcode ?? null) !== (before.postcode ?? null);
      const placed = addressChanged ? await placeHousehold(principal.tenantId, h) : null;
      if (h.officeId && !(await deps.offices.byId(principal.tenantId, h.officeId))) {
        throw AppError.validation([{ field: "officeId", code: "invalid_choice" }]);
      }
      const patch = {
        label: h.label,
        street: h.street,
        postcode: h.postcode,
        city: h.city,
        lon: h.lon,
        lat: h.lat,
        accommodationKind: h.accommodationKind,
        accommodationName: h.accommodationName,
        areaId: placed ? placed.areaId : before.areaId,
        officeId: h.officeId ?? (placed ? (placed.officeId ?? before.officeId) : before.officeId),
      };
      return db.transaction(async (tx) => {
        const after = await repo.updateHouseholdIfVersion(
          tx,
          principal.tenantId,
          householdId,
          version,
          patch,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "update",
            entityType: "household",
            entityId: householdId,
            changes: changedFields(before as never, patch),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return after;
      });
    },

    async addPerson(
      principal: Principal,
      householdId: string,
      input: unknown,
      opts: Audited & { allowDuplicate?: boolean } = {},
    ): Promise<
      { status: "created"; person: PersonView } | { status: "duplicates"; duplicates: DuplicateReport }
    > {
      const { household } = await loadHousehold(principal, householdId, "write");
      const p = parse(personInput, input);
      if (!opts.allowDuplicate) {
        const dup = await duplicatesOf(principal, [p], household.id);
        if (dup.visible.length || dup.hiddenCount) return { status: "duplicates", duplicates: dup };
      }
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.insertPerson(tx, personRow(principal.tenantId, household.id, p, now));
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "person",
            entityId: row.id,
            changes: { householdId: { old: null, new: household.id } },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return { status: "created" as const, person: personView(row) };
      });
    },

    /** One person (audited read). */
    async getPerson(principal: Principal, personId: string, opts: Audited = {}): Promise<PersonView> {
      authorize(principal, "cases.read");
      if (!isUuid(personId)) throw AppError.notFound();
      const p = await repo.person(db, principal.tenantId, personId);
      if (!p) throw AppError.notFound();
      const { breakGlass } = await loadHousehold(principal, p.householdId, "read");
      await deps.audit.recordRead(principal, "person", p.id, {
        requestId: opts.requestId ?? null,
        reason: breakGlass ? "break_glass" : null,
      });
      return personView(p);
    },

    async updatePerson(
      principal: Principal,
      personId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      authorize(principal, "cases.write");
      if (!isUuid(personId)) throw AppError.notFound();
      const before = await repo.person(db, principal.tenantId, personId);
      if (!before) throw AppError.notFound();
      await loadHousehold(principal, before.householdId, "write");
      const p = parse(personInput, input);
      const {
        tenantId: _t,
        householdId: _h,
        createdAt: _c,
        updatedAt: _u,
        ...patch
      } = personRow(principal.tenantId, before.householdId, p, deps.clock.now());
      return db.transaction(async (tx) => {
        const after = await repo.updatePersonIfVersion(
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
        const changes = changedFields(b as never, a as never);
        if ((hb ? crypto.decrypt(hb) : null) !== p.health)
          changes.fields.new = [...changes.fields.new, "health"].sort();
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "update",
            entityType: "person",
            entityId: personId,
            changes,
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return personView(after);
      });
    },

    async addRelation(principal: Principal, personId: string, input: unknown, opts: Audited = {}) {
      authorize(principal, "cases.write");
      if (!isUuid(personId)) throw AppError.notFound();
      const p = await repo.person(db, principal.tenantId, personId);
      if (!p) throw AppError.notFound();
      await loadHousehold(principal, p.householdId, "write");
      const r = parse(relationInput, input);
      const other = await repo.person(db, principal.tenantId, r.relatedPersonId);
      if (!other || other.id === p.id)
        throw AppError.validation([{ field: "relatedPersonId", code: "invalid_choice" }]);
      await loadHousehold(principal, other.householdId, "read");
      return db.transaction(async (tx) => {
        const row = await repo.insertRelation(tx, {
          tenantId: principal.tenantId,
          personId: p.id,
          relatedPersonId: other.id,
          kind: r.kind,
          createdAt: deps.clock.now(),
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "family_relation",
            entityId: row.id,
            changes: {
              personId: { old: null, new: p.id },
              relatedPersonId: { old: null, new: other.id },
              kind: { old: null, new: r.kind },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return row;
      });
    },

    async removeRelation(principal: Principal, householdId: string, relationId: string, opts: Audited = {}) {
      await loadHousehold(principal, householdId, "write");
      if (!isUuid(relationId)) throw AppError.notFound();
      const persons = await repo.personsOf(db, principal.tenantId, householdId);
      const rels = await repo.relationsOf(
        db,
        principal.tenantId,
        persons.map((p) => p.id),
      );
      if (!rels.some((r) => r.id === relationId)) throw AppError.notFound();
      await db.transaction(async (tx) => {
        await repo.deleteRelation(tx, principal.tenantId, relationId);
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "delete",
            entityType: "family_relation",
            entityId: relationId,
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
    },

    /**
     * Merges a duplicate household into the surviving one (supervisors: cases.assign): its
     * persons and cases (with their needs, plans, notes, consents, referrals, which hang on
     * case and person ids) move; the merged household stays as a marker (merged_into).
     */
    async mergeHouseholds(
      principal: Principal,
      survivorId: string,
      mergedId: string,
      mergedVersion: number,
      opts: Audited = {},
    ) {
      authorize(principal, "cases.assign");
      if (!isUuid(survivorId)) throw AppError.validation([{ field: "survivorId", code: "invalid_format" }]);
      if (survivorId === mergedId) throw AppError.validation([{ field: "survivorId", code: "merge_same" }]);
      const survivor = await loadHousehold(principal, survivorId, "write").catch((e: unknown) => {
        if (isAppError(e) && e.code === "not_found") {
          throw AppError.validation([{ field: "survivorId", code: "invalid_choice" }]);
        }
        throw e;
      });
      const merged = await loadHousehold(principal, mergedId, "write");
      for (const h of [survivor.household, merged.household]) {
        if (!can(principal, "cases.assign", { officeId: h.officeId })) throw AppError.forbidden();
        if (h.mergedInto) throw new AppError("conflict");
      }
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const marked = await repo.updateHouseholdIfVersion(
          tx,
          principal.tenantId,
          mergedId,
          mergedVersion,
          { mergedInto: survivorId },
          now,
        );
        if (!marked) throw AppError.versionConflict(merged.household.version);
        const personsMoved = await repo.movePersons(tx, principal.tenantId, mergedId, survivorId, now);
        const casesMoved = await repo.moveCases(tx, principal.tenantId, mergedId, survivorId, now);
        await repo.insertMerge(tx, {
          tenantId: principal.tenantId,
          survivorId,
          mergedId,
          mergedBy: principal.userId,
          moved: { persons: personsMoved, cases: casesMoved },
          createdAt: now,
        });
        for (const [id, role] of [
          [survivorId, "survivor"],
          [mergedId, "merged"],
        ] as const) {
          await deps.audit.record(
            {
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
            },
            tx,
          );
        }
        return { survivorId, personsMoved, casesMoved };
      });
    },

    // ---- cases ----

    async createCase(principal: Principal, householdId: string, input: unknown, opts: Audited = {}) {
      const { household } = await loadHousehold(principal, householdId, "write");
      if (household.mergedInto) throw new AppError("conflict");
      const c = parse(caseInput, input);
      await ensureTenant(principal.tenantId);
      const officeId = c.officeId ?? household.officeId;
      if (c.officeId && !(await deps.offices.byId(principal.tenantId, c.officeId))) {
        throw AppError.validation([{ field: "officeId", code: "invalid_choice" }]);
      }
      const workerIds = [...new Set(c.workerIds ?? [principal.userId])];
      await validWorkers(principal.tenantId, workerIds, "workerIds");
      checkAssign(principal, officeId, workerIds);
      const facts = { tenantId: principal.tenantId, officeId, workerIds };
      if (!mayDo(principal, "cases.write", facts))
        throw AppError.validation([{ field: "officeId", code: "office_not_yours" }]);
      return db.transaction((tx) =>
        insertCase(tx, principal, household, { ...c, workerIds }, opts.requestId),
      );
    },

    /** The filtered, access-scoped, paged case list; the read of the list (its ids) is audited. */
    async listCases(principal: Principal, input: CaseListQuery, opts: Audited = {}) {
      authorize(principal, "cases.read");
      const q = parse(listQuery, input);
      const scope = caseAccess(principal);
      const rows = await repo.listCases(
        db,
        principal.tenantId,
        {
          officeIds: scope.officeIds,
          userId: principal.userId,
          office: q.office,
          phase: q.phase || undefined,
          status: q.status,
          type: q.type,
          worker: q.worker,
          q: q.q || undefined,
          overdueBefore: q.overdue ? today() : undefined,
        },
        q.limit + 1,
        q.offset,
      );
      const items = rows.slice(0, q.limit);
      await deps.audit.record({
        actor: userActor(principal),
        action: "read",
        entityType: "case_list",
        changes: { caseIds: { old: null, new: items.map((i) => i.id) } },
        requestId: opts.requestId ?? null,
      });
      return { items, hasMore: rows.length > q.limit, limit: q.limit, offset: q.offset };
    },

    /**
     * The case with everything that belongs to it, decrypted. Audited: one entry for the
     * case (exposed person and note ids), one per person and one per note shown.
     */
    async getCase(principal: Principal, caseId: string, opts: Audited = {}) {
      const { row, facts, breakGlass } = await loadCase(principal, caseId, "read");
      const t = principal.tenantId;
      const [
        household,
        persons,
        phaseDefs,
        history,
        needs,
        plan,
        contacts,
        notes,
        attachments,
        staff,
        workers,
      ] = await Promise.all([
        repo.household(db, t, row.householdId),
        repo.personsOf(db, t, row.householdId),
        phasesOf(t),
        repo.phaseChanges(db, t, row.id),
        repo.needs(db, t, row.id),
        repo.planItems(db, t, row.id),
        repo.contacts(db, t, row.id),
        repo.notes(db, t, row.id),
        repo.attachments(db, t, row.id),
        deps.users.staffNames(t),
        repo.workersOf(db, t, [row.id]),
      ]);
      const names = new Map(staff.map((s) => [s.id, s.displayName]));
      const nameOf = (id: string | null) => (id ? (names.get(id) ?? "—") : null);
      await deps.audit.recordReads(
        principal,
        [
          {
            entityType: "case",
            entityId: row.id,
            exposed: { personIds: persons.map((p) => p.id), noteIds: notes.map((n) => n.id) },
          },
          ...persons.map((p) => ({ entityType: "person", entityId: p.id })),
          ...notes.map((n) => ({ entityType: "case_note", entityId: n.id })),
        ],
        { requestId: opts.requestId ?? null, reason: breakGlass ? "break_glass" : null },
      );
      const office = row.officeId ? await deps.offices.byId(t, row.officeId) : null;
      return {
        case: row,
        breakGlass,
        office,
        household: household!,
        persons: persons.map(personView),
        workers: workers.map((w) => ({
          userId: w.userId,
          lead: w.lead,
          displayName: nameOf(w.userId) ?? "—",
        })),
        phases: phaseDefs,
        phaseHistory: history.map((h) => ({
          id: h.id,
          fromPhase: h.fromPhase,
          toPhase: h.toPhase,
          changedOn: h.changedOn,
          reason: crypto.decryptOptional(h.reasonEnc),
          changedBy: nameOf(h.changedBy),
        })),
        needs: needs.map(({ noteEnc, ...n }) => ({ ...n, note: crypto.decryptOptional(noteEnc) })),
        planItems: plan.map((p) => ({ ...p, responsibleName: nameOf(p.responsibleUserId) })),
        contacts: contacts.map(({ noteEnc, ...c }) => ({
          ...c,
          note: crypto.decryptOptional(noteEnc),
          authorName: nameOf(c.authorId),
        })),
        notes: notes.map(({ textEnc, ...n }) => ({
          ...n,
          text: crypto.decrypt(textEnc),
          authorName: nameOf(n.authorId),
        })),
        attachments: attachments.map(({ fileNameEnc, ...a }) => ({
          ...a,
          fileName: crypto.decrypt(fileNameEnc),
          authorName: nameOf(a.authorId),
        })),
        staff: staff,
        canAssign: can(principal, "cases.assign", { officeId: facts.officeId }),
        canWrite: mayDo(principal, "cases.write", facts) || breakGlass,
      };
    },

    async updateCase(
      principal: Principal,
      caseId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const c = parse(caseUpdateInput, input);
      const patch = {
        caseType: c.caseType,
        housingStage: c.caseType === "housing_loss_prevention" ? (c.housingStage ?? "threatened") : null,
      };
      return updateCase(principal, caseId, version, patch, "update", { requestId: opts.requestId });
    },

    /** Replaces the case workers (cases.assign for the case's office). */
    async assignWorkers(
      principal: Principal,
      caseId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const w = parse(workersInput, input);
      const { row, facts } = await loadCase(principal, caseId, "write");
      if (!can(principal, "cases.assign", { officeId: row.officeId })) throw AppError.forbidden();
      const ids = [...new Set(w.workerIds)];
      await validWorkers(principal.tenantId, ids, "workerIds");
      const lead = w.leadId && ids.includes(w.leadId) ? w.leadId : ids[0]!;
      return updateCase(
        principal,
        caseId,
        version,
        {},
        "assign",
        { changes: { workerIds: { old: facts.workerIds, new: ids } }, requestId: opts.requestId },
        (tx) =>
          repo.replaceWorkers(
            tx,
            principal.tenantId,
            caseId,
            ids.map((u) => ({ userId: u, lead: u === lead })),
            deps.clock.now(),
          ),
      );
    },

    /** Phase change with its date and reason (the reason is encrypted). */
    async changePhase(
      principal: Principal,
      caseId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const p = parse(phaseChangeInput, input);
      const { row } = await loadCase(principal, caseId, "write");
      const phases = (await phasesOf(principal.tenantId)).filter((x) => x.active);
      if (!phases.some((x) => x.key === p.toPhase))
        throw AppError.validation([{ field: "toPhase", code: "invalid_choice" }]);
      if (p.toPhase === row.phaseKey)
        throw AppError.validation([{ field: "toPhase", code: "phase_unchanged" }]);
      if (p.changedOn > today()) throw AppError.validation([{ field: "changedOn", code: "date_in_future" }]);
      if (p.changedOn < row.openedOn)
        throw AppError.validation([{ field: "changedOn", code: "date_before_opened" }]);
      if (row.status !== "open") throw new AppError("conflict");
      return updateCase(
        principal,
        caseId,
        version,
        { phaseKey: p.toPhase },
        "phase_change",
        {
          changes: {
            phaseKey: { old: row.phaseKey, new: p.toPhase },
            changedOn: { old: null, new: p.changedOn },
          },
          requestId: opts.requestId,
        },
        (tx) =>
          repo.insertPhaseChange(tx, {
            tenantId: principal.tenantId,
            caseId,
            fromPhase: row.phaseKey,
            toPhase: p.toPhase,
            changedOn: p.changedOn,
            reasonEnc: crypto.encrypt(p.reason),
            changedBy: principal.userId,
            createdAt: deps.clock.now(),
          }),
      );
    },

    /** Closure with a reason: retention will delete the case after the tenant's period. */
    async closeCase(
      principal: Principal,
      caseId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const c = parse(closeInput, input);
      const { row } = await loadCase(principal, caseId, "write");
      if (row.status === "closed") throw new AppError("conflict");
      if (c.closedOn < row.openedOn)
        throw AppError.validation([{ field: "closedOn", code: "date_before_opened" }]);
      if (c.closedOn > today()) throw AppError.validation([{ field: "closedOn", code: "date_in_future" }]);
      const years = await retentionPeriod(principal.tenantId);
      const patch = {
        status: "closed" as const,
        closedOn: c.closedOn,
        closureReason: c.reason,
        retentionDueOn: addYears(c.closedOn, years),
      };
      return updateCase(principal, caseId, version, patch, "close", {
        changes: {
          status: { old: "open", new: "closed" },
          closureReason: { old: null, new: c.reason },
          retentionDueOn: { old: null, new: patch.retentionDueOn },
        },
        requestId: opts.requestId,
      });
    },

    async reopenCase(principal: Principal, caseId: string, version: number, opts: Audited = {}) {
      const { row } = await loadCase(principal, caseId, "write");
      if (row.status !== "closed") throw new AppError("conflict");
      return updateCase(
        principal,
        caseId,
        version,
        { status: "open", closedOn: null, closureReason: null, retentionDueOn: null },
        "reopen",
        {
          changes: {
            status: { old: "closed", new: "open" },
            retentionDueOn: { old: row.retentionDueOn, new: null },
          },
          requestId: opts.requestId,
        },
      );
    },

    async addNeed(principal: Principal, caseId: string, input: unknown, opts: Audited = {}) {
      const n = parse(needInput, input);
      return childWrite(
        principal,
        caseId,
        "case_need",
        "create",
        async (tx, c) => {
          if (n.personId) {
            const p = await repo.person(tx, principal.tenantId, n.personId);
            if (!p || p.householdId !== c.householdId)
              throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
          }
          const now = deps.clock.now();
          const row = await repo.insertNeed(tx, {
            tenantId: principal.tenantId,
            caseId,
            personId: n.personId,
            domain: n.domain,
            status: n.status,
            noteEnc: crypto.encryptOptional(n.note),
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: row, fields: ["domain", "status", ...(n.note ? ["note"] : [])] };
        },
        opts.requestId,
      );
    },

    async updateNeed(
      principal: Principal,
      caseId: string,
      needId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const n = parse(needUpdateInput, input);
      return childWrite(
        principal,
        caseId,
        "case_need",
        "update",
        async (tx) => {
          const before = isUuid(needId) ? await repo.need(tx, principal.tenantId, needId) : undefined;
          if (!before || before.caseId !== caseId) throw AppError.notFound();
          const after = await repo.updateNeedIfVersion(
            tx,
            principal.tenantId,
            needId,
            version,
            { status: n.status, noteEnc: crypto.encryptOptional(n.note) },
            deps.clock.now(),
          );
          if (!after) throw AppError.versionConflict(before.version);
          const fields = [
            ...(before.status !== n.status ? ["status"] : []),
            ...(crypto.decryptOptional(before.noteEnc) !== n.note ? ["note"] : []),
          ];
          return { id: needId, result: after, fields };
        },
        opts.requestId,
      );
    },

    async addPlanItem(principal: Principal, caseId: string, input: unknown, opts: Audited = {}) {
      const p = parse(planItemInput, input);
      return childWrite(
        principal,
        caseId,
        "help_plan_item",
        "create",
        async (tx) => {
          await checkPlanRefs(tx, principal, caseId, p);
          const now = deps.clock.now();
          const row = await repo.insertPlanItem(tx, {
            tenantId: principal.tenantId,
            caseId,
            ...p,
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: row, fields: Object.keys(p) };
        },
        opts.requestId,
      );
    },

    async updatePlanItem(
      principal: Principal,
      caseId: string,
      itemId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const p = parse(planItemInput, input);
      return childWrite(
        principal,
        caseId,
        "help_plan_item",
        "update",
        async (tx) => {
          const before = isUuid(itemId) ? await repo.planItem(tx, principal.tenantId, itemId) : undefined;
          if (!before || before.caseId !== caseId) throw AppError.notFound();
          if (p.goalId === itemId) throw AppError.validation([{ field: "goalId", code: "invalid_choice" }]);
          await checkPlanRefs(tx, principal, caseId, p);
          const after = await repo.updatePlanItemIfVersion(
            tx,
            principal.tenantId,
            itemId,
            version,
            p,
            deps.clock.now(),
          );
          if (!after) throw AppError.versionConflict(before.version);
          return { id: itemId, result: after, fields: changedFields(before as never, p).fields.new };
        },
        opts.requestId,
      );
    },

    /** Kontaktprotokoll: home visit, office hours, phone, accompaniment (the note is encrypted). */
    async addContact(principal: Principal, caseId: string, input: unknown, opts: Audited = {}) {
      const c = parse(contactInput, input);
      const occurredAt = /Z|[+-]\d{2}:?\d{2}$/.test(c.occurredAt)
        ? new Date(c.occurredAt)
        : berlinLocal(c.occurredAt);
      if (occurredAt.getTime() > deps.clock.now().getTime() + 60_000) {
        throw AppError.validation([{ field: "occurredAt", code: "date_in_future" }]);
      }
      return childWrite(
        principal,
        caseId,
        "case_contact",
        "create",
        async (tx) => {
          const row = await repo.insertContact(tx, {
            tenantId: principal.tenantId,
            caseId,
            kind: c.kind,
            occurredAt,
            durationMinutes: c.durationMinutes,
            noteEnc: crypto.encryptOptional(c.note),
            authorId: principal.userId,
            createdAt: deps.clock.now(),
          });
          return { id: row.id, result: row, fields: ["kind", "occurredAt", ...(c.note ? ["note"] : [])] };
        },
        opts.requestId,
      );
    },

    /** A free-text note, encrypted; stored and shown as text (never as HTML). */
    async addNote(principal: Principal, caseId: string, input: unknown, opts: Audited = {}) {
      const n = parse(noteInput, input);
      return childWrite(
        principal,
        caseId,
        "case_note",
        "create",
        async (tx, c) => {
          if (n.personId) {
            const p = await repo.person(tx, principal.tenantId, n.personId);
            if (!p || p.householdId !== c.householdId)
              throw AppError.validation([{ field: "personId", code: "invalid_choice" }]);
          }
          const now = deps.clock.now();
          const row = await repo.insertNote(tx, {
            tenantId: principal.tenantId,
            caseId,
            personId: n.personId,
            textEnc: crypto.encrypt(n.text),
            health: n.health,
            authorId: principal.userId,
            createdAt: now,
            updatedAt: now,
          });
          return { id: row.id, result: { id: row.id, version: row.version }, fields: ["text", "health"] };
        },
        opts.requestId,
      );
    },

    async updateNote(
      principal: Principal,
      caseId: string,
      noteId: string,
      version: number,
      input: unknown,
      opts: Audited = {},
    ) {
      const n = parse(noteUpdateInput, input);
      return childWrite(
        principal,
        caseId,
        "case_note",
        "update",
        async (tx) => {
          const before = isUuid(noteId) ? await repo.note(tx, principal.tenantId, noteId) : undefined;
          if (!before || before.caseId !== caseId) throw AppError.notFound();
          const after = await repo.updateNoteIfVersion(
            tx,
            principal.tenantId,
            noteId,
            version,
            { textEnc: crypto.encrypt(n.text), health: n.health },
            deps.clock.now(),
          );
          if (!after) throw AppError.versionConflict(before.version);
          return { id: noteId, result: { id: noteId, version: after.version }, fields: ["text", "health"] };
        },
        opts.requestId,
      );
    },

    /** An attachment (PDF, PNG, JPEG; at most 10 MiB), encrypted as a whole. */
    async addAttachment(
      principal: Principal,
      caseId: string,
      input: { fileName: string; mimeType: string; content: Uint8Array },
      opts: Audited = {},
    ) {
      const a = await parseAttachment(input);
      return childWrite(
        principal,
        caseId,
        "case_attachment",
        "create",
        async (tx) => {
          const content = Buffer.from(crypto.encrypt(Buffer.from(input.content).toString("base64")), "utf8");
          const row = await repo.insertAttachment(tx, {
            tenantId: principal.tenantId,
            caseId,
            fileNameEnc: crypto.encrypt(a.name),
            mimeType: a.mimeType,
            byteSize: input.content.byteLength,
            contentEnc: content,
            authorId: principal.userId,
            createdAt: deps.clock.now(),
          });
          return {
            id: row.id,
            result: { id: row.id, mimeType: row.mimeType, byteSize: row.byteSize },
            fields: ["file"],
          };
        },
        opts.requestId,
      );
    },

    /** The decrypted file (audited read). */
    async getAttachment(principal: Principal, caseId: string, attachmentId: string, opts: Audited = {}) {
      const { breakGlass } = await loadCase(principal, caseId, "read");
      const row = isUuid(attachmentId)
        ? await repo.attachment(db, principal.tenantId, attachmentId)
        : undefined;
      if (!row || row.caseId !== caseId) throw AppError.notFound();
      await deps.audit.recordRead(principal, "case_attachment", row.id, {
        requestId: opts.requestId ?? null,
        reason: breakGlass ? "break_glass" : null,
      });
      return {
        fileName: crypto.decrypt(row.fileNameEnc),
        mimeType: row.mimeType,
        content: new Uint8Array(
          Buffer.from(crypto.decrypt(Buffer.from(row.contentEnc).toString("utf8")), "base64"),
        ),
      };
    },

    /**
     * For questionnaires (issue 5): what a case contributes to a response — the household's area,
     * accommodation and the case's phase (analysis dimensions), and its persons (to answer for
     * one of them). Case access decides as for any read or write; the persons read is audited.
     */
    async surveyContext(principal: Principal, caseId: string, mode: "read" | "write", opts: Audited = {}) {
      const { row, breakGlass } = await loadCase(principal, caseId, mode);
      const t = principal.tenantId;
      const [household, persons] = await Promise.all([
        repo.household(db, t, row.householdId),
        repo.personsOf(db, t, row.householdId),
      ]);
      await deps.audit.recordReads(
        principal,
        persons.map((p) => ({ entityType: "person", entityId: p.id })),
        { requestId: opts.requestId ?? null, reason: breakGlass ? "break_glass" : null },
      );
      return {
        caseId: row.id,
        reference: row.reference,
        status: row.status,
        phaseKey: row.phaseKey,
        areaId: household?.areaId ?? null,
        accommodationKind: household?.accommodationKind ?? null,
        householdLabel: household?.label ?? "",
        persons: persons.map((p) => ({
          id: p.id,
          givenName: p.givenName,
          familyName: p.familyName,
          sex: p.sex,
          birthDate: p.birthDate,
        })),
      };
    },

    /**
     * Opens the needs a questionnaire's answers name, inside the caller's transaction (the
     * response and its needs are stored together). Call surveyContext(…, "write") first. A domain already open (identified or in
     * progress) for the same person — or for the household when no person is named — is left
     * alone, so submitting twice or answering two forms never doubles a need.
     */
    async openNeedsFromSurvey(
      tx: DbOrTx,
      principal: Principal,
      caseId: string,
      input: { domains: string[]; personId: string | null; source: string; requestId?: string | null },
    ): Promise<string[]> {
      // Inside the caller's transaction nothing may query outside it (PGlite has one connection),
      // so the case's write access is checked by the caller through surveyContext(…, "write")
      // just before; here the case must exist and the principal must be able to write cases.
      authorize(principal, "cases.write");
      const row = await repo.case(tx, principal.tenantId, caseId);
      if (!row) throw AppError.notFound();
      const existing = await repo.needs(tx, principal.tenantId, row.id);
      const open = new Set(
        existing
          .filter(
            (n) => (n.status === "identified" || n.status === "in_progress") && n.personId === input.personId,
          )
          .map((n) => n.domain as string),
      );
      const now = deps.clock.now();
      const created: string[] = [];
      for (const domain of input.domains) {
        if (open.has(domain) || !(LIFE_DOMAINS as readonly string[]).includes(domain)) continue;
        const need = await repo.insertNeed(tx, {
          tenantId: principal.tenantId,
          caseId: row.id,
          personId: input.personId,
          domain: domain as LifeDomain,
          status: "identified",
          noteEnc: null,
          source: input.source,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record(
          {
            actor: userActor(principal),
            action: "create",
            entityType: "case_need",
            entityId: need.id,
            changes: { caseId: { old: null, new: row.id }, source: { old: null, new: input.source } },
            requestId: input.requestId ?? null,
          },
          tx,
        );
        created.push(domain);
      }
      return created;
    },

    /**
     * For survey populations and link responses (issue 5): sex, birth date, area, accommodation
     * and phase of persons — no names, no case content. The survey service authorizes the caller.
     */
    surveyPersonFacts(tenantId: string, filter: { assignedYear?: number; personIds?: string[] }) {
      return surveyPersonRepo.facts(db, tenantId, filter);
    },

    /** Names of sampled persons for the survey team's contact list; the read is audited. */
    async surveyPersonNames(principal: Principal, personIds: string[], opts: Audited = {}) {
      const rows = await surveyPersonRepo.names(db, principal.tenantId, personIds);
      await deps.audit.recordReads(
        principal,
        rows.map((p) => ({ entityType: "person", entityId: p.id })),
        { requestId: opts.requestId ?? null, reason: "survey_sample" },
      );
      return rows;
    },

    /** Offices, phases and staff for filters and forms (no case data). */
    async listOptions(principal: Principal) {
      authorize(principal, "cases.read");
      const [offices, phases, staff] = await Promise.all([
        deps.offices.listSummaries(principal.tenantId),
        phasesOf(principal.tenantId),
        deps.users.staffNames(principal.tenantId),
      ]);
      return { offices, phases, staff, ownOffice: ownOffice(principal) };
    },
  };

  async function checkPlanRefs(
    tx: DbOrTx,
    principal: Principal,
    caseId: string,
    p: z.output<typeof planItemInput>,
  ) {
    const fields: FieldError[] = [];
    if (p.goalId) {
      const g = await repo.planItem(tx, principal.tenantId, p.goalId);
      if (!g || g.caseId !== caseId || g.goalId !== null)
        fields.push({ field: "goalId", code: "invalid_choice" });
    }
    if (p.needId) {
      const n = await repo.need(tx, principal.tenantId, p.needId);
      if (!n || n.caseId !== caseId) fields.push({ field: "needId", code: "invalid_choice" });
    }
    if (p.responsibleUserId) {
      const known = (await deps.users.staffNames(principal.tenantId)).some(
        (s) => s.id === p.responsibleUserId,
      );
      if (!known) fields.push({ field: "responsibleUserId", code: "invalid_choice" });
    }
    if (fields.length) throw AppError.validation(fields);
  }
}
export type CaseworkService = ReturnType<typeof createCaseworkService>;

export { HOUSING_STAGES };

/** The file's real type from its first bytes (never trust the declared type). */
function sniff(bytes: Uint8Array): (typeof ATTACHMENT_TYPES)[number] | null {
  const b = (i: number) => bytes[i];
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  return null;
}

/** "2026-03-02T10:30" as a wall-clock time in Berlin. */
function berlinLocal(local: string): Date {
  const asUtc = new Date(`${local.slice(0, 16)}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Berlin",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(asUtc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  const offset = shown - asUtc.getTime();
  return new Date(asUtc.getTime() - offset);
}

export type HouseholdSummary = Pick<HouseholdRow, "id" | "label">;

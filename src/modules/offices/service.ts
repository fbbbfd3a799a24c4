import { z } from "zod";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaRef, AreaService, LocatedArea } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { UserService } from "../users/service.ts";
import { type OfficeRow, officeRepo } from "./repo.ts";
import { OFFICE_KINDS, type OfficeKind } from "./schema.ts";

export type OfficeSummary = {
  id: string;
  name: string;
  kind: OfficeKind;
  placeId: string | null;
  email: string | null;
  phone: string | null;
};
export type OfficeView = OfficeSummary & {
  version: number;
  /** Catchment (Einzugsgebiet): the areas this office is responsible for. */
  areas: AreaRef[];
  members: { userId: string; displayName: string; function: string | null }[];
};
export type ResponsibleOffice = { office: OfficeSummary; area: AreaRef };
export type Placement = { located: LocatedArea | null; office: OfficeSummary | null };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const officeInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(OFFICE_KINDS).default("welcome_office"),
  placeId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.uuid().nullable()),
  email: z
    .string()
    .trim()
    .max(254)
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.email().nullable()),
  phone: optionalText(60),
});
export type OfficeInput = z.input<typeof officeInput>;

const uuidList = z.array(z.uuid()).max(500);
const memberList = z.array(z.object({ userId: z.uuid(), function: optionalText(120) })).max(500);

function summary(o: OfficeRow): OfficeSummary {
  return { id: o.id, name: o.name, kind: o.kind, placeId: o.placeId, email: o.email, phone: o.phone };
}

/** Who writes: a signed-in user (checked against the policy), or the demo seed/CLI for a tenant. */
export type OfficeActor =
  | { kind: "user"; principal: Principal }
  | { kind: "system" | "cli"; tenantId: string };
const tenantOf = (a: OfficeActor) => (a.kind === "user" ? a.principal.tenantId : a.tenantId);

/**
 * Offices/teams (Dienststellen, Willkommensbüros) with their catchment areas and team members.
 * "Which office is responsible here?" locates the point in the area tree and takes the office
 * whose catchment holds the most specific of the area and its ancestors.
 */
export function createOfficeService(
  deps: CoreDeps & { audit: AuditService; areas: AreaService; users: UserService },
) {
  const { db } = deps;

  async function load(tenantId: string, id: string): Promise<OfficeRow> {
    const row = await officeRepo.byId(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function view(tenantId: string, o: OfficeRow): Promise<OfficeView> {
    const [areaIds, members, areaList, names] = await Promise.all([
      officeRepo.catchmentOf(db, tenantId, o.id),
      officeRepo.members(db, tenantId, o.id),
      deps.areas.list(tenantId),
      deps.users.staffNames(tenantId),
    ]);
    const areaById = new Map(areaList.map((a) => [a.id, a]));
    const nameById = new Map(names.map((n) => [n.id, n.displayName]));
    return {
      ...summary(o),
      version: o.version,
      areas: areaIds
        .map((id) => areaById.get(id))
        .filter((a) => a !== undefined)
        .map((a) => ({ id: a.id, code: a.code, name: a.name, level: a.level }))
        .sort((a, b) => a.name.localeCompare(b.name, "de")),
      members: members
        .map((m) => ({ userId: m.userId, displayName: nameById.get(m.userId) ?? "—", function: m.function }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, "de")),
    };
  }

  /** The office whose catchment holds the most specific of the located area and its ancestors. */
  async function officeFor(tenantId: string, located: LocatedArea): Promise<OfficeSummary | null> {
    const chain = [located.area, ...located.ancestors];
    const holders = await officeRepo.holdersOf(
      db,
      tenantId,
      chain.map((a) => a.id),
    );
    if (!holders.length) return null;
    const byArea = new Map(holders.map((h) => [h.areaId, h.officeId]));
    const officeId = chain.map((a) => byArea.get(a.id)).find((id) => id !== undefined);
    if (!officeId) return null;
    const o = await officeRepo.byId(db, tenantId, officeId);
    return o ? summary(o) : null;
  }

  function audited(actor: OfficeActor) {
    return actor.kind === "user"
      ? { kind: "user" as const, principal: actor.principal }
      : { kind: actor.kind, tenantId: actor.tenantId };
  }
  function check(actor: OfficeActor) {
    if (actor.kind === "user") authorize(actor.principal, "offices.manage");
  }

  async function validateAreas(tenantId: string, officeId: string, areaIds: string[]): Promise<FieldError[]> {
    const known = new Set((await deps.areas.list(tenantId)).map((a) => a.id));
    const fields: FieldError[] = [];
    areaIds.forEach((id, i) => {
      if (!known.has(id)) fields.push({ field: `areaIds.${i}`, code: "invalid_choice" });
    });
    const holders = await officeRepo.holdersOf(db, tenantId, areaIds);
    for (const h of holders) {
      if (h.officeId !== officeId) {
        const other = await officeRepo.byId(db, tenantId, h.officeId);
        fields.push({
          field: `areaIds.${areaIds.indexOf(h.areaId)}`,
          code: "office_area_taken",
          params: { office: other?.name ?? "—" },
        });
      }
    }
    return fields;
  }

  return {
    /** All offices of the tenant (names and contact), for lists and pickers. */
    async listSummaries(tenantId: string): Promise<OfficeSummary[]> {
      return (await officeRepo.list(db, tenantId)).map(summary);
    },

    async byId(tenantId: string, id: string): Promise<OfficeSummary | null> {
      const o = await officeRepo.byId(db, tenantId, id);
      return o ? summary(o) : null;
    },

    /** Offices whose team the user belongs to. */
    officesOfUser(tenantId: string, userId: string): Promise<string[]> {
      return officeRepo.officesOfUser(db, tenantId, userId);
    },

    /** Team members of an office (user ids). */
    async memberIds(tenantId: string, officeId: string): Promise<string[]> {
      return (await officeRepo.members(db, tenantId, officeId)).map((m) => m.userId);
    },

    async list(
      principal: Principal,
    ): Promise<(OfficeSummary & { version: number; areaCount: number; memberCount: number })[]> {
      authorize(principal, "offices.read");
      const t = principal.tenantId;
      const [rows, catchment, members] = await Promise.all([
        officeRepo.list(db, t),
        officeRepo.catchment(db, t),
        officeRepo.members(db, t),
      ]);
      return rows.map((o) => ({
        ...summary(o),
        version: o.version,
        areaCount: catchment.filter((c) => c.officeId === o.id).length,
        memberCount: members.filter((m) => m.officeId === o.id).length,
      }));
    },

    /** The office with catchment and team, without a policy check (seeds, other services). */
    async detail(tenantId: string, id: string): Promise<OfficeView> {
      return view(tenantId, await load(tenantId, id));
    },

    async get(principal: Principal, id: string): Promise<OfficeView> {
      authorize(principal, "offices.read");
      return view(principal.tenantId, await load(principal.tenantId, id));
    },

    /** The office responsible for a point (PUBLIC's office finder, households). */
    async responsibleFor(tenantId: string, lon: number, lat: number): Promise<ResponsibleOffice | null> {
      const located = await deps.areas.locate(tenantId, lon, lat);
      if (!located) return null;
      const office = await officeFor(tenantId, located);
      return office ? { office, area: located.area } : null;
    },

    /** Area and office of a point: both may be missing (outside every area, no catchment). */
    async place(tenantId: string, lon: number, lat: number): Promise<Placement> {
      const located = await deps.areas.locate(tenantId, lon, lat);
      return { located, office: located ? await officeFor(tenantId, located) : null };
    },

    /** The office responsible for an area (e.g. a household placed in an area). */
    async responsibleForArea(tenantId: string, areaId: string): Promise<OfficeSummary | null> {
      const areas = await deps.areas.list(tenantId);
      const area = areas.find((a) => a.id === areaId);
      if (!area) return null;
      const ancestors = await deps.areas.ancestors(tenantId, areaId);
      return officeFor(tenantId, {
        area: { id: area.id, code: area.code, name: area.name, level: area.level },
        ancestors,
      });
    },

    async create(actor: OfficeActor, input: OfficeInput, requestId?: string): Promise<OfficeView> {
      check(actor);
      const tenantId = tenantOf(actor);
      const parsed = officeInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const now = deps.clock.now();
      const row = await db.transaction(async (tx) => {
        const created = await officeRepo.insert(tx, {
          tenantId,
          ...parsed.data,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record(
          {
            actor: audited(actor),
            action: "create",
            entityType: "office",
            entityId: created.id,
            changes: diff(null, summary(created)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return created;
      });
      return view(tenantId, row);
    },

    async update(
      actor: OfficeActor,
      id: string,
      version: number,
      input: OfficeInput,
      requestId?: string,
    ): Promise<OfficeView> {
      check(actor);
      const tenantId = tenantOf(actor);
      const parsed = officeInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = await load(tenantId, id);
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(
          tx,
          tenantId,
          id,
          version,
          parsed.data,
          deps.clock.now(),
        );
        if (!row) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: audited(actor),
            action: "update",
            entityType: "office",
            entityId: id,
            changes: diff(summary(before), summary(row)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return row;
      });
      return view(tenantId, after);
    },

    /** Replaces the catchment. An area belongs to at most one office (field error otherwise). */
    async setCatchment(
      actor: OfficeActor,
      id: string,
      version: number,
      areaIds: string[],
      requestId?: string,
    ): Promise<OfficeView> {
      check(actor);
      const tenantId = tenantOf(actor);
      const parsed = uuidList.safeParse(areaIds);
      if (!parsed.success) throw validationError(parsed.error.issues, "areaIds");
      const ids = [...new Set(parsed.data)];
      const before = await load(tenantId, id);
      const fields = await validateAreas(tenantId, id, ids);
      if (fields.length) throw AppError.validation(fields);
      const beforeAreas = await officeRepo.catchmentOf(db, tenantId, id);
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(tx, tenantId, id, version, {}, deps.clock.now());
        if (!row) throw AppError.versionConflict(before.version);
        await officeRepo.replaceCatchment(tx, tenantId, id, ids);
        await deps.audit.record(
          {
            actor: audited(actor),
            action: "update",
            entityType: "office",
            entityId: id,
            changes: { areaIds: { old: beforeAreas.sort(), new: [...ids].sort() } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return row;
      });
      return view(tenantId, after);
    },

    /** Replaces the team. Members are active users of the tenant. */
    async setMembers(
      actor: OfficeActor,
      id: string,
      version: number,
      members: { userId: string; function?: string | null }[],
      requestId?: string,
    ): Promise<OfficeView> {
      check(actor);
      const tenantId = tenantOf(actor);
      const parsed = memberList.safeParse(members);
      if (!parsed.success) throw validationError(parsed.error.issues, "members");
      const known = new Set((await deps.users.staffNames(tenantId)).map((u) => u.id));
      const fields: FieldError[] = [];
      parsed.data.forEach((m, i) => {
        if (!known.has(m.userId)) fields.push({ field: `members.${i}.userId`, code: "invalid_choice" });
      });
      if (fields.length) throw AppError.validation(fields);
      const unique = [...new Map(parsed.data.map((m) => [m.userId, m])).values()];
      const before = await load(tenantId, id);
      const beforeMembers = await officeRepo.members(db, tenantId, id);
      const now = deps.clock.now();
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(tx, tenantId, id, version, {}, now);
        if (!row) throw AppError.versionConflict(before.version);
        await officeRepo.replaceMembers(tx, tenantId, id, unique, now);
        await deps.audit.record(
          {
            actor: audited(actor),
            action: "update",
            entityType: "office",
            entityId: id,
            changes: {
              memberIds: {
                old: beforeMembers.map((m) => m.userId).sort(),
                new: unique.map((m) => m.userId).sort(),
              },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        return row;
      });
      return view(tenantId, after);
    },
  };
}
export type OfficeService = ReturnType<typeof createOfficeService>;

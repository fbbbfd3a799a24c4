import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { CreateOffice, UpdateOffice } from "./contracts.ts";
import type { OfficeActor, OfficeListItem, OfficeSummary, OfficeView } from "./model.ts";
import { officeRepo } from "./repo.ts";
import { createResponsibility } from "./responsible.ts";
import { auditActor, checkManage, createOfficeLoader, type OfficeDeps, summary, tenantOf } from "./shared.ts";
import { createTeamEditor } from "./team.ts";

export type {
  OfficeActor,
  OfficeKind,
  OfficeListItem,
  OfficeSummary,
  OfficeView,
  Placement,
  ResponsibleOffice,
} from "./model.ts";
export type { OfficeDeps } from "./shared.ts";

/**
 * Offices/teams (Dienststellen, Willkommensbüros) with their catchment areas and team members.
 * This file: reading and the office itself; team.ts: catchment and team; responsible.ts:
 * which office is responsible for a point or an area.
 */
export function createOfficeService(deps: OfficeDeps) {
  const { db } = deps;
  const { load, view } = createOfficeLoader(deps);

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

    async list(principal: Principal): Promise<OfficeListItem[]> {
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

    async create(actor: OfficeActor, input: CreateOffice, requestId?: string): Promise<OfficeView> {
      checkManage(actor);
      const tenantId = tenantOf(actor);
      const now = deps.clock.now();
      const row = await db.transaction(async (tx) => {
        const created = await officeRepo.insert(tx, { tenantId, ...input, createdAt: now, updatedAt: now });
        await deps.audit.record(
          {
            actor: auditActor(actor),
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

    /** Changes name, kind and contact only if nobody else saved since `input.version` was read. */
    async update(
      actor: OfficeActor,
      id: string,
      input: UpdateOffice,
      requestId?: string,
    ): Promise<OfficeView> {
      checkManage(actor);
      const tenantId = tenantOf(actor);
      const { version, ...patch } = input;
      const before = await load(tenantId, id);
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(tx, tenantId, id, version, patch, deps.clock.now());
        if (!row) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
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

    ...createTeamEditor(deps),
    ...createResponsibility(deps),
  };
}
export type OfficeService = ReturnType<typeof createOfficeService>;

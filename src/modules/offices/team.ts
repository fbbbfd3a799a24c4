import { AppError, type FieldError } from "../../server/errors.ts";
import type { SetOfficeCatchment, SetOfficeMembers } from "./contracts.ts";
import type { OfficeActor, OfficeView } from "./model.ts";
import { officeRepo } from "./repo.ts";
import { auditActor, checkManage, createOfficeLoader, type OfficeDeps, tenantOf } from "./shared.ts";

/** An office's catchment (Einzugsgebiet) and team, each replaced as a whole with the version read. */
export function createTeamEditor(deps: OfficeDeps) {
  const { db } = deps;
  const { load, view } = createOfficeLoader(deps);

  /** Every area must exist and belong to no other office. */
  async function checkAreas(tenantId: string, officeId: string, areaIds: string[]): Promise<FieldError[]> {
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
    /** Replaces the catchment. An area belongs to at most one office (field error otherwise). */
    async setCatchment(
      actor: OfficeActor,
      id: string,
      input: SetOfficeCatchment,
      requestId?: string,
    ): Promise<OfficeView> {
      checkManage(actor);
      const tenantId = tenantOf(actor);
      const ids = [...new Set(input.areaIds)];
      const before = await load(tenantId, id);
      const fields = await checkAreas(tenantId, id, ids);
      if (fields.length) throw AppError.validation(fields);
      const beforeAreas = await officeRepo.catchmentOf(db, tenantId, id);
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(tx, tenantId, id, input.version, {}, deps.clock.now());
        if (!row) throw AppError.versionConflict(before.version);
        await officeRepo.replaceCatchment(tx, tenantId, id, ids);
        await deps.audit.record(
          {
            actor: auditActor(actor),
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
      input: SetOfficeMembers,
      requestId?: string,
    ): Promise<OfficeView> {
      checkManage(actor);
      const tenantId = tenantOf(actor);
      const known = new Set((await deps.users.staffNames(tenantId)).map((u) => u.id));
      const fields: FieldError[] = [];
      input.members.forEach((m, i) => {
        if (!known.has(m.userId)) fields.push({ field: `members.${i}.userId`, code: "invalid_choice" });
      });
      if (fields.length) throw AppError.validation(fields);
      const unique = [...new Map(input.members.map((m) => [m.userId, m])).values()];
      const before = await load(tenantId, id);
      const beforeMembers = await officeRepo.members(db, tenantId, id);
      const now = deps.clock.now();
      const after = await db.transaction(async (tx) => {
        const row = await officeRepo.updateIfVersion(tx, tenantId, id, input.version, {}, now);
        if (!row) throw AppError.versionConflict(before.version);
        await officeRepo.replaceMembers(tx, tenantId, id, unique, now);
        await deps.audit.record(
          {
            actor: auditActor(actor),
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

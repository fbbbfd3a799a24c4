import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import type { UserService } from "../users/service.ts";
import type { OfficeActor, OfficeSummary, OfficeView } from "./model.ts";
import { type OfficeRow, officeRepo } from "./repo.ts";

/** What every part of the office service receives. */
export type OfficeDeps = CoreDeps & { audit: AuditService; areas: AreaService; users: UserService };

export function summary(o: OfficeRow): OfficeSummary {
  return { id: o.id, name: o.name, kind: o.kind, placeId: o.placeId, email: o.email, phone: o.phone };
}

export const tenantOf = (a: OfficeActor) => (a.kind === "user" ? a.principal.tenantId : a.tenantId);

/** The audit log's actor for an office actor. */
export function auditActor(actor: OfficeActor) {
  return actor.kind === "user"
    ? { kind: "user" as const, principal: actor.principal }
    : { kind: actor.kind, tenantId: actor.tenantId };
}

/** Users act under the policy; the demo seed and the CLI act as the system. */
export function checkManage(actor: OfficeActor) {
  if (actor.kind === "user") authorize(actor.principal, "offices.manage");
}

/** Loading an office and building its full view (catchment areas and team with names). */
export function createOfficeLoader(deps: OfficeDeps) {
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

  return { load, view };
}

import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { type Action, authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { NetworkDeps } from "./deps.ts";
import {
  type ActionItemView,
  type BodySummary,
  type MeetingSummary,
  type MemberView,
  termRunsOn,
} from "./model.ts";
import type { ActionRow, BodyRow, MeetingRow, MemberRow } from "./repo.ts";
import { bodyRepo, meetingRepo } from "./repo.ts";
import { dayIn } from "./time.ts";

/** Who acts: a signed-in user (checked against the policy), or the demo seed for a tenant. */
export type NetworkActor = { kind: "user"; principal: Principal } | { kind: "system"; tenantId: string };

export const tenantOf = (a: NetworkActor) => (a.kind === "user" ? a.principal.tenantId : a.tenantId);
export const auditActor = (a: NetworkActor) =>
  a.kind === "user"
    ? { kind: "user" as const, principal: a.principal }
    : { kind: "system" as const, tenantId: a.tenantId };
export function check(actor: NetworkActor, action: Action) {
  if (actor.kind === "user") authorize(actor.principal, action);
}
export const fail = (...fields: FieldError[]) => AppError.validation(fields);

export function bodySummary(b: BodyRow): BodySummary {
  return {
    id: b.id,
    name: b.name,
    kind: b.kind,
    areaId: b.areaId,
    fieldsOfAction: b.fieldsOfAction,
    publicBody: b.publicBody,
    version: b.version,
  };
}
export function memberView(m: MemberRow, today: string): MemberView {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    votingRight: m.votingRight,
    organizationId: m.organizationId,
    email: m.email,
    language: m.language,
    termStart: m.termStart,
    termEnd: m.termEnd,
    publicConsent: m.publicConsent,
    active: termRunsOn(m, today),
  };
}
/** A member as shown to those without need of their mail address (decision 061). */
export const withoutContact = (m: MemberView): MemberView => ({ ...m, email: null });

export function meetingSummary(m: MeetingRow): MeetingSummary {
  return {
    id: m.id,
    bodyId: m.bodyId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    placeId: m.placeId,
    onlineUrl: m.onlineUrl,
    state: m.state,
    minutesState: m.minutesState,
    version: m.version,
  };
}
export function actionItemView(a: ActionRow): ActionItemView {
  return {
    id: a.id,
    meetingId: a.meetingId,
    agendaItemId: a.agendaItemId,
    bodyId: a.bodyId,
    title: a.title,
    owner: a.owner,
    dueDate: a.dueDate,
    status: a.status,
    measureId: a.measureId,
    version: a.version,
  };
}

/** Loading rows of the module (not found: 404), and the checks every part shares. */
export function createNetworkContext(deps: NetworkDeps) {
  const { db } = deps;
  return {
    deps,
    today: () => dayIn(deps.clock.now()),
    async body(tenantId: string, id: string): Promise<BodyRow> {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await bodyRepo.byId(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return row;
    },
    async meeting(tenantId: string, id: string): Promise<MeetingRow> {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await meetingRepo.byId(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return row;
    },
    /** A meeting takes place at a directory place or online (a meeting, or a date poll that creates one). */
    async checkLocation(
      tenantId: string,
      input: { placeId: string | null; onlineUrl: string | null },
    ): Promise<FieldError[]> {
      if (!input.placeId && !input.onlineUrl)
        return [{ field: "placeId", code: "network_location_required" }];
      if (input.placeId) {
        const found = await deps.directory.existingIds(tenantId, "place", [input.placeId]);
        if (!found.has(input.placeId)) return [{ field: "placeId", code: "network_unknown_reference" }];
      }
      return [];
    },
    /** A measure link is checked through the strategy port; without it, none can be set. */
    async checkMeasure(tenantId: string, measureId: string | null): Promise<FieldError | undefined> {
      if (measureId === null) return undefined;
      const ok = deps.measures ? await deps.measures.exists(tenantId, measureId) : false;
      return ok ? undefined : { field: "measureId", code: "network_measure_unknown" };
    },
  };
}
export type NetworkContext = ReturnType<typeof createNetworkContext>;

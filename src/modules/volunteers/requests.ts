import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type Actor, diff } from "../audit/service.ts";
import type { CreateRequest, RequestEventInput, RequestView } from "./contracts.ts";
import type { AtTime, Audited, VolunteerDeps } from "./deps.ts";
import { unfit } from "./matching.ts";
import { DEFAULT_POOL_RULES, type PoolRules, type PoolSettings } from "./model.ts";
import { type RequestRow, requestRepo, type VolunteerRow, volunteerRepo } from "./repo.ts";
import { createRequestMails } from "./request-mails.ts";
import { suggestionsFor } from "./research.ts";
import { rulesOpenFor } from "./rules.ts";
import { addWorkingDays, transition } from "./states.ts";
import { busyOf } from "./volunteer-facts.ts";

export const REQUEST_ENTITY = "mediation_request";

import { POOL_TIME_ZONE, startsAt } from "./times.ts";

export { POOL_TIME_ZONE, startsAt };
export const PAGE_SIZE = 50;

export function toRequestView(r: RequestRow, volunteerName: string | null): RequestView {
  return {
    id: r.id,
    version: r.version,
    organizationId: r.organizationId,
    institutionName: r.institutionName,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    language: r.language,
    mode: r.mode,
    setting: r.setting,
    topic: r.topic,
    area: r.area,
    date: r.date,
    startMinute: r.startMinute,
    durationMinutes: r.durationMinutes,
    state: r.state,
    volunteerId: r.volunteerId,
    volunteerName,
    heldMinutes: r.heldMinutes,
    heldKm: r.heldKm,
    cancelledBy: r.cancelledBy,
    cancelledLate: r.cancelledLate,
    fromCase: r.requestedBy !== null,
  };
}

const todayOf = (now: Date) => now.toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });

/** The tenant's booking rules, checked per field (issue 17, Bad input). */
export function checkBooking(
  input: Pick<CreateRequest, "date" | "setting" | "durationMinutes" | "mode" | "area" | "startTime">,
  rules: PoolRules,
  now: Date,
  holidayState: string,
) {
  const fields: { field: string; code: string; params?: Record<string, string | number> }[] = [];
  const today = todayOf(now);
  const earliest = addWorkingDays(today, rules.leadWorkingDays, holidayState);
  if (input.date < today) fields.push({ field: "date", code: "volunteers_date_in_past" });
  else if (input.date < earliest) {
    fields.push({
      field: "date",
      code: "volunteers_lead_time",
      params: { days: rules.leadWorkingDays, earliest },
    });
  }
  if (rules.excludedSettings.includes(input.setting))
    fields.push({ field: "setting", code: "volunteers_setting_excluded" });
  if (input.durationMinutes > rules.maxDurationMinutes) {
    fields.push({ field: "durationMinutes", code: "too_big", params: { max: rules.maxDurationMinutes } });
  }
  if (input.mode === "on_site" && !input.area) fields.push({ field: "area", code: "required" });
  const [h, m] = input.startTime.split(":").map(Number);
  if ((h ?? 0) * 60 + (m ?? 0) + input.durationMinutes > 24 * 60) {
    fields.push({ field: "durationMinutes", code: "volunteers_past_midnight" });
  }
  return fields;
}

/**
 * Stores a booking that passed the rules: the same form token twice stores it once; the first
 * insert is audited. Shared by the coordinator's form and the institutions' public form.
 */
export async function storeBooking(
  deps: VolunteerDeps,
  actor: Actor,
  tenantId: string,
  input: CreateRequest,
  bookingLinkId: string | null,
  opts: Audited,
  fromCase?: Partial<
    Pick<RequestRow, "caseId" | "personId" | "requestedBy" | "contactLanguage" | "institutionUserId">
  >,
) {
  const { startTime, idempotencyKey, ...rest } = input;
  const [h, m] = startTime.split(":").map(Number);
  const stored = await deps.db.transaction(async (tx) => {
    const { row, created } = await requestRepo.insertOnce(tx, {
      ...rest,
      tenantId,
      bookingLinkId,
      startMinute: (h ?? 0) * 60 + (m ?? 0),
      idempotencyKey: idempotencyKey ?? null,
      ...fromCase,
    });
    if (created) {
      await deps.audit.record(
        {
          actor,
          action: "create",
          entityType: REQUEST_ENTITY,
          entityId: row.id,
          changes: diff(null, { language: row.language, setting: row.setting, date: row.date }),
          requestId: opts.requestId ?? null,
        },
        tx,
      );
    }
    return { row, created };
  });
  // The institution's receipt, once: a double submit books (and mails) once.
  if (stored.created) await createRequestMails(deps).institution(stored.row, "received");
  // A request from a case: the pool's coordinators hear of it (decision 084).
  if (stored.created && fromCase) await createRequestMails(deps).coordinators(stored.row, "received");
  return { request: toRequestView(stored.row, null), created: stored.created };
}

/** The tenant's pool settings (holiday state, allowance; decision 068). */
export type SettingsOf = (tenantId: string) => Promise<PoolSettings>;

export function createRequests(deps: VolunteerDeps, settingsOf: SettingsOf) {
  const { db } = deps;
  const rules = DEFAULT_POOL_RULES;
  const mails = createRequestMails(deps);

  async function names(tenantId: string, rows: RequestRow[]): Promise<Map<string, string>> {
    const ids = new Set(rows.flatMap((r) => (r.volunteerId ? [r.volunteerId] : [])));
    if (ids.size === 0) return new Map();
    const all = await volunteerRepo.list(db, tenantId);
    return new Map(all.filter((v) => ids.has(v.id)).map((v) => [v.id, v.name]));
  }

  /** After a step: whoever must act next hears of it (decision 076). */
  async function mailStep(
    input: RequestEventInput,
    before: RequestRow,
    after: RequestRow,
    offered: VolunteerRow | undefined,
  ) {
    const assigned = async () =>
      before.volunteerId ? await volunteerRepo.byId(db, before.tenantId, before.volunteerId) : undefined;
    if (input.type === "offer" && offered) await mails.volunteer(offered, after, "offer");
    if (input.type === "accept") await mails.coordinators(after, "accepted");
    // A decline or a mediator's cancellation reopens the request: the new search goes with the mail.
    const research = async () => (await suggestionsFor(deps, after)).map((s) => s.volunteerName);
    if (input.type === "decline") await mails.coordinators(after, "declined", await research());
    if (input.type === "confirm") {
      const v = await assigned();
      if (v) await mails.volunteer(v, after, "confirmed");
      await mails.institution(after, "confirmed");
    }
    if (input.type === "cancel") {
      if (input.by !== "institution") await mails.institution(after, "cancelled");
      const v = input.by !== "mediator" ? await assigned() : undefined;
      if (v) await mails.volunteer(v, after, "cancelled");
      if (input.by === "mediator") await mails.coordinators(after, "cancelled", await research());
    }
  }

  /** One step of the state machine, stored with its version check and audit, then mailed. */
  async function commit(
    actor: Actor,
    before: RequestRow,
    input: RequestEventInput,
    volunteer: VolunteerRow | undefined,
    opts: AtTime,
  ): Promise<RequestRow> {
    const id = before.id;
    const now = opts.at ?? deps.clock.now();
    const event = input.type === "offer" ? { type: "offer" as const, volunteerId: input.volunteerId } : input;
    const step = transition(
      {
        state: before.state,
        volunteerId: before.volunteerId,
        startsAt: startsAt(before.date, before.startMinute),
      },
      event,
      now,
      rules.cancellationCutoffHours,
    );
    // An institution's own request is offered only once the coordinator approved it (decision 127).
    if (event.type === "offer" && before.state === "submitted" && before.institutionUserId)
      throw AppError.validation([{ field: "type", code: "volunteers_not_approved" }]);
    if (!step.ok)
      throw AppError.validation([
        { field: "type", code: "volunteers_transition", params: { why: step.code } },
      ]);
    const after = await db.transaction(async (tx) => {
      const row = await requestRepo.updateIfVersion(
        tx,
        before.tenantId,
        id,
        input.version,
        {
          state: step.state,
          volunteerId: step.volunteerId,
          ...(step.heldMinutes !== undefined ? { heldMinutes: step.heldMinutes } : {}),
          ...(input.type === "hold" ? { heldKm: input.kilometres } : {}),
          ...(step.cancelledBy
            ? { cancelledBy: step.cancelledBy, cancelledLate: step.cancelledLate ?? false }
            : {}),
          // Who declined or cancelled is left out of the new search (decision 084).
          ...(before.volunteerId && step.state === "declined"
            ? { passedOver: [...before.passedOver, before.volunteerId] }
            : {}),
        },
        now,
      );
      if (!row) throw AppError.versionConflict(before.version);
      await deps.audit.record(
        {
          actor,
          action: `request.${input.type}`,
          entityType: REQUEST_ENTITY,
          entityId: id,
          changes: diff(
            { state: before.state, volunteerId: before.volunteerId },
            { state: row.state, volunteerId: row.volunteerId },
          ),
          requestId: opts.requestId ?? null,
        },
        tx,
      );
      return row;
    });
    await mailStep(input, before, after, volunteer);
    return after;
  }

  return {
    /**
     * The institution cancels through its booking link (decision 084): only a request booked
     * through that link; the state machine decides (late or not, not after the conversation).
     */
    async cancelAsInstitution(tenantId: string, linkId: string, id: string, opts: Audited = {}) {
      const before = await requestRepo.byId(db, tenantId, id);
      if (!before || before.bookingLinkId !== linkId) throw AppError.notFound();
      const input = { type: "cancel" as const, by: "institution" as const, version: before.version };
      return commit({ kind: "system", tenantId }, before, input, undefined, opts);
    },

    /**
     * The institution's own account (decision 127) confirms the held duration or ends the
     * engagement; the caller (`institutions.ts`) has checked the request is its organization's.
     */
    async stepAsInstitution(
      principal: Principal,
      before: RequestRow,
      input: { type: "hold"; minutes: number; version: number } | { type: "cancel"; version: number },
      opts: Audited = {},
    ) {
      const event: RequestEventInput =
        input.type === "hold"
          ? { ...input, kilometres: before.heldKm ?? 0 }
          : { type: "cancel", by: "institution", version: input.version };
      return commit({ kind: "user", principal }, before, event, undefined, opts);
    },

    /** Books a conversation: the pool's rules per field; the same form token twice books once. */
    async createRequest(principal: Principal, input: CreateRequest, opts: AtTime = {}) {
      authorize(principal, "volunteers.requests.manage");
      const { holidayState } = await settingsOf(principal.tenantId);
      const fields = checkBooking(input, rules, opts.at ?? deps.clock.now(), holidayState);
      if (
        input.organizationId &&
        !(await deps.organizations.organization(principal.tenantId, input.organizationId))
      ) {
        fields.push({ field: "organizationId", code: "unknown_organization" });
      }
      if (input.measureId && !(await deps.measures?.exists(principal.tenantId, input.measureId))) {
        fields.push({ field: "measureId", code: "volunteers_unknown_measure" });
      }
      if (fields.length) throw AppError.validation(fields);
      return storeBooking(deps, { kind: "user", principal }, principal.tenantId, input, null, opts);
    },

    async listRequests(principal: Principal, q: { state?: RequestRow["state"] | undefined; page: number }) {
      authorize(principal, "volunteers.requests.read");
      const rows = await requestRepo.list(db, principal.tenantId, {
        state: q.state,
        limit: PAGE_SIZE + 1,
        offset: (q.page - 1) * PAGE_SIZE,
      });
      const page = rows.slice(0, PAGE_SIZE);
      const n = await names(principal.tenantId, page);
      return {
        items: page.map((r) => toRequestView(r, r.volunteerId ? (n.get(r.volunteerId) ?? null) : null)),
        hasMore: rows.length > PAGE_SIZE,
      };
    },

    async getRequest(principal: Principal, id: string) {
      authorize(principal, "volunteers.requests.read");
      const row = await requestRepo.byId(db, principal.tenantId, id);
      if (!row) throw AppError.notFound();
      const n = await names(principal.tenantId, [row]);
      return toRequestView(row, row.volunteerId ? (n.get(row.volunteerId) ?? null) : null);
    },

    /**
     * One step of the state machine. The coordinator takes every step; the assigned volunteer
     * accepts, declines or cancels their own. An offer re-checks the hard constraints on the day.
     */
    async applyEvent(principal: Principal, id: string, input: RequestEventInput, opts: AtTime = {}) {
      authorize(principal, "volunteers.requests.respond");
      const before = await requestRepo.byId(db, principal.tenantId, id);
      if (!before) throw AppError.notFound();
      // A stale version is a conflict whatever the step (two coordinators at once), not a bad step.
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      const coordinator = can(principal, "volunteers.requests.manage");
      if (!coordinator) {
        const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
        const own = self && before.volunteerId === self.id;
        const allowed =
          input.type === "accept" ||
          input.type === "decline" ||
          (input.type === "cancel" && input.by === "mediator");
        if (!own || !allowed) throw AppError.forbidden();
      }
      let volunteer: VolunteerRow | undefined;
      if (input.type === "offer") {
        volunteer = await volunteerRepo.byId(db, principal.tenantId, input.volunteerId);
        if (!volunteer)
          throw AppError.validation([{ field: "volunteerId", code: "volunteers_unknown_volunteer" }]);
        const busy = busyOf(
          await requestRepo.assigned(db, principal.tenantId, before.date, before.date),
          volunteer.id,
          before.id,
        );
        const rulesOpen = await rulesOpenFor(
          db,
          principal.tenantId,
          volunteer.id,
          opts.at ?? deps.clock.now(),
        );
        const why = unfit(before, { ...volunteer, busy, servedOrganizations: [], load: 0, rulesOpen });
        if (why)
          throw AppError.validation([{ field: "volunteerId", code: "volunteers_unfit", params: { why } }]);
      }
      const after = await commit({ kind: "user", principal }, before, input, volunteer, opts);
      const n = await names(principal.tenantId, [after]);
      return toRequestView(after, after.volunteerId ? (n.get(after.volunteerId) ?? null) : null);
    },

    /** The volunteer's own assignments (role `volunteer`): only requests offered or given to them. */
    async myAssignments(principal: Principal) {
      authorize(principal, "volunteers.requests.respond");
      const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
      if (!self) return [];
      const rows = await requestRepo.list(db, principal.tenantId, {
        volunteerId: self.id,
        limit: 200,
        offset: 0,
      });
      return rows.map((r) => toRequestView(r, self.name));
    },
  };
}

import { randomToken, sha256Hex } from "../../server/crypto.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type {
  ContributionInput,
  ContributionStateChange,
  CreateEvent,
  EventSettings,
  PublicContributionInput,
} from "./participation.contracts.ts";
import {
  type ContributionView,
  canMoveContribution,
  type EventSummary,
  type EventView,
  PUBLIC_SUBMISSIONS_PER_HOUR,
  SOURCE_KEY_HOURS,
} from "./participation.model.ts";
import { type ContributionRow, type EventRow, participationRepo as repo } from "./participation.repo.ts";
import type { Page } from "./repo.ts";
import { auditActor, check, fail, type NetworkActor, type NetworkContext, tenantOf } from "./shared.ts";
import { parseInstant } from "./time.ts";

const HOUR = 3_600_000;
const FIRST_PAGE: Page = { limit: 50, offset: 0 };

export const eventSummary = (e: EventRow, contributionCount: number): EventSummary => ({
  id: e.id,
  title: e.title,
  format: e.format,
  description: e.description,
  targetGroups: e.targetGroups,
  languages: e.languages,
  interpreters: e.interpreters,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt?.toISOString() ?? null,
  placeId: e.placeId,
  onlineUrl: e.onlineUrl,
  published: e.published,
  acceptsContributions: e.acceptsContributions,
  contributionCount,
  version: e.version,
});
export const contributionView = (c: ContributionRow): ContributionView => ({
  id: c.id,
  eventId: c.eventId,
  text: c.text,
  source: c.source,
  language: c.language,
  fieldOfActionId: c.fieldOfActionId,
  state: c.state,
  reason: c.reason,
  agendaItemId: c.agendaItemId,
  actionItemId: c.actionItemId,
  published: c.published,
  createdAt: c.createdAt.toISOString(),
  erasedAt: c.erasedAt?.toISOString() ?? null,
  version: c.version,
});
/** What goes into the audit trail of a contribution: its handling, never the client address. */
const audited = (c: ContributionRow) => ({
  eventId: c.eventId,
  state: c.state,
  reason: c.reason,
  agendaItemId: c.agendaItemId,
  actionItemId: c.actionItemId,
  published: c.published,
});

/** Participation events and contributions (issue 18 "What must work" 4, decision 077). */
export function createParticipation(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function event(tenantId: string, id: string): Promise<EventRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await repo.eventById(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }
  async function contribution(tenantId: string, id: string): Promise<ContributionRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await repo.contributionById(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }
  async function checkField(tenantId: string, id: string | null): Promise<FieldError[]> {
    if (id === null || (await deps.termIds(tenantId)).has(id)) return [];
    return [{ field: "fieldOfActionId", code: "network_unknown_reference" }];
  }

  async function record(
    actor: NetworkActor,
    row: Omit<Parameters<typeof repo.insertContribution>[1], "tenantId">,
    requestId?: string,
  ) {
    const tenantId = tenantOf(actor);
    return db.transaction(async (tx) => {
      const now = deps.clock.now();
      const created = await repo.insertContribution(tx, { tenantId, ...row, createdAt: now, updatedAt: now });
      await deps.audit.record(
        {
          actor: auditActor(actor),
          action: "create",
          entityType: "network_contribution",
          entityId: created.id,
          changes: diff(null, { ...audited(created), source: created.source }),
          requestId: requestId ?? null,
        },
        tx,
      );
      return created;
    });
  }

  async function saveContribution(
    actor: NetworkActor,
    before: ContributionRow,
    version: number,
    patch: Parameters<typeof repo.updateContributionIfVersion>[4],
    requestId?: string,
  ) {
    const tenantId = tenantOf(actor);
    return db.transaction(async (tx) => {
      const after = await repo.updateContributionIfVersion(
        tx,
        tenantId,
        before.id,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await deps.audit.record(
        {
          actor: auditActor(actor),
          action: "update",
          entityType: "network_contribution",
          entityId: before.id,
          changes: diff(audited(before), audited(after)),
          requestId: requestId ?? null,
        },
        tx,
      );
      return contributionView(after);
    });
  }

  /** A link must name an agenda item or an action item of this tenant. */
  async function checkLinks(tenantId: string, input: ContributionStateChange): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (input.agendaItemId && (await repo.agendaLinks(db, tenantId, [input.agendaItemId])).length === 0)
      errors.push({ field: "agendaItemId", code: "network_unknown_reference" });
    if (input.actionItemId && !(await repo.actionAgendaItems(db, tenantId, [input.actionItemId])).size)
      errors.push({ field: "actionItemId", code: "network_unknown_reference" });
    return errors;
  }

  return {
    async listEvents(principal: Principal): Promise<EventSummary[]> {
      authorize(principal, "network.read");
      return (await repo.listEvents(db, principal.tenantId)).map((e) => eventSummary(e.row, e.contributions));
    },

    /** Agenda items and action items of the latest 30 meetings, for the adoption form's choice. */
    async contributionLinkChoices(principal: Principal) {
      authorize(principal, "network.read");
      const { meetings, agenda, actions } = await repo.linkChoices(db, principal.tenantId, 30);
      const label = new Map(
        meetings.map((m) => [m.id, `${m.bodyName}: ${m.title} (${m.startsAt.toISOString().slice(0, 10)})`]),
      );
      return {
        agenda: agenda.map((a) => ({
          id: a.id,
          label: `${label.get(a.meetingId)} – ${a.number}. ${a.title}`,
        })),
        actions: actions.map((a) => ({
          id: a.id,
          label: `${label.get(a.meetingId)} – ${a.title} (${a.owner})`,
        })),
      };
    },

    /** The event with one page of its contributions, in the order they came in (decision 122). */
    async getEvent(principal: Principal, id: string, page: Page = FIRST_PAGE): Promise<EventView> {
      authorize(principal, "network.read");
      const row = await event(principal.tenantId, id);
      const { rows, total } = await repo.contributionsPage(db, principal.tenantId, id, page);
      return { ...eventSummary(row, total), contributions: rows.map(contributionView) };
    },

    async listContributions(principal: Principal, eventId: string, page: Page) {
      authorize(principal, "network.read");
      await event(principal.tenantId, eventId);
      const { rows, total } = await repo.contributionsPage(db, principal.tenantId, eventId, page);
      return { items: rows.map(contributionView), total };
    },

    async createEvent(actor: NetworkActor, input: CreateEvent, requestId?: string): Promise<EventSummary> {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const errors: FieldError[] = [];
      const startsAt = parseInstant(input.startsAt);
      const endsAt = input.endsAt === null ? null : parseInstant(input.endsAt);
      if (!startsAt) errors.push({ field: "startsAt", code: "invalid_date" });
      if (input.endsAt !== null && !endsAt) errors.push({ field: "endsAt", code: "invalid_date" });
      else if (startsAt && endsAt && endsAt <= startsAt) errors.push({ field: "endsAt", code: "date_range" });
      if (input.placeId) {
        const found = await deps.directory.existingIds(tenantId, "place", [input.placeId]);
        if (!found.has(input.placeId)) errors.push({ field: "placeId", code: "network_unknown_reference" });
      } else if (!input.onlineUrl) errors.push({ field: "placeId", code: "network_location_required" });
      if (input.targetGroups.length) {
        const terms = await deps.termIds(tenantId);
        input.targetGroups.forEach((id, i) => {
          if (!terms.has(id)) errors.push({ field: `targetGroups.${i}`, code: "network_unknown_reference" });
        });
      }
      if (errors.length || !startsAt) throw fail(...errors);
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.insertEvent(tx, {
          tenantId,
          ...input,
          targetGroups: [...new Set(input.targetGroups)],
          languages: [...new Set(input.languages)],
          interpreters: [...new Set(input.interpreters)],
          startsAt,
          endsAt,
          createdAt: now,
          updatedAt: now,
        });
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_event",
            entityId: row.id,
            changes: diff(null, eventSummary(row, 0)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return eventSummary(row, 0);
      });
    },

    /** Public in the calendar, open for the public form: compare-and-set on the version. */
    async setEventSettings(actor: NetworkActor, id: string, input: EventSettings, requestId?: string) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await event(tenantId, id);
      const { version, ...patch } = input;
      return db.transaction(async (tx) => {
        const after = await repo.updateEventIfVersion(tx, tenantId, id, version, patch, deps.clock.now());
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "update",
            entityType: "network_event",
            entityId: id,
            changes: diff(
              { published: before.published, acceptsContributions: before.acceptsContributions },
              { published: after.published, acceptsContributions: after.acceptsContributions },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        return eventSummary(after, 0);
      });
    },

    /** A contribution recorded by staff at the event. */
    async recordContribution(
      actor: NetworkActor,
      eventId: string,
      input: ContributionInput,
      requestId?: string,
    ) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      await event(tenantId, eventId);
      const errors = await checkField(tenantId, input.fieldOfActionId);
      if (errors.length) throw fail(...errors);
      const row = await record(actor, { eventId, ...input, source: "staff" }, requestId);
      return contributionView(row);
    },

    /** One step of the handling: declining needs a reason; links only when adopting. */
    async moveContribution(
      actor: NetworkActor,
      id: string,
      input: ContributionStateChange,
      requestId?: string,
    ) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await contribution(tenantId, id);
      if (!canMoveContribution(before.state, input.state))
        throw fail({ field: "state", code: "network_contribution_transition" });
      const errors: FieldError[] = [];
      if (input.state === "declined" && !input.reason)
        errors.push({ field: "reason", code: "network_contribution_reason" });
      if (input.state !== "adopted" && (input.agendaItemId || input.actionItemId))
        errors.push({ field: "agendaItemId", code: "network_contribution_link_adopted" });
      errors.push(...(await checkLinks(tenantId, input)));
      if (errors.length) throw fail(...errors);
      return saveContribution(
        actor,
        before,
        input.version,
        {
          state: input.state,
          reason: input.reason,
          agendaItemId: input.agendaItemId,
          actionItemId: input.actionItemId,
        },
        requestId,
      );
    },

    /** Moderation: a contribution appears on the event's public page only once published. */
    async publishContribution(
      actor: NetworkActor,
      id: string,
      input: { version: number; published: boolean },
      requestId?: string,
    ) {
      check(actor, "network.manage");
      const before = await contribution(tenantOf(actor), id);
      if (before.erasedAt && input.published)
        throw fail({ field: "published", code: "network_contribution_erased" });
      return saveContribution(actor, before, input.version, { published: input.published }, requestId);
    },

    /**
     * The public form (no account): consent checked by the contract, a filled honeypot dropped
     * silently, at most PUBLIC_SUBMISSIONS_PER_HOUR per client address and hour (429). Returns the
     * tracking token once; only its hash is stored.
     */
    async submitContribution(
      tenantId: string,
      eventId: string,
      input: PublicContributionInput,
      from: { language: string; clientIp: string | undefined },
    ): Promise<{ trackingToken: string | null }> {
      const row = await event(tenantId, eventId);
      if (!row.published || !row.acceptsContributions) throw AppError.notFound();
      if (input.website) {
        deps.logger.info({ tenantId }, "network contribution honeypot filled, dropped");
        return { trackingToken: null };
      }
      const now = deps.clock.now();
      const sourceKey = sha256Hex(`network-contribution:${tenantId}:${from.clientIp ?? "-"}`);
      if (
        (await repo.countFromSource(db, tenantId, sourceKey, new Date(now.getTime() - HOUR))) >=
        PUBLIC_SUBMISSIONS_PER_HOUR
      )
        throw new AppError("too_many_requests", {
          params: { minutes: 60 },
          extra: { retryAfterMinutes: 60 },
        });
      const errors = await checkField(tenantId, input.fieldOfActionId);
      if (errors.length) throw fail(...errors);
      const token = randomToken(24);
      await record(
        { kind: "system", tenantId },
        {
          eventId,
          text: input.text,
          fieldOfActionId: input.fieldOfActionId,
          source: "public",
          language: from.language,
          trackingHash: sha256Hex(token),
          sourceKey,
          consentAt: now,
        },
      );
      return { trackingToken: token };
    },

    /** The daily job's part: hashed client addresses older than a day are cleared. */
    async clearSourceKeys(tenantId: string): Promise<number> {
      return repo.clearSourceKeys(
        db,
        tenantId,
        new Date(deps.clock.now().getTime() - SOURCE_KEY_HOURS * HOUR),
      );
    },
  };
}

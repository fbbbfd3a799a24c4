import { isUuid } from "../../server/db/ids.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type {
  ActionStatusChange,
  MinutesStateChange,
  RecordActionItem,
  RecordDecision,
  SaveMinutes,
} from "./contracts.ts";
import { canMoveMinutes, type MeetingView, minutesEditable, type OpenActionItem } from "./model.ts";
import { bodyRepo, followUpRepo, type MeetingRow, meetingRepo } from "./repo.ts";
import {
  actionItemView,
  auditActor,
  check,
  fail,
  meetingSummary,
  type NetworkActor,
  type NetworkContext,
  tenantOf,
} from "./shared.ts";

/** What happens in and after a meeting: decisions, action items, minutes, the follow-up. */
export function createMinutes(
  ctx: NetworkContext,
  view: (tenantId: string, m: MeetingRow) => Promise<MeetingView>,
) {
  const { deps } = ctx;
  const { db } = deps;

  /** The meeting's minutes must still be open to change, and the item must be on its agenda. */
  async function editableItem(tenantId: string, meeting: MeetingRow, agendaItemId: string) {
    if (!minutesEditable(meeting.minutesState)) throw fail({ field: "_", code: "network_minutes_closed" });
    const agenda = await meetingRepo.agenda(db, tenantId, [meeting.id]);
    if (!agenda.some((a) => a.id === agendaItemId))
      throw fail({ field: "agendaItemId", code: "network_unknown_reference" });
  }

  /** Bumps the meeting's version (the minutes' lock) with the work in one transaction. */
  async function underLock(
    actor: NetworkActor,
    meeting: MeetingRow,
    version: number,
    action: string,
    patch: Parameters<typeof meetingRepo.bumpIfVersion>[4],
    work: (tx: typeof db) => Promise<{ entityId: string; changes: Record<string, unknown> } | undefined>,
    requestId?: string,
  ) {
    const tenantId = tenantOf(actor);
    return db.transaction(async (tx) => {
      const after = await meetingRepo.bumpIfVersion(
        tx,
        tenantId,
        meeting.id,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(meeting.version);
      const done = await work(tx);
      await deps.audit.record(
        {
          actor: auditActor(actor),
          action,
          entityType: "network_meeting",
          entityId: meeting.id,
          changes: diff(meetingSummary(meeting), { ...meetingSummary(after), ...(done?.changes ?? {}) }),
          requestId: requestId ?? null,
        },
        tx,
      );
      return after;
    });
  }

  return {
    /** A decision; vote counts together may not exceed the voting members present. */
    async recordDecision(actor: NetworkActor, meetingId: string, input: RecordDecision, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      await editableItem(tenantId, meeting, input.agendaItemId);
      const errors: FieldError[] = [];
      const cast = (input.votesYes ?? 0) + (input.votesNo ?? 0) + (input.votesAbstain ?? 0);
      if (cast > 0) {
        const [present, members] = await Promise.all([
          meetingRepo.attendance(db, tenantId, meetingId),
          bodyRepo.members(db, tenantId, [meeting.bodyId]),
        ]);
        const voters = members.filter((m) => m.votingRight && present.includes(m.id)).length;
        if (cast > voters)
          errors.push({
            field: "votesYes",
            code: "network_votes_exceed_present",
            params: { present: voters },
          });
      }
      const measure = await ctx.checkMeasure(tenantId, input.measureId);
      if (measure) errors.push(measure);
      if (errors.length) throw fail(...errors);
      const { version, ...d } = input;
      const after = await underLock(
        actor,
        meeting,
        version,
        "decision",
        {},
        async (tx) => {
          const row = await meetingRepo.insertDecision(tx, { tenantId, meetingId, ...d });
          return { entityId: row.id, changes: { decision: row.id } };
        },
        requestId,
      );
      return view(tenantId, after);
    },

    /** An action item: owner required (the contract), due date, optional measure. */
    async recordActionItem(
      actor: NetworkActor,
      meetingId: string,
      input: RecordActionItem,
      requestId?: string,
    ) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      await editableItem(tenantId, meeting, input.agendaItemId);
      const measure = await ctx.checkMeasure(tenantId, input.measureId);
      if (measure) throw fail(measure);
      const { version, ...a } = input;
      const after = await underLock(
        actor,
        meeting,
        version,
        "action_item",
        {},
        async (tx) => {
          const row = await meetingRepo.insertActionItem(tx, {
            tenantId,
            meetingId,
            bodyId: meeting.bodyId,
            ...a,
          });
          return { entityId: row.id, changes: { actionItem: row.id } };
        },
        requestId,
      );
      return view(tenantId, after);
    },

    /** Follow-up of an action item (open → in progress → done, or dropped); its own version. */
    async setActionStatus(actor: NetworkActor, id: string, input: ActionStatusChange, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      // Pages pass the id as the form sent it: anything but a UUID is simply not there.
      if (!isUuid(id)) throw AppError.notFound();
      const before = await meetingRepo.actionItem(db, tenantId, id);
      if (!before) throw AppError.notFound();
      return db.transaction(async (tx) => {
        const after = await meetingRepo.setActionStatusIfVersion(
          tx,
          tenantId,
          id,
          input.version,
          input.status,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "update",
            entityType: "network_action_item",
            entityId: id,
            changes: diff({ status: before.status }, { status: after.status }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return actionItemView(after);
      });
    },

    /** The discussion per agenda item. Two secretaries at once: the second gets a conflict. */
    async saveMinutes(actor: NetworkActor, meetingId: string, input: SaveMinutes, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      if (!minutesEditable(meeting.minutesState)) throw fail({ field: "_", code: "network_minutes_closed" });
      const agenda = new Set((await meetingRepo.agenda(db, tenantId, [meetingId])).map((a) => a.id));
      const unknown = input.items.findIndex((i) => !agenda.has(i.agendaItemId));
      if (unknown >= 0)
        throw fail({ field: `items.${unknown}.agendaItemId`, code: "network_unknown_reference" });
      const after = await underLock(
        actor,
        meeting,
        input.version,
        "minutes",
        {},
        async (tx) => {
          for (const item of input.items)
            await meetingRepo.setDiscussion(tx, tenantId, meetingId, item.agendaItemId, item.discussion);
          return undefined;
        },
        requestId,
      );
      return view(tenantId, after);
    },

    /** draft → comments → approved → published (see model.ts); published needs a held meeting. */
    async moveMinutes(actor: NetworkActor, meetingId: string, input: MinutesStateChange, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      if (!canMoveMinutes(meeting.minutesState, input.state))
        throw fail({
          field: "state",
          code: "network_minutes_transition",
          params: { from: meeting.minutesState },
        });
      if (input.state === "published" && meeting.state !== "held")
        throw fail({ field: "state", code: "network_meeting_not_held" });
      const after = await underLock(
        actor,
        meeting,
        input.version,
        "minutes_state",
        { minutesState: input.state },
        async () => undefined,
        requestId,
      );
      return view(tenantId, after);
    },

    /** A comment on minutes that are out for comments. */
    async commentMinutes(principal: Principal, meetingId: string, text: string) {
      authorize(principal, "network.minutes.comment");
      const tenantId = principal.tenantId;
      const meeting = await ctx.meeting(tenantId, meetingId);
      if (meeting.minutesState !== "comments") throw fail({ field: "text", code: "network_comments_closed" });
      await meetingRepo.insertComment(db, { tenantId, meetingId, authorUserId: principal.userId, text });
      return view(tenantId, meeting);
    },

    /** Beschlusskontrolle: every open action item across all bodies, overdue (earliest due) first. */
    async openActionItems(
      principal: Principal,
      page: { limit: number; offset: number },
    ): Promise<{ items: OpenActionItem[]; total: number }> {
      authorize(principal, "network.read");
      return openOf(principal.tenantId, page);
    },

    /** The same without a policy check, for other modules' services and the bench. */
    openActionItemsOf: (tenantId: string, page: { limit: number; offset: number }) => openOf(tenantId, page),
  };

  async function openOf(tenantId: string, page: { limit: number; offset: number }) {
    const today = ctx.today();
    const [rows, total] = await Promise.all([
      followUpRepo.open(db, tenantId, page.limit, page.offset),
      followUpRepo.countOpen(db, tenantId),
    ]);
    const items = rows.map((r) => ({
      ...actionItemView(r.item),
      bodyName: r.bodyName,
      meetingTitle: r.meetingTitle,
      meetingStartsAt: r.meetingStartsAt.toISOString(),
      overdue: r.item.dueDate !== null && r.item.dueDate < today,
    }));
    return { items, total };
  }
}

import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { AddAgendaItem, Attendance, ScheduleMeeting } from "./contracts.ts";
import { invitationIcs } from "./invitation.ts";
import { type MeetingView, termRunsOn } from "./model.ts";
import { bodyRepo, type MeetingRow, meetingRepo } from "./repo.ts";
import {
  actionItemView,
  auditActor,
  bodySummary,
  check,
  fail,
  meetingSummary,
  memberView,
  type NetworkActor,
  type NetworkContext,
  tenantOf,
  withoutContact,
} from "./shared.ts";
import { dayIn, parseInstant } from "./time.ts";

const HOUR = 3_600_000;

/** Scheduling, agenda, invitation and attendance of meetings. */
export function createMeetings(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function audited(
    actor: NetworkActor,
    meeting: MeetingRow,
    version: number,
    action: string,
    patch: Parameters<typeof meetingRepo.bumpIfVersion>[4],
    work: (tx: typeof db) => Promise<void>,
    requestId?: string,
  ): Promise<MeetingRow> {
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
      await work(tx);
      await deps.audit.record(
        {
          actor: auditActor(actor),
          action,
          entityType: "network_meeting",
          entityId: meeting.id,
          changes: diff(meetingSummary(meeting), meetingSummary(after)),
          requestId: requestId ?? null,
        },
        tx,
      );
      return after;
    });
  }

  async function meetingView(tenantId: string, meeting: MeetingRow): Promise<MeetingView> {
    const [body, agenda, decisions, actions, attendance, members, comments, names] = await Promise.all([
      ctx.body(tenantId, meeting.bodyId),
      meetingRepo.agenda(db, tenantId, [meeting.id]),
      meetingRepo.decisions(db, tenantId, [meeting.id]),
      meetingRepo.actionItems(db, tenantId, [meeting.id]),
      meetingRepo.attendance(db, tenantId, meeting.id),
      bodyRepo.members(db, tenantId, [meeting.bodyId]),
      meetingRepo.comments(db, tenantId, meeting.id),
      deps.staffNames(tenantId),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.displayName]));
    const day = dayIn(meeting.startsAt);
    return {
      ...meetingSummary(meeting),
      body: bodySummary(body),
      agenda: agenda.map((a) => ({
        id: a.id,
        number: a.number,
        title: a.title,
        public: a.public,
        discussion: a.discussion,
        decisions: decisions
          .filter((d) => d.agendaItemId === a.id)
          .map(({ tenantId: _t, meetingId: _m, createdAt: _c, ...d }) => d),
        actionItems: actions.filter((x) => x.agendaItemId === a.id).map(actionItemView),
      })),
      attendance,
      members: members.map((m) => memberView(m, day)),
      comments: comments.map((c) => ({
        id: c.id,
        author: nameOf.get(c.authorUserId) ?? "—",
        text: c.text,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  }

  return {
    meetingView,

    /** The meeting with members and attendance; the read is audited once (decision 061). */
    async getMeeting(principal: Principal, id: string, requestId?: string): Promise<MeetingView> {
      authorize(principal, "network.read");
      const v = await meetingView(principal.tenantId, await ctx.meeting(principal.tenantId, id));
      const members = can(principal, "network.manage") ? v.members : v.members.map(withoutContact);
      await deps.audit.recordRead(principal, "network_meeting", id, {
        requestId: requestId ?? null,
        exposed: { memberIds: members.map((m) => m.id), attendance: v.attendance },
      });
      return { ...v, members };
    },

    /** A meeting with its agenda; a place of the directory or an online address. */
    async scheduleMeeting(actor: NetworkActor, bodyId: string, input: ScheduleMeeting, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      await ctx.body(tenantId, bodyId);
      const errors: FieldError[] = [];
      const startsAt = parseInstant(input.startsAt);
      const endsAt = input.endsAt === null ? null : parseInstant(input.endsAt);
      if (!startsAt) errors.push({ field: "startsAt", code: "invalid_date" });
      if (endsAt === undefined) errors.push({ field: "endsAt", code: "invalid_date" });
      else if (startsAt && endsAt && endsAt <= startsAt) errors.push({ field: "endsAt", code: "date_range" });
      errors.push(...(await ctx.checkLocation(tenantId, input)));
      const seen = new Set<string>();
      input.agenda.forEach((a, i) => {
        if (seen.has(a.number)) errors.push({ field: `agenda.${i}.number`, code: "taken" });
        seen.add(a.number);
      });
      if (errors.length || !startsAt) throw fail(...errors);
      return db.transaction(async (tx) => {
        const row = await meetingRepo.insert(tx, {
          tenantId,
          bodyId,
          title: input.title,
          startsAt,
          endsAt: endsAt ?? null,
          placeId: input.placeId,
          onlineUrl: input.onlineUrl,
        });
        await meetingRepo.insertAgenda(
          tx,
          input.agenda.map((a, position) => ({ tenantId, meetingId: row.id, position, ...a })),
        );
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "create",
            entityType: "network_meeting",
            entityId: row.id,
            changes: diff(null, meetingSummary(row)),
            requestId: requestId ?? null,
          },
          tx,
        );
        return meetingSummary(row);
      });
    },

    async addAgendaItem(actor: NetworkActor, meetingId: string, input: AddAgendaItem, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      const agenda = await meetingRepo.agenda(db, tenantId, [meetingId]);
      if (agenda.some((a) => a.number === input.number)) throw fail({ field: "number", code: "taken" });
      if (meeting.minutesState === "published") throw fail({ field: "_", code: "network_minutes_published" });
      const { version, ...item } = input;
      const position = agenda.length ? Math.max(...agenda.map((a) => a.position)) + 1 : 0;
      const after = await audited(
        actor,
        meeting,
        version,
        "agenda",
        {},
        async (tx) => {
          await meetingRepo.insertAgenda(tx, [{ tenantId, meetingId, position, ...item }]);
        },
        requestId,
      );
      return meetingView(tenantId, after);
    },

    /**
     * Sends the invitation with the agenda to every current member with an address, in the
     * member's language, with the meeting as an iCal attachment. A past meeting is refused.
     */
    async invite(actor: NetworkActor, meetingId: string, version: number, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      const now = deps.clock.now();
      if (meeting.startsAt <= now) throw fail({ field: "startsAt", code: "network_meeting_in_past" });
      if (meeting.state === "cancelled" || meeting.state === "held")
        throw fail({ field: "state", code: "network_meeting_closed" });
      const [body, agenda, members, places] = await Promise.all([
        ctx.body(tenantId, meeting.bodyId),
        meetingRepo.agenda(db, tenantId, [meetingId]),
        bodyRepo.members(db, tenantId, [meeting.bodyId]),
        meeting.placeId ? deps.directory.places(tenantId) : Promise.resolve([]),
      ]);
      const day = dayIn(meeting.startsAt);
      const recipients = members.filter((m) => m.email && termRunsOn(m, day));
      const place = places.find((p) => p.id === meeting.placeId);
      const location = place
        ? [place.name, place.street, [place.postcode, place.city].filter(Boolean).join(" ")]
            .filter(Boolean)
            .join(", ")
        : meeting.onlineUrl;
      const after = await audited(
        actor,
        meeting,
        version,
        "invite",
        { state: "invited", invitedAt: now },
        async (tx) => {
          for (const m of recipients) {
            const lang: Language = isLanguage(m.language) ? m.language : SOURCE_LANGUAGE;
            const all = catalogs();
            const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
            const when = new Intl.DateTimeFormat(lang, {
              dateStyle: "full",
              timeStyle: "short",
              timeZone: "Europe/Berlin",
            }).format(meeting.startsAt);
            const lines = agenda.map(
              (a) => `${a.number}. ${a.title}${a.public ? "" : ` (${t("network.not_public")})`}`,
            );
            const text = t("network.invitation_text", {
              name: m.name,
              body: body.name,
              title: meeting.title,
              when,
              location: location ?? "—",
              agenda: lines.join("\n"),
            });
            const ics = invitationIcs({
              uid: `${meeting.id}@lotse`,
              title: `${body.name}: ${meeting.title}`,
              start: meeting.startsAt,
              end: meeting.endsAt ?? new Date(meeting.startsAt.getTime() + 2 * HOUR),
              location: location ?? null,
              url: meeting.onlineUrl,
              description: lines.join("\n"),
              organizer: body.name,
            });
            await deps.mail.send(
              {
                tenantId,
                to: m.email!,
                subject: t("network.invitation_subject", { body: body.name, title: meeting.title, when }),
                text,
                attachments: [
                  { filename: "einladung.ics", contentType: "text/calendar; method=REQUEST", content: ics },
                ],
              },
              { db: tx },
            );
          }
        },
        requestId,
      );
      return { meeting: meetingSummary(after), invited: recipients.length };
    },

    /** Who attended: members of the body only. */
    async setAttendance(actor: NetworkActor, meetingId: string, input: Attendance, requestId?: string) {
      check(actor, "network.meetings.manage");
      const tenantId = tenantOf(actor);
      const meeting = await ctx.meeting(tenantId, meetingId);
      const members = new Set((await bodyRepo.members(db, tenantId, [meeting.bodyId])).map((m) => m.id));
      const unknown = input.memberIds.findIndex((id) => !members.has(id));
      if (unknown >= 0) throw fail({ field: `memberIds.${unknown}`, code: "network_unknown_reference" });
      const ids = [...new Set(input.memberIds)];
      const state = meeting.state === "cancelled" ? meeting.state : "held";
      const after = await audited(
        actor,
        meeting,
        input.version,
        "attendance",
        { state },
        (tx) => meetingRepo.setAttendance(tx, tenantId, meetingId, ids),
        requestId,
      );
      return meetingView(tenantId, after);
    },
  };
}

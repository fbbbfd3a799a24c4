import { meetingRepo } from "./repo.ts";
import type { NetworkContext } from "./shared.ts";

/**
 * Agenda items proposed by other modules (decision 103: a conflict escalated to the steering
 * group). The item goes onto the body's next meeting that is still ahead, not cancelled or held,
 * and whose minutes are not published; it is never public (OParl and the public site show only
 * public items). The caller passes a title without personal data; the item is audited as the
 * system's, on the meeting, with the caller's module as the source.
 */
export function createAgendaProposals(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;
  /** The next meeting an item would go onto, or null when the body has none ahead. */
  async function nextMeeting(tenantId: string, bodyId: string) {
    const now = deps.clock.now();
    const meetings = await meetingRepo.byBody(db, tenantId, bodyId);
    const next = meetings.find(
      (m) =>
        m.startsAt > now &&
        (m.state === "scheduled" || m.state === "invited") &&
        m.minutesState !== "published",
    );
    return next ?? null;
  }

  return {
    /**
     * Puts a non-public item at the end of the body's next meeting, numbered after the last
     * numeric one. Null when there is no meeting ahead (the caller says so to its user).
     */
    async proposeAgendaItem(
      tenantId: string,
      bodyId: string,
      item: { title: string; source: string },
    ): Promise<{ meetingId: string; startsAt: string; number: string; title: string } | null> {
      await ctx.body(tenantId, bodyId);
      const meeting = await nextMeeting(tenantId, bodyId);
      if (!meeting) return null;
      return db.transaction(async (tx) => {
        const agenda = await meetingRepo.agenda(tx, tenantId, [meeting.id]);
        const numbers = new Set(agenda.map((a) => a.number));
        let n = agenda.reduce((max, a) => Math.max(max, Number.parseInt(a.number, 10) || 0), 0) + 1;
        while (numbers.has(String(n))) n++;
        const number = String(n);
        const position = agenda.length ? Math.max(...agenda.map((a) => a.position)) + 1 : 0;
        // Bumping the version tells an editor holding the meeting open that it changed.
        await meetingRepo.bumpIfVersion(tx, tenantId, meeting.id, meeting.version, {}, deps.clock.now());
        await meetingRepo.insertAgenda(tx, [
          { tenantId, meetingId: meeting.id, position, number, title: item.title, public: false },
        ]);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "agenda",
            entityType: "network_meeting",
            entityId: meeting.id,
            changes: { agendaItem: { old: null, new: number }, source: { old: null, new: item.source } },
          },
          tx,
        );
        return { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString(), number, title: item.title };
      });
    },
  };
}

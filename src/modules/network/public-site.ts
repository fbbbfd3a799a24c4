import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { attendanceFigures, type PublicAttendance, publicAttendance } from "./attendance.ts";
import type { PublicAgendaItem, PublicDeclaration, PublicMeeting } from "./model.ts";
import { oparlRepo } from "./oparl.repo.ts";
import type { PublicEvent } from "./participation.model.ts";
import type { createParticipationPublic } from "./participation-public.ts";
import { type PublicMeetingRow, publicSiteRepo } from "./public-site.repo.ts";
import type { NetworkContext } from "./shared.ts";
import { dayIn, isMonth, monthSpan } from "./time.ts";

/** How far the iCal feed looks back and ahead, in days. */
const FEED_BACK_DAYS = 31;
const FEED_AHEAD_DAYS = 366;

/**
 * The public site's read model (issue 18 "What must work" 6): public bodies' meetings by month,
 * one meeting with its public agenda and — once published — the public part of its minutes,
 * the iCal feed's meetings, and published declarations with their signing organizations. Only
 * public data, like the OParl interface (decision 050): no policy check, no audit.
 */
export function createPublicSite(
  ctx: NetworkContext,
  participation: ReturnType<typeof createParticipationPublic>,
) {
  const { db } = ctx.deps;

  async function withPlaces(tenantId: string, rows: PublicMeetingRow[]): Promise<PublicMeeting[]> {
    const places = rows.some((r) => r.placeId) ? await ctx.deps.directory.places(tenantId) : [];
    const byId = new Map(places.map((p) => [p.id, p]));
    return rows.map((r) => {
      const p = r.placeId ? byId.get(r.placeId) : undefined;
      return {
        id: r.id,
        title: r.title,
        bodyName: r.bodyName,
        bodyKind: r.bodyKind,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt?.toISOString() ?? null,
        state: r.state,
        place: p ? { name: p.name, street: p.street, postcode: p.postcode, city: p.city } : null,
        onlineUrl: r.onlineUrl,
        minutesPublished: r.minutesState === "published",
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  return {
    /**
     * The public meetings of a month ("YYYY-MM", the current month when absent or not a month),
     * by day in the municipality's zone. `invalid` tells the page that the month was not understood.
     */
    async month(tenantId: string, month: string | null) {
      const invalid = month !== null && month !== "" && !isMonth(month);
      const current = month && !invalid ? month : ctx.today().slice(0, 7);
      const span = monthSpan(current);
      const meetings = await withPlaces(
        tenantId,
        await publicSiteRepo.meetingsBetween(db, tenantId, span.from, span.to),
      );
      const events = await participation.eventsBetween(tenantId, span.from, span.to);
      const days: { date: string; meetings: PublicMeeting[]; events: PublicEvent[] }[] = [];
      const dayOf = (startsAt: string) => {
        const date = dayIn(new Date(startsAt));
        const found = days.find((d) => d.date === date);
        if (found) return found;
        const day = { date, meetings: [] as PublicMeeting[], events: [] as PublicEvent[] };
        days.push(day);
        return day;
      };
      for (const m of meetings) dayOf(m.startsAt).meetings.push(m);
      for (const e of events) dayOf(e.startsAt).events.push(e);
      days.sort((a, b) => a.date.localeCompare(b.date));
      return {
        month: current,
        prev: span.prev,
        next: span.next,
        invalid,
        days,
        count: meetings.length + events.length,
      };
    },

    /**
     * One public meeting with its public agenda items; results and attendance only from published
     * minutes. The attendance names only those who agreed to be public (decision 122).
     */
    async meeting(tenantId: string, id: string) {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await publicSiteRepo.meeting(db, tenantId, id);
      if (!row) throw AppError.notFound();
      const [meeting] = await withPlaces(tenantId, [row]);
      const { rows } = await oparlRepo.agendaPage(db, tenantId, {
        after: null,
        limit: 1000,
        meetingIds: [id],
        filter: {},
      });
      const published = meeting!.minutesPublished;
      const results = published
        ? await oparlRepo.results(
            db,
            tenantId,
            rows.map((r) => r.item.id),
          )
        : { decisions: [], actions: [] };
      const agenda: PublicAgendaItem[] = rows.map(({ item }) => ({
        id: item.id,
        number: item.number,
        title: item.title,
        minutes: published
          ? {
              discussion: item.discussion,
              decisions: results.decisions
                .filter((d) => d.agendaItemId === item.id)
                .map((d) => ({
                  id: d.id,
                  text: d.text,
                  votesYes: d.votesYes,
                  votesNo: d.votesNo,
                  votesAbstain: d.votesAbstain,
                })),
              actionItems: results.actions
                .filter((a) => a.agendaItemId === item.id)
                .map((a) => ({
                  id: a.id,
                  title: a.title,
                  owner: a.owner,
                  dueDate: a.dueDate,
                  status: a.status,
                })),
            }
          : null,
      }));
      const figures = published ? await attendanceFigures(db, tenantId, row) : null;
      const attendance: PublicAttendance | null = figures && publicAttendance(figures);
      return { meeting: meeting!, agenda, attendance };
    },

    /** The meetings and participation events the iCal feed carries: from a month back to a year ahead. */
    async feed(tenantId: string): Promise<{ meetings: PublicMeeting[]; events: PublicEvent[] }> {
      const now = ctx.deps.clock.now().getTime();
      const from = new Date(now - FEED_BACK_DAYS * 86_400_000);
      const to = new Date(now + FEED_AHEAD_DAYS * 86_400_000);
      const rows = await publicSiteRepo.meetingsBetween(db, tenantId, from, to);
      return {
        meetings: await withPlaces(tenantId, rows),
        events: await participation.eventsBetween(tenantId, from, to),
      };
    },

    /** A published participation event with its published contributions; a contribution's tracker. */
    event: participation.event,
    track: participation.track,

    /** Published declarations with the organizations that signed, in order of signing. */
    async declarations(tenantId: string): Promise<PublicDeclaration[]> {
      const rows = await publicSiteRepo.publishedDeclarations(db, tenantId);
      const signed = await publicSiteRepo.signingOrganizations(
        db,
        tenantId,
        rows.map((r) => r.id),
      );
      const orgIds = [...new Set(signed.flatMap((s) => (s.organizationId ? [s.organizationId] : [])))];
      const names = await ctx.deps.directory.organizationNames(tenantId, orgIds);
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        subject: r.subject,
        text: r.text,
        startDate: r.startDate,
        signatories: signed.flatMap((s) => {
          const name = s.agreementId === r.id && s.organizationId ? names.get(s.organizationId) : undefined;
          return name ? [{ organization: name, signedOn: s.signedOn }] : [];
        }),
      }));
    },
  };
}
export type PublicSite = ReturnType<typeof createPublicSite>;

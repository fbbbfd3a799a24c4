import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { readerTranslator } from "./event-report.ts";
import { type MinutesPdfModel, renderMinutesPdf } from "./minutes-pdf.ts";
import { type MeetingView, termRunsOn } from "./model.ts";
import type { PublicSite } from "./public-site.ts";
import { bodyRepo, type MeetingRow, meetingRepo } from "./repo.ts";
import type { NetworkContext } from "./shared.ts";
import { dayIn } from "./time.ts";

/**
 * The minutes (Niederschrift) as a PDF (decision 111): the staff version with every agenda item
 * and the names of those present (an audited read, like the meeting page), and the public
 * version of published minutes of a public body: public items and attendance counts only.
 */
export function createMinutesExport(
  ctx: NetworkContext,
  meetingView: (tenantId: string, meeting: MeetingRow) => Promise<MeetingView>,
  publicSite: Pick<PublicSite, "meeting">,
) {
  const { deps } = ctx;
  const { db } = deps;

  async function where(tenantId: string, placeId: string | null, onlineUrl: string | null) {
    if (!placeId) return onlineUrl;
    const place = (await deps.directory.places(tenantId)).find((p) => p.id === placeId);
    return place?.name ?? onlineUrl;
  }

  /** Counts of who attended: members (not guests) whose term ran on the day, present, voting, guests. */
  async function counts(tenantId: string, meeting: MeetingRow) {
    if (meeting.state !== "held") return null;
    const day = dayIn(meeting.startsAt);
    const [present, members] = await Promise.all([
      meetingRepo.attendance(db, tenantId, meeting.id),
      bodyRepo.members(db, tenantId, [meeting.bodyId]),
    ]);
    const here = new Set(present);
    const attended = members.filter((m) => here.has(m.id));
    return {
      members: members.filter((m) => m.role !== "guest" && termRunsOn(m, day)).length,
      present: attended.length,
      votingPresent: attended.filter((m) => m.votingRight && m.role !== "guest").length,
      guests: attended.filter((m) => m.role === "guest").length,
      attended,
    };
  }

  async function tenantName(tenantId: string) {
    return (await deps.tenants.byId(tenantId))?.name ?? "";
  }

  return {
    /** The internal minutes, every item; names of those present (audited once, decision 061). */
    async minutesPdf(principal: Principal, id: string, lang: string, requestId?: string): Promise<Buffer> {
      authorize(principal, "network.read");
      const tenantId = principal.tenantId;
      const row = await ctx.meeting(tenantId, id);
      const [v, c] = await Promise.all([meetingView(tenantId, row), counts(tenantId, row)]);
      await deps.audit.recordRead(principal, "network_meeting", id, {
        requestId: requestId ?? null,
        exposed: { attendance: c?.attended.map((m) => m.id) ?? [] },
      });
      const { lang: l, t } = readerTranslator(lang);
      const model: MinutesPdfModel = {
        tenantName: await tenantName(tenantId),
        bodyName: v.body.name,
        bodyKind: v.body.kind,
        title: v.title,
        startsAt: v.startsAt,
        where: await where(tenantId, v.placeId, v.onlineUrl),
        minutesState: v.minutesState,
        publicVersion: false,
        attendance: c && {
          members: c.members,
          present: c.present,
          votingPresent: c.votingPresent,
          guests: c.guests,
          names: c.attended.map((m) => ({ name: m.name, role: m.role })),
        },
        agenda: v.agenda,
        savedAt: row.updatedAt,
      };
      return renderMinutesPdf(model, t, l);
    },

    /**
     * The published minutes of a public body's meeting, as the public page shows them: public
     * items only (never loaded otherwise), attendance as counts. Anything else is a 404.
     */
    async publicMinutesPdf(tenantId: string, id: string, lang: string): Promise<Buffer> {
      const { meeting, agenda } = await publicSite.meeting(tenantId, id);
      if (!meeting.minutesPublished) throw AppError.notFound();
      const c = await counts(tenantId, await ctx.meeting(tenantId, id));
      const { lang: l, t } = readerTranslator(lang);
      return renderMinutesPdf(
        {
          tenantName: await tenantName(tenantId),
          bodyName: meeting.bodyName,
          bodyKind: meeting.bodyKind,
          title: meeting.title,
          startsAt: meeting.startsAt,
          where: meeting.place?.name ?? meeting.onlineUrl,
          minutesState: "published",
          publicVersion: true,
          attendance: c && {
            members: c.members,
            present: c.present,
            votingPresent: c.votingPresent,
            guests: c.guests,
            names: [],
          },
          agenda: agenda.map((a) => ({
            number: a.number,
            title: a.title,
            public: true,
            discussion: a.minutes?.discussion ?? null,
            decisions: a.minutes?.decisions ?? [],
            actionItems: (a.minutes?.actionItems ?? []).map((x) => ({
              ...x,
              status: x.status as MinutesPdfModel["agenda"][number]["actionItems"][number]["status"],
            })),
          })),
          savedAt: new Date(meeting.updatedAt),
        },
        t,
        l,
      );
    },
  };
}

import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { attendanceFigures } from "./attendance.ts";
import { readerTranslator } from "./event-report.ts";
import { type MinutesPdfModel, renderMinutesPdf } from "./minutes-pdf.ts";
import type { MeetingView } from "./model.ts";
import type { PublicSite } from "./public-site.ts";
import type { MeetingRow } from "./repo.ts";
import type { NetworkContext } from "./shared.ts";

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

  async function tenantName(tenantId: string) {
    return (await deps.tenants.byId(tenantId))?.name ?? "";
  }

  return {
    /** The internal minutes, every item; names of those present (audited once, decision 061). */
    async minutesPdf(principal: Principal, id: string, lang: string, requestId?: string): Promise<Buffer> {
      authorize(principal, "network.read");
      const tenantId = principal.tenantId;
      const row = await ctx.meeting(tenantId, id);
      const [v, c] = await Promise.all([meetingView(tenantId, row), attendanceFigures(db, tenantId, row)]);
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
          unnamed: 0,
        },
        agenda: v.agenda,
        savedAt: row.updatedAt,
      };
      return renderMinutesPdf(model, t, l);
    },

    /**
     * The published minutes of a public body's meeting, as the public page shows them: public
     * items only (never loaded otherwise), attendance as counts with the names of those who
     * agreed to be public (decision 122). Anything else is a 404.
     */
    async publicMinutesPdf(tenantId: string, id: string, lang: string): Promise<Buffer> {
      const { meeting, agenda, attendance: c } = await publicSite.meeting(tenantId, id);
      if (!meeting.minutesPublished) throw AppError.notFound();
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
            names: c.named,
            unnamed: c.unnamed,
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

/**
 * Network and participation (issue 18): bodies (Gremien) with members, meetings with agenda,
 * invitation, attendance, decisions, action items and minutes, the Beschlusskontrolle, and the
 * OParl 1.1 read model. One service to the rest of Lotse, composed of small parts:
 *
 * | part | file |
 * |---|---|
 * | bodies and members | bodies.ts |
 * | scheduling, agenda, invitation, attendance | meetings.ts |
 * | decisions, action items, minutes, follow-up | minutes.ts |
 * | the minutes as a PDF, internal and public | minutes-export.ts, minutes-pdf.ts |
 * | attendance counts and who the public record names | attendance.ts |
 * | cooperation agreements and declarations | agreements.ts |
 * | OParl 1.1 read model | oparl.ts |
 * | participation events and contributions | participation.ts, participation-public.ts |
 * | attendance and the report per event | event-report.ts |
 * | the public site: meetings and events by month, iCal feed, declarations | public-site.ts |
 * | commitments per party, the agreement's PDF | commitments.ts, agreement-files.ts |
 * | review and overdue reminders of the daily job | reminders.ts |
 * | retention and erasure of members' data | privacy.ts |
 * | agenda items proposed by other modules | agenda-proposals.ts |
 * | date polls before the invitation (Terminfindung) | date-polls.ts |
 */
import { readOnlyMethods } from "../../server/db/ambient.ts";
import { createAgendaProposals } from "./agenda-proposals.ts";
import { createAgreementFiles } from "./agreement-files.ts";
import { createAgreements } from "./agreements.ts";
import { createBodies } from "./bodies.ts";
import { createCommitments } from "./commitments.ts";
import { createDatePolls } from "./date-polls.ts";
import type { NetworkDeps } from "./deps.ts";
import { createEventReports } from "./event-report.ts";
import { createMeetings } from "./meetings.ts";
import { createMinutes } from "./minutes.ts";
import { createMinutesExport } from "./minutes-export.ts";
import { createOParl } from "./oparl.ts";
import { createParticipation } from "./participation.ts";
import { createParticipationPublic } from "./participation-public.ts";
import { createPrivacy } from "./privacy.ts";
import { createPublicSite } from "./public-site.ts";
import { createReminders } from "./reminders.ts";
import { createNetworkContext } from "./shared.ts";

export type { NetworkDeps, NetworkDirectoryPort } from "./deps.ts";
export type * from "./model.ts";
export type { NetworkActor } from "./shared.ts";

export function createNetworkService(deps: NetworkDeps) {
  const ctx = createNetworkContext(deps);
  const meetings = createMeetings(ctx);
  const { meetingView, ...meetingApi } = meetings;
  const participation = createParticipation(ctx);
  const publicSite = createPublicSite(ctx, createParticipationPublic(ctx));
  return {
    ...createBodies(ctx),
    ...meetingApi,
    ...createMinutes(ctx, meetingView),
    ...createMinutesExport(ctx, meetingView, publicSite),
    ...createAgreements(ctx),
    ...createCommitments(ctx),
    ...createAgreementFiles(ctx),
    // Public and read-only: a read replica may answer (decision 083).
    oparl: readOnlyMethods(createOParl(ctx)),
    ...participation,
    ...createEventReports(ctx),
    privacy: createPrivacy(ctx, participation, createReminders(ctx)),
    publicSite,
    /** Items other modules put on a body's next agenda (decision 103: conflict escalations). */
    ...createAgendaProposals(ctx),
    ...createDatePolls(ctx),
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;

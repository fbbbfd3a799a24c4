import type { DbOrTx } from "../../server/db/client.ts";
import { type MemberRole, termRunsOn } from "./model.ts";
import { bodyRepo, meetingRepo } from "./repo.ts";
import { dayIn } from "./time.ts";

/** A held meeting's attendance as the minutes carry it (decisions 111 and 122). */
export type AttendanceFigures = {
  /** Members (not guests) whose term ran on the meeting's day. */
  members: number;
  present: number;
  votingPresent: number;
  guests: number;
  /** Everyone present, with the consent that decides whether the public record names them. */
  attended: { id: string; name: string; role: MemberRole; publicConsent: boolean }[];
};

/** Null until the meeting was held: an invited meeting has no attendance yet. */
export async function attendanceFigures(
  db: DbOrTx,
  tenantId: string,
  meeting: { id: string; bodyId: string; state: string; startsAt: Date },
): Promise<AttendanceFigures | null> {
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
    attended: attended.map((m) => ({ id: m.id, name: m.name, role: m.role, publicConsent: m.publicConsent })),
  };
}

/**
 * The public record's attendance (decision 122): the counts, and by name only those present who
 * agreed to be named publicly — the office holders OParl already lists as persons. Everyone else
 * is counted, never named.
 */
export function publicAttendance(a: AttendanceFigures) {
  const named = a.attended.filter((m) => m.publicConsent).map((m) => ({ name: m.name, role: m.role }));
  return {
    members: a.members,
    present: a.present,
    votingPresent: a.votingPresent,
    guests: a.guests,
    named,
    unnamed: a.present - named.length,
  };
}
export type PublicAttendance = ReturnType<typeof publicAttendance>;

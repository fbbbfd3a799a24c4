/**
 * The invitation's iCal file (RFC 5545, METHOD:REQUEST) with ical-generator: times in UTC, the
 * meeting id as a stable UID so a calendar updates the event when it is sent again.
 */
import ical, { ICalCalendarMethod } from "ical-generator";

export type InvitationEvent = {
  uid: string;
  title: string;
  start: Date;
  end: Date;
  location: string | null;
  url: string | null;
  description: string;
  organizer: string;
};

export function invitationIcs(e: InvitationEvent): string {
  const cal = ical({
    prodId: { company: "Lotse", product: "network", language: "DE" },
    method: ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: e.uid,
    summary: e.title,
    start: e.start,
    end: e.end,
    description: e.description,
    ...(e.location ? { location: e.location } : {}),
    ...(e.url ? { url: e.url } : {}),
    organizer: { name: e.organizer, email: "noreply@lotse.invalid" },
  });
  return cal.toString();
}

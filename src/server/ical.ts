/**
 * One calendar event as an iCal file (RFC 5545, METHOD:REQUEST) with ical-generator, for mails
 * that carry an appointment (network invitations, volunteer assignments). Times in UTC; a stable
 * UID so a calendar updates the event when it is sent again.
 */
import ical, { ICalCalendarMethod } from "ical-generator";

export type CalendarEvent = {
  uid: string;
  title: string;
  start: Date;
  end: Date;
  location: string | null;
  url: string | null;
  description: string;
  organizer: string;
};

/** `product` names the module in the PRODID ("network", "volunteers"). */
export function eventIcs(e: CalendarEvent, product: string): string {
  const cal = ical({
    prodId: { company: "Lotse", product, language: "DE" },
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

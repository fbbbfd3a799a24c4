/**
 * One calendar event as an iCal file (RFC 5545, METHOD:REQUEST) with ical-generator, for mails
 * that carry an appointment (network invitations, volunteer assignments). Times in UTC; a stable
 * UID so a calendar updates the event when it is sent again.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

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

/**
 * A published calendar feed (METHOD:PUBLISH) of several events, for subscription (the public
 * meetings of the network module). Same UIDs as the invitations, so a subscribed calendar and an
 * invitation name the same event.
 */
export function feedIcs(
  events: (Omit<CalendarEvent, "organizer"> & { cancelled?: boolean })[],
  o: { product: string; name: string },
): string {
  const cal = ical({
    prodId: { company: "Lotse", product: o.product, language: "DE" },
    method: ICalCalendarMethod.PUBLISH,
    name: o.name,
  });
  for (const e of events)
    cal.createEvent({
      id: e.uid,
      summary: e.title,
      start: e.start,
      end: e.end,
      description: e.description,
      ...(e.location ? { location: e.location } : {}),
      ...(e.url ? { url: e.url } : {}),
      ...(e.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    });
  return cal.toString();
}

/** The invitation's iCal file: the platform's writer (`server/ical.ts`) with the network's PRODID. */
import { type CalendarEvent, eventIcs } from "../../server/ical.ts";

export type InvitationEvent = CalendarEvent;

export function invitationIcs(e: InvitationEvent): string {
  return eventIcs(e, "network");
}

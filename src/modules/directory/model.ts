// Directory enums and stored shapes, browser-safe: no Drizzle, no Node.

/** The public state of an entry. Archived entries are kept for history but never shown publicly. */
export const ENTRY_STATUSES = ["draft", "published", "archived"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** One time slot, local time "HH:MM" (24 h); `closes` may be "24:00". */
export type TimeSlot = { opens: string; closes: string };
/** Weekday 1 = Monday … 7 = Sunday (ISO 8601), each with zero or more slots. */
export type WeeklyHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", TimeSlot[]>>;
/** A closure (holidays, vacation) or a changed day; dates inclusive, local. */
export type HoursException = {
  from: string;
  to: string;
  /** Closed all day, or open with other slots. */
  closed: boolean;
  slots?: TimeSlot[];
  /** German note, e.g. "Sommerferien". */
  note?: string;
};
/** Opening hours of a place, an offer or a contact person. */
export type OpeningHours = {
  weekly: WeeklyHours;
  /** Weekdays on which the slots are by appointment only. */
  appointmentOnlyDays?: ("1" | "2" | "3" | "4" | "5" | "6" | "7")[];
  exceptions?: HoursException[];
  /** Closed on the public holidays of the tenant's state. */
  closedOnPublicHolidays?: boolean;
};
export type Accessibility = {
  wheelchair?: "yes" | "limited" | "no";
  stepFreeEntrance?: boolean;
  accessibleToilet?: boolean;
  hearingLoop?: boolean;
  note?: string;
};
export type ContactPerson = {
  /** Optional: the demo leaves names out. */
  name?: string;
  role?: string;
  phone?: string;
  email?: string;
  hours?: OpeningHours;
};

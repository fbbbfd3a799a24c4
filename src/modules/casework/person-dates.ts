/**
 * The plausibility of a person's dates (decision 093), shared by the contracts (zod), the
 * service (with its clock's day) and the intake page (warnings). Browser-safe, no clock of its
 * own: "today" is always handed in as the municipality's calendar day (`YYYY-MM-DD`).
 */

/** From this age on a birth date is asked about (a warning the user confirms, not an error). */
export const UNUSUAL_AGE = 110;

export type PersonDates = {
  birthDate?: string | null | undefined;
  arrivedInGermanyOn?: string | null | undefined;
  assignedToMunicipalityOn?: string | null | undefined;
};

/** One problem at a date field of a person; `code` names `validation.<code>`. */
export type DateIssue = {
  path: "birthDate" | "arrivedInGermanyOn" | "assignedToMunicipalityOn";
  code: string;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | null | undefined) => (v && ISO_DAY.test(v) ? v : null);

/**
 * The errors: nothing after `today` (when known), no arrival before birth, no assignment to the
 * municipality before birth or before the arrival in Germany. ISO days compare as strings.
 */
export function personDateIssues(p: PersonDates, today: string | null): DateIssue[] {
  const birth = day(p.birthDate);
  const arrived = day(p.arrivedInGermanyOn);
  const assigned = day(p.assignedToMunicipalityOn);
  const out: DateIssue[] = [];
  if (today && birth && birth > today) out.push({ path: "birthDate", code: "birth_in_future" });
  if (today && arrived && arrived > today)
    out.push({ path: "arrivedInGermanyOn", code: "arrival_in_future" });
  else if (birth && arrived && arrived < birth)
    out.push({ path: "arrivedInGermanyOn", code: "arrival_before_birth" });
  if (today && assigned && assigned > today)
    out.push({ path: "assignedToMunicipalityOn", code: "assignment_in_future" });
  else if (arrived && assigned && assigned < arrived)
    out.push({ path: "assignedToMunicipalityOn", code: "assignment_before_arrival" });
  else if (birth && assigned && assigned < birth)
    out.push({ path: "assignedToMunicipalityOn", code: "assignment_before_birth" });
  return out;
}

/** Whole years from `birth` to `today` (both ISO days). */
export function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** What is possible but unusual (asked, not refused): an age of `UNUSUAL_AGE` or more. */
export function personDateWarnings(
  p: PersonDates,
  today: string,
): { path: "birthDate"; code: "age_unusual"; age: number }[] {
  const birth = day(p.birthDate);
  if (!birth || birth > today) return [];
  const age = ageOn(birth, today);
  return age >= UNUSUAL_AGE ? [{ path: "birthDate", code: "age_unusual", age }] : [];
}

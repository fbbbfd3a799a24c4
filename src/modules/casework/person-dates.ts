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

/** A parent younger than this at a child's birth (or today) is asked about. */
export const YOUNGEST_PARENT = 12;

/** A household member: dates plus the relation to the household's reference person ("self"). */
export type HouseholdMember = PersonDates & { householdRelation?: string | null | undefined };

/**
 * An unusual age in a household, at the birth date of `person` (an index into the persons).
 * `other` is the person it was compared with; `age` is the age that looks wrong (the person's,
 * or the parent's at the child's birth).
 */
export type HouseholdWarning = {
  person: number;
  path: "birthDate";
  code:
    | "age_unusual"
    | "parent_too_young"
    | "child_not_younger"
    | "parent_not_older"
    | "child_of_young_parent"
    | "parent_young_at_birth";
  age: number;
  other?: number;
};

/** Stable across submits of the same values: what a confirmation names. */
export const warningKey = (w: HouseholdWarning) =>
  `p${w.person}.${w.code}${w.other === undefined ? "" : `.${w.other}`}`;

/**
 * The unusual ages of a household (issue 15 §3): anyone aged `UNUSUAL_AGE` or more; a parent
 * younger than `YOUNGEST_PARENT`; a child not younger than the reference person or their spouse,
 * or born when that parent was younger than `YOUNGEST_PARENT`; likewise a parent of the
 * reference person compared with the reference person and their siblings. Relations are the
 * household's (to "self"), so a step-parent counts as a parent: still worth a look. Each warning
 * sits at the birth date of the person whose relation makes the claim; dates in the future or
 * not yet valid are the errors' business.
 */
export function householdAgeWarnings(persons: readonly HouseholdMember[], today: string): HouseholdWarning[] {
  const births = persons.map((p) => {
    const b = day(p.birthDate);
    return b && b <= today ? b : null;
  });
  const out: HouseholdWarning[] = [];
  persons.forEach((p, i) => {
    const birth = births[i];
    if (!birth) return;
    const age = ageOn(birth, today);
    if (age >= UNUSUAL_AGE) out.push({ person: i, path: "birthDate", code: "age_unusual", age });
    const relation = p.householdRelation ?? "self";
    if (relation === "parent" && age < YOUNGEST_PARENT) {
      out.push({ person: i, path: "birthDate", code: "parent_too_young", age });
      return; // every comparison below would say the same again
    }
    // Whom this person's relation makes them a child of (child) or a parent of (parent).
    const related =
      relation === "child" ? ["self", "spouse"] : relation === "parent" ? ["self", "sibling"] : [];
    persons.forEach((o, j) => {
      const otherBirth = births[j];
      if (j === i || !otherBirth || !related.includes(o.householdRelation ?? "self")) return;
      const [parentBirth, childBirth] = relation === "child" ? [otherBirth, birth] : [birth, otherBirth];
      if (parentBirth >= childBirth)
        out.push({
          person: i,
          path: "birthDate",
          code: relation === "child" ? "child_not_younger" : "parent_not_older",
          age,
          other: j,
        });
      else {
        const atBirth = ageOn(parentBirth, childBirth);
        if (atBirth < YOUNGEST_PARENT)
          out.push({
            person: i,
            path: "birthDate",
            code: relation === "child" ? "child_of_young_parent" : "parent_young_at_birth",
            age: atBirth,
            other: j,
          });
      }
    });
  });
  return out;
}

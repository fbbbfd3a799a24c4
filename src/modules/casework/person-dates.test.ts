import { describe, expect, it } from "vitest";
import {
  ageOn,
  householdAgeWarnings,
  personDateIssues,
  personDateWarnings,
  warningKey,
} from "./person-dates.ts";

const today = "2026-03-02";

describe("a person's dates (decision 093)", () => {
  it("refuses what lies after today, and only when today is known", () => {
    const p = {
      birthDate: "2090-01-01",
      arrivedInGermanyOn: "2099-01-01",
      assignedToMunicipalityOn: "2026-03-03",
    };
    expect(personDateIssues(p, today)).toEqual([
      { path: "birthDate", code: "birth_in_future" },
      { path: "arrivedInGermanyOn", code: "arrival_in_future" },
      { path: "assignedToMunicipalityOn", code: "assignment_in_future" },
    ]);
    // Without a day only the order is checked: 2026 lies before the arrival in 2099.
    expect(personDateIssues(p, null)).toEqual([
      { path: "assignedToMunicipalityOn", code: "assignment_before_arrival" },
    ]);
    expect(personDateIssues({ birthDate: today, arrivedInGermanyOn: today }, today)).toEqual([]);
  });

  it("refuses an arrival before birth and an assignment before the arrival or the birth", () => {
    expect(personDateIssues({ birthDate: "2001-06-01", arrivedInGermanyOn: "2001-05-31" }, null)).toEqual([
      { path: "arrivedInGermanyOn", code: "arrival_before_birth" },
    ]);
    expect(
      personDateIssues({ arrivedInGermanyOn: "2024-05-10", assignedToMunicipalityOn: "2024-05-01" }, today),
    ).toEqual([{ path: "assignedToMunicipalityOn", code: "assignment_before_arrival" }]);
    expect(
      personDateIssues({ birthDate: "2010-01-01", assignedToMunicipalityOn: "2009-01-01" }, today),
    ).toEqual([{ path: "assignedToMunicipalityOn", code: "assignment_before_birth" }]);
    // Not-yet-valid text is the field's own error, not a plausibility one.
    expect(personDateIssues({ birthDate: "01.06.2001", arrivedInGermanyOn: "2000-01-01" }, today)).toEqual(
      [],
    );
  });

  it("counts whole years and warns from an age of 110 on, never for a future birth", () => {
    expect(ageOn("1916-03-02", today)).toBe(110);
    expect(ageOn("1916-03-03", today)).toBe(109);
    expect(personDateWarnings({ birthDate: "1916-03-03" }, today)).toEqual([]);
    expect(personDateWarnings({ birthDate: "1900-01-01" }, today)).toEqual([
      { path: "birthDate", code: "age_unusual", age: 126 },
    ]);
    expect(personDateWarnings({ birthDate: "2090-01-01" }, today)).toEqual([]);
  });

  it("asks about a parent younger than 12, a child older than its parent and an age over 110", () => {
    const family = [
      { birthDate: "1990-05-01", householdRelation: "self" },
      { birthDate: "1992-01-01", householdRelation: "spouse" },
      { birthDate: "2015-07-01", householdRelation: "child" },
      { birthDate: "1960-01-01", householdRelation: "parent" },
    ];
    expect(householdAgeWarnings(family, today)).toEqual([]);
    // A child typed with the parent's year: older than the spouse, the self 11 at its birth.
    const typo = family.map((p, i) => (i === 2 ? { ...p, birthDate: "1991-07-01" } : p));
    const warned = householdAgeWarnings(typo, today);
    expect(warned).toEqual([
      { person: 2, path: "birthDate", code: "child_of_young_parent", age: 1, other: 0 },
      { person: 2, path: "birthDate", code: "child_not_younger", age: 34, other: 1 },
    ]);
    expect(warned.map(warningKey)).toEqual(["p2.child_of_young_parent.0", "p2.child_not_younger.1"]);
    // A parent of the reference person born after them, and one aged eight (said once).
    expect(
      householdAgeWarnings(
        [
          { birthDate: "1990-05-01" },
          { birthDate: "1995-01-01", householdRelation: "parent" },
          { birthDate: "2018-01-01", householdRelation: "parent" },
          { birthDate: "1900-01-01", householdRelation: "other" },
        ],
        today,
      ),
    ).toEqual([
      { person: 1, path: "birthDate", code: "parent_not_older", age: 31, other: 0 },
      { person: 2, path: "birthDate", code: "parent_too_young", age: 8 },
      { person: 3, path: "birthDate", code: "age_unusual", age: 126 },
    ]);
    // Exactly 12 at the birth is possible enough; unknown or future dates are not compared.
    expect(
      householdAgeWarnings(
        [
          { birthDate: "2000-03-02" },
          { birthDate: "2012-03-02", householdRelation: "child" },
          { birthDate: "2090-01-01", householdRelation: "child" },
          { birthDate: null, householdRelation: "child" },
        ],
        today,
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { ageOn, personDateIssues, personDateWarnings } from "./person-dates.ts";

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
});

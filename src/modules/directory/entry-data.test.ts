import { describe, expect, it } from "vitest";
import { assertType, dataToRow, diffData, nameOf, orgOf } from "./entry-data.ts";
import { eventInput, offerInput } from "./validate.ts";

const ORG = "01900000-0000-7000-8000-000000000001";

describe("entry data", () => {
  it("diffs top-level fields, treating absent and null alike", () => {
    expect(diffData({ title: "A", free: true, note: null }, { title: "B", free: true })).toEqual([
      { field: "title", before: "A", after: "B" },
    ]);
    expect(diffData(null, { title: "A" })).toEqual([{ field: "title", before: null, after: "A" }]);
  });

  it("names an entry by title or name and finds its organization", () => {
    expect(nameOf("offer", { title: "Sprachcafé" })).toBe("Sprachcafé");
    expect(nameOf("place", { name: "Haus A" })).toBe("Haus A");
    expect(orgOf("organization", ORG, {})).toBe(ORG);
    expect(orgOf("offer", "x", { organizationId: null })).toBeNull();
  });

  it("keeps links out of the row and stores an event's start and series end as instants", () => {
    const offer = offerInput.parse({ organizationId: ORG, title: "Kurs", termIds: [ORG], placeIds: [ORG] });
    const row = dataToRow("offer", offer, { areaId: null });
    expect(row).not.toHaveProperty("termIds");
    expect(row).not.toHaveProperty("placeIds");
    expect(row.title).toBe("Kurs");
    const event = eventInput.parse({
      organizationId: ORG,
      title: "Treff",
      startsAt: "2026-05-04T16:00:00+02:00",
      durationMinutes: 90,
      rrule: "FREQ=WEEKLY;COUNT=2",
    });
    const e = dataToRow("event", event, { areaId: null });
    expect(e.startsAt).toEqual(new Date("2026-05-04T14:00:00Z"));
    expect(e.seriesEndsAt).toEqual(new Date("2026-05-11T15:30:00Z"));
  });

  it("refuses an unknown entry type as a missing resource", () => {
    expect(() => assertType("person")).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(assertType("event")).toBe("event");
  });
});

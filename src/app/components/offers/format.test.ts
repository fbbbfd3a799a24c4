import { describe, expect, it } from "vitest";
import { formatIsoDateRange, formatWallRange, isolate, openStateText, timeRangeParts } from "./format.ts";

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");
const FSI = "\u2068";
const PDI = "\u2069";

describe("times for right-to-left readers (decision 094)", () => {
  it("formats an opening-hours range as the locale writes ranges", () => {
    expect(formatWallRange("de", "08:45", "13:00")).toContain("08:45–13:00");
    // Arabic shares the period marker once, after the range: never "م–7:00 م 4:00".
    expect(formatWallRange("ar", "16:00", "19:00")).toBe("4:00–7:00 م");
    expect(formatWallRange("fa", "16:00", "19:00")).toBe("۱۶:۰۰ تا ۱۹:۰۰");
    // Easy German writes times as German does.
    expect(formatWallRange("de-simple", "08:45", "13:00")).toBe(formatWallRange("de", "08:45", "13:00"));
  });

  it("isolates each end of a range to midnight", () => {
    const r = formatWallRange("ar", "20:00", "24:00");
    expect(r.startsWith(FSI)).toBe(true);
    expect(r.split(PDI)).toHaveLength(3);
  });

  it("shows an event without a later end as its start only, never 11:00 – 11:00", () => {
    const at = new Date("2026-03-21T10:00:00Z");
    expect(text(timeRangeParts("de", at, at))).toBe("11:00");
    expect(text(timeRangeParts("de", at, null))).toBe("11:00");
    const parts = timeRangeParts("de", at, new Date("2026-03-21T11:30:00Z"));
    expect(parts.map((p) => p.source)).toEqual(["startRange", "shared", "endRange", "shared"]);
    expect(text(parts)).toBe("11:00–12:30 Uhr");
  });

  it("names the days of a range that spans days", () => {
    const r = text(timeRangeParts("de", new Date("2026-09-20T09:00:00Z"), new Date("2026-10-04T09:00:00Z")));
    expect(r).toContain("20. Sept.");
    expect(r).toContain("4. Okt.");
    expect(r).not.toMatch(/^11:00\s*–\s*11:00/);
  });

  it("formats date ranges and isolates times inside messages", () => {
    expect(formatIsoDateRange("de", "2026-12-24", "2026-12-24")).toBe("24. Dezember 2026");
    expect(formatIsoDateRange("de", "2026-12-24", "2026-12-31")).toBe("24.–31. Dezember 2026");
    expect(isolate("7:00 م")).toBe(`${FSI}7:00 م${PDI}`);
    const open = openStateText("ar", {
      status: "open",
      closesAt: new Date("2026-03-21T18:00:00Z"),
      nextOpensAt: null,
    });
    expect(open?.values.time).toBe(`${FSI}7:00 م${PDI}`);
  });
});

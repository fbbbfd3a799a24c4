import { describe, expect, it } from "vitest";
import { toICalendar, vtimezone } from "./ical.ts";
import { fromLocal } from "./time-zone.ts";

const TZ = "Europe/Berlin";
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => fromLocal(TZ, y, mo, d, h, mi);
/** Unfolded content lines. */
const linesOf = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");

describe("vtimezone", () => {
  it("describes Europe/Berlin with the EU rules", () => {
    expect(vtimezone(TZ, 2025).split("\r\n")).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Europe/Berlin",
      "X-LIC-LOCATION:Europe/Berlin",
      "BEGIN:DAYLIGHT",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0200",
      "TZNAME:CEST",
      "DTSTART:19700329T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "TZNAME:CET",
      "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
  });

  it("derives other rules and fixed zones", () => {
    const ny = vtimezone("America/New_York", 2025);
    expect(ny).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU");
    expect(ny).toContain("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
    expect(ny).toContain("TZOFFSETTO:-0400");
    const tokyo = vtimezone("Asia/Tokyo", 2025);
    expect(tokyo).toContain("TZOFFSETTO:+0900");
    expect(tokyo).not.toContain("DAYLIGHT");
  });
});

describe("toICalendar", () => {
  const evening = at(2025, 3, 17, 15, 45);
  const items = [
    {
      uid: "offer-4b1c@unna.lotse.example",
      title: "Abendkurs, mit; Kinder\\betreuung",
      description:
        "Zeile 1\nZeile 2 – mit einem langen Text, der über die Zeilengrenze von 75 Oktetten hinausgeht: äöü ß",
      location: "Unna, Markt 1",
      url: "https://unna.lotse.example/de/offers/4b1c",
      start: evening,
      end: new Date(evening.getTime() + 135 * 60_000),
      rrule: "FREQ=WEEKLY;BYDAY=MO,WE",
      exdates: ["2025-03-19", "2025-04-02T15:45", "2025-04-07T13:45:00Z"],
      lastModified: new Date("2025-02-01T09:00:00Z"),
    },
    {
      uid: "event-77@unna.lotse.example",
      title: "Interkulturelle Woche",
      start: at(2025, 9, 20, 14),
      end: at(2025, 9, 20, 18),
    },
  ];
  const now = new Date("2025-03-01T08:30:00Z");
  const ics = toICalendar(items, { name: "Angebote in Unna", timeZone: TZ, now });
  const lines = linesOf(ics);

  it("is a CRLF-separated, folded calendar with one VTIMEZONE", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.filter((l) => l === "BEGIN:VTIMEZONE")).toHaveLength(1);
    expect(lines).toContain("TZID:Europe/Berlin");
    expect(lines).toContain("NAME:Angebote in Unna");
  });

  it("writes local times with TZID and UTC stamps, stable UIDs", () => {
    expect(lines).toContain("UID:offer-4b1c@unna.lotse.example");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20250317T154500");
    expect(lines).toContain("DTEND;TZID=Europe/Berlin:20250317T180000");
    expect(lines).toContain("DTSTART;TZID=Europe/Berlin:20250920T140000");
    expect(lines).toContain("LAST-MODIFIED:20250201T090000Z");
    expect(lines).toContain("DTSTAMP:20250201T090000Z");
    expect(toICalendar(items, { name: "Angebote in Unna", timeZone: TZ, now })).toBe(ics);
  });

  it("stamps an event without a last change with the time the feed was written, not its start", () => {
    const stamps = lines.filter((l) => l.startsWith("DTSTAMP:"));
    expect(stamps).toEqual(["DTSTAMP:20250201T090000Z", "DTSTAMP:20250301T083000Z"]);
  });

  it("a feed without events still holds a component (the VTIMEZONE) and ends with CRLF", () => {
    const empty = toICalendar([], { name: "Leer", timeZone: TZ, now });
    const emptyLines = linesOf(empty);
    expect(emptyLines).not.toContain("BEGIN:VEVENT");
    expect(emptyLines.filter((l) => l === "BEGIN:VTIMEZONE")).toHaveLength(1);
    expect(emptyLines).toContain("TZID:Europe/Berlin");
    expect(empty.endsWith("END:VTIMEZONE\r\nEND:VCALENDAR\r\n")).toBe(true);
  });

  it("passes RRULE through and writes EXDATE in the zone", () => {
    expect(lines).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO,WE");
    expect(lines).toContain("EXDATE;TZID=Europe/Berlin:20250319T154500,20250402T154500,20250407T154500");
    expect(lines.filter((l) => l.startsWith("RRULE:FREQ=WEEKLY"))).toHaveLength(1);
  });

  it("escapes text values", () => {
    expect(lines).toContain("SUMMARY:Abendkurs\\, mit\\; Kinder\\\\betreuung");
    expect(lines).toContain("LOCATION:Unna\\, Markt 1");
    expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toMatch(/^DESCRIPTION:Zeile 1\\nZeile 2 – mit/);
    expect(lines).toContain("URL;VALUE=URI:https://unna.lotse.example/de/offers/4b1c");
  });

  it("drops an invalid or line-injecting rule instead of writing it", () => {
    const bad = toICalendar(
      [
        {
          uid: "x",
          title: "X",
          start: evening,
          end: evening,
          rrule: "FREQ=WEEKLY\r\nATTACH:https://evil.example",
        },
      ],
      { name: "X", timeZone: TZ, now },
    );
    expect(bad).not.toContain("RRULE:FREQ=WEEKLY");
    expect(bad).not.toContain("ATTACH");
  });
});

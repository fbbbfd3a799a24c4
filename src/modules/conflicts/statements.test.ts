import { describe, expect, it } from "vitest";
import { fillStatement, unknownPlaceholders } from "./statements.ts";

describe("statement templates", () => {
  it("name each unknown placeholder once, in order, and accept the known ones", () => {
    expect(unknownPlaceholders("Am {date} um {time} in {municipality}: {type}")).toEqual([]);
    expect(unknownPlaceholders("{Datum} {ort} {date} {ort} { type }")).toEqual(["Datum", "ort"]);
    expect(unknownPlaceholders("{}")).toEqual([""]);
  });

  it("fill the known placeholders and leave anything else as written", () => {
    const values = { municipality: "Kreisstadt Unna", date: "6. März 2026", time: "10:00", type: "Brand" };
    expect(fillStatement("Die {municipality} am {date}, {time}: {type}.", values)).toBe(
      "Die Kreisstadt Unna am 6. März 2026, 10:00: Brand.",
    );
    expect(fillStatement("{ type } {toString} {constructor}", values)).toBe("Brand {toString} {constructor}");
  });
});

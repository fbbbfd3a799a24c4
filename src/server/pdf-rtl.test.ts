import { describe, expect, it } from "vitest";
import { visualRuns, wrapLogical } from "./pdf-rtl.ts";

describe("right-to-left lines for pdfkit (decision 075)", () => {
  it("orders runs visually: numbers and Latin names stay left to right inside Arabic text", () => {
    expect(visualRuns("المبلغ 3.500,00 € لمشروع Initiative WeltOffen.")).toEqual([
      { text: ".", rtl: true },
      { text: "Initiative WeltOffen", rtl: false },
      { text: " € لمشروع ", rtl: true },
      { text: "3.500,00", rtl: false },
      { text: "المبلغ ", rtl: true },
    ]);
  });

  it("hands Arabic-Indic digits over reversed, since fontkit reverses Arabic script", () => {
    expect(visualRuns("سال ۱۴۰۵")).toEqual([
      { text: "۵۰۴۱", rtl: false },
      { text: "سال ", rtl: true },
    ]);
  });

  it("reverses only the Arabic-Indic digits of a mixed left-to-right run", () => {
    const runs = visualRuns("پرونده AB12CD34 ۱۴");
    expect(runs.map((r) => r.text).join("|")).toContain("AB12CD34");
    expect(runs.map((r) => r.text).join("|")).toContain("۴۱");
  });

  it("a German sentence keeps its own direction: the full stop stays at its end", () => {
    expect(visualRuns("Nur zur Hälfte förderfähig.")).toEqual([
      { text: "Nur zur Hälfte förderfähig.", rtl: false },
    ]);
  });

  it("a left-to-right line is one run; an empty line none", () => {
    expect(visualRuns("Lotse")).toEqual([{ text: "Lotse", rtl: false }]);
    expect(visualRuns("")).toEqual([]);
  });

  it("an isolated phone number stays one left-to-right run; the isolates are not drawn", () => {
    expect(visualRuns("الهاتف: \u206602303 555-100\u2069")).toEqual([
      { text: "02303 555-100", rtl: false },
      { text: "الهاتف: ", rtl: true },
    ]);
  });

  it("wraps in logical order by measured width, keeping words whole", () => {
    expect(wrapLogical("aa bb cc\ndd", 5, (s) => s.length)).toEqual(["aa bb", "cc", "dd"]);
  });
});

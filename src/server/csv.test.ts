import { describe, expect, it } from "vitest";
import { csvDocument } from "./csv.ts";

describe("csvDocument", () => {
  it("quotes separators and formula-like text, and leaves numbers alone", () => {
    const out = csvDocument([
      ["a;b", '"x"', "=SUM(A1)", "@cmd", "-3,2", "-12", "+49 2303"],
      ["<5", "•"],
    ]);
    expect(out.startsWith("\uFEFF")).toBe(true);
    const [first, second] = out.slice(1).split("\r\n");
    expect(first).toBe(`"a;b";"""x""";'=SUM(A1);'@cmd;-3,2;-12;'+49 2303`);
    expect(second).toBe("<5;•");
  });
});

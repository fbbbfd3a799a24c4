import { describe, expect, it } from "vitest";
import {
  decodeText,
  detectDelimiter,
  parseCsv,
  parseDecimal,
  parseHoursText,
  parseYesNo,
} from "./import-parse.ts";

describe("decodeText", () => {
  it("reads UTF-8 with and without BOM, and Windows-1252", () => {
    const utf8 = new TextEncoder().encode("Café Straße Ölweg");
    expect(decodeText(utf8)).toEqual({ text: "Café Straße Ölweg", encoding: "utf-8" });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: "Café Straße Ölweg",
      encoding: "utf-8",
    });
    // "Café Straße Ölweg €" in Windows-1252: é=E9, ß=DF, Ö=D6, €=80.
    const cp = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x20, 0xd6, 0x6c, 0x77, 0x65, 0x67,
      0x20, 0x80,
    ]);
    expect(decodeText(cp)).toEqual({ text: "Café Straße Ölweg €", encoding: "windows-1252" });
    // Plain ASCII is valid UTF-8.
    expect(decodeText(new TextEncoder().encode("abc")).encoding).toBe("utf-8");
  });
});

describe("parseCsv", () => {
  it("detects the delimiter and handles quotes, doubled quotes, line breaks and CRLF", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter("a\tb")).toBe("\t");
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
    const text = 'Name;Notiz\r\n"Café ""Chili""";"Zeile 1\nZeile 2"\r\nX;\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ["Name", "Notiz"],
      ['Café "Chili"', "Zeile 1\nZeile 2"],
      ["X", ""],
    ]);
  });
});

describe("parseHoursText", () => {
  it("reads day ranges, lists and several slots", () => {
    expect(parseHoursText("Mo-Do 16:00-19:00; Fr 9-12")).toEqual({
      ok: true,
      hours: {
        weekly: {
          "1": [{ opens: "16:00", closes: "19:00" }],
          "2": [{ opens: "16:00", closes: "19:00" }],
          "3": [{ opens: "16:00", closes: "19:00" }],
          "4": [{ opens: "16:00", closes: "19:00" }],
          "5": [{ opens: "09:00", closes: "12:00" }],
        },
      },
    });
    expect(parseHoursText("Mo, Mi 15:45–18 Uhr")).toEqual({
      ok: true,
      hours: {
        weekly: { "1": [{ opens: "15:45", closes: "18:00" }], "3": [{ opens: "15:45", closes: "18:00" }] },
      },
    });
    expect(parseHoursText("Di 9-12, 14-16")).toEqual({
      ok: true,
      hours: {
        weekly: {
          "2": [
            { opens: "09:00", closes: "12:00" },
            { opens: "14:00", closes: "16:00" },
          ],
        },
      },
    });
    expect(parseHoursText("Montag - Freitag 8.45-13")).toMatchObject({ ok: true });
    expect(parseHoursText("Sa 22-24")).toEqual({
      ok: true,
      hours: { weekly: { "6": [{ opens: "22:00", closes: "24:00" }] } },
    });
    expect(parseHoursText("Do 10-12 nach Vereinbarung")).toEqual({
      ok: true,
      hours: { weekly: { "4": [{ opens: "10:00", closes: "12:00" }] }, appointmentOnlyDays: ["4"] },
    });
    expect(parseHoursText("   ")).toEqual({ ok: true, hours: null });
  });

  it("rejects what it cannot read", () => {
    for (const bad of ["montags", "Xy 9-12", "Mo 9", "Mo 25-26", "Do-Mo 9-12", "Mo 9:61-10", "Mo 24-10"]) {
      expect(parseHoursText(bad), bad).toMatchObject({ ok: false, code: "hours_format" });
    }
  });

  it("leaves order and overlap checks to the opening-hours validation", () => {
    // Parsed, but validateOpeningHours() reports end before start.
    expect(parseHoursText("Mo 19-16")).toEqual({
      ok: true,
      hours: { weekly: { "1": [{ opens: "19:00", closes: "16:00" }] } },
    });
  });
});

describe("parseYesNo / parseDecimal", () => {
  it("reads German and English yes/no and decimal commas", () => {
    expect(parseYesNo("Ja")).toBe(true);
    expect(parseYesNo("nein")).toBe(false);
    expect(parseYesNo("")).toBeUndefined();
    expect(parseYesNo("vielleicht")).toBeNull();
    expect(parseDecimal("51,5366")).toBe(51.5366);
    expect(parseDecimal("7.69")).toBe(7.69);
    expect(parseDecimal("")).toBeUndefined();
    expect(parseDecimal("abc")).toBeNull();
  });
});

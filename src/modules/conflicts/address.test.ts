import { describe, expect, it } from "vitest";
import { findAddresses, moveAddresses } from "./address.ts";

describe("private addresses in free text", () => {
  it("finds street and number in the usual German spellings", () => {
    const t = "Streit zwischen Hansastraße 12a und Kamener Str. 4, auch Am Markt 3 und Massener Weg 10-12.";
    expect(findAddresses(t).map((h) => h.text)).toEqual([
      "Hansastraße 12a",
      "Kamener Str. 4",
      "Am Markt 3",
      "Massener Weg 10-12",
    ]);
  });

  it("finds a postcode with its town", () => {
    expect(findAddresses("wohnt in 59423 Unna").map((h) => h.text)).toEqual(["59423 Unna"]);
  });

  it("leaves text without an address alone", () => {
    expect(
      findAddresses("Lärm im Treppenhaus seit 3 Wochen, 2 Familien betroffen, Gebetsraum im Keller"),
    ).toEqual([]);
  });

  it("moves the addresses out and leaves a placeholder", () => {
    const r = moveAddresses("Lärm aus der Bahnhofstraße 5 nachts", "[Adresse]");
    expect(r).toEqual({ text: "Lärm aus der [Adresse] nachts", moved: ["Bahnhofstraße 5"] });
  });
});

import { describe, expect, it } from "vitest";
import {
  chooseOrder,
  coordinatePair,
  editDistance,
  parseAddressQuery,
  parseHouseNumber,
  streetKey,
  trigrams,
} from "./normalise.ts";

describe("streetKey", () => {
  it("folds the spellings of one street to one key", () => {
    const key = "bahnhofstrasse";
    for (const s of [
      "Bahnhofstraße",
      "Bahnhofstr.",
      "Bahnhofstr",
      "bahnhofstrasse",
      "Bahnhof-Straße",
      "BAHNHOF STR.",
    ])
      expect(streetKey(s), s).toBe(key);
  });

  it("folds umlauts, their spellings with e, Sankt and Platz", () => {
    expect(streetKey("Königsborner Straße")).toBe(streetKey("Koenigsborner Str."));
    expect(streetKey("Königsborner Straße")).toBe(streetKey("Konigsborner Strasse"));
    expect(streetKey("St.-Martin-Str.")).toBe("sanktmartinstrasse");
    expect(streetKey("Marktpl.")).toBe("marktplatz");
    expect(streetKey("Gerhart-Hauptmann-Straße")).toBe("gerharthauptmannstrasse");
  });

  it("keeps different streets apart", () => {
    expect(streetKey("Strandweg")).toBe("strandweg");
    expect(streetKey("Massener Hellweg")).not.toBe(streetKey("Massener Straße"));
  });
});

describe("parseHouseNumber", () => {
  it("reads numbers with suffixes as the lists write them", () => {
    expect(parseHouseNumber("12")).toEqual({ number: 12, suffix: "" });
    expect(parseHouseNumber("12", "a")).toEqual({ number: 12, suffix: "a" });
    expect(parseHouseNumber("12 A")).toEqual({ number: 12, suffix: "a" });
    expect(parseHouseNumber("7/1")).toEqual({ number: 7, suffix: "/1" });
    expect(parseHouseNumber("12 - 14")).toEqual({ number: 12, suffix: "-14" });
  });

  it("refuses what is no house number", () => {
    for (const s of ["", "a", "0", "12ab", "Hof", "123456"]) expect(parseHouseNumber(s), s).toBeNull();
  });
});

describe("parseAddressQuery", () => {
  it("splits street, number, postcode and town in the ways people type them", () => {
    expect(parseAddressQuery("Bahnhofstr. 12a, Unna")).toEqual({
      street: "Bahnhofstr.",
      houseNumber: { number: 12, suffix: "a" },
      postcode: null,
      locality: "Unna",
    });
    expect(parseAddressQuery("bahnhofstraße12")).toMatchObject({
      street: "bahnhofstraße",
      houseNumber: { number: 12, suffix: "" },
    });
    expect(parseAddressQuery("Bahnhofstraße 12 a 59423 Unna")).toEqual({
      street: "Bahnhofstraße",
      houseNumber: { number: 12, suffix: "a" },
      postcode: "59423",
      locality: "Unna",
    });
    expect(parseAddressQuery("59423 Unna, Markt 3")).toEqual({
      street: "Markt",
      houseNumber: { number: 3, suffix: "" },
      postcode: "59423",
      locality: "Unna",
    });
    expect(parseAddressQuery("Bahnhofstraße 12 Unna").locality).toBe("Unna");
    expect(parseAddressQuery("Markt")).toEqual({
      street: "Markt",
      houseNumber: null,
      postcode: null,
      locality: null,
    });
  });

  it("finds no street in a bare postcode", () => {
    expect(parseAddressQuery("59423")).toEqual({
      street: null,
      houseNumber: null,
      postcode: "59423",
      locality: null,
    });
  });
});

describe("editDistance", () => {
  it("counts edits and transpositions, bounded", () => {
    expect(editDistance("bahnhofstrasse", "bahnhofstrasse", 2)).toBe(0);
    expect(editDistance("banhofstrasse", "bahnhofstrasse", 2)).toBe(1);
    expect(editDistance("bahnhfostrasse", "bahnhofstrasse", 2)).toBe(1);
    expect(editDistance("bhnhfstrasse", "bahnhofstrasse", 2)).toBe(2);
    expect(editDistance("hauptstrasse", "bahnhofstrasse", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("trigrams", () => {
  it("pads the key with one space each side, as the database does", () => {
    expect(trigrams("markt").sort()).toEqual([" ma", "ark", "kt ", "mar", "rkt"].sort());
  });
});

describe("coordinates in either order", () => {
  const unna = { minLon: 7.6, minLat: 51.49, maxLon: 7.82, maxLat: 51.585 };

  it("reads the order that lies in the region", () => {
    expect(chooseOrder(...coordinatePair("51.53,7.69")!, unna)).toEqual({
      lon: 7.69,
      lat: 51.53,
      latFirst: true,
    });
    expect(chooseOrder(...coordinatePair("7.69, 51.53")!, unna)).toEqual({
      lon: 7.69,
      lat: 51.53,
      latFirst: false,
    });
    expect(chooseOrder(...coordinatePair("51.53 7.69")!, unna)).toMatchObject({ lon: 7.69, lat: 51.53 });
  });

  it("falls back to the only valid order, else longitude first", () => {
    expect(chooseOrder(120, 45, unna)).toEqual({ lon: 120, lat: 45, latFirst: false });
    expect(chooseOrder(45, 120, unna)).toEqual({ lon: 120, lat: 45, latFirst: true });
    expect(chooseOrder(13.4, 52.5, unna)).toEqual({ lon: 13.4, lat: 52.5, latFirst: false });
    expect(chooseOrder(52.5, 13.4, null)).toEqual({ lon: 52.5, lat: 13.4, latFirst: false });
    expect(chooseOrder(200, 200, unna)).toBeNull();
  });

  it("recognises only a pair of numbers", () => {
    expect(coordinatePair("Bahnhofstraße 12")).toBeNull();
    expect(coordinatePair("59423")).toBeNull();
  });
});

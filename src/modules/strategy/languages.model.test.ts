import { describe, expect, it } from "vitest";
import { isLanguageGap, orderLanguages } from "./languages.model.ts";

const shown = (value: number) => ({ value, suppressed: null });

describe("language gaps (decision 087)", () => {
  it("is a gap only with a published need of at least minNeed and no offer in the language", () => {
    expect(isLanguageGap({ need: shown(12), offers: 0 }, 10)).toBe(true);
    expect(isLanguageGap({ need: shown(12), offers: 1 }, 10)).toBe(false);
    expect(isLanguageGap({ need: shown(9), offers: 0 }, 10)).toBe(false);
    expect(isLanguageGap({ need: { value: null, suppressed: "primary" }, offers: 0 }, 1)).toBe(false);
  });
  it("orders languages by published need, then by code", () => {
    const need: Record<string, number> = { ar: 20, uk: 8, de: 20, tr: 0 };
    expect(orderLanguages(["tr", "uk", "de", "ar", "uk"], (l) => need[l] ?? 0)).toEqual([
      "ar",
      "de",
      "uk",
      "tr",
    ]);
  });
});

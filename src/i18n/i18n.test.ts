import { describe, expect, it } from "vitest";
import { readCatalog } from "./catalogs.server.ts";
import { directionOf, negotiateLanguage } from "./languages.ts";
import { createTranslator } from "./translator.ts";

describe("languages", () => {
  it("negotiates from Accept-Language by quality, falling back to German", () => {
    expect(negotiateLanguage("fa-IR,fa;q=0.9,en;q=0.5")).toBe("fa");
    expect(negotiateLanguage("fr-FR, en;q=0.4")).toBe("en");
    expect(negotiateLanguage("zh-CN")).toBe("de");
    expect(negotiateLanguage(undefined)).toBe("de");
    expect(negotiateLanguage("ar;q=0, tr;q=0.2")).toBe("tr");
  });
  it("writes Arabic and Farsi right to left", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("fa")).toBe("rtl");
    expect(directionOf("uk")).toBe("ltr");
  });
});

describe("translator", () => {
  it("formats ICU plurals with the language's categories", () => {
    const ru = createTranslator("ru", readCatalog("ru"));
    expect(ru("errors.too_many_requests", { minutes: 1 })).toContain("1 минуту");
    expect(ru("errors.too_many_requests", { minutes: 3 })).toContain("3 минуты");
    expect(ru("errors.too_many_requests", { minutes: 5 })).toContain("5 минут");
    const ar = createTranslator("ar", readCatalog("ar"));
    expect(ar("errors.too_many_requests", { minutes: 2 })).toContain("دقيقتين");
  });
  it("falls back to German for a missing key, and to the key itself when unknown", () => {
    const t = createTranslator("en", {}, { "x.y": "Hallo {name}" });
    expect(t("x.y", { name: "Ada" })).toBe("Hallo Ada");
    expect(t("x.unknown")).toBe("x.unknown");
  });
});

import { describe, expect, it } from "vitest";
import { publicPageKeys } from "../../scripts/i18n/public-keys.ts";
import { catalogs, readCatalog as read } from "./catalogs.server.ts";
import {
  directionOf,
  htmlLang,
  isLanguage,
  isPublicLanguage,
  negotiateLanguage,
  PUBLIC_LANGUAGE_CODES,
  SIMPLE_NAMESPACES,
  SIMPLE_PAGE_NAMESPACES,
} from "./languages.ts";
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
    const ru = createTranslator("ru", read("ru"));
    expect(ru("errors.too_many_requests", { minutes: 1 })).toContain("1 минуту");
    expect(ru("errors.too_many_requests", { minutes: 3 })).toContain("3 минуты");
    expect(ru("errors.too_many_requests", { minutes: 5 })).toContain("5 минут");
    const ar = createTranslator("ar", read("ar"));
    expect(ar("errors.too_many_requests", { minutes: 2 })).toContain("دقيقتين");
  });
  it("falls back to German for a missing key, and to the key itself when unknown", () => {
    const t = createTranslator("en", {}, { "x.y": "Hallo {name}" });
    expect(t("x.y", { name: "Ada" })).toBe("Hallo Ada");
    expect(t("x.unknown")).toBe("x.unknown");
  });
});

describe("easy German (de-simple, decision 094)", () => {
  it("is a public language only: in the picker and URLs, never a staff or user language", () => {
    expect(isPublicLanguage("de-simple")).toBe(true);
    expect(isLanguage("de-simple")).toBe(false);
    expect(PUBLIC_LANGUAGE_CODES.slice(0, 2)).toEqual(["de", "de-simple"]);
    expect(negotiateLanguage("de-simple, ar")).toBe("de");
    expect(directionOf("de-simple")).toBe("ltr");
    // German to browsers and screen readers, a valid BCP 47 tag.
    expect(htmlLang("de-simple")).toBe("de-x-simple");
    expect(htmlLang("ar")).toBe("ar");
    expect(Intl.getCanonicalLocales(htmlLang("de-simple"))).toEqual(["de-x-simple"]);
  });

  it("has catalogs for the public namespaces, and of shared ones the keys public pages show", () => {
    const simple = read("de-simple");
    const namespaces = new Set(Object.keys(simple).map((k) => k.split(".")[0]));
    expect([...namespaces].sort()).toEqual([...SIMPLE_NAMESPACES, ...SIMPLE_PAGE_NAMESPACES].sort());
    expect(catalogs().get("de-simple")).toEqual(simple);
    // The meetings calendar's keys (decision 117), found in the public pages and their components.
    const shown = publicPageKeys(process.cwd(), ["network"], read("de"));
    expect(shown).toContain("network.public_title");
    expect(shown).toContain("network.kind_round_table"); // from `network.kind_${…}`
    expect(shown).not.toContain("network.invite"); // a staff page's
    expect(Object.keys(simple).filter((k) => k.startsWith("network."))).toEqual(shown);
  });

  it("speaks easy German on public strings and falls back to German for every other key", () => {
    const all = catalogs();
    const t = createTranslator("de-simple", all.get("de-simple") ?? {}, all.get("de"));
    const de = createTranslator("de", all.get("de") ?? {});
    expect(t("offers.fallback_field")).toContain("Einfacher Sprache");
    expect(t("offers.fallback_field")).not.toBe(de("offers.fallback_field"));
    // A staff string: German, formatted with German plural rules.
    expect(t("errors.too_many_requests", { minutes: 2 })).toBe(
      de("errors.too_many_requests", { minutes: 2 }),
    );
    expect(t("offers.results_count", { count: 1 })).toBe("1 Angebot gefunden");
    // A shared namespace: easy German on the public meetings page, German on a staff page.
    expect(t("network.public_lead")).not.toBe(de("network.public_lead"));
    expect(t("network.invite")).toBe(de("network.invite"));
  });
});

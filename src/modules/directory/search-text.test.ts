import { describe, expect, it } from "vitest";
import { arabicStem, queryWords, searchTextOf } from "./search-text.ts";

describe("search text folding", () => {
  it("lower-cases, drops accents and punctuation, keeps each word once", () => {
    expect(
      searchTextOf(["Café Chili – Treff!", "CAFÉ für Jugendliche", null, "<p>Hausaufgaben&nbsp;hilfe</p>"]),
    ).toBe("cafe chili treff fur jugendliche hausaufgaben hilfe");
    expect(searchTextOf(["Straße", "Äpfel"])).toBe("strasse apfel");
  });

  it("merges Arabic and Persian letter variants and removes harakat", () => {
    expect(searchTextOf(["استشارة"])).toBe(searchTextOf(["استشاره"]));
    expect(searchTextOf(["کلاس زبان"])).toBe(searchTextOf(["كلاس زبان"]));
    expect(searchTextOf(["مُدَرِّس"])).toBe("مدرس");
    expect(searchTextOf(["إسلام", "أحمد"])).toBe("اسلام احمد");
    expect(searchTextOf(["٢٠٢٦ ۱۴۰۵"])).toBe("2026 1405");
  });

  it("folds queries the same way, ignoring one-letter words and repeats", () => {
    expect(queryWords("  Sprachkurs a Sprachkurs, MIT Kinderbetreuung ")).toEqual([
      "sprachkurs",
      "mit",
      "kinderbetreuung",
    ]);
    expect(
      queryWords("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii"),
    ).toHaveLength(8);
    expect(queryWords("")).toEqual([]);
  });

  it("light-stems Arabic and Farsi words: article, plural and feminine endings (decision 094)", () => {
    // دورات اللغة (the language's courses) and دورة لغة (language course) meet in their stems.
    expect(queryWords("دورات اللغة")).toEqual(queryWords("دورة لغة"));
    expect(queryWords("دورة لغة")).toEqual(["دور", "لغ"]);
    expect(arabicStem("والمدارس")).toBe(arabicStem("مدارس"));
    expect(arabicStem("للاجئين")).toBe("اجئ");
    expect(arabicStem("لاجئون")).toBe(arabicStem("لاجئين"));
    // Farsi: the plural ها/های and the Persian letters ی/ک folded first.
    expect(queryWords("کلاس‌های زبان")).toEqual(queryWords("كلاس زبان"));
    expect(arabicStem("کلاسها")).toBe(arabicStem("کلاس"));
    // A stem keeps two letters; Latin words are not touched.
    expect(arabicStem("له")).toBe("له");
    expect(arabicStem("Sprachkurse")).toBe("Sprachkurse");
  });

  it("stores each Arabic-script word with its stem, so a stemmed query finds it", () => {
    const stored = searchTextOf(["دورة لغة مع رعاية الأطفال"]).split(" ");
    for (const w of queryWords("دورات اللغة")) expect(stored).toContain(w);
    expect(stored).toContain("دوره");
    expect(searchTextOf(["Sprachkurs"])).toBe("sprachkurs");
  });

  it("has no words for a query of emoji or punctuation only", () => {
    expect(queryWords("🙂🙂")).toEqual([]);
    expect(queryWords("👩‍👧 … !")).toEqual([]);
  });
});

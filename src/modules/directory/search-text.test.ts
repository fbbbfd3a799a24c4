import { describe, expect, it } from "vitest";
import { queryWords, searchTextOf } from "./search-text.ts";

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
});

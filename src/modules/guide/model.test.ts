import { describe, expect, it } from "vitest";
import { checkDue, pageTranslationStatus, pathOf, readableText, wordDiff, wouldCycle } from "./model.ts";

const tree = [
  { id: "a", parentId: null },
  { id: "b", parentId: "a" },
  { id: "c", parentId: "b" },
  { id: "d", parentId: null },
];

describe("the page tree", () => {
  it("refuses a move under the page itself or its descendants, allows others", () => {
    expect(wouldCycle(tree, "a", "c")).toBe(true);
    expect(wouldCycle(tree, "a", "a")).toBe(true);
    expect(wouldCycle(tree, "c", "d")).toBe(false);
    expect(wouldCycle(tree, "b", null)).toBe(false);
  });

  it("stops on a cycle already in the data instead of looping", () => {
    const broken = [
      { id: "x", parentId: "y" },
      { id: "y", parentId: "x" },
    ];
    expect(wouldCycle(broken, "z", "x")).toBe(true);
    expect(pathOf(broken, "x").map((n) => n.id)).toEqual(["y", "x"]);
  });

  it("gives the path from the root", () => {
    expect(pathOf(tree, "c").map((n) => n.id)).toEqual(["a", "b", "c"]);
  });
});

describe("outdated translations", () => {
  it("takes the weakest field: missing before outdated before machine before draft before reviewed", () => {
    expect(pageTranslationStatus(["reviewed", "reviewed"])).toBe("reviewed");
    expect(pageTranslationStatus(["reviewed", "outdated"])).toBe("outdated");
    expect(pageTranslationStatus(["outdated", undefined])).toBe("missing");
    expect(pageTranslationStatus(["draft", "machine"])).toBe("machine");
    expect(pageTranslationStatus([])).toBe("missing");
  });

  it("marks the words added and removed since the translated version", () => {
    expect(wordDiff("Gelbe Tonne für Verpackungen.", "Gelbe Tonne für Papier und Verpackungen.")).toEqual([
      { kind: "same", text: "Gelbe Tonne für " },
      { kind: "added", text: "Papier und " },
      { kind: "same", text: "Verpackungen." },
    ]);
    expect(wordDiff("Termin am Montag", "Termin am Dienstag")).toEqual([
      { kind: "same", text: "Termin am " },
      { kind: "removed", text: "Montag" },
      { kind: "added", text: "Dienstag" },
    ]);
    expect(wordDiff("", "neu")).toEqual([{ kind: "added", text: "neu" }]);
    expect(wordDiff("x y", "x y")).toEqual([{ kind: "same", text: "x y" }]);
  });

  it("compares very long texts as a whole", () => {
    const long = "a ".repeat(50);
    expect(wordDiff(long, `${long}b`, 10)).toEqual([
      { kind: "removed", text: long },
      { kind: "added", text: `${long}b` },
    ]);
  });

  it("is due for a check a year after the last one", () => {
    expect(checkDue(null, "2026-01-01")).toBe(true);
    expect(checkDue("2025-06-01", "2026-05-31")).toBe(false);
    expect(checkDue("2025-06-01", "2026-06-01")).toBe(true);
  });
});

describe("the translator's readable text", () => {
  it("keeps paragraphs, list items and link addresses, and drops the markup", () => {
    const html =
      '<h2>Termine</h2><p>Mo &amp; Di<br>ab 9&nbsp;Uhr, <a href="https://unna.de/amt" rel="noopener">Bürgeramt</a>.</p>' +
      "<ul><li>Pass</li><li>Meldeschein &lt;A&gt;</li></ul>";
    expect(readableText(html)).toBe(
      "Termine\nMo & Di\nab 9 Uhr, Bürgeramt (https://unna.de/amt).\n\n• Pass\n• Meldeschein <A>",
    );
  });

  it("shows a changed link address and words, never a tag, in the diff", () => {
    const before = readableText('<p>Im <a href="https://unna.de/a">Bürgeramt</a> anmelden.</p>');
    const after = readableText('<p>Im <a href="https://unna.de/b">Bürgeramt</a> online anmelden.</p>');
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind !== "same").map((p) => [p.kind, p.text.trim()])).toEqual([
      ["removed", "(https://unna.de/a)"],
      ["added", "(https://unna.de/b)"],
      ["added", "online"],
    ]);
    expect(parts.map((p) => p.text).join("")).not.toMatch(/[<>]/);
  });
});

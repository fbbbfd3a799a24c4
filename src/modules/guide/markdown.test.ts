import { describe, expect, it } from "vitest";
import { sanitizeRichText } from "../directory/service.ts";
import { lostLinks, readPageFile, writePageFile } from "./markdown.ts";

const LANGS = ["de", "de-simple", "en", "ar"];
const BODY =
  '<h2>Was Sie brauchen</h2><p>Gehen Sie zum <strong>Bürgeramt</strong>, <em>mit Termin</em>.</p><ul><li>Pass</li><li>Wohnungsgeberbestätigung</li></ul><p><a href="https://www.unna.de/buergeramt">Bürgeramt</a> · <a href="https://www.unna.de">unna.de</a></p>';

describe("the Markdown round trip", () => {
  it("gives back the page's fields and the same sanitised rich text", () => {
    const text = writePageFile({
      path: ["erste-schritte", "wohnsitz-anmelden"],
      lang: "de",
      title: "Wohnsitz anmelden: so geht's",
      body: BODY,
      sort: 3,
      owner: { kind: "office", name: "Bürgeramt Unna" },
      lastChecked: "2026-01-15",
    });
    expect(text).toMatch(/^---\nslug: wohnsitz-anmelden\nlang: de\n/);
    expect(text).toContain("**Bürgeramt**");
    const { file, issues } = readPageFile("erste-schritte/wohnsitz-anmelden.de.md", text, LANGS);
    expect(issues).toEqual([]);
    expect(file).toMatchObject({
      path: ["erste-schritte", "wohnsitz-anmelden"],
      title: "Wohnsitz anmelden: so geht's",
      sort: 3,
      owner: { kind: "office", name: "Bürgeramt Unna" },
      lastChecked: "2026-01-15",
    });
    const normal = (html: string) => sanitizeRichText(html).replace(/>\s+</g, "><");
    expect(normal(file!.body)).toBe(normal(BODY));
    // Written again, the file is the same: the format is stable under repeated exchange.
    expect(writePageFile({ ...file!, body: file!.body })).toBe(text);
  });

  it("keeps a translation's language and status, and right-to-left text", () => {
    const text = writePageFile({
      path: ["gesundheit"],
      lang: "ar",
      title: "الصحة",
      body: "<p>التأمين الصحي</p>",
      status: "reviewed",
    });
    const { file } = readPageFile("gesundheit.ar.md", text, LANGS);
    expect(file).toMatchObject({
      lang: "ar",
      title: "الصحة",
      status: "reviewed",
      body: "<p>التأمين الصحي</p>",
    });
  });
});

describe("a Markdown file with mistakes", () => {
  const read = (name: string, text: string) => readPageFile(name, text, LANGS).issues;

  it("names the file and the line of each mistake", () => {
    expect(read("a/b.xx.md", "---\ntitle: X\n---\n")).toEqual([
      { file: "a/b.xx.md", line: 1, code: "guide_md_language", params: { lang: "xx" } },
    ]);
    expect(read("Seite 1.de.md", "---\ntitle: X\n---\n")[0]?.code).toBe("guide_md_file_name");
    expect(read("a.de.md", "Kein Kopf")[0]).toMatchObject({ line: 1, code: "guide_md_front_matter" });
    expect(read("a.de.md", "---\ntitle: X\nsort: [1\n---\n")[0]).toMatchObject({
      line: 3,
      code: "guide_md_yaml",
    });
    expect(
      read("a.de.md", "---\nslug: b\nlang: en\ntitle: X\nsort: -1\nlastChecked: gestern\n---\n"),
    ).toEqual([
      { file: "a.de.md", line: 3, code: "guide_md_language_mismatch", params: { lang: "en" } },
      { file: "a.de.md", line: 2, code: "guide_md_slug_mismatch", params: { slug: "a" } },
      { file: "a.de.md", line: 5, code: "guide_md_sort" },
      { file: "a.de.md", line: 6, code: "guide_md_date" },
    ]);
    expect(read("a.de.md", "---\nowner:\n  kind: verein\n---\n").map((i) => i.code)).toEqual([
      "guide_md_title",
      "guide_md_owner",
    ]);
    expect(read("a.en.md", "---\ntitle: X\nstatus: final\n---\n")).toEqual([
      { file: "a.en.md", line: 3, code: "guide_md_status" },
    ]);
  });

  it("finds the links the rich text would lose: anything but a full web, mail or phone address", () => {
    expect(
      lostLinks(
        '<a href="/ar/guide/a/b">x</a><a href="b.de.md">y</a><a href="https://x.de">z</a><a href="mailto:a@b.de">m</a>',
      ),
    ).toEqual(["/ar/guide/a/b", "b.de.md"]);
  });
});

// The news feeds parsed back by a real feed parser (@rowanmanning/feed-parser) and read by a
// strict XML parser (saxes), in every public language, right to left and easy German included,
// against the rules of Atom 1.0 (RFC 4287) and RSS 2.0 (decision 105).
import { parseFeed } from "@rowanmanning/feed-parser";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { htmlLang, PUBLIC_LANGUAGE_CODES, type PublicLanguage } from "../../i18n/languages.ts";
import { type FeedNews, newsFeedXml } from "./news-feed.ts";

/** A plain-text title and a rich-text body per language, as a reader of that language gets them. */
const TEXTS: Record<PublicLanguage, { title: string; body: string }> = {
  de: { title: "Kita & Schule: <neue> Sprechzeiten", body: "<p>Ab März auch samstags.</p>" },
  "de-simple": { title: "Neue Zeiten im Amt", body: "<p>Das Amt hat jetzt auch am Samstag offen.</p>" },
  en: { title: "New office hours", body: "<p>From March also on Saturdays.</p>" },
  ar: { title: "مواعيد جديدة في مكتب المواطنين", body: "<p>اعتبارًا من مارس أيضًا أيام السبت.</p>" },
  tr: { title: "Vatandaşlık bürosunda yeni saatler", body: "<p>Mart'tan itibaren cumartesi de.</p>" },
  ru: { title: "Новые часы приёма", body: "<p>С марта также по субботам.</p>" },
  uk: { title: "Нові години прийому", body: "<p>З березня також у суботу.</p>" },
  fa: { title: "ساعات کاری تازه در دفتر شهروندی", body: "<p>از مارس شنبه‌ها هم باز است.</p>" },
};
const IDS = ["0190a6f0-0000-7000-8000-000000000001", "0190a6f0-0000-7000-8000-000000000002"];
const BASE = "https://lotse.example/";

function itemsIn(lang: PublicLanguage): FeedNews[] {
  const own = TEXTS[lang];
  const fallback = lang !== "de";
  return [
    {
      id: IDS[0]!,
      title: { text: own.title, lang, isFallback: false },
      body: { text: own.body, lang, isFallback: false },
      publishedOn: "2026-03-02",
    },
    // Not translated yet: the German text, as the public list shows it.
    {
      id: IDS[1]!,
      title: { text: "Bibliothek geschlossen", lang: "de", isFallback: fallback },
      body: null,
      publishedOn: "2026-03-01",
    },
  ];
}

function feedOf(lang: PublicLanguage, format: "atom" | "rss") {
  return newsFeedXml(
    itemsIn(lang),
    {
      lang,
      tenantName: "Kreisstadt Unna",
      title: `Aktuelles · Kreisstadt Unna (${lang})`,
      description: "Meldungen für Neuzugewanderte",
      baseUrl: BASE,
    },
    format,
  );
}

type Node = { name: string; attributes: Record<string, string>; children: Node[]; text: string };

/** The document as a tree, by a strict, namespace-aware XML parser: any well-formedness error throws. */
function xmlTree(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const node: Node = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])),
      children: [],
      text: "",
    };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on("text", (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on("cdata", (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}
const children = (n: Node, name: string) => n.children.filter((c) => c.name === name);
const one = (n: Node, name: string) => {
  const found = children(n, name);
  expect(found, `exactly one <${name}> in <${n.name}>`).toHaveLength(1);
  return found[0]!;
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;

describe("news feeds", () => {
  it.each(PUBLIC_LANGUAGE_CODES)("Atom 1.0 in %s parses back and keeps RFC 4287's rules", (lang) => {
    const xml = feedOf(lang, "atom");
    const feed = parseFeed(xml);
    expect(feed.meta).toMatchObject({ type: "atom", version: "1.0" });
    expect(feed.language).toBe(htmlLang(lang));
    expect(feed.title).toBe(`Aktuelles · Kreisstadt Unna (${lang})`);
    expect(feed.url).toBe(`https://lotse.example/${lang}/news`);
    expect(feed.self).toBe(`https://lotse.example/${lang}/news/feed.atom`);
    expect(feed.authors.map((a) => a.name)).toEqual(["Kreisstadt Unna"]);
    expect(feed.updated?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(
      feed.items.map((i) => ({
        id: i.id,
        title: i.title,
        url: i.url,
        updated: i.updated?.toISOString(),
        content: i.content,
      })),
    ).toEqual([
      {
        id: `urn:uuid:${IDS[0]}`,
        // A plain-text title stays plain text, "&" and "<" included.
        title: TEXTS[lang].title,
        url: `https://lotse.example/${lang}/news#news-${IDS[0]}`,
        updated: "2026-03-02T00:00:00.000Z",
        content: TEXTS[lang].body,
      },
      {
        id: `urn:uuid:${IDS[1]}`,
        title: "Bibliothek geschlossen",
        url: `https://lotse.example/${lang}/news#news-${IDS[1]}`,
        updated: "2026-03-01T00:00:00.000Z",
        content: null,
      },
    ]);

    // RFC 4287 §4.1.1–4.1.2, checked on the strict parse.
    const root = xmlTree(xml);
    expect(root.name).toBe("feed");
    expect(root.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(root.attributes["xml:lang"]).toBe(htmlLang(lang));
    expect(one(root, "id").text).toBe(`https://lotse.example/${lang}/news`);
    expect(one(root, "title").text).not.toBe("");
    expect(one(root, "updated").text).toMatch(RFC3339);
    // No entry has an author, so the feed must have one.
    expect(one(one(root, "author"), "name").text).toBe("Kreisstadt Unna");
    const links = children(root, "link");
    expect(links.filter((l) => (l.attributes.rel ?? "alternate") === "alternate")).toHaveLength(1);
    expect(links.find((l) => l.attributes.rel === "self")?.attributes.href).toMatch(/feed\.atom$/);
    const entries = children(root, "entry");
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(one(e, "id").text).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      const title = one(e, "title");
      expect(title.text).not.toBe("");
      // §3.1.1.2: an "html" title is escaped HTML, so a plain title's "<" must arrive as "&lt;".
      if (title.attributes.type === "html") expect(title.text).not.toContain("<");
      expect(one(e, "updated").text).toMatch(RFC3339);
      expect(
        children(e, "link").filter((l) => (l.attributes.rel ?? "alternate") === "alternate"),
      ).toHaveLength(1);
      expect(children(e, "content").length).toBeLessThanOrEqual(1);
    }
    // Decision 115: the translated entry takes the feed's language; the German one says it is German.
    expect(entries.map((e) => e.attributes["xml:lang"])).toEqual([
      undefined,
      htmlLang(lang) === "de" ? undefined : "de",
    ]);
  });

  it.each(PUBLIC_LANGUAGE_CODES)("RSS 2.0 in %s parses back and keeps the specification's rules", (lang) => {
    const xml = feedOf(lang, "rss");
    const feed = parseFeed(xml);
    expect(feed.meta).toMatchObject({ type: "rss", version: "2.0" });
    expect(feed.language).toBe(htmlLang(lang));
    expect(feed.title).toBe(`Aktuelles · Kreisstadt Unna (${lang})`);
    expect(feed.description).toBe("Meldungen für Neuzugewanderte");
    expect(feed.url).toBe(`https://lotse.example/${lang}/news`);
    expect(
      feed.items.map((i) => ({
        id: i.id,
        title: i.title,
        url: i.url,
        published: i.published?.toISOString(),
        content: i.content,
      })),
    ).toEqual([
      {
        id: `urn:uuid:${IDS[0]}`,
        title: TEXTS[lang].title,
        url: `https://lotse.example/${lang}/news#news-${IDS[0]}`,
        published: "2026-03-02T00:00:00.000Z",
        content: TEXTS[lang].body,
      },
      {
        id: `urn:uuid:${IDS[1]}`,
        title: "Bibliothek geschlossen",
        url: `https://lotse.example/${lang}/news#news-${IDS[1]}`,
        published: "2026-03-01T00:00:00.000Z",
        content: null,
      },
    ]);

    const root = xmlTree(xml);
    expect([root.name, root.attributes.version]).toEqual(["rss", "2.0"]);
    const channel = one(root, "channel");
    // Required channel elements, each present and not empty.
    for (const name of ["title", "link", "description"]) expect(one(channel, name).text).not.toBe("");
    expect(one(channel, "language").text).toBe(htmlLang(lang));
    expect(one(channel, "lastBuildDate").text).toMatch(RFC822);
    const items = children(channel, "item");
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(one(item, "title").text).not.toBe("");
      expect(one(item, "pubDate").text).toMatch(RFC822);
      // A urn is no address: the guid must say it is not a permalink.
      expect(one(item, "guid").attributes.isPermaLink).toBe("false");
    }
    expect(items.map((i) => i.attributes["xml:lang"])).toEqual([
      undefined,
      htmlLang(lang) === "de" ? undefined : "de",
    ]);
  });

  it("marks an entry's body when it is in another language than its title, and leaves CDATA alone", () => {
    // The German body changed and its Farsi translation is outdated; the title's is current.
    // The titles look like the elements the rewrite looks for; inside CDATA they are text.
    const items: FeedNews[] = [
      {
        id: IDS[0]!,
        title: { text: "<item> <entry> ساعات تازه", lang: "fa", isFallback: false },
        body: { text: "<p>Ab März auch samstags.</p>", lang: "de", isFallback: true },
        publishedOn: "2026-03-02",
      },
      {
        id: IDS[1]!,
        title: { text: "Opening hours", lang: "en", isFallback: true },
        body: { text: "<p>Also on Saturdays.</p>", lang: "en", isFallback: true },
        publishedOn: "2026-03-01",
      },
    ];
    const frame = {
      lang: "fa" as const,
      tenantName: "Unna",
      title: "اخبار",
      description: "اخبار",
      baseUrl: BASE,
    };
    const langOf = (n: Node) => n.attributes["xml:lang"];

    const atom = newsFeedXml(items, frame, "atom");
    const entries = children(xmlTree(atom), "entry");
    expect(entries.map(langOf)).toEqual([undefined, "en"]);
    expect(["summary", "content"].map((name) => langOf(one(entries[0]!, name)))).toEqual(["de", "de"]);
    // Body and title agree: the entry's attribute covers both.
    expect(["summary", "content"].map((name) => langOf(one(entries[1]!, name)))).toEqual([
      undefined,
      undefined,
    ]);
    expect(parseFeed(atom).items.map((i) => i.title)).toEqual([items[0]!.title.text, "Opening hours"]);

    const rss = newsFeedXml(items, frame, "rss");
    const channel = one(xmlTree(rss), "channel");
    // The channel's own description comes before any item and is left as it is.
    expect(langOf(one(channel, "description"))).toBeUndefined();
    const rssItems = children(channel, "item");
    expect(rssItems.map(langOf)).toEqual([undefined, "en"]);
    expect(["description", "content:encoded"].map((name) => langOf(one(rssItems[0]!, name)))).toEqual([
      "de",
      "de",
    ]);
    expect(parseFeed(rss).items.map((i) => i.title)).toEqual([items[0]!.title.text, "Opening hours"]);
  });

  it("an empty feed is still valid in both formats", () => {
    const frame = {
      lang: "ar" as const,
      tenantName: "Unna",
      title: "أخبار",
      description: "أخبار",
      baseUrl: BASE,
    };
    const atom = parseFeed(newsFeedXml([], frame, "atom"));
    expect([atom.meta.type, atom.items.length, atom.language]).toEqual(["atom", 0, "ar"]);
    expect(one(xmlTree(newsFeedXml([], frame, "atom")), "updated").text).toMatch(RFC3339);
    const rss = parseFeed(newsFeedXml([], frame, "rss"));
    expect([rss.meta.type, rss.items.length]).toEqual(["rss", 0]);
  });
});

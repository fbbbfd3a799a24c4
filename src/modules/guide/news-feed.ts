/**
 * The news feeds (decision 082) as Atom 1.0 (RFC 4287) and RSS 2.0, written with the library
 * `feed`; pure, so the unit test parses every public language with a real feed parser. Fixes
 * around the library (decision 105): Atom needs an author on the feed when the entries have
 * none (RFC 4287 §4.1.1), the language as `xml:lang` (the library writes it for RSS only), and
 * plain-text titles escaped, since the library marks Atom titles `type="html"`. An entry read in
 * another language than the feed's (German where no current translation exists) carries its own
 * `xml:lang` (decision 115), which the library cannot write either.
 */
import { Feed } from "feed";
import { htmlLang, type PublicLanguage } from "../../i18n/languages.ts";
import type { PublicText } from "./reading.ts";

export type FeedNews = { id: string; title: PublicText; body: PublicText | null; publishedOn: string };

export type FeedFrame = {
  lang: PublicLanguage;
  /** The tenant's public name: the feed's author and rights holder. */
  tenantName: string;
  /** The feed's title and description in the feed's language. */
  title: string;
  description: string;
  baseUrl: string;
};

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';
/** The elements that hold an entry's body: Atom's summary and content, RSS's description and content:encoded. */
const BODY_TAGS = new Set(["summary", "content", "description", "content:encoded"]);

/**
 * Rewrites the start tags of `xml` in document order, leaving CDATA sections untouched: a title
 * such as "<item>" is raw text inside CDATA in RSS and must not be taken for an element.
 */
export function rewriteStartTags(xml: string, rewrite: (name: string, tag: string) => string): string {
  let out = "";
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return out + xml.slice(i);
    out += xml.slice(i, lt);
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      const stop = end < 0 ? xml.length : end + 3;
      out += xml.slice(lt, stop);
      i = stop;
      continue;
    }
    const gt = xml.indexOf(">", lt);
    if (gt < 0) return out + xml.slice(lt);
    const tag = xml.slice(lt, gt + 1);
    const name = /^<([A-Za-z][\w:.-]*)/.exec(tag)?.[1];
    out += name ? rewrite(name, tag) : tag;
    i = gt + 1;
  }
  return out;
}

const withLang = (tag: string, lang: string) => tag.replace(/\s*(\/?)>$/, ` xml:lang="${lang}"$1>`);

/**
 * `xml:lang` on each entry (Atom `entry`, RSS `item`) whose title is in another language than
 * the feed, and on its body elements where the body's language differs from the entry's (the
 * German body changed and its translation is outdated, while the title's is not). In RSS the
 * attribute comes from the XML namespace, which every XML document binds, so it is a
 * namespaced extension that RSS 2.0 allows.
 */
function entryLanguages(xml: string, items: readonly FeedNews[], feedLang: string, entryTag: string) {
  let n = -1;
  return rewriteStartTags(xml, (name, tag) => {
    if (name === entryTag) n++;
    const item = items[n];
    if (!item) return tag;
    const own = htmlLang(item.title.lang);
    if (name === entryTag) return own === feedLang ? tag : withLang(tag, own);
    if (BODY_TAGS.has(name) && item.body && htmlLang(item.body.lang) !== own)
      return withLang(tag, htmlLang(item.body.lang));
    return tag;
  });
}

/** Plain text as HTML text (the Atom title is `type="html"`, so "Kita & Schule" needs its &amp;). */
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function newsFeedXml(items: readonly FeedNews[], frame: FeedFrame, format: "atom" | "rss"): string {
  const base = frame.baseUrl.replace(/\/$/, "");
  const list = `${base}/${frame.lang}/news`;
  const feed = new Feed({
    id: list,
    link: list,
    title: frame.title,
    description: frame.description,
    language: htmlLang(frame.lang),
    author: { name: frame.tenantName, link: base },
    copyright: frame.tenantName,
    generator: "Lotse",
    updated: items[0] ? new Date(`${items[0].publishedOn}T00:00:00Z`) : new Date(0),
    feedLinks: { atom: `${list}/feed.atom`, rss: `${list}/feed.rss` },
  });
  for (const n of items) {
    const link = `${list}#news-${n.id}`;
    feed.addItem({
      id: `urn:uuid:${n.id}`,
      guid: `urn:uuid:${n.id}`,
      title: format === "atom" ? escapeHtml(n.title.text) : n.title.text,
      link,
      date: new Date(`${n.publishedOn}T00:00:00Z`),
      ...(n.body ? { content: n.body.text, description: n.body.text } : {}),
    });
  }
  const feedLang = htmlLang(frame.lang);
  if (format === "rss") return entryLanguages(feed.rss2(), items, feedLang, "item");
  // The root as the library writes it; the unit test notices if that ever changes.
  const xml = feed
    .atom1()
    .replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feedLang}">`);
  return entryLanguages(xml, items, feedLang, "entry");
}

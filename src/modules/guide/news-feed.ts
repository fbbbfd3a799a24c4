/**
 * The news feeds (decision 082) as Atom 1.0 (RFC 4287) and RSS 2.0, written with the library
 * `feed`; pure, so the unit test parses every public language with a real feed parser. Fixes
 * around the library (decision 105): Atom needs an author on the feed when the entries have
 * none (RFC 4287 §4.1.1), the language as `xml:lang` (the library writes it for RSS only), and
 * plain-text titles escaped, since the library marks Atom titles `type="html"`.
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
  if (format === "rss") return feed.rss2();
  const xml = feed.atom1();
  // The root as the library writes it; the unit test notices if that ever changes.
  return xml.replace(
    ATOM_ROOT,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${htmlLang(frame.lang)}">`,
  );
}

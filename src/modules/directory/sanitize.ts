/**
 * Rich text of directory entries (descriptions): a small allow-list, enforced on the server
 * when saving and again when rendering. Built on sanitize-html (htmlparser2), which drops
 * script/style contents, every attribute not listed and URLs with schemes not listed.
 */
import sanitizeHtml from "sanitize-html";

const SAFE_HREF = /^(?:https?:\/\/[^\s]|mailto:[^\s]|tel:[+\d(])/i;

const RICH: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Script, style and similar are removed together with their contents; other tags are unwrapped.
  disallowedTagsMode: "discard",
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "math",
  ],
  transformTags: {
    b: "strong",
    i: "em",
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    // A link keeps only an absolute http(s)/mailto/tel href and gets rel; any other link
    // becomes its text (a span, which is not allowed and is therefore unwrapped).
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? "").trim();
      return SAFE_HREF.test(href)
        ? { tagName, attribs: { href, rel: "noopener noreferrer" } }
        : { tagName: "span", attribs: {} };
    },
  },
};

/** The allow-listed form of user-supplied HTML: p, br, strong, em, ul, ol, li, h3, h4, a[href]. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH).trim();
}

const PLAIN: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: "discard",
  nonTextTags: RICH.nonTextTags ?? [],
};

const BLOCK_END = /<\/(p|li|h[1-6]|div|ul|ol|tr)\s*>|<br\s*\/?>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * The text of rich text, for search, summaries and iCal descriptions: tags removed, block ends
 * as line breaks, entities decoded, runs of blank space collapsed. The result is plain text
 * (it may contain "<"), to be escaped by whatever renders it.
 */
export function plainTextOf(html: string): string {
  const text = sanitizeHtml(
    html.replace(BLOCK_END, (m) => `${m}\n`),
    PLAIN,
  );
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/[ \t\f\v\r\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/**
 * The guide's Markdown interchange format (issue 23 item 7, decision 090): one file per page and
 * language, `<slug>/<slug>/<slug>.<lang>.md`, YAML front matter, the body as CommonMark/GFM.
 * Pure (no database): rendering a page to a file and reading a file back, with per-line errors.
 */
import { Marked } from "marked";
import TurndownService from "turndown";
import { isMap, LineCounter, parseDocument, stringify } from "yaml";
import { SLUG_PATTERN } from "./model.ts";

/** What a file's front matter holds (German file: the page; other languages: the translation). */
export type PageFile = {
  /** Slugs from the root to the page. */
  path: string[];
  lang: string;
  title: string;
  body: string;
  /** German file only. */
  sort?: number;
  owner?: { kind: "organization" | "office"; name: string };
  lastChecked?: string | null;
  /** Translations only: the status to keep ("draft" or "reviewed"). */
  status?: string;
};

export type FileIssue = {
  file: string;
  line: number;
  code: string;
  params?: Record<string, string | number>;
};

const turndown = new TurndownService({
  headingStyle: "atx",
  codeBlockStyle: "fenced",
  bulletListMarker: "-",
});
// One parser instance with GFM (tables, autolinks) and no raw-HTML passthrough surprises: the
// result is sanitised by the service anyway.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Rich text (sanitised HTML) as Markdown. */
export const htmlToMarkdown = (html: string): string => (html.trim() ? turndown.turndown(html) : "");

/** Markdown as HTML (the caller sanitises it as every rich text is). */
export const markdownToHtml = (md: string): string => (md.trim() ? (marked.parse(md) as string).trim() : "");

/** The archive path of a page's file in one language. */
export const fileName = (path: readonly string[], lang: string) => `${path.join("/")}.${lang}.md`;

/** One file's text: front matter, then the body. */
export function writePageFile(f: PageFile): string {
  const front: Record<string, unknown> = { slug: f.path.at(-1), lang: f.lang, title: f.title };
  if (f.sort !== undefined) front.sort = f.sort;
  if (f.owner) front.owner = f.owner;
  if (f.lastChecked) front.lastChecked = f.lastChecked;
  if (f.status) front.status = f.status;
  const body = htmlToMarkdown(f.body);
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body ? `\n${body}\n` : ""}`;
}

const NAME = /^((?:[a-z0-9-]+\/)*[a-z0-9-]+)\.([a-zA-Z-]+)\.md$/;

/**
 * Reads one file: its path and language from the name, the front matter (line numbers counted
 * in the file) and the body as HTML. Issues name the file and line; a file with issues is null.
 */
export function readPageFile(
  name: string,
  text: string,
  languages: readonly string[],
): { file: PageFile | null; issues: FileIssue[] } {
  const issues: FileIssue[] = [];
  const fail = (line: number, code: string, params?: FileIssue["params"]) => {
    issues.push({ file: name, line, code, ...(params ? { params } : {}) });
    return { file: null, issues };
  };
  const m = NAME.exec(name);
  if (!m) return fail(1, "guide_md_file_name");
  const path = m[1]!.split("/");
  const lang = m[2]!;
  if (!path.every((s) => SLUG_PATTERN.test(s))) return fail(1, "guide_md_file_name");
  if (!languages.includes(lang)) return fail(1, "guide_md_language", { lang });
  const src = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fm = /^---\n([\s\S]*?)\n?---(?:\n|$)/.exec(src);
  if (!fm) return fail(1, "guide_md_front_matter");
  const counter = new LineCounter();
  const doc = parseDocument(fm[1]!, { lineCounter: counter, prettyErrors: false });
  // Line 1 is the opening "---": front matter line n is file line n + 1.
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? 2 : counter.linePos(offset).line + 1;
  if (doc.errors.length) return fail(lineAt(doc.errors[0]!.pos[0]), "guide_md_yaml");
  if (!isMap(doc.contents)) return fail(2, "guide_md_front_matter");
  const map = doc.contents;
  const lineOf = (key: string) => {
    const pair = map.items.find((p) => (p.key as { value?: unknown })?.value === key);
    return lineAt((pair?.key as { range?: [number] } | undefined)?.range?.[0]);
  };
  const data = doc.toJS() as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === "string" ? (data[key] as string).trim() : undefined);
  if (str("lang") !== undefined && str("lang") !== lang)
    fail(lineOf("lang"), "guide_md_language_mismatch", { lang: str("lang")! });
  if (str("slug") !== undefined && str("slug") !== path.at(-1))
    fail(lineOf("slug"), "guide_md_slug_mismatch", { slug: path.at(-1)! });
  const title = str("title");
  if (!title) fail(lineOf("title"), "guide_md_title");
  const file: PageFile = { path, lang, title: title ?? "", body: markdownToHtml(src.slice(fm[0].length)) };
  if (lang === "de") {
    const owner = data.owner as { kind?: unknown; name?: unknown } | undefined;
    if (owner !== undefined) {
      if (
        (owner?.kind !== "organization" && owner?.kind !== "office") ||
        typeof owner.name !== "string" ||
        !owner.name.trim()
      )
        fail(lineOf("owner"), "guide_md_owner");
      else file.owner = { kind: owner.kind, name: owner.name.trim() };
    }
    if (data.sort !== undefined) {
      if (!Number.isInteger(data.sort) || (data.sort as number) < 0 || (data.sort as number) > 10_000)
        fail(lineOf("sort"), "guide_md_sort");
      else file.sort = data.sort as number;
    }
    const checked = data.lastChecked;
    if (checked !== undefined && checked !== null) {
      const iso = checked instanceof Date ? checked.toISOString().slice(0, 10) : String(checked);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso)))
        fail(lineOf("lastChecked"), "guide_md_date");
      else file.lastChecked = iso;
    }
  } else {
    const status = str("status") ?? "draft";
    if (status !== "draft" && status !== "reviewed") fail(lineOf("status"), "guide_md_status");
    file.status = status;
  }
  return issues.length ? { file: null, issues } : { file, issues };
}

/**
 * Links of a body (HTML, before sanitising) that the rich text cannot keep: anything but a full
 * http(s), mailto or tel address (a relative path, another page of the site) would silently
 * become plain text, so the import reports it as a broken link instead.
 */
export function lostLinks(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    const href = m[1]!.replace(/&amp;/g, "&").trim();
    if (!/^(?:https?:\/\/[^\s]|mailto:[^\s]|tel:[+\d(])/i.test(href)) out.push(href);
  }
  return out;
}

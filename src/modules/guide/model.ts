/**
 * The guide module's public model (issue 23): page states, limits, the tree rules and the word
 * diff a translator sees. Browser-safe: no tables, no Node.
 */

/** draft → review → published; a published page edited again gets a new draft beside it. */
export const PAGE_STATUSES = ["draft", "review", "published"] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** Who answers for a page's content: an organization of the directory or an office. */
export const OWNER_KINDS = ["organization", "office"] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** Workflow steps a page's draft can take. */
export const TRANSITIONS = ["submit", "publish", "return"] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** The translated-content entity type of a page; its fields are "title" and "body". */
export const GUIDE_ENTITY = "guide_page";
export const GUIDE_FIELDS = ["title", "body"] as const;
export type GuideField = (typeof GUIDE_FIELDS)[number];

export const MAX_TITLE = 200;
export const MAX_BODY = 20_000;
export const MAX_SLUG = 80;
export const MAX_LINKS = 20;
export const MAX_DEPTH = 6;
/** A page is due for a check this many days after it was last checked. */
export const CHECK_INTERVAL_DAYS = 365;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Node = { id: string; parentId: string | null };

/** True when hanging `id` under `parentId` would make it its own ancestor. */
export function wouldCycle(nodes: readonly Node[], id: string, parentId: string | null): boolean {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const seen = new Set<string>();
  for (let cur = parentId; cur !== null && cur !== undefined; cur = parentOf.get(cur) ?? null) {
    if (cur === id || seen.has(cur)) return true;
    seen.add(cur);
  }
  return false;
}

/** The page's ancestors from the root down, the page itself last. */
export function pathOf<N extends Node>(nodes: readonly N[], id: string): N[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: N[] = [];
  const seen = new Set<string>();
  for (
    let cur = byId.get(id);
    cur && !seen.has(cur.id);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  ) {
    seen.add(cur.id);
    out.unshift(cur);
  }
  return out;
}

/** Depth of a new child of `parentId` (a root page has depth 1). */
export function depthBelow(nodes: readonly Node[], parentId: string | null): number {
  return parentId ? pathOf(nodes, parentId).length + 1 : 1;
}

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * Sanitised rich text as the translator reads it (decision 115): one line per paragraph, heading
 * or list item, a link as its text with the address in brackets (a changed address is a change
 * the translation must follow), no markup. The diff of this is readable; the diff of the HTML
 * showed tags and split words at them.
 */
export function readableText(html: string): string {
  return html
    .replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, "$2 ($1)")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li[^>]*>/gi, "\n• ")
    .replace(/<\/(p|div|h[1-6]|ul|ol|blockquote)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Word-level changes from `before` to `after` (longest common subsequence over words and the
 * spaces between them), for the translator's "changed since the last reviewed translation".
 * Texts longer than the limit are compared as a whole: the page then shows old and new in full.
 */
export function wordDiff(before: string, after: string, limit = 4000): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  if (a.length * b.length > limit * limit) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  // lcs[i][j] = length of the common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push("removed", a[i++]!);
    else push("added", b[j++]!);
  }
  while (i < a.length) push("removed", a[i++]!);
  while (j < b.length) push("added", b[j++]!);
  return parts;
}

/** True when a page last checked on `lastCheckedOn` (ISO date) is due for a check on `today`. */
export function checkDue(lastCheckedOn: string | null, today: string): boolean {
  if (!lastCheckedOn) return true;
  const due = new Date(`${lastCheckedOn}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + CHECK_INTERVAL_DAYS);
  return due.toISOString().slice(0, 10) <= today;
}

type CellStatus = "missing" | "machine" | "draft" | "reviewed" | "outdated";
const WORST_FIRST: readonly CellStatus[] = ["missing", "outdated", "machine", "draft", "reviewed"];

/**
 * A page's status in one language from the statuses of its translated fields (title, body):
 * the weakest one wins, so a reviewed title over an outdated body is "outdated".
 */
export function pageTranslationStatus(fields: readonly (CellStatus | undefined)[]): CellStatus {
  if (!fields.length) return "missing";
  const present = fields.map((f) => f ?? "missing");
  return WORST_FIRST.find((s) => present.includes(s)) ?? "missing";
}

/**
 * Languages the welcome package PDF is offered in: left to right only until the PDF engine sets
 * Arabic and Farsi (decision 074; decision 075 studies right-to-left in pdfkit).
 */
export const PACKAGE_LANGUAGES = ["de", "de-simple", "en", "ar", "fa", "tr", "ru", "uk"] as const;
export type PackageLanguage = (typeof PACKAGE_LANGUAGES)[number];
export const isPackageLanguage = (l: string): l is PackageLanguage =>
  (PACKAGE_LANGUAGES as readonly string[]).includes(l);
/** Pages one package holds at most (the benchmark: 40). */
export const MAX_PACKAGE_PAGES = 60;
/** Directory offers one package holds at most. */
export const MAX_PACKAGE_OFFERS = 20;
export const MAX_PACKAGE_NAME = 120;

/**
 * The package language for a household (decision 082): the first language any of its persons
 * speaks natively, else the first one spoken at all, that a package is offered in; German
 * otherwise (the case worker may choose another). `languages` in the persons' order.
 */
export function packageLanguageFor(
  persons: readonly { languages: readonly { lang: string; level: string }[] }[],
): PackageLanguage {
  const all = persons.flatMap((p) => p.languages);
  const offered = (l: { lang: string }) => isPackageLanguage(l.lang) && l.lang !== "de";
  const native = all.find((l) => l.level === "native" && offered(l));
  const any = all.find((l) => offered(l) && l.level !== "none");
  return ((native ?? any)?.lang as PackageLanguage | undefined) ?? "de";
}

/** Days before a page's check is due when its owner is first reminded, and between reminders. */
export const REMINDER_LEAD_DAYS = 14;
export const REMINDER_INTERVAL_DAYS = 30;

/**
 * True when the daily job should mail a page's owner today: the check is due within the lead
 * time, and no reminder went out in the last interval.
 */
export function reminderDue(lastCheckedOn: string | null, remindedOn: string | null, today: string): boolean {
  const shift = (d: string, days: number) => {
    const x = new Date(`${d}T00:00:00Z`);
    x.setUTCDate(x.getUTCDate() + days);
    return x.toISOString().slice(0, 10);
  };
  if (!checkDue(lastCheckedOn, shift(today, REMINDER_LEAD_DAYS))) return false;
  return !remindedOn || shift(remindedOn, REMINDER_INTERVAL_DAYS) <= today;
}

/** News (decision 082). */
export const NEWS_ENTITY = "guide_news";
export const MAX_NEWS_BODY = 5_000;
export const MAX_NEWS_PAGES = 10;
/** Messages on the public home page, and in a feed. */
export const HOME_NEWS = 3;
export const FEED_NEWS = 30;

/** The Markdown interchange (decision 090): an archive's upload limit and its files at most. */
export const MD_MAX_BYTES = 20 * 2 ** 20;
export const MD_MAX_FILES = 20_000;

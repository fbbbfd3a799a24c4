import type { Principal } from "./policy/roles.ts";

/**
 * The staff home's registry (decision 092): each module may say what needs a signed-in user
 * today through a `home` source in its `module.ts`. The home page lists the items per module,
 * the digest mail counts what is new. The platform knows only these types.
 */

/** How urgent an item is: "overdue" (a date has passed), "due" (soon), "info" (waiting). */
export const HOME_SEVERITIES = ["overdue", "due", "info"] as const;
export type HomeSeverity = (typeof HOME_SEVERITIES)[number];

/** At most this many entries per item; the item's page lists all of them. */
export const HOME_TOP = 5;

/**
 * A translated title: a catalog key and its values. A `language` value is a language code,
 * which the page names in the reader's language.
 */
export type HomeText = { key: string; values?: Record<string, string | number> };

export type HomeEntry = {
  /** Stable across days ("<kind>:<id>"): the digest tells new entries by it. */
  key: string;
  /** What the user may already see on the linked page (a case reference, an entry's name). */
  title: string | HomeText;
  /** ISO date (YYYY-MM-DD) the entry is due, if it has one. */
  due: string | null;
  /** A staff page path ("/staff/…"). */
  href: string;
};

export type HomeItem = {
  /** "<module>.<what>", stable: the digest compares it day by day. */
  kind: string;
  /** Catalog key of the item's label, with `{count}`. */
  labelKey: string;
  count: number;
  severity: HomeSeverity;
  /** The page listing all of them. */
  href: string;
  /** The HOME_TOP most recent, the newest (or the most overdue) first. */
  entries: HomeEntry[];
};

/**
 * A module's answer for one principal. It decides visibility through the policy (need-to-know:
 * a case worker sees only items of their cases), returns [] for roles it has nothing for, and
 * reads counts plus the top entries in one round of bounded queries (no query per entry).
 */
export type HomeItemSource = {
  /** Catalog key of the module's heading on the home page. */
  headingKey: string;
  items(principal: Principal, today: string): Promise<HomeItem[]>;
};

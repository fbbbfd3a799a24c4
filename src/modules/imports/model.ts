import type { MessageValues, Translate } from "#app/i18n/translator.ts";
import type { Action } from "#app/server/policy/policy.ts";

/**
 * Imports as jobs (decision 042): one run per upload. Browser-safe (the wizard renders these).
 */
export const IMPORT_RUN_STATUSES = ["queued", "running", "previewed", "committed", "failed"] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

export const IMPORT_KINDS = [
  "areas",
  "directory",
  "monitoring",
  "guide",
  "addresses",
  "accommodation_sites",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Who may start and see a kind's runs: that import's own permission (checked by the policy). */
export const IMPORT_KIND_PERMISSION = {
  areas: "areas.import",
  directory: "directory.import",
  monitoring: "monitoring.data.manage",
  guide: "guide.interchange",
  addresses: "addresses.import",
  accommodation_sites: "accommodation.sites.manage",
} as const satisfies Record<ImportKind, Action>;

/** What the run does next: analyse only, or analyse and write all-or-nothing. */
export const IMPORT_MODES = ["preview", "commit"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * A message as a catalog key and its parameters: translated when shown, never stored as text.
 * `lists` are parameters whose value is a list of catalog keys (the repairs of a geometry),
 * translated and joined when shown.
 */
export type Coded = { code: string; params?: MessageValues; lists?: Record<string, string[]> };

/** The text of a coded message in the reader's language. */
export function codedText(t: Translate, c: Coded): string {
  const lists = Object.entries(c.lists ?? {}).map(([k, keys]) => [k, keys.map((key) => t(key)).join(", ")]);
  return t(c.code, { ...c.params, ...Object.fromEntries(lists) });
}

/** One error at a row (1-based, as the user counts) and column (the file's own column/field name). */
export type RowIssue = Coded & { row: number; column: string };

/** A preview cell: the file's own text, or a catalog key (a level, an action). */
export type Cell = string | Coded;

/** A result with nothing in it (a commit that wrote, before the preview's rows are merged in). */
export function emptyResult(ok: boolean): ImportRunResult {
  return {
    ok,
    fileIssues: [],
    issues: [],
    issuesOmitted: 0,
    counts: {},
    columns: [],
    rows: [],
    totalRows: 0,
    committed: null,
  };
}

/**
 * The outcome of a preview or commit. `counts` are catalog keys under `imports.count.*`;
 * `columns` name the preview's columns (catalog keys), `rows` are its first rows.
 */
export type ImportRunResult = {
  ok: boolean;
  fileIssues: Coded[];
  issues: RowIssue[];
  /** Issues beyond those kept (a file with thousands of bad rows keeps the first ones). */
  issuesOmitted: number;
  /** What the reader found in the file (format, coordinate system, attribute mapping). */
  notices?: Coded[];
  /** Per row: worth a look, but not blocking (an area far from the others, a proposed repair). */
  warnings?: RowIssue[];
  counts: Record<string, number>;
  columns: string[];
  rows: { row: number; cells: Cell[]; invalid: boolean }[];
  /** Rows in the file in all (the preview keeps the first ones). */
  totalRows: number;
  /** After a commit: what was written, as counts (catalog keys under `imports.count.*`). */
  committed: Record<string, number> | null;
};

/** Rows of the preview stored and shown, and row errors kept, at most. */
export const PREVIEW_ROWS = 50;
export const MAX_ISSUES = 500;
/** A stored upload is deleted after commit, or this long after the run started. */
export const UPLOAD_RETENTION_HOURS = 24;
/** Runs themselves (without upload) are kept this long, then deleted. */
export const RUN_RETENTION_DAYS = 30;

/** A run as services and pages see it (the stored upload never leaves the service). */
export type ImportRunView = {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  status: ImportRunStatus;
  filename: string;
  progress: { done: number; total: number };
  result: ImportRunResult | null;
  errorCode: string | null;
  /** The upload is still stored, so a previewed run can be committed. */
  committable: boolean;
  createdAt: string;
  updatedAt: string;
};

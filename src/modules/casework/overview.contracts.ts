/** Contracts of the case-work overviews (decision 019): the query and what comes back. Browser-safe. */
import { z } from "zod";

export const OVERVIEW_TABLES = [
  "caseload_office",
  "caseload_worker",
  "overdue_tasks",
  "cases_phase",
  "open_needs",
  "referrals",
] as const;
export type OverviewTableId = (typeof OVERVIEW_TABLES)[number];

/** GET /case-overview (and the CSV): referrals sent in this year only. */
export const overviewQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type OverviewQuery = z.output<typeof overviewQuery>;

/** GET /case-overview/{table}/csv. */
export const overviewTableParam = z.object({ table: z.enum(OVERVIEW_TABLES) });

export const overviewCellView = z.object({
  value: z.number().int().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
  /** As shown to readers, e.g. "12", "<5", "•". */
  display: z.string(),
});
const overviewLineView = z.object({
  key: z.string(),
  name: z.string().optional(),
  labelKey: z.string().optional(),
});
export const overviewTableView = z.object({
  id: z.enum(OVERVIEW_TABLES),
  titleKey: z.string(),
  rowHeaderKey: z.string(),
  oneWay: z.boolean(),
  rows: z.array(overviewLineView),
  columns: z.array(overviewLineView),
  cells: z.array(z.array(overviewCellView)),
  rowTotals: z.array(overviewCellView),
  columnTotals: z.array(overviewCellView),
  total: overviewCellView,
});
export const overviewView = z.object({
  scope: z.enum(["tenant", "offices"]),
  officeCount: z.number().int(),
  minCount: z.number().int(),
  year: z.number().int().nullable(),
  today: z.string(),
  tables: z.array(overviewTableView),
});

/**
 * The strategy module's contracts (decision 019): one zod schema per operation, shared by the
 * API routes, the staff pages and the typed service methods. Browser-safe.
 */
import { z } from "zod";
import {
  int32,
  isoDate,
  optionalDate,
  optionalText,
  requiredText,
  version,
} from "../../server/validation.ts";
import { LIGHTS } from "./evaluation.model.ts";
import { GAP_RULE_LIMITS, LIFE_DOMAINS } from "./gaps.model.ts";
import {
  DEPTH_LIMITS,
  INDICATOR_KINDS,
  LOTSE_FIGURES,
  MAX_CENTS,
  MAX_TEXT,
  MAX_TITLE,
  MAX_WEIGHT,
  NODE_KINDS,
  NODE_STATUSES,
  STRATEGY_UNITS,
} from "./model.ts";
import { REPORT_YEARS } from "./report-years.ts";
import { MAX_RESPONSIBLE_USERS } from "./rounds.model.ts";

const id = z.uuid({ error: "code:invalid" });
const cents = z.number().int().min(0).max(MAX_CENTS).nullable();
const period = z
  .string()
  .trim()
  .regex(/^\d{4}$/, { error: "code:invalid_period" });
const measureValue = z.number().min(-1e12).max(1e12);

const nodeFields = {
  kind: z.enum(NODE_KINDS),
  title: requiredText(MAX_TITLE),
  description: optionalText(MAX_TEXT),
  status: z.enum(NODE_STATUSES),
  weight: int32().min(0).max(MAX_WEIGHT),
  progress: z.number().int().min(0).max(100).nullable(),
  periodFrom: optionalDate(),
  periodTo: optionalDate(),
  responsible: optionalText(1000),
  /** Staff accounts asked for the node's narrative in a report round (decision 098). */
  responsibleUserIds: z.array(id).max(MAX_RESPONSIBLE_USERS),
  termIds: z.array(id).max(50),
  budgetPlannedCents: cents,
  budgetSpentCents: cents,
};

/** POST /strategy/nodes and the tree page's "add a node" form. */
export const createNodeInput = z.object({
  parentId: id.nullable(),
  ...nodeFields,
  status: nodeFields.status.default("planned"),
  weight: nodeFields.weight.default(1),
  progress: nodeFields.progress.default(null),
  termIds: nodeFields.termIds.default([]),
  responsibleUserIds: nodeFields.responsibleUserIds.default([]),
  budgetPlannedCents: cents.default(null),
  budgetSpentCents: cents.default(null),
});
/** Callers in code (demo, other modules' tests) may leave out the people asked for narratives. */
export type CreateNode = Omit<z.output<typeof createNodeInput>, "responsibleUserIds"> & {
  responsibleUserIds?: string[] | undefined;
};

/** PATCH /strategy/nodes/{id}: absent fields stay; `parentId` moves the node (cycle-checked). */
export const updateNodeInput = z
  .object({ version: version(), parentId: id.nullable(), ...nodeFields })
  .partial()
  .required({ version: true });
export type UpdateNode = z.output<typeof updateNodeInput>;

export const nodeIdParams = z.object({ id: z.uuid() });

export const addMilestoneInput = z.object({ title: requiredText(MAX_TITLE), due: isoDate() });
export type AddMilestone = z.output<typeof addMilestoneInput>;

/** PUT /strategy/settings */
export const strategySettingsInput = z.object({
  maxDepth: z.number().int().min(DEPTH_LIMITS.min).max(DEPTH_LIMITS.max),
  /** The framework matrix on the public site (decision 098); absent: stays as it is. */
  publicMatrix: z.boolean().optional(),
  version: z.number().int().min(0),
});

/** POST /strategy/adoptions: store what the council adopted. */
export const adoptInput = z.object({ title: requiredText(MAX_TITLE), adoptedOn: isoDate() });
export type Adopt = z.output<typeof adoptInput>;

/** POST /strategy/nodes/{id}/indicators */
export const createIndicatorInput = z.object({
  name: requiredText(MAX_TITLE),
  kind: z.enum(INDICATOR_KINDS),
  unit: z.enum(STRATEGY_UNITS),
  baseline: measureValue.nullable().default(null),
  baselinePeriod: period.nullable().default(null),
  targets: z
    .array(z.object({ period, value: measureValue, unit: z.enum(STRATEGY_UNITS).optional() }))
    .max(30)
    .default([]),
  source: optionalText(500),
  monitoringCode: z.string().trim().min(1).max(60).nullable().default(null),
  figure: z.enum(LOTSE_FIGURES).nullable().default(null),
  figureTermIds: z.array(id).max(4).default([]),
});
export type CreateIndicator = z.output<typeof createIndicatorInput>;

/** POST /strategy/indicators/{id}/values: a typed actual with its source (draft until approved). */
export const addValueInput = z.object({ period, value: measureValue, source: requiredText(500) });
export type AddValue = z.output<typeof addValueInput>;

export const approveValueInput = z.object({ version: version() });

/** GET /strategy/matrix: two axes of the framework (their ids). */
export const matrixQuery = z.object({ rows: z.uuid().optional(), cols: z.uuid().optional() });
/** GET /strategy/matrix/cell */
export const matrixCellQuery = z.object({ row: z.uuid(), col: z.uuid() });

const count = z.object({
  value: z.number().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
const progressView = z.object({
  value: z.number().nullable(),
  source: z.object({
    kind: z.enum(["own", "status", "children", "error"]),
    status: z.string().optional(),
    count: z.number().optional(),
    weightSum: z.number().optional(),
    code: z.string().optional(),
  }),
});

export const nodeView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(NODE_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(NODE_STATUSES),
  weight: z.number().int(),
  progress: z.number().int().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  responsible: z.string().nullable(),
  responsibleUserIds: z.array(z.string()),
  termIds: z.array(z.string()),
  budgetPlannedCents: z.number().int().nullable(),
  budgetSpentCents: z.number().int().nullable(),
  version: z.number().int(),
  rolledUp: progressView,
});

export const treeView = z.object({
  maxDepth: z.number().int(),
  publicMatrix: z.boolean(),
  settingsVersion: z.number().int(),
  nodes: z.array(nodeView),
});

export const adoptionView = z.object({
  id: z.string(),
  title: z.string(),
  adoptedOn: z.string(),
  nodeCount: z.number().int(),
});

export const indicatorView = z.object({
  id: z.string(),
  nodeId: z.string(),
  name: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  unit: z.enum(STRATEGY_UNITS),
  baseline: z.number().nullable(),
  targets: z.array(z.object({ period: z.string(), value: z.number() })),
  version: z.number().int(),
  actual: z
    .object({ period: z.string().nullable(), value: z.number().nullable(), source: z.string() })
    .nullable(),
  error: z.string().nullable(),
  light: z.enum(LIGHTS),
  expected: z.number().nullable(),
  achievement: z.number().nullable(),
  series: z.array(
    z.object({
      period: z.string(),
      target: z.number().nullable(),
      value: z.number().nullable(),
      source: z.string().nullable(),
      light: z.enum(LIGHTS),
    }),
  ),
});

export const matrixView = z.object({
  minCount: z.number().int(),
  axes: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string() })),
  rows: z.object({ axisId: z.string(), terms: z.array(z.object({ id: z.string(), label: z.string() })) }),
  cols: z.object({ axisId: z.string(), terms: z.array(z.object({ id: z.string(), label: z.string() })) }),
  cells: z.array(z.array(count)),
  rowTotals: z.array(count),
  columnTotals: z.array(count),
  total: count,
});

export const matrixCellView = z.object({
  offers: z.array(z.object({ id: z.string(), title: z.string() })),
  total: count,
});

// ---- gap analysis (decision 063) ----

/** GET /strategy/gaps: the framework axis whose terms the gaps are judged on. */
export const gapsQuery = z.object({ axis: z.uuid().optional() });

/** PUT /strategy/gaps/settings: the tenant's rule and life-domain mapping (version 0: none saved yet). */
export const gapSettingsInput = z.object({
  factor: z.number().min(GAP_RULE_LIMITS.factor.min).max(GAP_RULE_LIMITS.factor.max),
  minNeed: z.number().int().min(GAP_RULE_LIMITS.minNeed.min).max(GAP_RULE_LIMITS.minNeed.max),
  domainTerms: z
    .array(z.object({ domain: z.enum(LIFE_DOMAINS), termIds: z.array(id).max(50) }))
    .max(LIFE_DOMAINS.length),
  version: z.number().int().min(0),
});
export type GapSettingsInput = z.output<typeof gapSettingsInput>;

const gapCell = z.object({
  need: count,
  signals: z.array(
    z.object({
      signalId: z.string(),
      at: z.string(),
      count: count.nullable(),
      base: count.nullable(),
      value: z.number().nullable(),
      period: z.string().nullable(),
    }),
  ),
  offers: count,
  hours: z.number(),
  evening: count,
  eveningChildcare: count,
  pressure: z.number().nullable(),
  gap: z.boolean(),
});
export const gapsView = z.object({
  axis: z.object({ id: z.string(), label: z.string() }).nullable(),
  axes: z.array(z.object({ id: z.string(), label: z.string(), mapped: z.number().int() })),
  rule: z.object({ factor: z.number(), minNeed: z.number().int() }),
  median: z.number().nullable(),
  minCount: z.number().int(),
  terms: z.array(z.object({ id: z.string(), label: z.string() })),
  areas: z.array(z.object({ id: z.string(), name: z.string(), declined: count })),
  cells: z.array(z.array(gapCell)),
  signals: z.array(
    z.object({
      id: z.string(),
      termId: z.string(),
      kind: z.enum(["survey", "monitoring"]),
      label: z.string(),
      source: z.string(),
      unavailable: z.enum(["no_access", "removed"]).nullable(),
    }),
  ),
  gaps: z.array(
    z.object({
      areaId: z.string(),
      area: z.string(),
      termId: z.string(),
      term: z.string(),
      need: count,
      offers: count,
      hours: z.number(),
      eveningChildcare: count,
      declined: count,
      ratio: z.number().nullable(),
      noSupply: z.boolean(),
    }),
  ),
});

// ---- implementation report (decision 063) ----

/** POST /strategy/reports: queue the year's PDF. */
export const requestReportInput = z.object({
  year: z.number().int().min(REPORT_YEARS.min).max(REPORT_YEARS.max),
  /** Publish while the year's report round is still open; the report lists what is missing (decision 098). */
  withMissing: z.boolean().default(false),
});
export const reportQueued = z.object({ id: z.string(), year: z.number().int(), status: z.string() });

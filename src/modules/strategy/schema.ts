import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { EvaluationKind, Rating } from "./evaluation.model.ts";
import type {
  IndicatorKind,
  IndicatorTarget,
  LotseFigure,
  NodeKind,
  NodeStatus,
  StrategyUnit,
  ValueStatus,
} from "./model.ts";
import type { NarrativeStatus, RoundStatus } from "./rounds.model.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** Per tenant: how deep the goal tree may grow (decision 048). */
export const strategySettings = pgTable("strategy_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  maxDepth: integer("max_depth").notNull(),
  /** The framework matrix of published offers on the public site (decision 098); off by default. */
  publicMatrix: boolean("public_matrix").notNull().default(false),
  version: versionColumn(),
  updatedAt: updatedAt(),
});

/**
 * Zielbaum: one row per node (adjacency list). Measures (kind massnahme/projekt) carry a
 * budget in cents; other modules keep a measure's id without a foreign key (issue 16).
 */
export const strategyNodes = pgTable(
  "strategy_nodes",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    parentId: uuid("parent_id"),
    kind: text("kind").$type<NodeKind>().notNull(),
    title: text("title").notNull(),
    description: text("description"),
    status: text("status").$type<NodeStatus>().notNull().default("planned"),
    /** Share of the parent's progress (roll-up by weight). */
    weight: integer("weight").notNull().default(1),
    /** The node's own progress 0–100, used when it has no children. */
    progress: integer("progress"),
    periodFrom: date("period_from"),
    periodTo: date("period_to"),
    /** Responsible organisations and people, as named in the concept (free text). */
    responsible: text("responsible"),
    /** Staff accounts asked for the node's narrative in a report round (decision 098). */
    responsibleUserIds: uuid("responsible_user_ids").array().notNull().default([]),
    /** Framework terms the node serves (framework_terms ids). */
    termIds: uuid("term_ids").array().notNull().default([]),
    budgetPlannedCents: bigint("budget_planned_cents", { mode: "number" }),
    budgetSpentCents: bigint("budget_spent_cents", { mode: "number" }),
    sort: integer("sort").notNull().default(0),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("strategy_nodes_parent_idx").on(t.tenantId, t.parentId, t.sort),
  ],
);

export const strategyMilestones = pgTable(
  "strategy_milestones",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nodeId: uuid("node_id").notNull(),
    title: text("title").notNull(),
    due: date("due").notNull(),
    done: boolean("done").notNull().default(false),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "strategy_milestones_node_fk",
      columns: [t.tenantId, t.nodeId],
      foreignColumns: [strategyNodes.tenantId, strategyNodes.id],
    }).onDelete("cascade"),
    index("strategy_milestones_node_idx").on(t.tenantId, t.nodeId, t.due),
  ],
);

/** Indicators of a goal: typed values, a monitoring indicator, or a Lotse figure (issue 16, 3). */
export const strategyIndicators = pgTable(
  "strategy_indicators",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nodeId: uuid("node_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<IndicatorKind>().notNull(),
    unit: text("unit").$type<StrategyUnit>().notNull(),
    baseline: doublePrecision("baseline"),
    baselinePeriod: text("baseline_period"),
    targets: jsonb("targets").$type<IndicatorTarget[]>().notNull().default([]),
    /** Where typed values come from ("Schulstatistik 2025"); monitoring and Lotse name their own. */
    source: text("source"),
    /** kind monitoring: the indicator code in monitoring's approved releases. */
    monitoringCode: text("monitoring_code"),
    /** kind lotse: which figure, and the framework cell it counts. */
    figure: text("figure").$type<LotseFigure>(),
    figureTermIds: uuid("figure_term_ids").array(),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "strategy_indicators_node_fk",
      columns: [t.tenantId, t.nodeId],
      foreignColumns: [strategyNodes.tenantId, strategyNodes.id],
    }).onDelete("cascade"),
    index("strategy_indicators_node_idx").on(t.tenantId, t.nodeId),
  ],
);

/** Typed actual values with their source and an approval step (Akvo's update flow, shortened). */
export const strategyIndicatorValues = pgTable(
  "strategy_indicator_values",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    indicatorId: uuid("indicator_id").notNull(),
    period: text("period").notNull(),
    value: doublePrecision("value").notNull(),
    source: text("source").notNull(),
    status: text("status").$type<ValueStatus>().notNull().default("draft"),
    createdBy: uuid("created_by"),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "strategy_indicator_values_indicator_fk",
      columns: [t.tenantId, t.indicatorId],
      foreignColumns: [strategyIndicators.tenantId, strategyIndicators.id],
    }).onDelete("cascade"),
    index("strategy_indicator_values_idx").on(t.tenantId, t.indicatorId, t.period),
  ],
);

/** What a council adopted: an immutable snapshot of the whole tree (decision 048). */
export const strategyAdoptions = pgTable(
  "strategy_adoptions",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text("title").notNull(),
    adoptedOn: date("adopted_on").notNull(),
    snapshot: jsonb("snapshot").$type<unknown>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("strategy_adoptions_idx").on(t.tenantId, t.adoptedOn),
  ],
);

/**
 * Per tenant: the gap analysis's rule and which framework terms each case life domain counts
 * for (decision 063). Absent: the defaults of gaps.model.ts.
 */
export const strategyGapSettings = pgTable("strategy_gap_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  factor: doublePrecision("factor").notNull(),
  minNeed: integer("min_need").notNull(),
  domainTerms: jsonb("domain_terms").$type<{ domain: string; termIds: string[] }[]>().notNull(),
  version: versionColumn(),
  updatedAt: updatedAt(),
});

/** Implementation reports (Umsetzungsberichte): one PDF per request, rendered by a job. */
export const strategyReports = pgTable(
  "strategy_reports",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    year: integer("year").notNull(),
    status: text("status").$type<"queued" | "done" | "failed">().notNull().default("queued"),
    pdf: bytea("pdf"),
    requestedBy: uuid("requested_by"),
    createdAt: createdAt(),
    doneAt: timestamp("done_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("strategy_reports_idx").on(t.tenantId, t.year, t.createdAt),
  ],
);

/**
 * Evaluations of a measure (issue 16, 5; decision 071): one record per review date, internal or
 * external, with the questions, findings and recommendations, and the evaluator's own light.
 */
export const strategyEvaluations = pgTable(
  "strategy_evaluations",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nodeId: uuid("node_id").notNull(),
    reviewDate: date("review_date").notNull(),
    kind: text("kind").$type<EvaluationKind>().notNull(),
    /** The evaluating person or institution, as named in the report. */
    evaluator: text("evaluator").notNull(),
    questions: text("questions"),
    findings: text("findings"),
    recommendations: text("recommendations"),
    rating: text("rating").$type<Rating>(),
    createdBy: uuid("created_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "strategy_evaluations_node_fk",
      columns: [t.tenantId, t.nodeId],
      foreignColumns: [strategyNodes.tenantId, strategyNodes.id],
    }).onDelete("cascade"),
    uniqueIndex("strategy_evaluations_node_date_idx").on(t.tenantId, t.nodeId, t.reviewDate),
    index("strategy_evaluations_date_idx").on(t.tenantId, t.reviewDate),
  ],
);

/**
 * Further need signals of the gap analysis (decision 079): a questionnaire answer counted by
 * district, or a monitoring indicator's area value, each counting for one framework term. Shown
 * beside the case needs with their source, not mixed into the ranking.
 */
export const strategyNeedSignals = pgTable(
  "strategy_need_signals",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    termId: uuid("term_id").notNull(),
    kind: text("kind").$type<"survey" | "monitoring">().notNull(),
    label: text("label").notNull(),
    formId: uuid("form_id"),
    question: text("question"),
    answer: text("answer"),
    monitoringCode: text("monitoring_code"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("strategy_need_signals_idx").on(t.tenantId)],
);

/**
 * A report round of a year's implementation report (decision 098): one per tenant and year,
 * open until the coordinator closes it; `remindedAt` makes the reminder before the deadline
 * go once.
 */
export const strategyRounds = pgTable(
  "strategy_rounds",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    year: integer("year").notNull(),
    deadline: date("deadline").notNull(),
    status: text("status").$type<RoundStatus>().notNull().default("open"),
    remindedAt: timestamp("reminded_at", { withTimezone: true, mode: "date" }),
    openedBy: uuid("opened_by"),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("strategy_rounds_year_idx").on(t.tenantId, t.year),
  ],
);

/**
 * The narrative of one node in a round, written by the people responsible for the node when
 * the round opened (`userIds`), reviewed by the coordinator. Only approved ones reach the report.
 */
export const strategyNarratives = pgTable(
  "strategy_narratives",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    roundId: uuid("round_id").notNull(),
    nodeId: uuid("node_id").notNull(),
    userIds: uuid("user_ids").array().notNull(),
    text: text("text"),
    status: text("status").$type<NarrativeStatus>().notNull().default("requested"),
    reviewNote: text("review_note"),
    updatedBy: uuid("updated_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "strategy_narratives_round_fk",
      columns: [t.tenantId, t.roundId],
      foreignColumns: [strategyRounds.tenantId, strategyRounds.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "strategy_narratives_node_fk",
      columns: [t.tenantId, t.nodeId],
      foreignColumns: [strategyNodes.tenantId, strategyNodes.id],
    }).onDelete("cascade"),
    uniqueIndex("strategy_narratives_node_idx").on(t.tenantId, t.roundId, t.nodeId),
  ],
);

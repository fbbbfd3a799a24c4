import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionColumn } from "../../server/db/columns.ts";
import type { AccommodationKind, RoomUse } from "./housing-model.ts";
import type {
  CriterionDirection,
  CriterionSource,
  DialogueMethod,
  MissingHandling,
  PairwiseJudgement,
  SelectionConstraints,
  SelectionResult,
  SiteGeometry,
} from "./model.ts";

/**
 * Candidate sites for new accommodations (issue 21, decision 053). The quarter is the deepest
 * area containing the centroid, resolved through the areas service when the site is saved.
 * `existing` marks a site that already is an accommodation (it occupies its quarter).
 */
export const accommodationSites = pgTable(
  "accommodation_sites",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    geometry: jsonb("geometry").$type<SiteGeometry>().notNull(),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    areaId: uuid("area_id").notNull(),
    /** Planned places. */
    capacity: integer("capacity").notNull(),
    existing: boolean("existing").notNull().default(false),
    note: text("note"),
    /** Value per criterion id (numbers; absent = no data). */
    values: jsonb("values").$type<Record<string, number>>().notNull().default({}),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("accommodation_sites_area").on(t.tenantId, t.areaId),
  ],
);

/** The tenant's criteria for judging sites, each with direction, normalisation and missing-data rule. */
export const accommodationCriteria = pgTable(
  "accommodation_criteria",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    unit: text("unit"),
    direction: text("direction").$type<CriterionDirection>().notNull(),
    missing: text("missing").$type<MissingHandling>().notNull(),
    source: text("source").$type<CriterionSource>().notNull().default("manual"),
    sort: integer("sort").notNull().default(0),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A saved selection: its weight set, its rules and the solver's answer (kept for comparison). */
export const accommodationScenarios = pgTable(
  "accommodation_scenarios",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    weights: jsonb("weights").$type<Record<string, number>>().notNull(),
    constraints: jsonb("constraints").$type<SelectionConstraints>().notNull(),
    result: jsonb("result").$type<SelectionResult>().notNull(),
    /** The sites and criteria as they were when the scenario ran (names, values), for a faithful comparison. */
    snapshot: jsonb("snapshot").$type<ScenarioSnapshot>().notNull(),
    /** The adopted weight set the scenario ran with (decision 114); null = weights typed in for this run. */
    weightSetId: uuid("weight_set_id"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The questionnaire of the citizens' dialogue whose answers yield the site-selection weights
 * (decision 114), one per tenant: the survey form, how it asks (rating or ranking) and which
 * question asks for which criterion. `version` rises with every change and every adoption, so
 * two adoptions at once cannot both become the same number.
 */
export const accommodationWeightDialogues = pgTable(
  "accommodation_weight_dialogues",
  {
    tenantId: tenantIdColumn(),
    formId: uuid("form_id").notNull(),
    method: text("method").$type<DialogueMethod>().notNull(),
    /** Question name per criterion id. */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull().default({}),
    updatedBy: uuid("updated_by"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/**
 * Adopted weight sets, numbered 1, 2, … per tenant (decision 114); the highest number is the set
 * in force, which the selection uses unless a run types its own weights. Kept forever as the
 * record of what was adopted from which answers.
 */
export const accommodationWeightSets = pgTable(
  "accommodation_weight_sets",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    number: integer("number").notNull(),
    weights: jsonb("weights").$type<Record<string, number>>().notNull(),
    /** Where the weights came from: the form, method, mapping and answers counted per criterion. */
    source: jsonb("source").$type<WeightSetSource>().notNull(),
    adoptedBy: uuid("adopted_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("accommodation_weight_sets_number").on(t.tenantId, t.number),
  ],
);

export type WeightSetSource =
  | {
      /** Absent in sets adopted before pairwise comparison existed (decision 130). */
      kind?: "dialogue";
      formId: string;
      formTitle: string;
      method: DialogueMethod;
      mapping: Record<string, string>;
      /** Answers counted per criterion id. */
      answers: Record<string, number>;
    }
  | {
      /** A pairwise comparison (AHP) of the criteria (decision 130). */
      kind: "pairwise";
      comparisons: PairwiseJudgement[];
      consistencyRatio: number;
      lambdaMax: number;
    };

export type ScenarioSnapshot = {
  sites: {
    id: string;
    name: string;
    areaId: string;
    areaName: string;
    capacity: number;
    lon: number;
    lat: number;
  }[];
  criteria: { id: string; name: string; direction: CriterionDirection; unit?: string | null }[];
};

/**
 * Accommodations in operation (issue 21, decision 065): decentral flats, shared houses and
 * communal sites, with their quarter (deepest area containing the address point), places and
 * operator. `version` rises with every change and every placement, so two people placing the
 * last free bed at once cannot both win.
 */
export const accommodations = pgTable(
  "accommodations",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    name: text("name").notNull(),
    kind: text("kind").$type<AccommodationKind>().notNull(),
    address: text("address").notNull(),
    lon: doublePrecision("lon").notNull(),
    lat: doublePrecision("lat").notNull(),
    areaId: uuid("area_id").notNull(),
    places: integer("places").notNull(),
    accessible: boolean("accessible").notNull().default(false),
    operator: text("operator"),
    contact: text("contact"),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on"),
    /**
     * The directory place showing it publicly, when the tenant chose so (decision 121), and the
     * place's version as this module published it: taking it down archives only that version.
     */
    placeId: uuid("place_id"),
    placeVersion: integer("place_version"),
    version: versionColumn(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("accommodations_area").on(t.tenantId, t.areaId)],
);

/**
 * A household of case work placed in an accommodation (personal data: who lives where). Keyed
 * to the case under which it was placed, so case work's erasure and retention of the case
 * remove it (the module's data-subject hook). `persons` is the household's size when placed.
 */
export const accommodationPlacements = pgTable(
  "accommodation_placements",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accommodationId: uuid("accommodation_id").notNull(),
    caseId: uuid("case_id").notNull(),
    /** The case's reference (Aktenzeichen) when placed, to name the placement in lists. */
    caseReference: text("case_reference").notNull(),
    householdId: uuid("household_id").notNull(),
    persons: integer("persons").notNull(),
    room: text("room"),
    moveIn: date("move_in").notNull(),
    /** The first day no longer there; null = open-ended. */
    moveOut: date("move_out"),
    /** The day case work's address followed this stay (at placing, or the daily job on the move-in day). */
    addressMovedOn: date("address_moved_on"),
    createdBy: uuid("created_by"),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("accommodation_placements_accommodation").on(t.tenantId, t.accommodationId),
    index("accommodation_placements_household").on(t.tenantId, t.householdId),
    index("accommodation_placements_case").on(t.tenantId, t.caseId),
  ],
);

/**
 * Rooms of an accommodation (decision 073): beds, floor (0 = ground floor), step-free access
 * and how the room may be shared (`housing-model.ts` ROOM_USES).
 */
export const accommodationRooms = pgTable(
  "accommodation_rooms",
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accommodationId: uuid("accommodation_id").notNull(),
    name: text("name").notNull(),
    floor: integer("floor"),
    beds: integer("beds").notNull(),
    accessible: boolean("accessible").notNull().default(false),
    use: text("use").$type<RoomUse>().notNull().default("any"),
    version: versionColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("accommodation_rooms_name").on(t.tenantId, t.accommodationId, t.name),
  ],
);

/** Which rooms a placement uses and how many of the household's persons sleep in each (case data). */
export const accommodationPlacementRooms = pgTable(
  "accommodation_placement_rooms",
  {
    tenantId: tenantIdColumn(),
    placementId: uuid("placement_id").notNull(),
    roomId: uuid("room_id").notNull(),
    persons: integer("persons").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.placementId, t.roomId] }),
    index("accommodation_placement_rooms_room").on(t.tenantId, t.roomId),
  ],
);

/**
 * The questionnaire attached to an accommodation (decision 081): its results are cut by the
 * accommodations the respondents' households lived in (Lünen's needs questionnaire).
 */
export const accommodationSurveys = pgTable(
  "accommodation_surveys",
  {
    tenantId: tenantIdColumn(),
    accommodationId: uuid("accommodation_id").notNull(),
    formId: uuid("form_id").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.accommodationId] })],
);

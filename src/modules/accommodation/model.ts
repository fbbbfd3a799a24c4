/**
 * Site selection (issue 21, decision 053): the shapes shared by the solver, the service and the
 * pages. No Drizzle, no Node.
 */

export const CRITERION_DIRECTIONS = ["max", "min"] as const;
export type CriterionDirection = (typeof CRITERION_DIRECTIONS)[number];

/** What happens to a site without a value for a criterion; the user chooses per criterion. */
export const MISSING_HANDLING = ["exclude", "impute_median", "block"] as const;
export type MissingHandling = (typeof MISSING_HANDLING)[number];

/** Where a criterion's values come from: typed in, or the quarter's monitoring status index. */
export const CRITERION_SOURCES = ["manual", "monitoring_status"] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

/**
 * How a citizens' dialogue's questionnaire asks for weights (decision 114): an importance rating
 * (or points) per criterion, higher = more important, or a ranking, 1 = most important.
 */
export const DIALOGUE_METHODS = ["rating", "rank"] as const;
export type DialogueMethod = (typeof DIALOGUE_METHODS)[number];

/**
 * One judgement of a pairwise comparison (AHP, decision 130) on Saaty's 1–9 scale: `a` is
 * `intensity` times as important as `b` when it `favours` "a", `b` that many times `a` when "b";
 * intensity 1 is "equally important" either way.
 */
export type PairwiseJudgement = { a: string; b: string; favours: "a" | "b"; intensity: number };
export const PAIRWISE_SIDES = ["a", "b"] as const;

/** Lünen's housing concept: at most 48 places per accommodation (seed 000). */
export const DEFAULT_MAX_CAPACITY = 48;

export const SELECTION_LIMITS = {
  sites: 2000,
  criteria: 30,
  /** Seconds HiGHS may spend on one solve before returning the best set found. */
  timeLimitSeconds: { min: 0.1, max: 20, default: 5 },
  /** Weights move by this share each way in the robustness check. */
  robustnessShare: 0.2,
} as const;

/** The council's rules; each group can be the reason a selection is infeasible. */
export type SelectionConstraints = {
  /** At most one accommodation per quarter, counting existing accommodations. */
  onePerArea: boolean;
  /** Quarters that already have an accommodation. */
  occupiedAreaIds: string[];
  /**
   * Sites whose burden value (a criterion) is worse than `limit` are left out: below it for a
   * "higher is better" criterion (e.g. the status index), above it for "lower is better".
   */
  burden: { criterionId: string; limit: number; direction: CriterionDirection } | null;
  /** Places per site at most (48 by default). */
  maxCapacity: number;
  /** New places needed in total. */
  demand: number;
  /** Metres between any two chosen sites at least; null = no rule. */
  minDistanceMeters: number | null;
  /** Sites forced in or out by hand. */
  forced: string[];
  excluded: string[];
  /** Number of new sites at most; null = no limit. */
  maxSites: number | null;
};

export const CONSTRAINT_GROUPS = [
  "one_per_area",
  "burden",
  "capacity",
  "demand",
  "min_distance",
  "forced",
  "excluded",
  "max_sites",
] as const;
export type ConstraintGroup = (typeof CONSTRAINT_GROUPS)[number];

export type SelectionCriterion = {
  id: string;
  name: string;
  direction: CriterionDirection;
  missing: MissingHandling;
};

export type SelectionSite = {
  id: string;
  name: string;
  areaId: string;
  capacity: number;
  /** Centroid (WGS 84) for distances. */
  lon: number;
  lat: number;
  values: Record<string, number | null | undefined>;
};

export type SelectionStatus = "optimal" | "time_limit" | "infeasible" | "blocked";

export type SiteScore = {
  siteId: string;
  /** Min-max normalised value per criterion (0 worst … 1 best), after imputation. */
  normalised: Record<string, number>;
  /** Which criteria were imputed by the median. */
  imputed: string[];
  /** The value per criterion the normalisation started from (entered, from monitoring, or the imputed median). */
  values: Record<string, number>;
  /** Weighted sum of the normalised values (weights scaled to sum 1). */
  weightedScore: number;
  topsis: number;
  weightedRank: number;
  topsisRank: number;
};

export type SelectionResult = {
  status: SelectionStatus;
  /** Chosen site ids (empty when infeasible or blocked). */
  chosen: string[];
  objective: number | null;
  /** Relative MIP gap when the time limit stopped the solver; 0 when optimal. */
  gap: number | null;
  scores: SiteScore[];
  /** Sites left out before solving, with the reason. */
  excluded: { siteId: string; reason: "missing_value" | "burden" | "capacity"; criterionId?: string }[];
  /** Blocked: the criteria with missing values and the sites concerned. */
  blocked: { criterionId: string; siteIds: string[] }[];
  /** Infeasible: a smallest set of rule groups that cannot hold together. */
  conflicts: ConstraintGroup[];
  /** Per site: in how many of the robustness runs it was chosen, out of `robustnessRuns`. */
  robustness: Record<string, number>;
  robustnessRuns: number;
  /** Per criterion the lowest and highest value over the scored sites: the ends of the 0–1 scale. */
  ranges: Record<string, { min: number; max: number }>;
};

/** A candidate site's shape: a point, or a polygon (one outer ring, [lon, lat], WGS 84). */
export type SiteGeometry =
  | { type: "Point"; coordinates: [number, number] }
  | { type: "Polygon"; coordinates: [number, number][][] };

/** Centroid of a point or of a polygon's outer ring (shoelace; vertex mean for a degenerate ring). */
export function siteCentroid(g: SiteGeometry): { lon: number; lat: number } {
  if (g.type === "Point") return { lon: g.coordinates[0], lat: g.coordinates[1] };
  const ring = g.coordinates[0] ?? [];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-15) {
    const n = Math.max(ring.length, 1);
    return { lon: ring.reduce((s, p) => s + p[0], 0) / n, lat: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { lon: cx / (3 * a), lat: cy / (3 * a) };
}

/**
 * A number as German users type it: "1.234,56", "1234,5", "12" (also "1234.5").
 * Empty → null; anything else → NaN, so the contract names the field.
 */
export function parseGermanNumber(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, "");
  if (s === "") return null;
  let normal = s;
  if (s.includes(",")) normal = s.replace(/\./g, "").replace(",", ".");
  else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(s)) normal = s.replace(/\./g, "");
  return /^[-+]?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/**
 * The GeoJSON import of candidate sites (decision 104): the coordinate systems a GIS tool in a
 * German municipality writes (WGS 84 / ETRS89 degrees, ETRS89 UTM 32N and 33N), and the limits.
 */
export const SITE_IMPORT_CRS = [4326, 4258, 25832, 25833] as const;
export type SiteImportCrs = (typeof SITE_IMPORT_CRS)[number];
export const SITE_IMPORT_LIMITS = {
  maxBytes: 10 * 2 ** 20,
  maxFeatures: 2000,
  maxRingPositions: 2000,
} as const;

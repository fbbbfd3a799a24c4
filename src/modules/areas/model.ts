/**
 * The areas module's public model: levels and the pure types other modules, pages and
 * components use. Browser-safe: no table definitions, no database.
 */
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaGeometry } from "./geo.ts";
import type { AreaLevel } from "./levels.ts";

export type { AreaGeometry } from "./geo.ts";
export { AREA_LEVELS, type AreaLevel, canNest, isAreaLevel, LEVEL_LABEL_KEYS, levelRank } from "./levels.ts";
export { IMPORT_LIMITS } from "./limits.ts";

export type AreaRef = { id: string; code: string; name: string; level: AreaLevel };
/** A bounding box in WGS84 degrees. */
export type AreaBounds = { minLon: number; minLat: number; maxLon: number; maxLat: number };
/** The deepest area containing a point, and its ancestors nearest first (parent, …, root). */
export type LocatedArea = { area: AreaRef; ancestors: AreaRef[] };

export type AreaListItem = AreaRef & {
  parentId: string | null;
  parentCode: string | null;
  parentName: string | null;
  approximate: boolean;
  sourceNote: string | null;
  version: number;
};

/** The properties of one exported (and importable) area feature. */
export type AreaFeatureProperties = {
  code: string;
  name: string;
  level: AreaLevel;
  parent: string | null;
  approximate: boolean;
  source: string | null;
};

export type AreaFeatureCollection = {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: AreaFeatureProperties; geometry: AreaGeometry }[];
};

/** Who imports: a signed-in user (checked against the policy), the CLI, or the demo seed. */
export type ImportActor =
  | { kind: "user"; principal: Principal; requestId?: string | null }
  | { kind: "cli" | "system" };

export type ImportCommitResult = { created: number; updated: number; unchanged: number };

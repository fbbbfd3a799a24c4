/**
 * Area levels, coarse to fine: city → Stadtbezirk → Sozialraum/Stadtteil → Quartier.
 *
 * Nesting rules (checked on every import, see validate.ts):
 * - A parent is always of a strictly coarser level than its child. Levels may be skipped,
 *   because not every municipality has every level (Unna has social areas directly under
 *   the city, many towns have no Stadtbezirke): a quarter may sit under a social area, a
 *   district or the city; a social area under a district or the city; a district under the city.
 * - A city has no parent (it is the root of a tenant's tree).
 * - Any other level may also be a root, so a tenant can import its social areas without a
 *   city outline.
 * - Parent and child belong to the same tenant (enforced by the composite foreign key).
 * Because ranks strictly increase downwards, a valid tree can never contain a cycle; the
 * import still checks for cycles explicitly to give a precise message.
 */
export const AREA_LEVELS = ["city", "district", "social_area", "quarter"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** 0 = coarsest (city) … 3 = finest (quarter). */
export function levelRank(level: AreaLevel): number {
  return AREA_LEVELS.indexOf(level);
}

export function isAreaLevel(value: unknown): value is AreaLevel {
  return typeof value === "string" && (AREA_LEVELS as readonly string[]).includes(value);
}

/** May an area of `child` level sit directly under an area of `parent` level? */
export function canNest(parent: AreaLevel, child: AreaLevel): boolean {
  return levelRank(parent) < levelRank(child);
}

/** Catalog keys of the level names (namespace "areas"). */
export const LEVEL_LABEL_KEYS = {
  city: "areas.level_city",
  district: "areas.level_district",
  social_area: "areas.level_social_area",
  quarter: "areas.level_quarter",
} as const satisfies Record<AreaLevel, string>;

/** One area of a tenant's tree without geometry. */
export type AreaTreeNode = {
  id: string;
  parentId: string | null;
  level: AreaLevel;
  code: string;
  name: string;
  approximate: boolean;
};

/** Maps an area id to its ancestor (or itself) at the level; null when there is none. */
export function ancestorAt(
  tree: readonly { id: string; parentId: string | null; level: AreaLevel }[],
  level: AreaLevel,
): (areaId: string) => string | null {
  const byId = new Map(tree.map((a) => [a.id, a]));
  const memo = new Map<string, string | null>();
  return (areaId) => {
    if (memo.has(areaId)) return memo.get(areaId)!;
    let a = byId.get(areaId);
    let guard = 0;
    while (a && a.level !== level && levelRank(a.level) > levelRank(level) && guard++ < 10)
      a = a.parentId ? byId.get(a.parentId) : undefined;
    const found = a && a.level === level ? a.id : null;
    memo.set(areaId, found);
    return found;
  };
}

/**
 * The gap analysis's rule (issue 16, 2; decision 063), pure and browser-safe: which framework
 * terms a case's life domain counts for, and when a cell (area × term) is a gap.
 */
import { LIFE_DOMAINS, type LifeDomain } from "../casework/model.ts";
import type { SafeCount } from "../statistics/small-cells.ts";

export { LIFE_DOMAINS, type LifeDomain };

/** Tenant-adjustable: a cell is a gap at `factor` × the city median of need per offer-hour. */
export type GapRule = { factor: number; minNeed: number };
export const DEFAULT_GAP_RULE: GapRule = { factor: 2, minNeed: 10 };
export const GAP_RULE_LIMITS = { factor: { min: 1, max: 20 }, minNeed: { min: 1, max: 10_000 } } as const;

/**
 * Default mapping of case work's life domains to framework term keys, from the seeds' templates
 * (Unna, Lünen, Herdecke, Lüner Dialog). A tenant replaces it with its own term choice.
 */
export const DEFAULT_DOMAIN_TERM_KEYS: Record<LifeDomain, string[]> = {
  language: ["sprache", "sprachangebote", "sprache-bildung", "weiterbildung"],
  school: [
    "fruehe-hilfen-kita-schule",
    "schule",
    "sprache-bildung",
    "bildung-erziehung-kultur",
    "bildung-beruf",
  ],
  kita: [
    "fruehe-hilfen-kita-schule",
    "kindertageseinrichtungen",
    "fruehe-hilfen",
    "bildung-erziehung-kultur",
  ],
  training_work: [
    "ausbildung-erwerbstaetigkeit-weiterbildung",
    "uebergang-schule-beruf",
    "ausbildung-arbeit",
    "arbeit-wirtschaft",
    "bildung-beruf",
  ],
  housing: ["wohnen-wohnumfeld", "wohnen-quartier", "stadtentwicklung-wohnen"],
  health: ["gesundheit-pflege"],
  social_contacts: [
    "freizeit-kultur-sport-netzwerke",
    "teilhabe-engagement",
    "interkultureller-dialog",
    "freizeit-austausch",
  ],
  leisure: ["freizeit-kultur-sport-netzwerke", "teilhabe-engagement", "freizeit-austausch"],
  residence_legal: ["beratung-integration", "politik-behoerden"],
  money: ["beratung-integration"],
};

/** One cell's inputs: need already through the small-cell rule, supply from the published directory. */
export type GapCellInput = {
  areaId: string;
  termId: string;
  need: SafeCount;
  offers: number;
  minutes: number;
};

export type GapVerdict = {
  /** Open needs per offer-hour per week; null when the need is hidden or there are no hours. */
  pressure: number | null;
  /** pressure ÷ city median; null without a median or without hours. */
  ratio: number | null;
  gap: boolean;
  /** No offer-hour at all in the cell. */
  noSupply: boolean;
};

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The rule (decision 063). Only a need that the small-cell rule lets through can make a gap, and
 * only from `minNeed` on. Pressure = need ÷ weekly offer-hours. A cell is a gap when it has no
 * offer-hour at all, or when its pressure is at least `factor` × the median pressure of all
 * cells with published need and hours. Gaps rank without-supply first (by need), then by ratio.
 */
export function judgeGaps(
  cells: readonly GapCellInput[],
  rule: GapRule,
): { median: number | null; verdicts: GapVerdict[]; order: number[] } {
  const pressureOf = (c: GapCellInput) =>
    c.need.value === null || c.minutes <= 0 ? null : c.need.value / (c.minutes / 60);
  const pressures = cells.map(pressureOf);
  const med = median(pressures.filter((p, i): p is number => p !== null && (cells[i]!.need.value ?? 0) > 0));
  const verdicts = cells.map((c, i): GapVerdict => {
    const pressure = pressures[i]!;
    const noSupply = c.minutes <= 0;
    const enough = c.need.value !== null && c.need.value >= rule.minNeed;
    const ratio = pressure !== null && med !== null && med > 0 ? pressure / med : null;
    const gap = enough && (noSupply || (ratio !== null && ratio >= rule.factor));
    return { pressure, ratio, gap, noSupply };
  });
  const order = cells
    .map((_, i) => i)
    .filter((i) => verdicts[i]!.gap)
    .sort((a, b) => {
      const va = verdicts[a]!;
      const vb = verdicts[b]!;
      if (va.noSupply !== vb.noSupply) return va.noSupply ? -1 : 1;
      if (va.noSupply) return (cells[b]!.need.value ?? 0) - (cells[a]!.need.value ?? 0);
      return (vb.ratio ?? 0) - (va.ratio ?? 0);
    });
  return { median: med, verdicts, order };
}

/** Resolves the default mapping against a tenant's framework terms (by key). */
export function defaultDomainTerms(
  terms: readonly { id: string; key: string }[],
): { domain: LifeDomain; termIds: string[] }[] {
  return LIFE_DOMAINS.map((domain) => ({
    domain,
    termIds: terms.filter((t) => DEFAULT_DOMAIN_TERM_KEYS[domain].includes(t.key)).map((t) => t.id),
  }));
}

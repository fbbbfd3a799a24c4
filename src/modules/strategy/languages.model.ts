/**
 * Languages of supply (issue 16, 2; decision 087), pure: persons of households in need per area
 * × language against the published offers given in that language in the area and the city.
 */
import type { SafeCount } from "../statistics/small-cells.ts";

export type LanguageCellInput = {
  /** Persons of households in need speaking the language, after the small-cell rule. */
  need: SafeCount;
  /** Published offers in the language at a place in the area. */
  offers: number;
};

/**
 * A language gap: a published (not hidden) need of at least `minNeed` persons and no offer in
 * that language in the area. A hidden need never makes a gap, so a verdict cannot reveal it.
 */
export function isLanguageGap(cell: LanguageCellInput, minNeed: number): boolean {
  return cell.need.value !== null && cell.need.value >= minNeed && cell.offers === 0;
}

/** Languages ordered by their published need (largest first), then by code. */
export function orderLanguages(langs: string[], needOf: (lang: string) => number): string[] {
  return [...new Set(langs)].sort((a, b) => needOf(b) - needOf(a) || a.localeCompare(b));
}

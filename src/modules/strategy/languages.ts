import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type SafeCount, safeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { StrategyDeps } from "./deps.ts";
import { DEFAULT_GAP_RULE } from "./gaps.model.ts";
import { gapsRepo } from "./gaps.repo.ts";
import { isLanguageGap, orderLanguages } from "./languages.model.ts";

export type LanguageCell = { need: SafeCount; offers: SafeCount; gap: boolean };
export type LanguageGap = {
  areaId: string;
  area: string;
  lang: string;
  need: SafeCount;
  cityOffers: SafeCount;
};
export type LanguageSupply = Awaited<ReturnType<ReturnType<typeof createLanguages>["languageSupply"]>>;

/**
 * Languages of supply (issue 16, 2; decision 087): persons of households in need per area ×
 * language (case work's aggregate, through the small-cell table rule) against the published
 * offers given in that language in the area and in the whole city (the directory's aggregate).
 */
export function createLanguages(deps: StrategyDeps) {
  return {
    async languageSupply(principal: Principal, tenantId: string) {
      authorize(principal, "strategy.matrix");
      const [needs, supply, areaList, settings, tenant] = await Promise.all([
        deps.cases.personsInNeedByLanguage(tenantId),
        deps.offers.supplyByLanguage(tenantId),
        deps.areas.list(tenantId),
        gapsRepo.settings(deps.db, tenantId),
        deps.tenants.byId(tenantId),
      ]);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const minNeed = settings?.minNeed ?? DEFAULT_GAP_RULE.minNeed;
      // Areas with a household in need; persons of households without an area stay out.
      const withNeed = new Set(needs.flatMap((n) => (n.areaId ? [n.areaId] : [])));
      const areas = areaList
        .filter((a) => withNeed.has(a.id))
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "de"));
      const areaIdx = new Map(areas.map((a, i) => [a.id, i]));
      const needLangs = [...new Set(needs.flatMap((n) => (n.category ? [n.category] : [])))].sort();
      const langIdx = new Map(needLangs.map((l, j) => [l, j]));
      const counts = areas.map(() => needLangs.map(() => 0));
      for (const n of needs) {
        const i = n.areaId ? areaIdx.get(n.areaId) : undefined;
        const j = n.category ? langIdx.get(n.category) : undefined;
        if (i !== undefined && j !== undefined) counts[i]![j]! += n.n;
      }
      const table = suppressTable(counts, rule);
      const published = (j: number) => areas.reduce((s, _, i) => s + (table.cells[i]![j]!.value ?? 0), 0);
      const langs = orderLanguages(needLangs, (l) => published(langIdx.get(l)!));
      const offersAt = new Map(supply.byArea.map((s) => [`${s.areaId}|${s.lang}`, s.offers]));
      const cityOffers = new Map(supply.city.map((s) => [s.lang, s.offers]));
      const cells = areas.map((a, i) =>
        langs.map((l): LanguageCell => {
          const need = table.cells[i]![langIdx.get(l)!]!;
          const offers = offersAt.get(`${a.id}|${l}`) ?? 0;
          return { need, offers: safeCount(offers, rule), gap: isLanguageGap({ need, offers }, minNeed) };
        }),
      );
      const gaps: LanguageGap[] = [];
      for (const [i, a] of areas.entries())
        for (const [j, l] of langs.entries())
          if (cells[i]![j]!.gap)
            gaps.push({
              areaId: a.id,
              area: a.name,
              lang: l,
              need: cells[i]![j]!.need,
              cityOffers: safeCount(cityOffers.get(l) ?? 0, rule),
            });
      gaps.sort((x, y) => (y.need.value ?? 0) - (x.need.value ?? 0) || x.area.localeCompare(y.area, "de"));
      return {
        minNeed,
        minCount: rule.minCount,
        langs: langs.map((l) => ({ code: l, cityOffers: safeCount(cityOffers.get(l) ?? 0, rule) })),
        areas,
        cells,
        gaps,
      };
    },
  };
}

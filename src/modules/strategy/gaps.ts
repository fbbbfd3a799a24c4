import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { FrameworkAxis } from "../framework/service.ts";
import { type SafeCount, safeCount, smallCellRuleFor, suppressTable } from "../statistics/small-cells.ts";
import type { ContentLanguage } from "../translations/model.ts";
import type { GapSettingsInput } from "./contracts.ts";
import type { StrategyDeps } from "./deps.ts";
import {
  DEFAULT_GAP_RULE,
  defaultDomainTerms,
  type GapCellInput,
  judgeGaps,
  type LifeDomain,
} from "./gaps.model.ts";
import { gapsRepo } from "./gaps.repo.ts";
import type { createSignals, SignalInfo, SignalReading } from "./signals.ts";

type Signals = ReturnType<typeof createSignals>;

/** Declined referrals count as a capacity signal over the last year. */
const DECLINED_WINDOW_DAYS = 365;

export type GapCell = {
  need: SafeCount;
  /** Further need signals of the cell's term in its area (decision 079), beside the case needs. */
  signals: SignalReading[];
  offers: SafeCount;
  hours: number;
  evening: SafeCount;
  eveningChildcare: SafeCount;
  pressure: number | null;
  gap: boolean;
};
export type Gap = {
  areaId: string;
  area: string;
  termId: string;
  term: string;
  need: SafeCount;
  offers: SafeCount;
  hours: number;
  eveningChildcare: SafeCount;
  declined: SafeCount;
  ratio: number | null;
  noSupply: boolean;
};
export type GapAnalysis = Awaited<ReturnType<ReturnType<typeof createGaps>["gaps"]>>;

const labelOf = (x: { key: string; label?: { text: string } | null }) => x.label?.text ?? x.key;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The gap analysis (issue 16, 2; decision 063): open case needs per area × framework term
 * (through the tenant's domain mapping and the small-cell rule) against the published offers
 * and their weekly hours in the same area; gaps by the tenant's rule, each with its reasons.
 */
export function createGaps(deps: StrategyDeps, signals: Pick<Signals, "signalReadings">) {
  const { db } = deps;

  async function settingsOf(tenantId: string, axes: FrameworkAxis[]) {
    const row = await gapsRepo.settings(db, tenantId);
    if (row) {
      return {
        factor: row.factor,
        minNeed: row.minNeed,
        domainTerms: row.domainTerms as { domain: LifeDomain; termIds: string[] }[],
        version: row.version,
        saved: true,
      };
    }
    return {
      ...DEFAULT_GAP_RULE,
      domainTerms: defaultDomainTerms(axes.flatMap((a) => a.terms)),
      version: 0,
      saved: false,
    };
  }

  return {
    async gapSettings(principal: Principal, tenantId: string, lang: ContentLanguage) {
      authorize(principal, "strategy.matrix");
      const axes = await deps.framework.list(tenantId, lang);
      const settings = await settingsOf(tenantId, axes);
      const terms = axes.flatMap((a) =>
        a.terms.map((t) => ({ id: t.id, label: `${labelOf(a)}: ${labelOf(t)}` })),
      );
      return { ...settings, terms };
    },

    async saveGapSettings(principal: Principal, tenantId: string, input: GapSettingsInput) {
      authorize(principal, "strategy.edit");
      const known = new Set(
        (await deps.framework.list(tenantId, "de")).flatMap((a) => a.terms.map((t) => t.id)),
      );
      const errors: FieldError[] = [];
      input.domainTerms.forEach((d, i) => {
        d.termIds.forEach((t, j) => {
          if (!known.has(t))
            errors.push({ field: `domainTerms.${i}.termIds.${j}`, code: "strategy_unknown_term" });
        });
        if (input.domainTerms.findIndex((x) => x.domain === d.domain) !== i)
          errors.push({ field: `domainTerms.${i}.domain`, code: "duplicate" });
      });
      if (errors.length) throw AppError.validation(errors);
      const { version, ...values } = input;
      const row = await gapsRepo.saveSettings(db, tenantId, values, version, deps.clock.now());
      if (!row) throw AppError.versionConflict();
      return { version: row.version };
    },

    async gaps(
      principal: Principal,
      tenantId: string,
      lang: ContentLanguage,
      opts: { axis?: string | undefined },
    ) {
      authorize(principal, "strategy.matrix");
      const axes = (await deps.framework.list(tenantId, lang)).filter((a) => a.terms.length > 0);
      const settings = await settingsOf(tenantId, axes);
      const mapped = new Set(settings.domainTerms.flatMap((d) => d.termIds));
      const coverage = (a: FrameworkAxis) => a.terms.filter((t) => mapped.has(t.id)).length;
      let axis: FrameworkAxis | undefined;
      if (opts.axis !== undefined) {
        axis = axes.find((a) => a.id === opts.axis);
        if (!axis) throw AppError.validation([{ field: "axis", code: "invalid_choice" }]);
      } else {
        axis = [...axes].sort(
          (a, b) =>
            coverage(b) - coverage(a) ||
            Number(b.kind === "field_of_action") - Number(a.kind === "field_of_action"),
        )[0];
      }
      const now = deps.clock.now();
      const rule = smallCellRuleFor((await deps.tenants.byId(tenantId))?.settings.smallCells);
      const axisList = axes.map((a) => ({ id: a.id, label: labelOf(a), mapped: coverage(a) }));
      const gapRule = { factor: settings.factor, minNeed: settings.minNeed };
      if (!axis || coverage(axis) === 0)
        return {
          axis: null,
          axes: axisList,
          rule: gapRule,
          median: null,
          minCount: rule.minCount,
          terms: [],
          areas: [],
          cells: [],
          signals: [] as SignalInfo[],
          gaps: [] as Gap[],
        };
      const terms = axis.terms.filter((t) => mapped.has(t.id)).map((t) => ({ id: t.id, label: labelOf(t) }));
      const termIdx = new Map(terms.map((t, j) => [t.id, j]));
      const [needs, declinedRows, supply, areaList] = await Promise.all([
        deps.cases.openNeedsByDomain(tenantId, null),
        deps.cases.referralsByStatus(
          tenantId,
          new Date(now.getTime() - DECLINED_WINDOW_DAYS * 86_400_000),
          now,
        ),
        deps.offers.supplyByAreaAndTerm(
          tenantId,
          terms.map((t) => t.id),
        ),
        deps.areas.list(tenantId),
      ]);
      // Areas that have a need or an offer; needs of households without an area stay out.
      const present = new Set([...needs.map((n) => n.areaId), ...supply.map((s) => s.areaId)]);
      const areas = areaList
        .filter((a) => present.has(a.id))
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "de"));
      const areaIdx = new Map(areas.map((a, i) => [a.id, i]));
      const termsOfDomain = new Map(settings.domainTerms.map((d) => [d.domain as string, d.termIds]));
      const counts = areas.map(() => terms.map(() => 0));
      for (const n of needs) {
        const i = n.areaId ? areaIdx.get(n.areaId) : undefined;
        if (i === undefined || !n.category) continue;
        for (const t of termsOfDomain.get(n.category) ?? []) {
          const j = termIdx.get(t);
          if (j !== undefined) counts[i]![j]! += n.n;
        }
      }
      const table = suppressTable(counts, rule);
      const sup = new Map(supply.map((s) => [`${s.areaId}|${s.term}`, s]));
      const declined = areas.map((a) =>
        safeCount(
          declinedRows
            .filter((r) => r.areaId === a.id && r.category === "declined")
            .reduce((x, r) => x + r.n, 0),
          rule,
        ),
      );
      const inputs: GapCellInput[] = [];
      for (const [i, a] of areas.entries())
        for (const [j, t] of terms.entries())
          inputs.push({
            areaId: a.id,
            termId: t.id,
            need: table.cells[i]![j]!,
            offers: sup.get(`${a.id}|${t.id}`)?.offers ?? 0,
            minutes: sup.get(`${a.id}|${t.id}`)?.minutes ?? 0,
          });
      const judged = judgeGaps(inputs, gapRule);
      const readings = await signals.signalReadings(
        principal,
        tenantId,
        terms.map((t) => t.id),
        areas,
        areaList,
      );
      const signalTerm = new Map(readings.info.map((x) => [x.id, x.termId]));
      const cellAt = (k: number): GapCell => {
        const c = inputs[k]!;
        const s = sup.get(`${c.areaId}|${c.termId}`);
        const v = judged.verdicts[k]!;
        return {
          need: c.need,
          signals: (readings.byArea.get(c.areaId) ?? []).filter(
            (r) => signalTerm.get(r.signalId) === c.termId,
          ),
          offers: safeCount(c.offers, rule),
          hours: round1(c.minutes / 60),
          evening: safeCount(s?.evening ?? 0, rule),
          eveningChildcare: safeCount(s?.eveningChildcare ?? 0, rule),
          pressure: v.pressure === null ? null : round1(v.pressure),
          gap: v.gap,
        };
      };
      const cells = areas.map((_, i) => terms.map((_, j) => cellAt(i * terms.length + j)));
      const gaps: Gap[] = judged.order.map((k) => {
        const i = Math.floor(k / terms.length);
        const j = k % terms.length;
        const cell = cells[i]![j]!;
        const v = judged.verdicts[k]!;
        return {
          areaId: areas[i]!.id,
          area: areas[i]!.name,
          termId: terms[j]!.id,
          term: terms[j]!.label,
          need: cell.need,
          offers: cell.offers,
          hours: cell.hours,
          eveningChildcare: cell.eveningChildcare,
          declined: declined[i]!,
          ratio: v.ratio === null ? null : round1(v.ratio),
          noSupply: v.noSupply,
        };
      });
      return {
        axis: { id: axis.id, label: labelOf(axis) },
        axes: axisList,
        rule: gapRule,
        median: judged.median === null ? null : round1(judged.median),
        minCount: rule.minCount,
        terms,
        areas: areas.map((a, i) => ({ ...a, declined: declined[i]! })),
        cells,
        signals: readings.info,
        gaps,
      };
    },
  };
}

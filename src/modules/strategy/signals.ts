import { AppError, type FieldError, isAppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { SafeCount } from "../statistics/small-cells.ts";
import type { ContentLanguage } from "../translations/model.ts";
import type { StrategyDeps } from "./deps.ts";
import type { NeedSignalInput } from "./signals.contracts.ts";
import { type SignalRow, signalsRepo } from "./signals.repo.ts";

/** At most this many signals per tenant: each is one analysis per gap page. */
export const MAX_SIGNALS = 20;

/** One signal's reading in one area: a questionnaire answer's count and base, or an indicator value. */
export type SignalReading = {
  signalId: string;
  /** Where it was measured (the area itself or the district containing it). */
  at: string;
  count: SafeCount | null;
  base: SafeCount | null;
  value: number | null;
  period: string | null;
};
export type SignalInfo = {
  id: string;
  termId: string;
  kind: "survey" | "monitoring";
  label: string;
  /** What the page prints as its source: the form and question, or the indicator and release. */
  source: string;
  /** Not shown: the role may not read questionnaire analyses, or the source has gone. */
  unavailable: "no_access" | "removed" | null;
};
type Area = { id: string; name: string; parentId: string | null };
type Readings = Map<string, { name: string; reading: Omit<SignalReading, "signalId" | "at"> }>;

/**
 * Further need signals of the gap analysis (issue 16, 2; decision 079): a questionnaire answer
 * counted by district through the surveys' cross-tab, or a monitoring indicator's area values of
 * the approved releases. Both arrive through the owning module's service, where the small-cell
 * rule has applied; they are shown beside the case needs and never enter the ranking.
 */
export function createSignals(deps: StrategyDeps) {
  const { db } = deps;

  async function termLabels(tenantId: string, lang: ContentLanguage) {
    const axes = await deps.framework.list(tenantId, lang);
    const label = (x: { key: string; label?: { text: string } | null }) => x.label?.text ?? x.key;
    return new Map(axes.flatMap((a) => a.terms.map((t) => [t.id, `${label(a)}: ${label(t)}`] as const)));
  }

  /** The answer's count per district column, or null when the form or question has gone. */
  async function surveyReadings(
    principal: Principal,
    s: SignalRow,
  ): Promise<{ readings: Readings; source: string } | null> {
    try {
      const tab = await deps.surveys.crossTab(
        principal,
        { formId: s.formId!, question: s.question!, by: "district" },
        "de",
      );
      const i = tab.rows.findIndex((r) => r.key === s.answer);
      if (i < 0) return null;
      const out: Readings = new Map();
      tab.columns.forEach((c, j) => {
        if (c.key === "?") return;
        out.set(c.key, {
          name: c.label ?? c.key,
          reading: { count: tab.cells[i]![j]!, base: tab.columnTotals[j]!, value: null, period: null },
        });
      });
      const answer = tab.rows[i]!.label ?? s.answer;
      return { readings: out, source: `${tab.question.label} = ${answer} (${s.question})` };
    } catch (e) {
      if (isAppError(e) && (e.code === "not_found" || e.code === "validation_failed")) return null;
      throw e;
    }
  }

  /** The newest value per area of each monitoring signal, from one batch of series. */
  async function monitoringReadings(principal: Principal, tenantId: string, rows: SignalRow[]) {
    const codes = rows.map((r) => r.monitoringCode!);
    const out = new Map<string, { readings: Readings; source: string }>();
    if (codes.length === 0) return out;
    const series = await deps.monitoring.seriesMany(
      can(principal, "monitoring.view") ? principal : null,
      tenantId,
      { indicators: codes },
    );
    for (const [code, s] of series) {
      const readings: Readings = new Map();
      for (const a of s.areas) {
        const cells = s.byArea[a.id] ?? [];
        for (let k = cells.length - 1; k >= 0; k--) {
          const v = cells[k]?.value;
          if (v === null || v === undefined) continue;
          readings.set(a.id, {
            name: a.name,
            reading: { count: null, base: null, value: v, period: s.periods[k] ?? null },
          });
          break;
        }
      }
      out.set(code, { readings, source: `${s.indicator.name} (${code}), Freigabe ${s.dataVersion}` });
    }
    return out;
  }

  return {
    async needSignals(principal: Principal, tenantId: string, lang: ContentLanguage) {
      authorize(principal, "strategy.matrix");
      const [rows, terms] = await Promise.all([signalsRepo.list(db, tenantId), termLabels(tenantId, lang)]);
      return rows.map((r) => ({
        id: r.id,
        termId: r.termId,
        term: terms.get(r.termId) ?? "–",
        kind: r.kind,
        label: r.label,
        formId: r.formId,
        question: r.question,
        answer: r.answer,
        monitoringCode: r.monitoringCode,
      }));
    },

    /** What the settings page offers: every answer of the analysable questions (for those who may analyse). */
    async signalChoices(principal: Principal, lang: ContentLanguage) {
      authorize(principal, "strategy.edit");
      if (!can(principal, "surveys.analyse")) return [];
      const out: { value: string; label: string | null; labelKey: string | null; prefix: string }[] = [];
      for (const f of (await deps.surveys.forms(principal)).slice(0, 20)) {
        for (const q of (await deps.surveys.analysableQuestions(principal, f.id, lang)).slice(0, 40)) {
          const tab = await deps.surveys.crossTab(
            principal,
            { formId: f.id, question: q.name, by: "none" },
            lang,
          );
          for (const r of tab.rows)
            out.push({
              value: `${f.id}|${q.name}|${r.key}`,
              prefix: `${f.title} › ${q.label}`,
              label: r.label ?? null,
              labelKey: r.labelKey ?? null,
            });
        }
      }
      return out;
    },

    async addNeedSignal(principal: Principal, tenantId: string, input: NeedSignalInput) {
      authorize(principal, "strategy.edit");
      const errors: FieldError[] = [];
      if (!(await termLabels(tenantId, "de")).has(input.termId))
        errors.push({ field: "termId", code: "strategy_unknown_term" });
      if ((await signalsRepo.list(db, tenantId)).length >= MAX_SIGNALS)
        errors.push({ field: "label", code: "too_big", params: { max: MAX_SIGNALS } });
      if (input.kind === "survey") {
        if (!can(principal, "surveys.analyse")) throw AppError.forbidden();
        const row = { ...input, monitoringCode: null } as unknown as SignalRow;
        if (!(await surveyReadings(principal, row))) errors.push({ field: "answer", code: "invalid_choice" });
      } else {
        const m = await monitoringReadings(principal, tenantId, [
          { monitoringCode: input.monitoringCode } as SignalRow,
        ]);
        if (!m.has(input.monitoringCode))
          errors.push({ field: "monitoringCode", code: "strategy_monitoring_unknown" });
      }
      if (errors.length) throw AppError.validation(errors);
      const row = await signalsRepo.insert(db, {
        tenantId,
        termId: input.termId,
        kind: input.kind,
        label: input.label,
        formId: input.kind === "survey" ? input.formId : null,
        question: input.kind === "survey" ? input.question : null,
        answer: input.kind === "survey" ? input.answer : null,
        monitoringCode: input.kind === "monitoring" ? input.monitoringCode : null,
      });
      return { id: row.id };
    },

    async removeNeedSignal(principal: Principal, tenantId: string, id: string) {
      authorize(principal, "strategy.edit");
      if (!(await signalsRepo.remove(db, tenantId, id))) throw AppError.notFound();
    },

    /**
     * The readings of the tenant's signals for the given terms, per gap area: the area's own
     * value, else the nearest enclosing area's (a questionnaire counted by district).
     */
    async signalReadings(
      principal: Principal,
      tenantId: string,
      termIds: string[],
      areas: { id: string }[],
      tree: Area[],
    ) {
      const rows = (await signalsRepo.list(db, tenantId)).filter((r) => termIds.includes(r.termId));
      const monitoring = await monitoringReadings(
        principal,
        tenantId,
        rows.filter((r) => r.kind === "monitoring"),
      );
      const parent = new Map(tree.map((a) => [a.id, a.parentId]));
      const info: SignalInfo[] = [];
      const byArea = new Map<string, SignalReading[]>();
      for (const r of rows) {
        let readings: Readings | null = null;
        let source = "";
        let unavailable: SignalInfo["unavailable"] = null;
        if (r.kind === "survey") {
          source = `${r.question} = ${r.answer}`;
          if (!can(principal, "surveys.analyse")) unavailable = "no_access";
          else {
            const got = await surveyReadings(principal, r);
            readings = got?.readings ?? null;
            source = got?.source ?? source;
          }
        } else {
          const m = monitoring.get(r.monitoringCode ?? "");
          readings = m?.readings ?? null;
          source = m?.source ?? `${r.monitoringCode}`;
        }
        if (!readings && !unavailable) unavailable = "removed";
        info.push({ id: r.id, termId: r.termId, kind: r.kind, label: r.label, source, unavailable });
        if (!readings) continue;
        for (const a of areas) {
          let at: string | null = a.id;
          for (let guard = 0; at && !readings.has(at) && guard < 10; guard++) at = parent.get(at) ?? null;
          const hit = at ? readings.get(at) : undefined;
          if (!hit) continue;
          const list = byArea.get(a.id) ?? [];
          list.push({ signalId: r.id, at: hit.name, ...hit.reading });
          byArea.set(a.id, list);
        }
      }
      return { info, byArea };
    },
  };
}

import { csvDocument } from "../../server/csv.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { ACCOMMODATION_KINDS, SEXES } from "../casework/model.ts";
import type { MonitoringDataService } from "../monitoring/data-service.ts";
import { smallCellRuleFor } from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import { rawAnswerLines, rawTables, rawXlsx as rawWorkbook } from "./analysis-export.ts";
import { analysisRepo } from "./analysis-repo.ts";
import type { CrossTabQuery, PublishSurveyFigure, ResultsPageQuery } from "./contracts.ts";
import {
  ANALYSABLE_TYPES,
  answerHeadings,
  type CrossTab,
  type Heading,
  suppressedCrossTab,
} from "./crosstab.ts";
import { pairCrossTab } from "./crosstab-pairs.ts";
import { suppressedRepeatCrossTab } from "./crosstab-repeat.ts";
import type { Audited, SurveyDeps } from "./deps.ts";
import { labelFor, questions } from "./engine.ts";
import { flatten, isAnswerable } from "./engine-tree.ts";
import { formRepo } from "./forms.repo.ts";
import { AGE_BANDS, DIMENSIONS, type Dimension } from "./model.ts";
import { responseRepo } from "./responses.repo.ts";
import { sampleRepo } from "./samples.repo.ts";
import type { SurveyService } from "./service.ts";
import type { FormDefinition } from "./types.ts";

export { ANALYSABLE_TYPES, type CrossTab, type Heading } from "./crosstab.ts";

/**
 * Auswertung (issue 5): frequencies and cross-tabs through the small-cell rule, raw answers for
 * the analyst, and results published into monitoring. Counts are computed in the database
 * (`analysis-repo.ts`); no row about a person leaves except in the audited raw export.
 */
export function createSurveyAnalysis(
  deps: Pick<SurveyDeps, "db" | "audit" | "casework"> & {
    tenants: Pick<TenantService, "byId">;
    surveys: SurveyService;
    monitoringData: Pick<MonitoringDataService, "writeSurveyFigure">;
  },
) {
  const { db } = deps;

  async function dimensionHeadings(
    tenantId: string,
    dimension: Dimension,
    surveyId: string | null,
  ): Promise<Heading[]> {
    switch (dimension) {
      case "none":
        return [{ key: "", labelKey: "surveys.all_respondents" }];
      case "sex":
        return SEXES.map((s) => ({ key: s, labelKey: `cases.sex_${s}` }));
      case "age_band":
        return AGE_BANDS.map((b) => ({ key: b, label: b }));
      case "accommodation":
        return ACCOMMODATION_KINDS.map((k) => ({ key: k, labelKey: `cases.accommodation_${k}` }));
      case "phase":
        return (await deps.casework.phases(tenantId)).map((p) => ({ key: p.key, label: p.label }));
      case "district":
        return (await deps.surveys.districtMapper(tenantId)).areas.map((a) => ({ key: a.id, label: a.name }));
      case "wave": {
        if (!surveyId) return [];
        return (await sampleRepo.waves(db, tenantId, surveyId)).map((w) => ({ key: w.id, label: w.label }));
      }
    }
  }

  /**
   * The form's current version and one of its analysable questions; inside a repeat only where
   * the caller counts instances (the cross-tab does, publishing a share of respondents does not).
   */
  async function analysableQuestion(tenantId: string, formId: string, name: string, inRepeats = false) {
    const form = await deps.surveys.loadForm(tenantId, formId);
    const def = await deps.surveys.definitionOf(tenantId, form.id, form.currentVersion);
    const q = questions(def).find((x) => x.name === name && (inRepeats || !x.inRepeat));
    if (!q || !ANALYSABLE_TYPES.includes(q.type))
      throw AppError.validation([{ field: "question", code: "invalid_choice" }]);
    return { form, def, q };
  }

  /** The waves of the survey the cross-tab is limited to (null: all responses). */
  async function wavesOf(tenantId: string, formId: string, p: CrossTabQuery): Promise<string[] | null> {
    if (!p.surveyId) {
      if (p.by === "wave") throw AppError.validation([{ field: "surveyId", code: "required" }]);
      return null;
    }
    const survey = await sampleRepo.survey(db, tenantId, p.surveyId);
    if (!survey || survey.formId !== formId)
      throw AppError.validation([{ field: "surveyId", code: "invalid_choice" }]);
    return (await sampleRepo.waves(db, tenantId, survey.id)).map((w) => w.id);
  }

  /** The form, its current definition and every response, for the raw exports. */
  async function rawRows(principal: Principal, formId: string, repeat?: string) {
    authorize(principal, "surveys.raw_export");
    if (!isUuid(formId)) throw AppError.notFound();
    const form = await deps.surveys.loadForm(principal.tenantId, formId);
    const def = await deps.surveys.definitionOf(principal.tenantId, form.id, form.currentVersion);
    if (
      repeat !== undefined &&
      !flatten(def.nodes).some((v) => v.node.type === "repeat" && v.node.name === repeat)
    )
      throw AppError.validation([{ field: "repeat", code: "invalid_choice" }]);
    return { form, def, rows: await responseRepo.responsesForExport(db, principal.tenantId, form.id) };
  }

  async function auditRaw(
    principal: Principal,
    formId: string,
    responses: number,
    format: string,
    opts: Audited,
  ) {
    await deps.audit.record({
      actor: { kind: "user", principal },
      action: "survey.raw_export",
      entityType: "survey_form",
      entityId: formId,
      changes: { responses: { old: null, new: responses }, format: { old: null, new: format } },
      requestId: opts.requestId ?? null,
    });
  }

  const analysis = {
    /**
     * Frequencies (by "none") and cross-tabs of one categorical question by a dimension, over
     * all versions of the form (question names are stable). Every count passes the tenant's
     * small-cell rule with secondary suppression before it leaves.
     */
    async crossTab(principal: Principal, p: CrossTabQuery, lang: string): Promise<CrossTab> {
      authorize(principal, "surveys.analyse");
      const t = principal.tenantId;
      const { form, def, q } = await analysableQuestion(t, p.formId, p.question, true);
      const waveIds = await wavesOf(t, form.id, p);
      const rule = smallCellRuleFor((await deps.tenants.byId(t))?.settings.smallCells);
      const question = { name: q.name, type: q.type, label: labelFor(q.node.label, lang, def) || q.name };
      if (p.byQuestion !== undefined) {
        if (p.by !== "none") throw AppError.validation([{ field: "by", code: "survey_crosstab_by_both" }]);
        const column = (await analysableQuestion(t, p.formId, p.byQuestion, true).catch(() => null))?.q;
        if (!column) throw AppError.validation([{ field: "byQuestion", code: "invalid_choice" }]);
        const pair = await pairCrossTab(db, t, { formId: form.id, def, row: q, column, waveIds, rule, lang });
        return { formId: form.id, question, dimension: "none", ...pair, rule };
      }
      const multiple = q.type === "select_multiple";
      const rows = answerHeadings(def, { type: q.type, listName: q.node.listName }, lang);
      // Areas are stored as the household's area; fold them into the district level.
      const toColumn =
        p.by === "district" ? (await deps.surveys.districtMapper(t)).toDistrict : (v: string | null) => v;
      const columns = await dimensionHeadings(t, p.by, p.surveyId ?? null);
      const query = { formId: form.id, question: q.name, multiple, dimension: p.by, waveIds };
      const table = q.inRepeat
        ? suppressedRepeatCrossTab({
            ...(await analysisRepo.repeatCounts(db, t, {
              ...query,
              repeats: q.repeats,
              choices: rows.map((r) => r.key),
            })),
            rows,
            columns,
            toColumn,
            multiple,
            rule,
          })
        : suppressedCrossTab({
            ...(await analysisRepo.counts(db, t, query)),
            rows,
            columns,
            toColumn,
            multiple,
            rule,
          });
      const repeatNode = q.inRepeat
        ? flatten(def.nodes).find((v) => v.node.name === q.inRepeat)?.node
        : undefined;
      return {
        formId: form.id,
        question,
        repeat: q.inRepeat
          ? { name: q.inRepeat, label: labelFor(repeatNode?.label, lang, def) || q.inRepeat }
          : null,
        dimension: p.by,
        byQuestion: null,
        unit: q.inRepeat ? "instances" : "responses",
        responses: null,
        multiple,
        rows,
        ...table,
        rule,
      };
    },

    /**
     * Publishes the share of respondents giving one answer, per area and sex, for a year, into
     * monitoring (working values; the social planner approves them with the year).
     */
    async publish(principal: Principal, p: PublishSurveyFigure) {
      authorize(principal, "surveys.publish");
      const { form, def, q } = await analysableQuestion(principal.tenantId, p.formId, p.question);
      const choices = q.type === "yes_no" ? [] : (def.choices[q.node.listName ?? ""] ?? []);
      const options = q.type === "yes_no" ? ["yes", "no"] : choices.map((c) => c.name);
      if (!options.includes(p.answer))
        throw AppError.validation([{ field: "answer", code: "invalid_choice" }]);
      const year = Number(p.period);
      // The year in Berlin: 1 January 00:00 CET = 31 December 23:00 UTC.
      const counts = await analysisRepo.answerShare(db, principal.tenantId, {
        formId: form.id,
        question: q.name,
        answer: p.answer,
        multiple: q.type === "select_multiple",
        from: new Date(Date.UTC(year, 0, 1) - 3_600_000),
        to: new Date(Date.UTC(year + 1, 0, 1) - 3_600_000),
      });
      if (counts.length === 0) throw AppError.validation([{ field: "period", code: "survey_no_responses" }]);
      const code = `survey_${form.code}_${q.name}_${p.answer}`
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, "_")
        .slice(0, 40)
        .replace(/_+$/, "");
      const result = await deps.monitoringData.writeSurveyFigure(principal, {
        code: /^[a-z]/.test(code) ? code : `s${code}`.slice(0, 40),
        name: figureName(def, q.node.label, q.name, answerLabel(def, q.type, choices, p.answer), form.title),
        period: p.period,
        counts: counts.map((c) => ({
          areaId: c.areaId,
          sex: sexCode(c.sex),
          answered: c.answered,
          counted: c.counted,
        })),
      });
      return { ...result, code };
    },

    /**
     * What the results page shows for its query: the forms, the picked form's questions, the
     * surveys of that form (for those who manage them), and the cross-tab to compute (null when
     * there is no form or question yet). Missing parts are picked here: the first form with
     * responses, its first question, a breakdown by sex.
     */
    async resultsSelection(principal: Principal, q: ResultsPageQuery, lang: string) {
      const forms = await analysis.forms(principal);
      const formId = q.formId ?? forms.find((f) => f.responses > 0)?.id ?? forms[0]?.id ?? "";
      const questions = formId
        ? await analysis.analysableQuestions(principal, formId, lang, { inRepeats: true })
        : [];
      const question = q.question ?? questions[0]?.name ?? "";
      const byQuestion = q.by?.startsWith("q:") ? q.by.slice(2) : undefined;
      const by: Dimension = byQuestion
        ? "none"
        : (DIMENSIONS as readonly string[]).includes(q.by ?? "")
          ? (q.by as Dimension)
          : "sex";
      const surveys = can(principal, "surveys.manage")
        ? (await deps.surveys.listSurveys(principal)).filter((s) => s.formId === formId)
        : [];
      const query: CrossTabQuery | null =
        formId && question
          ? {
              formId,
              question,
              by,
              ...(byQuestion ? { byQuestion } : {}),
              ...(q.surveyId ? { surveyId: q.surveyId } : {}),
            }
          : null;
      return {
        forms,
        formId,
        questions,
        question,
        by: byQuestion ? `q:${byQuestion}` : by,
        surveyId: q.surveyId ?? "",
        surveys: surveys.map((s) => ({ id: s.id, title: s.title })),
        query,
      };
    },

    /** The forms with their number of responses, for the analysis pickers (no form content). */
    async forms(principal: Principal) {
      authorize(principal, "surveys.analyse");
      return (await formRepo.forms(db, principal.tenantId)).map((f) => ({
        id: f.id,
        title: f.title,
        responses: f.responses,
      }));
    },

    /**
     * The analysable questions of a form's current version, for pickers. With `inRepeats`, also
     * those inside repeats (counted per instance), labelled with their repeats' labels.
     */
    async analysableQuestions(
      principal: Principal,
      formId: string,
      lang: string,
      opts: { inRepeats?: boolean } = {},
    ) {
      authorize(principal, "surveys.analyse");
      const form = await deps.surveys.loadForm(principal.tenantId, formId);
      const def = await deps.surveys.definitionOf(principal.tenantId, form.id, form.currentVersion);
      const repeatLabel = new Map(
        flatten(def.nodes)
          .filter((v) => v.node.type === "repeat")
          .map((v) => [v.node.name, labelFor(v.node.label, lang, def) || v.node.name]),
      );
      return questions(def)
        .filter((q) => ANALYSABLE_TYPES.includes(q.type) && (opts.inRepeats || !q.inRepeat))
        .map((q) => {
          const label = labelFor(q.node.label, lang, def) || q.name;
          return {
            name: q.name,
            multiple: q.type === "select_multiple",
            label: [...q.repeats.map((r) => repeatLabel.get(r) ?? r), label].join(" › "),
            repeat: q.inRepeat
              ? { name: q.inRepeat, label: repeatLabel.get(q.inRepeat) ?? q.inRepeat }
              : null,
          };
        });
    },

    /**
     * Raw answers of a form (every version) as CSV, for the analyst only, without names; a repeat's
     * instances are one JSON column. With `repeat`, the instances of that repeat instead, one row
     * each, linked to their response and parent (decision 106). The export is audited with the
     * number of responses it contained.
     */
    async rawCsv(principal: Principal, formId: string, opts: Audited & { repeat?: string | undefined } = {}) {
      const { form, def, rows } = await rawRows(principal, formId, opts.repeat);
      const answersOf = await deps.surveys.exportAnswersOf(principal.tenantId, form.id);
      if (opts.repeat) {
        const table = rawTables(def, rows, answersOf).find((x) => x.name === opts.repeat)!;
        await auditRaw(principal, form.id, rows.length, `csv:${opts.repeat}`, opts);
        return { fileName: `${form.code}-${opts.repeat}.csv`, text: csvDocument(table.lines) };
      }
      // a repeat is one column holding its instances (nested repeats inside) as JSON
      const names = flatten(def.nodes)
        .filter((v) => v.repeats.length === 0 && (isAnswerable(v.node.type) || v.node.type === "repeat"))
        .map((v) => v.node.name);
      const lines = rawAnswerLines(rows, names, answersOf);
      await auditRaw(principal, form.id, rows.length, "csv", opts);
      return { fileName: `${form.code}-responses.csv`, text: csvDocument(lines) };
    },

    /**
     * Raw answers as a workbook: a sheet of responses and one per repeat, one row per instance
     * (KoboToolbox's layout, decision 106). For the analyst only, audited like the CSV.
     */
    async rawXlsx(principal: Principal, formId: string, opts: Audited = {}) {
      const { form, def, rows } = await rawRows(principal, formId);
      const answersOf = await deps.surveys.exportAnswersOf(principal.tenantId, form.id);
      const bytes = await rawWorkbook(rawTables(def, rows, answersOf));
      await auditRaw(principal, form.id, rows.length, "xlsx", opts);
      return { fileName: `${form.code}-responses.xlsx`, bytes };
    },
  };
  return analysis;
}

export type SurveyAnalysis = ReturnType<typeof createSurveyAnalysis>;

const sexCode = (s: string | null) =>
  s === "female" ? "f" : s === "male" ? "m" : s === "diverse" ? "d" : null;

/** The counted answer in German (monitoring's element names are German). */
function answerLabel(
  def: FormDefinition,
  type: string,
  choices: FormDefinition["choices"][string],
  answer: string,
): string {
  if (type === "yes_no") return answer === "yes" ? "ja" : "nein";
  return labelFor(choices.find((c) => c.name === answer)?.label, "de", def);
}

function figureName(
  def: FormDefinition,
  label: FormDefinition["nodes"][number]["label"],
  name: string,
  answer: string,
  formTitle: string,
): string {
  return `${labelFor(label, "de", def) || name}: ${answer} (Befragung „${formTitle}“)`.slice(0, 200);
}

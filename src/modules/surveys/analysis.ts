import ExcelJS from "exceljs";
import { z } from "zod";
import type { Translate } from "../../i18n/translator.ts";
import { csvDocument } from "../../server/csv.ts";
import { isUuid } from "../../server/db/ids.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { ACCOMMODATION_KINDS, SEXES } from "../casework/schema.ts";
import type { CaseworkService } from "../casework/service.ts";
import type { MonitoringDataService } from "../monitoring/data-service.ts";
import {
  displayCount,
  type SafeCount,
  type SmallCellRule,
  smallCellRuleFor,
  suppressTable,
} from "../statistics/small-cells.ts";
import type { TenantService } from "../tenants/service.ts";
import { analysisRepo, DIMENSIONS, type Dimension } from "./analysis-repo.ts";
import { labelFor, questions } from "./engine.ts";
import { surveyRepo } from "./repo.ts";
import { AGE_BANDS } from "./schema.ts";
import type { SurveyDeps, SurveyService } from "./service.ts";
import { mergeTextAnswers } from "./service.ts";
import type { Answers, FormDefinition, QuestionType } from "./types.ts";

/** Question types that can be counted (categorical answers). */
export const ANALYSABLE_TYPES: readonly QuestionType[] = ["select_one", "select_multiple", "yes_no"];

/** A row or column heading: a catalog key, or text from the form or the tenant's data. */
export type Heading = { key: string; labelKey?: string; label?: string };

export type CrossTab = {
  formId: string;
  question: { name: string; type: QuestionType; label: string };
  dimension: Dimension;
  multiple: boolean;
  rows: Heading[];
  columns: Heading[];
  cells: SafeCount[][];
  /** Single choice: answers per column; multiple choice: respondents per column (the base). */
  columnTotals: SafeCount[];
  rowTotals: SafeCount[];
  total: SafeCount;
  rule: SmallCellRule;
};

const publishInput = z.object({
  formId: z.string().uuid(),
  question: z.string().min(1).max(100),
  answer: z.string().min(1).max(100),
  period: z.string().regex(/^\d{4}$/),
});

const crossTabInput = z.object({
  formId: z.string().uuid(),
  question: z.string().min(1).max(100),
  by: z.enum(DIMENSIONS).default("none"),
  surveyId: z.string().uuid().optional(),
});

export function createSurveyAnalysis(
  deps: SurveyDeps & {
    tenants: TenantService;
    surveys: SurveyService;
    audit: AuditService;
    casework: CaseworkService;
    monitoringData: MonitoringDataService;
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
        return (await surveyRepo.waves(db, tenantId, surveyId)).map((w) => ({ key: w.id, label: w.label }));
      }
    }
  }

  /** The form's current version and one of its analysable questions (outside repeats). */
  async function analysableQuestion(tenantId: string, formId: string, name: string) {
    const form = await deps.surveys.loadForm(tenantId, formId);
    const def = await deps.surveys.definitionOf(tenantId, form.id, form.currentVersion);
    const q = questions(def).find((x) => x.name === name && !x.inRepeat);
    if (!q || !ANALYSABLE_TYPES.includes(q.type))
      throw AppError.validation([{ field: "question", code: "invalid_choice" }]);
    return { form, def, q };
  }

  function answerHeadings(
    def: FormDefinition,
    q: { type: QuestionType; listName?: string | undefined },
    lang: string,
  ): Heading[] {
    if (q.type === "yes_no")
      return [
        { key: "yes", labelKey: "surveys.yes" },
        { key: "no", labelKey: "surveys.no" },
      ];
    return (def.choices[q.listName ?? ""] ?? []).map((c) => ({
      key: c.name,
      label: labelFor(c.label, lang, def),
    }));
  }

  return {
    /**
     * Frequencies (by "none") and cross-tabs of one categorical question by a dimension, over
     * all versions of the form (question names are stable). Every count passes the tenant's
     * small-cell rule with secondary suppression before it leaves.
     */
    async crossTab(principal: Principal, input: unknown, lang: string): Promise<CrossTab> {
      authorize(principal, "surveys.analyse");
      const parsed = crossTabInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const p = parsed.data;
      const { form, def, q } = await analysableQuestion(principal.tenantId, p.formId, p.question);
      let waveIds: string[] | null = null;
      if (p.surveyId) {
        const survey = await surveyRepo.survey(db, principal.tenantId, p.surveyId);
        if (!survey || survey.formId !== form.id)
          throw AppError.validation([{ field: "surveyId", code: "invalid_choice" }]);
        waveIds = (await surveyRepo.waves(db, principal.tenantId, survey.id)).map((w) => w.id);
      } else if (p.by === "wave") throw AppError.validation([{ field: "surveyId", code: "required" }]);
      const multiple = q.type === "select_multiple";
      const { counts, bases } = await analysisRepo.counts(db, principal.tenantId, {
        formId: form.id,
        question: q.name,
        multiple,
        dimension: p.by === "district" ? "district" : p.by,
        waveIds,
      });
      const rows = answerHeadings(def, { type: q.type, listName: q.node.listName }, lang);
      let columns = await dimensionHeadings(principal.tenantId, p.by, p.surveyId ?? null);
      // Areas are stored as the household's area; fold them into the district level.
      const toColumn =
        p.by === "district"
          ? (await deps.surveys.districtMapper(principal.tenantId)).toDistrict
          : (v: string | null) => v;
      const colIndex = new Map(columns.map((c, j) => [c.key, j]));
      const unknownCol = columns.length;
      const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
      const matrix = rows.map(() => new Array<number>(columns.length + 1).fill(0));
      let anyUnknown = false;
      for (const c of counts) {
        const i = rowIndex.get(c.answer);
        if (i === undefined) continue; // an answer no longer among the choices (older version)
        const j = colIndex.get(toColumn(c.dim || null) ?? "") ?? unknownCol;
        if (j === unknownCol) anyUnknown = true;
        matrix[i]![j]! += c.n;
      }
      if (anyUnknown) columns = [...columns, { key: "?", labelKey: "surveys.dimension_unknown" }];
      const width = columns.length;
      const table = matrix.map((r) => r.slice(0, width));
      const tenant = await deps.tenants.byId(principal.tenantId);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const question = { name: q.name, type: q.type, label: labelFor(q.node.label, lang, def) || q.name };
      if (!multiple) {
        const safe = suppressTable(table.length ? table : [new Array(width).fill(0)], rule);
        return {
          formId: form.id,
          question,
          dimension: p.by,
          multiple,
          rows,
          columns,
          cells: safe.cells,
          columnTotals: safe.columnTotals,
          rowTotals: safe.rowTotals,
          total: safe.total,
          rule,
        };
      }
      // Multiple choice: each option is its own "selected / not selected" table over the same
      // respondents, so totals stay additive; a base hidden in any option's table is hidden.
      const base = new Array<number>(width).fill(0);
      for (const b of bases) {
        const j = colIndex.get(toColumn(b.dim || null) ?? "") ?? unknownCol;
        if (j < width) base[j]! += b.n;
      }
      const baseSafe = suppressTable([base], rule);
      const hiddenBase = baseSafe.cells[0]!.map((c) => c.suppressed !== null);
      let hiddenTotal = baseSafe.total.suppressed !== null;
      const cells: SafeCount[][] = [];
      const rowTotals: SafeCount[] = [];
      for (const r of table) {
        const safe = suppressTable([r, r.map((v, j) => Math.max(0, base[j]! - v))], rule);
        cells.push(safe.cells[0]!);
        rowTotals.push(safe.rowTotals[0]!);
        safe.columnTotals.forEach((c, j) => {
          if (c.suppressed) hiddenBase[j] = true;
        });
        if (safe.total.suppressed) hiddenTotal = true;
      }
      const baseTotal = base.reduce((a, b) => a + b, 0);
      return {
        formId: form.id,
        question,
        dimension: p.by,
        multiple,
        rows,
        columns,
        cells,
        columnTotals: base.map((v, j) =>
          hiddenBase[j]
            ? { value: null, suppressed: baseSafe.cells[0]![j]!.suppressed ?? "secondary" }
            : { value: v, suppressed: null },
        ),
        rowTotals,
        total: hiddenTotal
          ? { value: null, suppressed: baseSafe.total.suppressed ?? "secondary" }
          : { value: baseTotal, suppressed: null },
        rule,
      };
    },

    /**
     * Publishes the share of respondents giving one answer, per area and sex, for a year, into
     * monitoring (working values; the social planner approves them with the year).
     */
    async publish(principal: Principal, input: unknown) {
      authorize(principal, "surveys.publish");
      const parsed = publishInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const p = parsed.data;
      const { form, def, q } = await analysableQuestion(principal.tenantId, p.formId, p.question);
      const options =
        q.type === "yes_no" ? ["yes", "no"] : (def.choices[q.node.listName ?? ""] ?? []).map((c) => c.name);
      if (!options.includes(p.answer))
        throw AppError.validation([{ field: "answer", code: "invalid_choice" }]);
      const year = Number(p.period);
      // The year in Berlin: 1 January 00:00 CET = 31 December 23:00 UTC.
      const from = new Date(Date.UTC(year, 0, 1) - 3_600_000);
      const to = new Date(Date.UTC(year + 1, 0, 1) - 3_600_000);
      const counts = await analysisRepo.answerShare(db, principal.tenantId, {
        formId: form.id,
        question: q.name,
        answer: p.answer,
        multiple: q.type === "select_multiple",
        from,
        to,
      });
      if (counts.length === 0) throw AppError.validation([{ field: "period", code: "survey_no_responses" }]);
      const code = `survey_${form.code}_${q.name}_${p.answer}`
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, "_")
        .slice(0, 40)
        .replace(/_+$/, "");
      const answerLabel =
        q.type === "yes_no"
          ? p.answer === "yes"
            ? "ja"
            : "nein"
          : labelFor(
              (def.choices[q.node.listName ?? ""] ?? []).find((c) => c.name === p.answer)?.label,
              "de",
              def,
            );
      const name =
        `${labelFor(q.node.label, "de", def) || q.name}: ${answerLabel} (Befragung „${form.title}“)`.slice(
          0,
          200,
        );
      const sexCode = (s: string | null) =>
        s === "female" ? "f" : s === "male" ? "m" : s === "diverse" ? "d" : null;
      const result = await deps.monitoringData.writeSurveyFigure(principal, {
        code: /^[a-z]/.test(code) ? code : `s${code}`.slice(0, 40),
        name,
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

    /** The forms with their number of responses, for the analysis pickers (no form content). */
    async forms(principal: Principal) {
      authorize(principal, "surveys.analyse");
      return (await surveyRepo.forms(db, principal.tenantId)).map((f) => ({
        id: f.id,
        title: f.title,
        responses: f.responses,
      }));
    },

    /** The analysable questions of a form's current version, for pickers. */
    async analysableQuestions(principal: Principal, formId: string, lang: string) {
      authorize(principal, "surveys.analyse");
      const form = await deps.surveys.loadForm(principal.tenantId, formId);
      const def = await deps.surveys.definitionOf(principal.tenantId, form.id, form.currentVersion);
      return questions(def)
        .filter((q) => ANALYSABLE_TYPES.includes(q.type) && !q.inRepeat)
        .map((q) => ({ name: q.name, label: labelFor(q.node.label, lang, def) || q.name }));
    },

    /**
     * Raw answers of a form (every version) as CSV, for the analyst only. No names: the
     * response id, version, channel, date and the analysis dimensions, then one column per
     * question. The export is audited with the number of responses it contained.
     */
    async rawCsv(principal: Principal, formId: string, opts: { requestId?: string | null } = {}) {
      authorize(principal, "surveys.raw_export");
      if (!isUuid(formId)) throw AppError.notFound();
      const form = await deps.surveys.loadForm(principal.tenantId, formId);
      const def = await deps.surveys.definitionOf(principal.tenantId, form.id, form.currentVersion);
      const rows = await surveyRepo.responsesForExport(db, principal.tenantId, form.id);
      const names = questions(def)
        .filter((q) => !q.inRepeat)
        .map((q) => q.name);
      const header = [
        "response_id",
        "form_version",
        "channel",
        "submitted_at",
        "sex",
        "age_band",
        "area_id",
        "accommodation",
        "phase",
        ...names,
      ];
      const lines = [header];
      for (const r of rows) {
        const text = r.textAnswersEnc
          ? (JSON.parse(deps.casework.crypto.decrypt(r.textAnswersEnc)) as Answers)
          : {};
        const a = mergeTextAnswers(r.answers, text);
        lines.push([
          r.id,
          String(r.formVersion),
          r.channel,
          r.submittedAt.toISOString(),
          r.sex ?? "",
          r.ageBand ?? "",
          r.areaId ?? "",
          r.accommodationKind ?? "",
          r.phaseKey ?? "",
          ...names.map((n) => answerText(a[n])),
        ]);
      }
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "survey.raw_export",
        entityType: "survey_form",
        entityId: form.id,
        changes: { responses: { old: null, new: rows.length } },
        requestId: opts.requestId ?? null,
      });
      return { fileName: `${form.code}-responses.csv`, text: csvDocument(lines) };
    },
  };
}

export type SurveyAnalysis = ReturnType<typeof createSurveyAnalysis>;

function answerText(v: Answers[string] | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (v.length === 0) return "";
  if (typeof v[0] === "string") return (v as string[]).join(" ");
  return JSON.stringify(v);
}

/** The shown (suppressed) cross-tab as rows of text, headings in the reader's language. */
export function crossTabLines(tab: CrossTab, t: Translate, lang: string): string[][] {
  const head = (h: Heading) => (h.labelKey ? t(h.labelKey) : (h.label ?? h.key));
  const fmt = (c: SafeCount) => displayCount(c, tab.rule, (n) => n.toLocaleString(lang));
  const lines: string[][] = [];
  lines.push([tab.question.label, ...tab.columns.map(head), t("surveys.total")]);
  tab.rows.forEach((r, i) => {
    lines.push([head(r), ...tab.cells[i]!.map(fmt), fmt(tab.rowTotals[i]!)]);
  });
  lines.push([
    tab.multiple ? t("surveys.respondents") : t("surveys.total"),
    ...tab.columnTotals.map(fmt),
    fmt(tab.total),
  ]);
  lines.push([]);
  lines.push([`<${tab.rule.minCount}`, t("surveys.legend_primary", { min: tab.rule.minCount })]);
  lines.push(["•", t("surveys.legend_secondary")]);
  return lines;
}

export async function crossTabXlsx(tab: CrossTab, t: Translate, lang: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("surveys.sheet_results").slice(0, 31));
  for (const line of crossTabLines(tab, t, lang)) ws.addRow(line);
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

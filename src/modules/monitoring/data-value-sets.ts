/**
 * The DHIS2-style `dataValueSets` shape (issue 6): `{ dataValues: [{ dataElement, period,
 * orgUnit, categoryOptionCombo, value, … }] }` with orgUnit = area code and
 * categoryOptionCombo = canonical breakdown key or "default". The checks are the file
 * import's (import-parse.ts), so a value refused in a file is refused here with the same code;
 * a conflict names the data value's index (0-based, as DHIS2 counts) and field.
 * The service methods (dataValueSetsIn/Out) are in import.ts.
 */
import { z } from "zod";
import {
  areaFinder,
  breakdownParts,
  checkBreakdown,
  checkPeriod,
  checkValue,
  elementFinder,
  IMPORT_MAX_VALUES,
  type ParseContext,
} from "./import-parse.ts";
import type { ValueRow } from "./values-repo.ts";

/**
 * One data value as DHIS2 writes it (JSON of /api/dataValueSets). period, orgUnit and
 * attributeOptionCombo may instead stand once on the set. storedBy, created, lastUpdated,
 * comment and followup are accepted and not stored (Lotse keeps its own audit trail).
 */
export const DataValueInput = z.looseObject({
  dataElement: z.string().max(200),
  period: z.string().max(50).optional(),
  orgUnit: z.string().max(200).optional(),
  categoryOptionCombo: z.string().max(500).optional(),
  attributeOptionCombo: z.string().max(500).optional(),
  value: z.union([z.string().max(100), z.number()]),
});
export type DataValueInput = z.infer<typeof DataValueInput>;

/** DHIS2's import options; in the payload they take precedence over the query (as in DHIS2). */
const importOptionFields = {
  dryRun: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  importStrategy: z.string().max(40).optional(),
  idScheme: z.string().max(40).optional(),
  dataElementIdScheme: z.string().max(40).optional(),
  orgUnitIdScheme: z.string().max(40).optional(),
  categoryOptionComboIdScheme: z.string().max(40).optional(),
  attributeOptionComboIdScheme: z.string().max(40).optional(),
};
export const DataValueSetInput = z.looseObject({
  dataSet: z.string().max(200).optional(),
  completeDate: z.string().max(40).optional(),
  period: z.string().max(50).optional(),
  orgUnit: z.string().max(200).optional(),
  attributeOptionCombo: z.string().max(500).optional(),
  ...importOptionFields,
  dataValues: z.array(DataValueInput).max(IMPORT_MAX_VALUES),
});
export type DataValueSetInput = z.infer<typeof DataValueSetInput>;

/**
 * DHIS2 import strategies Lotse carries out. CREATE, UPDATE and DELETE are refused with a
 * clear message rather than run as CREATE_AND_UPDATE; NEW_AND_UPDATES is the old name.
 */
const STRATEGIES = ["CREATE_AND_UPDATE", "NEW_AND_UPDATES"] as const;
/** Lotse identifies elements, areas and breakdowns by their code, so `code` is the only scheme. */
const ID_SCHEMES = ["CODE"] as const;

export type DataValueSetOptions = { dryRun: boolean; importStrategy: "CREATE_AND_UPDATE" };

/** Reads dryRun, importStrategy and the id schemes from the query and the payload (payload first). */
export function dataValueSetOptions(
  query: Record<string, string | undefined>,
  body: Partial<Record<keyof typeof importOptionFields, unknown>>,
): { options: DataValueSetOptions; issues: { field: string; code: string }[] } {
  const pick = (k: keyof typeof importOptionFields) => {
    const v = body[k] ?? query[k];
    return v === undefined || v === null ? undefined : String(v).trim();
  };
  const issues: { field: string; code: string }[] = [];
  const dry = pick("dryRun");
  if (dry !== undefined && dry !== "true" && dry !== "false")
    issues.push({ field: "dryRun", code: "invalid" });
  const strategy = (pick("importStrategy") ?? "CREATE_AND_UPDATE").toUpperCase();
  if (!(STRATEGIES as readonly string[]).includes(strategy))
    issues.push({ field: "importStrategy", code: "invalid" });
  for (const k of [
    "idScheme",
    "dataElementIdScheme",
    "orgUnitIdScheme",
    "categoryOptionComboIdScheme",
    "attributeOptionComboIdScheme",
  ] as const) {
    const scheme = pick(k);
    if (scheme !== undefined && !(ID_SCHEMES as readonly string[]).includes(scheme.toUpperCase()))
      issues.push({ field: k, code: "invalid" });
  }
  return { options: { dryRun: dry === "true", importStrategy: "CREATE_AND_UPDATE" }, issues };
}

/** The data values with the set's period, orgUnit and attributeOptionCombo filled in where absent. */
export function withSetDefaults(set: DataValueSetInput): DataValueInput[] {
  return set.dataValues.map((dv) => ({
    ...dv,
    period: dv.period ?? set.period,
    orgUnit: dv.orgUnit ?? set.orgUnit,
    attributeOptionCombo: dv.attributeOptionCombo ?? set.attributeOptionCombo,
  }));
}

export type DataValueConflict = {
  /** The offending text (area code, element code, period, breakdown or value). */
  object: string;
  /** dataValue field at fault. */
  property: "dataElement" | "period" | "orgUnit" | "categoryOptionCombo" | "attributeOptionCombo" | "value";
  /** Indexes of the data values in the request (0-based, as DHIS2 counts). */
  indexes: number[];
  /** Catalog message `monitoring_import.error_<errorCode>`. */
  errorCode: string;
  params?: Record<string, string | number>;
};
export type ImportSummary = {
  /** As DHIS2's ImportSummary (responseType, status, importOptions, description, importCount, conflicts). */
  responseType: "ImportSummary";
  status: "SUCCESS" | "ERROR";
  importOptions: DataValueSetOptions & { idSchemes: { idScheme: "CODE" } };
  description: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: DataValueConflict[];
  /** Approved periods this request reopened. */
  reopened: string[];
};
/** DHIS2's ImportSummary for a checked (and, unless dryRun or in conflict, written) set. */
export function importSummary(
  status: ImportSummary["status"],
  options: DataValueSetOptions,
  importCount: ImportSummary["importCount"],
  conflicts: DataValueConflict[],
  reopened: string[],
): ImportSummary {
  return {
    responseType: "ImportSummary",
    status,
    importOptions: { ...options, idSchemes: { idScheme: "CODE" } },
    description:
      status === "ERROR"
        ? "Import process failed: nothing was written"
        : options.dryRun
          ? "Dry run: nothing was written"
          : "Import process completed successfully",
    importCount,
    conflicts,
    reopened,
  };
}

export type DataValueOut = {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: "default";
  value: string;
  lastUpdated: string;
  followup: boolean;
};
export type DataValueSetQuery = { period: string[]; dataElement?: string[]; orgUnit?: string[] };
/** At most this many values leave in one GET (narrow by element or area beyond that). */
export const DATA_VALUE_SETS_MAX_OUT = 200_000;

const keyOf = (v: ValueRow) => `${v.period}|${v.elementId}|${v.areaId}|${v.breakdown}`;

/** Checks every data value; the rows are importable only when there is no conflict. */
export function checkDataValues(
  dataValues: readonly DataValueInput[],
  ctx: ParseContext,
): { rows: ValueRow[]; conflicts: DataValueConflict[] } {
  const findArea = areaFinder(ctx.areas);
  const findElement = elementFinder(ctx.elements);
  const conflicts: DataValueConflict[] = [];
  const rows: ValueRow[] = [];
  const firstAt = new Map<string, number>();
  dataValues.forEach((dv, i) => {
    const conflict = (
      property: DataValueConflict["property"],
      object: string,
      errorCode: string,
      params?: Record<string, string | number>,
    ) => conflicts.push({ object, property, indexes: [i], errorCode, ...(params ? { params } : {}) });
    const orgUnit = dv.orgUnit ?? "";
    const area = findArea(orgUnit);
    if (!area) conflict("orgUnit", orgUnit, "unknown_area", { code: orgUnit.slice(0, 60) });
    const period = checkPeriod(dv.period ?? "", ctx.currentYear);
    if (!period.ok) conflict("period", dv.period ?? "", period.code, period.params);
    // Lotse has no attribute option combos: another one would be a second value stored over the first.
    const aoc = (dv.attributeOptionCombo ?? "").trim();
    if (aoc !== "" && aoc.toLowerCase() !== "default")
      conflict("attributeOptionCombo", aoc, "attribute_combo", { value: aoc.slice(0, 60) });
    const element = findElement(dv.dataElement);
    let elementOk = false;
    if (!element)
      conflict("dataElement", dv.dataElement, "unknown_element", { code: dv.dataElement.slice(0, 60) });
    else if (element.origin === "lotse")
      conflict("dataElement", dv.dataElement, "element_lotse", { code: element.code });
    else elementOk = true;
    let breakdown: string | null = null;
    if (element && elementOk) {
      const combo = dv.categoryOptionCombo ?? "";
      const parts = breakdownParts(combo);
      if (parts === null)
        conflict("categoryOptionCombo", combo, "breakdown_format", { value: combo.slice(0, 60) });
      else {
        const b = checkBreakdown(parts, element);
        if (b.ok) breakdown = b.value;
        else conflict("categoryOptionCombo", combo, b.code, b.params);
      }
    }
    const value = checkValue(dv.value, elementOk ? element : null);
    if (!value.ok) conflict("value", String(dv.value), value.code, value.params);
    const aocOk = aoc === "" || aoc.toLowerCase() === "default";
    if (area && period.ok && element && elementOk && breakdown !== null && value.ok && aocOk) {
      const row = {
        elementId: element.id,
        areaId: area.id,
        period: period.value,
        breakdown,
        value: value.value,
      };
      const first = firstAt.get(keyOf(row));
      if (first !== undefined) {
        conflicts.push({
          object: `${dv.orgUnit} ${dv.period} ${dv.dataElement} ${dv.categoryOptionCombo ?? ""}`.trim(),
          property: "period",
          indexes: [first, i],
          errorCode: "duplicate_value",
          params: { other: first },
        });
      } else {
        firstAt.set(keyOf(row), i);
        rows.push(row);
      }
    }
  });
  return { rows, conflicts };
}

/** Stored working values → DHIS2 data values (values as text, as DHIS2 writes them). */
export function toDataValues(
  rows: readonly (ValueRow & { updatedAt: Date })[],
  ctx: Pick<ParseContext, "elements" | "areas">,
): DataValueOut[] {
  const codeOfElement = new Map(ctx.elements.map((e) => [e.id, e.code]));
  const codeOfArea = new Map(ctx.areas.map((a) => [a.id, a.code]));
  return rows
    .filter((r) => codeOfArea.has(r.areaId) && codeOfElement.has(r.elementId))
    .map((r) => ({
      dataElement: codeOfElement.get(r.elementId)!,
      period: r.period,
      orgUnit: codeOfArea.get(r.areaId)!,
      categoryOptionCombo: r.breakdown === "" ? "default" : r.breakdown,
      attributeOptionCombo: "default",
      value: String(r.value),
      lastUpdated: r.updatedAt.toISOString(),
      followup: false,
    }));
}

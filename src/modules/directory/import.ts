/**
 * CSV/XLSX import of places and offers: one row per place, optionally with one offer at it.
 * Preview → commit, all-or-nothing: when any row is invalid nothing is written, and the commit
 * writes every row in one transaction through the directory service (publishDirect), which joins it
 * and checks each entry there.
 *
 * The columns: import-columns.ts.
 *
 * Duplicates: a row whose place (same name, street and postcode) already exists, and whose
 * offer (same title at the same organization) already exists too, is a duplicate; so is a row
 * repeated within the file. A file whose rows are all duplicates was imported before.
 */
import type { z } from "zod";
import { zodIssuesToFields } from "../../server/errors.problem.ts";
import { AppError, isAppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { readTableOffThread } from "../../server/tabular.ts";
import type { Actor } from "../audit/model.ts";
import {
  fold,
  foldHeader,
  HEADER_INDEX,
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type ImportIssue,
  issuesOf,
} from "./import-columns.ts";
import { parseDecimal, parseHoursText, parseYesNo } from "./import-parse.ts";
import type { InterchangeDeps } from "./interchange-deps.ts";
import { interchangeRepo as ir } from "./interchange-repo.ts";
import { offerInput, placeInput } from "./validate.ts";

export type { ImportIssue };

export type ImportRowAnalysis = {
  /** Row number as in the spreadsheet (the header is row 1). */
  row: number;
  place: string | null;
  offer: string | null;
  /** create: new place (and offer); link: offer at an existing place; duplicate: already there. */
  action: "create" | "link" | "duplicate" | "invalid";
  errors: ImportIssue[];
};
export type ImportAnalysis = {
  ok: boolean;
  format: "csv" | "xlsx";
  encoding: "utf-8" | "windows-1252" | null;
  fileErrors: ImportIssue[];
  rows: ImportRowAnalysis[];
  counts: { rows: number; places: number; offers: number; duplicates: number; invalid: number };
};

type PlannedRow = {
  analysis: ImportRowAnalysis;
  placeKey: string;
  existingPlaceId: string | null;
  placeData: z.input<typeof placeInput> | null;
  offerData: (z.input<typeof offerInput> & { placeIds: string[] }) | null;
};

/** Reads the file into rows of strings (header first), through the shared reader (server/tabular.ts). */
async function readRows(
  bytes: Uint8Array,
  filename: string,
): Promise<
  { rows: string[][]; format: "csv" | "xlsx"; encoding: "utf-8" | "windows-1252" | null } | ImportIssue
> {
  const read = await readTableOffThread(bytes, filename);
  if (!read.ok)
    return { column: "file", code: read.code === "file_type" ? "import_file_type" : "import_no_rows" };
  return { rows: read.rows.map((r) => r.cells), format: read.format, encoding: read.encoding };
}

const splitList = (s: string) =>
  s
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function createImportService(deps: InterchangeDeps) {
  const { db } = deps;

  async function plan(
    tenantId: string,
    bytes: Uint8Array,
    filename: string,
  ): Promise<{ analysis: ImportAnalysis; planned: PlannedRow[] }> {
    const empty = (
      format: "csv" | "xlsx",
      encoding: ImportAnalysis["encoding"],
      fileErrors: ImportIssue[],
    ) => ({
      analysis: {
        ok: false,
        format,
        encoding,
        fileErrors,
        rows: [],
        counts: { rows: 0, places: 0, offers: 0, duplicates: 0, invalid: 0 },
      },
      planned: [],
    });
    if (bytes.length > IMPORT_MAX_BYTES)
      return empty("csv", null, [
        { column: "file", code: "import_file_too_large", params: { maxMb: IMPORT_MAX_BYTES / 2 ** 20 } },
      ]);
    const read = await readRows(bytes, filename);
    if ("code" in read) return empty("csv", null, [read]);
    const [header, ...body] = read.rows;
    if (!header || body.length === 0)
      return empty(read.format, read.encoding, [{ column: "file", code: "import_no_rows" }]);
    if (body.length > IMPORT_MAX_ROWS)
      return empty(read.format, read.encoding, [
        { column: "file", code: "import_too_many_rows", params: { max: IMPORT_MAX_ROWS } },
      ]);

    const fileErrors: ImportIssue[] = [];
    const colIndex = new Map<ImportColumn, number>();
    header.forEach((h, i) => {
      if (!h.trim()) return;
      const key = HEADER_INDEX.get(foldHeader(h));
      if (!key)
        fileErrors.push({
          column: "file",
          code: "import_unknown_column",
          params: { column: h.trim().slice(0, 60) },
        });
      else if (colIndex.has(key))
        fileErrors.push({
          column: "file",
          code: "import_column_twice",
          params: { column: h.trim().slice(0, 60) },
        });
      else colIndex.set(key, i);
    });
    for (const c of IMPORT_COLUMNS) {
      if (c.required && !colIndex.has(c.key))
        fileErrors.push({ column: "file", code: "import_column_missing", params: { column: c.de } });
    }
    if (fileErrors.length) return empty(read.format, read.encoding, fileErrors);

    // What the rows refer to.
    const [orgRows, existingPlaces, axes, areaCount] = await Promise.all([
      ir.organizationsByName(db, tenantId),
      ir.placesByNameAndAddress(db, tenantId),
      deps.framework.list(tenantId, "de"),
      deps.areas.list(tenantId).then((a) => a.length),
    ]);
    const orgByName = new Map(orgRows.map((o) => [fold(o.name), o.id]));
    const placeKeyOf = (name: string, street: string, postcode: string) =>
      `${fold(name)}|${fold(street)}|${postcode.trim()}`;
    const placeByKey = new Map(
      existingPlaces.map((p) => [placeKeyOf(p.name, p.street ?? "", p.postcode ?? ""), p.id]),
    );
    const termByName = new Map<string, string>();
    for (const a of axes) {
      for (const t of a.terms) {
        termByName.set(fold(t.key), t.id);
        if (t.label?.text) termByName.set(fold(t.label.text), t.id);
      }
    }
    const titles = body
      .map((r) => (colIndex.has("offer") ? (r[colIndex.get("offer")!] ?? "").trim() : ""))
      .filter(Boolean);
    const existingOffers = await ir.offersByTitle(db, tenantId, [...new Set(titles)]);
    const offerKeys = new Set(existingOffers.map((o) => `${o.organizationId}|${fold(o.title)}`));

    const seenRows = new Set<string>();
    const placesInFile = new Set<string>();
    const planned: PlannedRow[] = [];
    for (const [i, r] of body.entries()) {
      const get = (c: ImportColumn) => (colIndex.has(c) ? (r[colIndex.get(c)!] ?? "").trim() : "");
      const errors: ImportIssue[] = [];
      const orgName = get("organization");
      const organizationId = orgByName.get(fold(orgName)) ?? null;
      if (!orgName) errors.push({ column: "organization", code: "required" });
      else if (!organizationId) errors.push({ column: "organization", code: "unknown_organization" });

      const lat = parseDecimal(get("lat"));
      const lon = parseDecimal(get("lon"));
      if (lat === null) errors.push({ column: "lat", code: "invalid_type" });
      if (lon === null) errors.push({ column: "lon", code: "invalid_type" });
      const placeData = {
        organizationId,
        name: get("place"),
        street: get("street") || null,
        postcode: get("postcode") || null,
        city: get("city") || null,
        lat: lat ?? Number.NaN,
        lon: lon ?? Number.NaN,
        coordinatesApproximate: false,
        languages: splitList(get("placeLanguages")).map((l) => l.toLowerCase()),
      } as z.input<typeof placeInput>;
      if (lat === undefined) (placeData as { lat?: number }).lat = undefined;
      if (lon === undefined) (placeData as { lon?: number }).lon = undefined;
      const placeCheck = placeInput.safeParse(placeData);
      if (!placeCheck.success) {
        for (const e of issuesOf("place", zodIssuesToFields(placeCheck.error.issues))) {
          if (!errors.some((x) => x.column === e.column)) errors.push(e);
        }
      } else if (
        areaCount > 0 &&
        !(await deps.areas.locate(tenantId, placeCheck.data.lon, placeCheck.data.lat))
      ) {
        errors.push(
          { column: "lat", code: "place_outside_areas" },
          { column: "lon", code: "place_outside_areas" },
        );
      }

      const title = get("offer");
      let offerData: PlannedRow["offerData"] = null;
      if (title) {
        const hoursText = get("hours");
        const hours = parseHoursText(hoursText);
        if (!hours.ok)
          errors.push({ column: "hours", code: "hours_format", params: { part: hours.part.slice(0, 60) } });
        const termIds: string[] = [];
        for (const c of splitList(get("categories"))) {
          const id = termByName.get(fold(c));
          if (id) termIds.push(id);
          else
            errors.push({
              column: "categories",
              code: "unknown_category",
              params: { value: c.slice(0, 60) },
            });
        }
        const free = parseYesNo(get("free"));
        const childcare = parseYesNo(get("childcare"));
        if (free === null) errors.push({ column: "free", code: "yes_no" });
        if (childcare === null) errors.push({ column: "childcare", code: "yes_no" });
        const phone = get("phone");
        const email = get("email");
        offerData = {
          organizationId: organizationId ?? "00000000-0000-4000-8000-000000000000",
          title,
          summary: get("summary") || null,
          openingHours: hours.ok ? hours.hours : null,
          languages: splitList(get("languages")).map((l) => l.toLowerCase()) as never,
          free: free ?? true,
          childcare: childcare ?? false,
          contacts: phone || email ? [{ phone: phone || null, email: email || null }] : [],
          termIds,
          placeIds: [],
        };
        const offerCheck = offerInput.safeParse(offerData);
        if (!offerCheck.success) {
          for (const e of issuesOf("offer", zodIssuesToFields(offerCheck.error.issues))) {
            if (!errors.some((x) => x.column === e.column && x.code === e.code)) errors.push(e);
          }
        }
      }

      const placeKey = placeKeyOf(get("place"), get("street"), get("postcode"));
      const existingPlaceId = placeByKey.get(placeKey) ?? null;
      const rowKey = `${placeKey}|${fold(title)}`;
      let action: ImportRowAnalysis["action"] = existingPlaceId ? "link" : "create";
      if (errors.length === 0) {
        if (seenRows.has(rowKey)) errors.push({ column: "place", code: "import_duplicate_in_file" });
        else if (
          existingPlaceId &&
          (!title || (organizationId && offerKeys.has(`${organizationId}|${fold(title)}`)))
        ) {
          action = "duplicate";
        }
      }
      seenRows.add(rowKey);
      if (errors.length) action = "invalid";
      if (action === "create" && placesInFile.has(placeKey)) action = "link";
      placesInFile.add(placeKey);
      planned.push({
        analysis: { row: i + 2, place: get("place") || null, offer: title || null, action, errors },
        placeKey,
        existingPlaceId,
        placeData: placeCheck.success ? placeData : null,
        offerData,
      });
    }
    const rows = planned.map((p) => p.analysis);
    const duplicates = rows.filter((r) => r.action === "duplicate").length;
    const invalid = rows.filter((r) => r.action === "invalid").length;
    const allDuplicates = duplicates === rows.length;
    if (allDuplicates) fileErrors.push({ column: "file", code: "import_already_imported" });
    else {
      // A duplicate among new rows: the row must be removed before importing (nothing is doubled).
      for (const r of rows)
        if (r.action === "duplicate") r.errors.push({ column: "place", code: "import_duplicate" });
    }
    const newPlaces = new Set(planned.filter((p) => p.analysis.action === "create").map((p) => p.placeKey));
    return {
      analysis: {
        ok: invalid === 0 && duplicates === 0 && fileErrors.length === 0,
        format: read.format,
        encoding: read.encoding,
        fileErrors,
        rows,
        counts: {
          rows: rows.length,
          places: newPlaces.size,
          offers: planned.filter((p) => p.offerData && p.analysis.action !== "duplicate").length,
          duplicates,
          invalid,
        },
      },
      planned,
    };
  }

  /**
   * Imports all rows or none: validated again (the data may have changed since the preview);
   * any problem → 422 with the per-row analysis and nothing written. The actor is checked by
   * the caller: the user's permission below, or the import run's (imports module) for a job.
   */
  async function commitAs(actor: Actor, tenantId: string, bytes: Uint8Array, filename: string) {
    const { analysis, planned } = await plan(tenantId, bytes, filename);
    if (!analysis.ok) throw new AppError("validation_failed", { extra: { preview: analysis } });
    // One transaction (decision 018): each entry is checked where it is written, so offers
    // link to the places created before them in the same transaction.
    try {
      return await db.transaction(async () => {
        const placeIds = new Map<string, string>();
        let places = 0;
        let offers = 0;
        for (const p of planned) {
          if (p.existingPlaceId) placeIds.set(p.placeKey, p.existingPlaceId);
          else if (!placeIds.has(p.placeKey)) {
            placeIds.set(
              p.placeKey,
              (await deps.directory.publishDirect(actor, "place", p.placeData)).entityId,
            );
            places++;
          }
        }
        for (const p of planned) {
          if (!p.offerData) continue;
          await deps.directory.publishDirect(actor, "offer", {
            ...p.offerData,
            placeIds: [placeIds.get(p.placeKey)!],
          });
          offers++;
        }
        return { places, offers };
      });
    } catch (e) {
      if (isAppError(e) && e.code === "validation_failed") {
        throw new AppError("validation_failed", {
          fields: e.fields,
          extra: { preview: (await plan(tenantId, bytes, filename)).analysis },
        });
      }
      throw e;
    }
  }

  return {
    /** Validates a file and shows what it would do, per row; writes nothing. */
    async preview(principal: Principal, bytes: Uint8Array, filename: string): Promise<ImportAnalysis> {
      authorize(principal, "directory.import");
      return (await plan(principal.tenantId, bytes, filename)).analysis;
    },

    async commit(
      principal: Principal,
      bytes: Uint8Array,
      filename: string,
    ): Promise<{ places: number; offers: number }> {
      authorize(principal, "directory.import");
      return commitAs({ kind: "user", principal }, principal.tenantId, bytes, filename);
    },

    /**
     * For an import run (decision 042): the imports module authorised its starter with
     * `directory.import` when it was started and confirmed, and audits both; the job writes as
     * the system.
     */
    asSystem: {
      preview: async (tenantId: string, bytes: Uint8Array, filename: string) =>
        (await plan(tenantId, bytes, filename)).analysis,
      commit: (tenantId: string, bytes: Uint8Array, filename: string) =>
        commitAs({ kind: "system", tenantId }, tenantId, bytes, filename),
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;

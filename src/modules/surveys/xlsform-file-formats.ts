/**
 * The three kinds of choice file an XLSForm may name (`select_one_from_file`), as ODK Collect
 * and pyxform read them:
 * - CSV: a header row; `label::<language>` columns carry translations as on the choices sheet.
 * - XML: `<root>` with one `<item>` per choice; the item's child elements are its columns.
 * - GeoJSON: a `FeatureCollection`; a feature's properties are its columns, the feature's own
 *   `id` wins over a property `id`, and the geometry becomes the column `geometry` in ODK's
 *   notation ("lat lon altitude accuracy", points joined by "; "). Value and label default to
 *   `id` and `title` for GeoJSON and to `name` and `label` otherwise (pyxform's defaults).
 */
import { SaxesParser } from "saxes";
import { decodeText, parseCsv } from "../../server/tabular.ts";
import type { Choice } from "./types.ts";
import { languageOf } from "./xlsform-languages.ts";

export type FileFormat = "csv" | "xml" | "geojson";

/** What a choice file yields: its choices, or the first problem (its detail names the place). */
export type FileChoices =
  | { choices: Choice[] }
  | { missing: string }
  | { invalid: string }
  | { geometry: string };

type Columns = { value: string; label: string };

/** The file's format by its extension; null when Lotse cannot read it. */
export function formatOf(file: string): FileFormat | null {
  const ext = /\.([^.\\/]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === "csv" || ext === "xml" || ext === "geojson" ? ext : null;
}

/** pyxform's default value and label columns per format. */
export const defaultColumns = (format: FileFormat): Columns =>
  format === "geojson" ? { value: "id", label: "title" } : { value: "name", label: "label" };

export function choicesOfFile(
  format: FileFormat,
  bytes: Uint8Array,
  cols: Columns,
  defaultLanguage: string,
): FileChoices {
  if (format === "csv") return choicesOfCsv(bytes, cols, defaultLanguage);
  const rows = format === "xml" ? rowsOfXml(decodeText(bytes).text) : rowsOfGeojson(decodeText(bytes).text);
  if (!Array.isArray(rows)) return rows;
  return choicesOfRows(rows, cols, defaultLanguage);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Rows of column → text (XML items, GeoJSON features) into choices, in one language. */
function choicesOfRows(rows: Record<string, string>[], cols: Columns, defaultLanguage: string): FileChoices {
  if (rows.length > 0 && !rows.some((r) => cols.value in r)) return { missing: cols.value };
  if (rows.length > 0 && !rows.some((r) => cols.label in r)) return { missing: cols.label };
  const choices: Choice[] = [];
  for (const row of rows) {
    const name = (row[cols.value] ?? "").trim();
    if (name === "") continue;
    const text = (row[cols.label] ?? "").trim();
    const choice: Choice = { name, label: text === "" ? {} : { [defaultLanguage]: text } };
    const columns: Record<string, string> = {};
    for (const [k, v] of Object.entries(row))
      if (k !== cols.value && k !== cols.label && IDENTIFIER.test(k) && v !== "") columns[k] = v;
    if (Object.keys(columns).length > 0) choice.columns = columns;
    choices.push(choice);
  }
  return { choices };
}

function choicesOfCsv(bytes: Uint8Array, cols: Columns, defaultLanguage: string): FileChoices {
  const [header = [], ...rows] = parseCsv(decodeText(bytes).text);
  const names = header.map((h) => h.trim());
  const valueAt = names.indexOf(cols.value);
  if (valueAt < 0) return { missing: cols.value };
  // the label column, and its translations as on the choices sheet (label::English (en))
  const labels = names
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h === cols.label || h.startsWith(`${cols.label}::`) || h.startsWith(`${cols.label}:`));
  if (labels.length === 0) return { missing: cols.label };
  const extra = names
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => i !== valueAt && !labels.some((l) => l.i === i) && IDENTIFIER.test(h));
  const choices: Choice[] = [];
  for (const cells of rows) {
    const name = (cells[valueAt] ?? "").trim();
    if (name === "") continue;
    const label: Record<string, string> = {};
    for (const { h, i } of labels) {
      const text = (cells[i] ?? "").trim();
      const suffix = h.slice(cols.label.length).replace(/^::?/, "");
      const lang = suffix === "" ? defaultLanguage : languageOf(suffix);
      if (text !== "" && lang !== "__proto__") label[lang] = text;
    }
    const choice: Choice = { name, label };
    const columns: Record<string, string> = {};
    for (const { h, i } of extra) if (cells[i] !== undefined && cells[i] !== "") columns[h] = cells[i]!;
    if (Object.keys(columns).length > 0) choice.columns = columns;
    choices.push(choice);
  }
  return { choices };
}

/**
 * `<root><item><name>a</name><label>A</label></item>…</root>`. The parser neither fetches nor
 * expands entities from a DTD, so a file cannot reach outside itself.
 */
function rowsOfXml(text: string): Record<string, string>[] | { invalid: string } {
  const rows: Record<string, string>[] = [];
  const path: string[] = [];
  let row: Record<string, string> | null = null;
  let value = "";
  let problem: string | null = null;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    path.push(tag.name);
    if (path.length === 1 && tag.name !== "root") problem ??= `<${tag.name}>`;
    if (path.length === 2) row = tag.name === "item" ? {} : null;
    value = "";
  });
  parser.on("text", (t) => {
    value += t;
  });
  parser.on("cdata", (t) => {
    value += t;
  });
  parser.on("closetag", (tag) => {
    if (path.length === 3 && row && !(tag.name in row)) row[tag.name] = value.trim();
    if (path.length === 2 && row) rows.push(row);
    path.pop();
    value = "";
  });
  try {
    parser.write(text).close();
  } catch (e) {
    // saxes names line and column of the first well-formedness error
    return { invalid: (e as Error).message.split("\n")[0]!.slice(0, 200) };
  }
  if (problem) return { invalid: problem };
  return rows;
}

type Feature = { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };

function rowsOfGeojson(text: string): Record<string, string>[] | { invalid: string } | { geometry: string } {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { invalid: "JSON" };
  }
  if (doc === null || typeof doc !== "object" || doc.type !== "FeatureCollection")
    return { invalid: "FeatureCollection" };
  if (!Array.isArray(doc.features)) return { invalid: "features" };
  const rows: Record<string, string>[] = [];
  for (const [i, f] of (doc.features as Feature[]).entries()) {
    const at = `Feature ${i + 1}`;
    if (f === null || typeof f !== "object" || f.type !== "Feature") return { invalid: at };
    const row: Record<string, string> = {};
    if (f.properties != null) {
      if (typeof f.properties !== "object" || Array.isArray(f.properties))
        return { invalid: `${at}: properties` };
      for (const [k, v] of Object.entries(f.properties)) {
        if (v !== null && typeof v === "object") return { invalid: `${at}: ${k}` };
        row[k] = v == null ? "" : String(v);
      }
    }
    if (typeof f.id === "string" || typeof f.id === "number") row.id = String(f.id);
    if (f.geometry != null) {
      const g = odkGeometry(f.geometry);
      if (g === null) return { geometry: `${at} (${geometryType(f.geometry)})` };
      row.geometry = g;
    }
    rows.push(row);
  }
  return rows;
}

const geometryType = (g: unknown) =>
  g !== null && typeof g === "object" && typeof (g as { type?: unknown }).type === "string"
    ? String((g as { type: string }).type).slice(0, 40)
    : "?";

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
const odkPoint = (p: number[]) => `${p[1]} ${p[0]} 0 0`;

/** ODK Collect reads points, lines and a polygon's outer ring; anything else is refused. */
function odkGeometry(g: unknown): string | null {
  const { type, coordinates: c } = g as { type?: unknown; coordinates?: unknown };
  if (type === "Point" && isPosition(c)) return odkPoint(c);
  if (type === "LineString" && Array.isArray(c) && c.every(isPosition)) return c.map(odkPoint).join("; ");
  if (type === "Polygon" && Array.isArray(c) && Array.isArray(c[0]) && c[0].every(isPosition))
    return (c[0] as number[][]).map(odkPoint).join("; ");
  return null;
}

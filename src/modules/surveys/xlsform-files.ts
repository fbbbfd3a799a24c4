/**
 * `select_one_from_file` / `select_multiple_from_file`: the choices come from a CSV, XML or
 * GeoJSON file uploaded beside the XLSForm (as ODK Central and KoboToolbox take "media" files).
 * As in pyxform the list is named after the file without its extension, the value and label
 * columns are the format's defaults (`xlsform-file-formats.ts`) unless the question's
 * `parameters` name others (`value=… label=…`), and further columns stay on the choice for
 * `choice_filter`.
 * The choices are copied into the form's definition, so an exported form carries them on its
 * choices sheet (`select_one <list>`), which every XLSForm tool reads.
 */
import type { Choice, FormError, FormNode } from "./types.ts";
import { choicesOfFile, defaultColumns, type FileFormat, formatOf } from "./xlsform-file-formats.ts";

/** Files uploaded beside the XLSForm, by file name as uploaded. */
export type ChoiceFile = { name: string; bytes: Uint8Array };

/** A question that takes its choices from a file, with its survey row. */
export type FromFile = { node: FormNode; row: number; file: string };

/** A choice file has at most this many rows (as the choices sheet). */
const MAX_FILE_CHOICES = 50_000;

const FROM_FILE = /^(select_one_from_file|select_multiple_from_file) (\S+)$/i;

/** `select_one_from_file x.csv` → the question type and file name; null for any other type. */
export function parseFromFile(type: string): { type: "select_one" | "select_multiple"; file: string } | null {
  const m = FROM_FILE.exec(type);
  if (!m) return null;
  return {
    type: m[1]!.toLowerCase().startsWith("select_one") ? "select_one" : "select_multiple",
    file: m[2]!,
  };
}

/** The list a file's choices are kept under: its name without directory and extension. */
export const listOfFile = (file: string) => baseName(file).replace(/\.[^.]+$/, "");
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** `value=code label=title` → the two column names (defaults: the format's). */
function columnsOf(parameters: string | undefined, format: FileFormat): { value: string; label: string } {
  const out = defaultColumns(format);
  for (const pair of (parameters ?? "").replace(/\s*=\s*/g, "=").split(/[\s,;]+/)) {
    const [k, v] = pair.split("=");
    if (k?.toLowerCase() === "value" && v) out.value = v;
    if (k?.toLowerCase() === "label" && v) out.label = v;
  }
  return out;
}

/**
 * Reads the files the questions name into `choices`; every problem (file missing, not CSV,
 * column missing, list name taken by the choices sheet) names the question's row.
 */
export function readChoiceFiles(
  questions: FromFile[],
  files: readonly ChoiceFile[],
  choices: Record<string, Choice[]>,
  out: { errors: FormError[]; column: string; defaultLanguage: string },
): void {
  const fromSheet = new Set(Object.keys(choices));
  const read = new Set<string>();
  for (const q of questions) {
    const list = listOfFile(q.file);
    q.node.listName = list;
    const format = formatOf(q.file);
    const columns = columnsOf(q.node.parameters, format ?? "csv");
    dropColumnParameters(q.node);
    const at = (code: FormError["code"], detail: string): void => {
      out.errors.push({ code, sheet: "survey", row: q.row, column: out.column, detail });
    };
    if (fromSheet.has(list)) {
      at("choice_file_list_taken", `${q.file} (${list})`);
      continue;
    }
    if (read.has(list)) continue;
    read.add(list);
    if (!format) {
      at("choice_file_unsupported", q.file);
      continue;
    }
    const upload = files.find((f) => baseName(f.name).toLowerCase() === baseName(q.file).toLowerCase());
    if (!upload) {
      at("choice_file_missing", baseName(q.file));
      continue;
    }
    const parsed = choicesOfFile(format, upload.bytes, columns, out.defaultLanguage);
    const file = baseName(q.file);
    if ("missing" in parsed) at("choice_file_column_missing", `${file}: ${parsed.missing}`);
    else if ("invalid" in parsed)
      at(
        format === "xml" ? "choice_file_xml_invalid" : "choice_file_geojson_invalid",
        `${file}: ${parsed.invalid}`,
      );
    else if ("geometry" in parsed) at("choice_file_geometry_unsupported", `${file}: ${parsed.geometry}`);
    else if (parsed.choices.length > MAX_FILE_CHOICES)
      at("too_many_questions", `${baseName(q.file)}: ${MAX_FILE_CHOICES}`);
    else choices[list] = parsed.choices;
  }
}

/**
 * `value=` and `label=` have done their work once the choices are in the definition; pyxform
 * refuses them on a plain select, which is what the export writes.
 */
function dropColumnParameters(node: FormNode) {
  const rest = (node.parameters ?? "")
    .replace(/\s*=\s*/g, "=")
    .split(/[\s,;]+/)
    .filter((p) => p !== "" && !/^(value|label)=/i.test(p));
  if (rest.length > 0) node.parameters = rest.join(" ");
  else delete node.parameters;
}

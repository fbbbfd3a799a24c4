/**
 * `select_one_from_file` / `select_multiple_from_file`: the choices come from a CSV file uploaded
 * beside the XLSForm (as ODK Central and KoboToolbox take "media" files). As in pyxform the list
 * is named after the file without its extension, the columns `name` and `label` (or
 * `label::<language>`) hold value and label unless the question's `parameters` name others
 * (`value=… label=…`), and further columns stay on the choice for `choice_filter`.
 * The choices are copied into the form's definition, so an exported form carries them on its
 * choices sheet (`select_one <list>`), which every XLSForm tool reads.
 */
import { decodeText, parseCsv } from "../../server/tabular.ts";
import type { Choice, FormError, FormNode } from "./types.ts";
import { languageOf } from "./xlsform-languages.ts";

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

/** `value=code label=title` → the two column names (defaults `name`, `label`). */
function columnsOf(parameters: string | undefined): { value: string; label: string } {
  const out = { value: "name", label: "label" };
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
    const columns = columnsOf(q.node.parameters);
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
    if (!/\.csv$/i.test(q.file)) {
      at("choice_file_unsupported", q.file);
      continue;
    }
    const upload = files.find((f) => baseName(f.name).toLowerCase() === baseName(q.file).toLowerCase());
    if (!upload) {
      at("choice_file_missing", baseName(q.file));
      continue;
    }
    const parsed = choicesOfCsv(upload.bytes, columns, out.defaultLanguage);
    if ("missing" in parsed) at("choice_file_column_missing", `${baseName(q.file)}: ${parsed.missing}`);
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

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function choicesOfCsv(
  bytes: Uint8Array,
  cols: { value: string; label: string },
  defaultLanguage: string,
): { choices: Choice[] } | { missing: string } {
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

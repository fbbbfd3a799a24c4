/**
 * The survey sheet of an XLSForm: pyxform's type spellings (legacy ones included), the rows into
 * the node tree with each node's row, and the columns of one row into a node.
 */
import { isMediaType, mediaParametersValid, readAccept } from "./media.ts";
import type { FormError, FormNode } from "./types.ts";
import { type FromFile, parseFromFile } from "./xlsform-files.ts";
import {
  type DataRow,
  type Layout,
  LOCALIZED_KEYS,
  PLAIN_KEYS,
  type PlainKey,
  type SheetData,
} from "./xlsform-sheet.ts";

const METADATA_TYPES = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "username",
  "simserial",
  "subscriberid",
  "phonenumber",
  "email",
  "audit",
  "start-geopoint",
  "background-audio",
]);
const SIMPLE_TYPES: Record<string, FormNode["type"]> = {
  text: "text",
  string: "text",
  integer: "integer",
  int: "integer",
  decimal: "decimal",
  date: "date",
  time: "time",
  range: "range",
  acknowledge: "acknowledge",
  geopoint: "geopoint",
  // media answers (decision 116); `photo` is pyxform's alias of image
  image: "image",
  photo: "image",
  audio: "audio",
  file: "file",
  note: "note",
  calculate: "calculate",
  yes_no: "yes_no",
};

type ParsedType =
  | { kind: "begin"; type: "group" | "repeat" }
  | { kind: "end"; type: "group" | "repeat" }
  | { kind: "question"; type: FormNode["type"]; listName?: string; orOther?: boolean; file?: string }
  | { kind: "metadata" }
  | { kind: "unknown" };

/** pyxform's select commands, legacy spellings included (longest first, so "from" is taken). */
const SELECT_COMMANDS: [string, "select_one" | "select_multiple"][] = [
  ["add select one prompt using", "select_one"],
  ["add select multiple prompt using", "select_multiple"],
  ["select all that apply from", "select_multiple"],
  ["select one from", "select_one"],
  ["select all that apply", "select_multiple"],
  ["select_multiple", "select_multiple"],
  ["select one", "select_one"],
  ["select_one", "select_one"],
  ["select1", "select_one"],
];
const SELECT = new RegExp(
  `^(${SELECT_COMMANDS.map(([c]) => c).join("|")})(?: (\\S+))?(?: (or specify other|or_other|or other))?$`,
  "i",
);
const CONTROL = /^(begin|end)[ _](group|repeat|lgroup|looped group)$/;

export function parseType(raw: string): ParsedType {
  const t = raw.trim().replace(/\s+/g, " ");
  const lower = t.toLowerCase();
  const be = CONTROL.exec(lower);
  if (be) return { kind: be[1] as "begin" | "end", type: be[2] === "group" ? "group" : "repeat" };
  const simple = Object.hasOwn(SIMPLE_TYPES, lower) ? SIMPLE_TYPES[lower] : undefined;
  if (simple) return { kind: "question", type: simple };
  if (METADATA_TYPES.has(lower)) return { kind: "metadata" };
  const fromFile = parseFromFile(t);
  if (fromFile) return { kind: "question", type: fromFile.type, file: fromFile.file };
  const sel = SELECT.exec(t);
  if (sel) {
    const type = SELECT_COMMANDS.find(([c]) => c === sel[1]!.toLowerCase())![1];
    // no list: the engine reports list_missing for the node
    if (!sel[2]) return { kind: "question", type };
    return sel[3]
      ? { kind: "question", type, listName: sel[2], orOther: true }
      : { kind: "question", type, listName: sel[2] };
  }
  return { kind: "unknown" };
}

export const TRUE_WORDS = new Set(["yes", "y", "true", "true()", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "false()", "0"]);

function parseRequired(raw: string): boolean | string | undefined {
  const s = raw.trim();
  if (s === "" || FALSE_WORDS.has(s.toLowerCase())) return undefined;
  if (TRUE_WORDS.has(s.toLowerCase())) return true;
  return s;
}
/** Survey rows → the node tree, with each node's row; structure problems go to `errors`. */
export function readSurvey(survey: SheetData, layout: Layout, errors: FormError[], warnings: FormError[]) {
  const rowOf = new Map<FormNode, number>();
  const nodes: FormNode[] = [];
  const stack: { node: FormNode; row: number }[] = [];
  const typeHeader = layout.header("type");
  const nameHeader = layout.header("name");
  const err = (code: FormError["code"], row: number, detail?: string, column = typeHeader) =>
    errors.push(
      detail === undefined
        ? { code, sheet: "survey", row, column }
        : { code, sheet: "survey", row, column, detail },
    );
  const warn = (row: number, detail: string) =>
    warnings.push({ code: "type_unknown", sheet: "survey", row, column: typeHeader, detail });
  const known = new Set<string>([...PLAIN_KEYS, ...LOCALIZED_KEYS]);
  const recognised = survey.columns.filter((c) => known.has(c.key)).map((c) => c.index);
  let usesSelect = false;
  const fromFile: FromFile[] = [];

  for (const r of survey.rows) {
    const rawType = layout.get(r, "type");
    if (rawType === "") {
      // a row with text only in columns Lotse does not read (comments) is a blank row
      if (recognised.some((i) => r.cells.has(i))) err("type_unknown", r.row);
      continue;
    }
    const t = parseType(rawType);
    if (t.kind === "end") {
      const top = stack[stack.length - 1];
      if (top && top.node.type === t.type) {
        stack.pop();
        if ((top.node.children ?? []).length === 0) err("group_empty", top.row, top.node.name);
      } else err("group_unopened", r.row, rawType);
      continue;
    }
    if (t.kind === "metadata") {
      // pyxform refuses a background recording of a quality it does not know ("external" too)
      if (
        rawType.trim().toLowerCase() === "background-audio" &&
        !backgroundAudioValid(layout.get(r, "parameters"))
      )
        err("background_audio_parameters_invalid", r.row, layout.get(r, "name"), layout.header("parameters"));
      else warn(r.row, rawType);
      continue;
    }
    if (t.kind === "unknown") {
      err("type_unknown", r.row, rawType);
      continue;
    }
    let name = layout.get(r, "name");
    // pyxform names a note without a name after its row
    if (name === "" && t.kind === "question" && t.type === "note") name = `generated_note_name_${r.row}`;
    if (name === "") err("name_missing", r.row, undefined, nameHeader);
    const node = buildNode(t.type, name, r, layout);
    if (t.kind === "question" && t.listName) {
      node.listName = t.listName;
      usesSelect = true;
      if (t.orOther) warn(r.row, "or_other");
    }
    if (node.accept !== undefined) checkAccept(node, r.row, layout.header("accept"), warnings);
    if (t.kind === "question" && t.file) fromFile.push({ node, row: r.row, file: t.file });
    if (t.kind === "begin") node.children = [];
    rowOf.set(node, r.row);
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children!.push(node);
    else nodes.push(node);
    if (t.kind === "begin") stack.push({ node, row: r.row });
  }
  for (const open of stack) err("group_unclosed", open.row, open.node.name);
  return { nodes, rowOf, usesSelect, fromFile };
}
/**
 * `body::accept` on a media question narrows its types; entries Lotse takes no file of are left
 * out with a warning naming them (none left is the engine's `accept_unsupported`). On any other
 * question it means nothing to Lotse and is left out with a warning.
 */
function checkAccept(node: FormNode, row: number, column: string, warnings: FormError[]) {
  const warn = (detail: string) =>
    warnings.push({ code: "type_unknown", sheet: "survey", row, column, detail });
  if (!isMediaType(node.type)) {
    warn(`${column}: ${node.accept}`);
    delete node.accept;
    return;
  }
  const { types, unknown } = readAccept(node.type, node.accept);
  if (types.length > 0 && unknown.length > 0) warn(`${column}: ${unknown.join(", ")}`);
}

/**
 * `background-audio` (pyxform: a binary field ODK Collect fills with a recording of the whole
 * interview, `odk:recordaudio` on instance load) takes `quality` voice-only, low or normal;
 * "external" is for `audio` questions only. Lotse skips the row with a warning (a web page
 * cannot record in the background), after the check pyxform makes.
 */
function backgroundAudioValid(parameters: string): boolean {
  return mediaParametersValid("audio", parameters) && !/quality\s*=\s*external\b/i.test(parameters);
}

/** Columns holding expressions: typographic quotes in them are read as plain ones (as pyxform). */
const EXPRESSION_COLUMNS = new Set<string>([
  "relevant",
  "constraint",
  "calculation",
  "repeat_count",
  "choice_filter",
]);
const SMART_QUOTES: Record<string, string> = { "\u2018": "'", "\u2019": "'", "\u201C": '"', "\u201D": '"' };
export const plainQuotes = (s: string) => s.replace(/[\u2018\u2019\u201C\u201D]/g, (q) => SMART_QUOTES[q]!);

function buildNode(type: FormNode["type"], name: string, r: DataRow, layout: Layout): FormNode {
  const node: FormNode = { type, name };
  const label = layout.text(r, "label");
  if (label) node.label = label;
  const hint = layout.text(r, "hint");
  if (hint) node.hint = hint;
  const required = parseRequired(plainQuotes(layout.get(r, "required")));
  if (required !== undefined) node.required = required;
  const requiredMessage = layout.text(r, "required_message");
  if (requiredMessage) node.requiredMessage = requiredMessage;
  const plain: [
    PlainKey,
    (
      | "relevant"
      | "constraint"
      | "calculation"
      | "default"
      | "appearance"
      | "repeatCount"
      | "need"
      | "choiceFilter"
      | "parameters"
      | "accept"
    ),
  ][] = [
    ["relevant", "relevant"],
    ["constraint", "constraint"],
    ["calculation", "calculation"],
    ["default", "default"],
    ["appearance", "appearance"],
    ["repeat_count", "repeatCount"],
    ["lotse_need", "need"],
    ["choice_filter", "choiceFilter"],
    ["parameters", "parameters"],
    ["accept", "accept"],
  ];
  for (const [col, field] of plain) {
    const v = layout.get(r, col);
    if (v !== "") node[field] = EXPRESSION_COLUMNS.has(col) ? plainQuotes(v) : v;
  }
  const constraintMessage = layout.text(r, "constraint_message");
  if (constraintMessage) node.constraintMessage = constraintMessage;
  return node;
}

/** The choices sheet of an XLSForm: its rows into choice lists, each choice's row kept. */
import type { Choice, FormError } from "./types.ts";
import type { Layout, SheetData } from "./xlsform-sheet.ts";

/** Choices headers that are not further columns of a choice (media, Lotse's own). */
const CHOICE_KNOWN = new Set(["list_name", "name", "label", "image", "big-image", "audio", "video"]);

/**
 * Choices rows → lists. Missing names and list names go to `errors`; a missing label is only a
 * warning (as in pyxform: the choice shows its name). Further plain columns are kept on the
 * choice, for `choice_filter`.
 */
export function readChoices(
  data: SheetData,
  layout: Layout,
  out: { errors: FormError[]; warnings: FormError[]; rowsOut: Map<string, number[]>; lang: string },
): Record<string, Choice[]> {
  const { errors, warnings, rowsOut } = out;
  const choices = new Map<string, Choice[]>();
  const missing = (["list_name", "name"] as const).filter((k) => !layout.plain.has(k));
  for (const k of missing)
    errors.push({ code: "column_missing", sheet: "choices", row: data.headerRow, column: k });
  if (missing.length > 0) return {};
  const extra = data.columns.filter(
    (c) => c.suffix === undefined && !CHOICE_KNOWN.has(c.key) && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(c.header),
  );
  for (const r of data.rows) {
    const list = layout.get(r, "list_name");
    const name = layout.get(r, "name");
    const label = layout.text(r, "label");
    if (list === "" && name === "" && !label) continue; // text only in columns Lotse does not read
    if (list === "") {
      errors.push({ code: "list_missing", sheet: "choices", row: r.row, column: layout.header("list_name") });
      continue;
    }
    const at = { sheet: "choices" as const, row: r.row, column: layout.header("name") };
    if (name === "") {
      errors.push({ code: "choice_name_missing", ...at, detail: list });
      continue;
    }
    if (!label)
      warnings.push({
        code: "label_missing",
        sheet: "choices",
        row: r.row,
        column: layout.header("label", out.lang),
        detail: `${list}/${name}`,
      });
    const choice: Choice = { name, label: label ?? {} };
    const columns: Record<string, string> = {};
    for (const c of extra) {
      const v = r.cells.get(c.index);
      if (v !== undefined) columns[c.header] = v;
    }
    if (Object.keys(columns).length > 0) choice.columns = columns;
    const items = choices.get(list) ?? [];
    items.push(choice);
    choices.set(list, items);
    const rows = rowsOut.get(list) ?? [];
    rows.push(r.row);
    rowsOut.set(list, rows);
  }
  return Object.fromEntries(choices);
}

/**
 * XLSForm import and export (issue 5): forms from KoboToolbox or ODK come in, Lotse's forms go
 * out as standard XLSForm workbooks (sheets survey, choices, settings).
 *
 * Reading collects every problem it finds, each with sheet, 1-based row and the column header as
 * written in the file; expression and structure checks come from the form engine
 * (`checkDefinitionAt`, which names the node or choice) and are mapped back to its row.
 *
 * Lotse's own question types are written in plain XLSForm, so other tools can read the file and
 * Lotse reads it back into the same definition:
 * - yes_no ⇄ `select_one yes_no` with a choice list `yes_no` holding exactly `yes` and `no`;
 * - matrix ⇄ `begin_group` with appearance `table-list` whose rows are all `select_one` of one list;
 * - language_level ⇄ `begin_repeat` with appearance `lotse-language-level` holding exactly two
 *   rows, `select_one lotse_languages` (named `<name>_lang`) and `select_one lotse_cefr`
 *   (named `<name>_level`). On import any names are accepted for the two rows.
 * The generated lists (`yes_no` unless the form has its own, `lotse_languages`, `lotse_cefr`) are
 * dropped again on import when nothing else refers to them.
 */
export type { ChoiceFile } from "./xlsform-files.ts";
export { languageOf } from "./xlsform-languages.ts";
export { LANGUAGE_LEVEL_APPEARANCE } from "./xlsform-lotse.ts";
export { readXlsForm, type XlsFormRead } from "./xlsform-read.ts";
export { writeXlsForm } from "./xlsform-write.ts";

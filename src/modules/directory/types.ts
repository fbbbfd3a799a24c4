/**
 * The directory import's public surface for the import runs (decision 043). A file of its own:
 * service.ts is reached from inside the import, so re-exporting it there would close a circle.
 */

/** The state's public holidays and the wall-clock zone, for other modules' working-day clocks. */
export { GERMAN_STATES, holidayOn } from "./holidays.ts";
export type { ImportAnalysis, ImportService } from "./import.ts";
export { IMPORT_COLUMNS, IMPORT_MAX_BYTES } from "./import-columns.ts";
export { DIRECTORY_HOLIDAY_STATE, DIRECTORY_TIME_ZONE } from "./locale-settings.ts";

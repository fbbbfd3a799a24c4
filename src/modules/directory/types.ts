/**
 * The directory import's public surface for the import runs (decision 043). A file of its own:
 * service.ts is reached from inside the import, so re-exporting it there would close a circle.
 */
export type { ImportAnalysis, ImportService } from "./import.ts";
export { IMPORT_COLUMNS, IMPORT_MAX_BYTES } from "./import-columns.ts";

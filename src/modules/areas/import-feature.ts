import type { MessageValues } from "#app/i18n/translator.ts";
import type { AreaGeometry } from "./geo.ts";
import type { AreaLevel } from "./levels.ts";

/** A feature of an area import as read, and its problems (shared by parsing and validation). */
export type ImportIssue = { field: string; code: string; params?: MessageValues };

export type ImportFeature = {
  /** Position in the file's features array, from 0. */
  index: number;
  code: string | null;
  name: string | null;
  level: AreaLevel | null;
  parentCode: string | null;
  approximate: boolean;
  sourceNote: string | null;
  geometry: AreaGeometry | null;
  errors: ImportIssue[];
};

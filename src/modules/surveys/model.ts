/**
 * The survey module's public model: enums, limits and the stored JSON shapes other modules and the
 * pages may use. Browser-safe: no tables, no database, no Node APIs (`schema.ts` builds its
 * columns from these lists; pages import them from here so no table reaches the browser).
 * The form definition itself is in `types.ts`.
 */

export const FORM_STATUSES = ["active", "archived"] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** The questionnaires Lotse ships (from the seeds; `templates.ts` holds their definitions). */
export const FORM_TEMPLATE_KEYS = ["luenen_needs", "dortmund_home_visit", "luenen_outcome_2017"] as const;
export type FormTemplateKey = (typeof FORM_TEMPLATE_KEYS)[number];

export const RESPONSE_CHANNELS = ["case", "link", "staff"] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

export const AGE_BANDS = ["0-17", "18-26", "27-44", "45-64", "65+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Who belongs to a survey's population: persons known to Lotse, narrowed by these filters. */
export type PopulationDefinition = {
  /** Assigned to the municipality in this calendar year (Zuweisung), e.g. 2015. */
  assignedYear?: number;
  /** Only persons of at least this age on the day the sample is drawn. */
  minAge?: number;
  /** Only persons in households in these areas (or their sub-areas). */
  areaIds?: string[];
  /** Only persons in an open case. */
  openCasesOnly?: boolean;
};

export const STRATIFY_BY = ["district", "sex", "age_band"] as const;
export type StratifyBy = (typeof STRATIFY_BY)[number];

export type SampleDesign = {
  /** Persons to interview. */
  size: number;
  /** Reserve persons (Nachrücker) drawn after the sample, in order. */
  reserve: number;
  /** Strata; empty = simple random sample. Proportional allocation (largest remainder). */
  stratifyBy: StratifyBy[];
  /** The seed, shown to the user so the draw can be repeated. */
  seed: string;
};

/** Population size and per-stratum population/sample counts at the draw. */
export type WaveFrame = {
  population: number;
  strata: { key: string; population: number; sample: number }[];
};

export const CONTACT_STATUSES = ["pending", "contacted", "responded", "refused", "unreachable"] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Analysis dimensions: columns of survey_responses holding the snapshot at submission. */
export const DIMENSIONS = ["none", "sex", "age_band", "district", "accommodation", "phase", "wave"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A self-completion link is valid this many days unless the sender says otherwise. */
export const LINK_DAYS_DEFAULT = 14;
export const LINK_DAYS_MAX = 90;
/** A population larger than this is refused (a sample frame, not a census register). */
export const MAX_POPULATION = 200_000;
/** An XLSForm file larger than this is refused before it is unpacked. */
export const XLSFORM_MAX_BYTES = 5 * 2 ** 20;
/** A sample (and its reserve) is at most this large. */
export const MAX_SAMPLE = 10_000;

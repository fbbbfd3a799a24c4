import { LIFE_DOMAINS, REFERRAL_STATUSES } from "../casework/model.ts";
import type {
  BreakdownDimension,
  ElementDimensions,
  ElementOrigin,
  IndicatorUnit,
  Polarity,
  ValueType,
} from "./schema.ts";
import type { AgeLimit } from "./types.ts";

/**
 * The indicator system of Unna's integrated report (seed 001), plus the NRW variants and the
 * naturalisation rate, as data elements and formulas. Names are catalog keys
 * (`monitoring_catalog.*`), so every language shows them; the German `name` is what a tenant
 * sees when editing, and what it may change.
 *
 * Age bands are the ones these indicators need: 0-14 (Sozialgeld is paid to children under 15),
 * 15-19 (under 20 for Unna's old-age ratio and the youth ratio), 20-64 (working age, NRW's
 * denominator) and 65+.
 *
 * Which indicators enter the status index (inStatusIndex): only the two that measure social
 * disadvantage, the SGB-II rate and the share of children on Sozialgeld, as in Berlin's
 * Monitoring Soziale Stadtentwicklung (which uses transfer-benefit shares for its status
 * index). The share of foreign nationals is deliberately left out: it describes the
 * composition of a district, not a need, and putting it into a "status" would rank districts
 * lower because people without a German passport live there. Demographic ratios are neutral
 * and stay out as well; Lotse's own figures measure our caseload, not the districts.
 *
 * Lotse's own figures (origin "lotse", filled by lotse-figures.ts) are internal (public=false).
 * Open needs and referrals have fixed categories (life domains, referral statuses), so each has
 * one indicator per category here; the phases are the tenant's own, so the per-phase
 * indicators are added when the figures are computed (lotse-figures.ts).
 */

export type TemplateElement = {
  code: string;
  labelKey: string;
  name: string;
  valueType: ValueType;
  dimensions: ElementDimensions;
  origin: ElementOrigin;
  lotseSource: string | null;
  source: string | null;
  notes: string | null;
};

export type TemplateIndicator = {
  code: string;
  labelKey: string;
  name: string;
  numerator: string;
  denominator: string | null;
  factor: number;
  unit: IndicatorUnit;
  decimals: number;
  polarity: Polarity;
  inStatusIndex: boolean;
  source: string | null;
  notes: string | null;
  template: string;
  public: boolean;
  sortOrder: number;
};

const AGE = ["0-14", "15-19", "20-64", "65+"];
const SEX = ["f", "m", "d"];
const NATIONALITY = ["german", "dual", "foreign"];
const REGISTER = "Einwohnermelderegister (Hauptwohnsitz, Stichtag 31.12.)";
const BA = "Statistik der Bundesagentur für Arbeit (SGB II), Stichtag Dezember";

export const TEMPLATE_ELEMENTS: readonly TemplateElement[] = [
  {
    code: "population",
    labelKey: "monitoring_catalog.element_population",
    name: "Einwohnerinnen und Einwohner",
    valueType: "count",
    dimensions: { sex: SEX, age: AGE, nationality: NATIONALITY },
    origin: "external",
    lotseSource: null,
    source: REGISTER,
    notes: "„dual“: Deutsche mit weiterer Staatsangehörigkeit; „german“: nur deutsch.",
  },
  {
    code: "sgb2_recipients_u65",
    labelKey: "monitoring_catalog.element_sgb2_recipients_u65",
    name: "Personen in SGB-II-Bedarfsgemeinschaften unter 65",
    valueType: "count",
    dimensions: { sex: SEX },
    origin: "external",
    lotseSource: null,
    source: BA,
    notes: "Erwerbsfähige und nicht erwerbsfähige Leistungsberechtigte unter 65 Jahren.",
  },
  {
    code: "sozialgeld_u15",
    labelKey: "monitoring_catalog.element_sozialgeld_u15",
    name: "Kinder unter 15 mit Sozialgeld",
    valueType: "count",
    dimensions: { sex: SEX },
    origin: "external",
    lotseSource: null,
    source: BA,
    notes: null,
  },
  {
    code: "naturalisations",
    labelKey: "monitoring_catalog.element_naturalisations",
    name: "Einbürgerungen im Jahr",
    valueType: "count",
    dimensions: { sex: SEX },
    origin: "external",
    lotseSource: null,
    source: "Einbürgerungsstatistik der Ausländerbehörde",
    notes: null,
  },
  {
    code: "lotse_open_cases",
    labelKey: "monitoring_catalog.element_lotse_open_cases",
    name: "Offene Fälle der Begleitung (aus Lotse)",
    valueType: "count",
    dimensions: { category: [] },
    origin: "lotse",
    lotseSource: "open_cases_by_phase",
    source: "Lotse, Fallbegleitung: offene Fälle am Stichtag nach Phase, Gebiet des Haushalts",
    notes: "Die Optionen sind die Phasen des Mandanten; sie werden beim Übernehmen ergänzt.",
  },
  {
    code: "lotse_open_needs",
    labelKey: "monitoring_catalog.element_lotse_open_needs",
    name: "Offene Bedarfe (aus Lotse)",
    valueType: "count",
    origin: "lotse",
    lotseSource: "open_needs_by_domain",
    dimensions: { category: [...LIFE_DOMAINS] },
    source: "Lotse, Fallbegleitung: offene Bedarfe am Stichtag nach Lebensbereich",
    notes: null,
  },
  {
    code: "lotse_referrals",
    labelKey: "monitoring_catalog.element_lotse_referrals",
    name: "Vermittlungen im Jahr nach Ergebnis (aus Lotse)",
    valueType: "count",
    origin: "lotse",
    lotseSource: "referrals_by_status",
    dimensions: { category: [...REFERRAL_STATUSES] },
    source: "Lotse, Vermittlungen: im Jahr gesendet, nach heutigem Stand",
    notes: null,
  },
];

const DOMAIN_NAMES: Record<(typeof LIFE_DOMAINS)[number], string> = {
  language: "Sprache",
  school: "Schule",
  kita: "Kita",
  training_work: "Ausbildung und Arbeit",
  housing: "Wohnen",
  health: "Gesundheit",
  social_contacts: "Soziale Kontakte",
  leisure: "Freizeit",
  residence_legal: "Aufenthalt und Recht",
  money: "Geld und Leistungen",
};
const STATUS_NAMES: Record<(typeof REFERRAL_STATUSES)[number], string> = {
  sent: "gesendet, noch offen",
  accepted: "angenommen",
  declined: "abgelehnt",
  started: "begonnen",
  completed: "abgeschlossen",
  dropped: "abgebrochen",
  withdrawn: "zurückgezogen",
};

const UNNA = "Kreisstadt Unna, Integrierter Bericht (Indikatorensystem je Sozialraum)";
const IT_NRW = "Definition IT.NRW";

export const TEMPLATE_INDICATORS: readonly TemplateIndicator[] = [
  {
    code: "population_total",
    labelKey: "monitoring_catalog.indicator_population_total",
    name: "Einwohnerinnen und Einwohner",
    numerator: "population",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes: null,
    template: "population_total",
    public: true,
    sortOrder: 10,
  },
  {
    code: "population_female",
    labelKey: "monitoring_catalog.indicator_population_female",
    name: "Einwohnerinnen",
    numerator: "population{sex:f}",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes: null,
    template: "population_female",
    public: true,
    sortOrder: 11,
  },
  {
    code: "population_male",
    labelKey: "monitoring_catalog.indicator_population_male",
    name: "Einwohner",
    numerator: "population{sex:m}",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes: null,
    template: "population_male",
    public: true,
    sortOrder: 12,
  },
  {
    code: "population_change",
    labelKey: "monitoring_catalog.indicator_population_change",
    name: "Veränderung der Einwohnerzahl zum Vorjahr",
    numerator: "population - population@-1",
    denominator: "population@-1",
    factor: 100,
    unit: "percent",
    decimals: 1,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes: null,
    template: "population_change",
    public: true,
    sortOrder: 13,
  },
  {
    code: "foreign_share",
    labelKey: "monitoring_catalog.indicator_foreign_share",
    name: "Anteil ausländischer Staatsangehöriger",
    numerator: "population{nationality:foreign}",
    denominator: "population",
    factor: 100,
    unit: "percent",
    decimals: 2,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes:
      "Ein Anteil beschreibt die Zusammensetzung, keinen Bedarf; er geht deshalb nicht in den Statusindex ein.",
    template: "foreign_share",
    public: true,
    sortOrder: 20,
  },
  {
    code: "dual_share",
    labelKey: "monitoring_catalog.indicator_dual_share",
    name: "Anteil Deutscher mit weiterer Staatsangehörigkeit",
    numerator: "population{nationality:dual}",
    denominator: "population",
    factor: 100,
    unit: "percent",
    decimals: 2,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes: null,
    template: "dual_share",
    public: true,
    sortOrder: 21,
  },
  {
    code: "old_age_ratio_unna",
    labelKey: "monitoring_catalog.indicator_old_age_ratio_unna",
    name: "Altenquotient (Unna: 65+ je 100 unter 20)",
    numerator: "population{age:65+}",
    denominator: "population{age:0-14|15-19}",
    factor: 100,
    unit: "per_100",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: UNNA,
    notes:
      "Unnas Definition setzt die Älteren ins Verhältnis zu den Jüngeren; nicht mit der NRW-Definition vergleichen.",
    template: "old_age_ratio_unna",
    public: true,
    sortOrder: 30,
  },
  {
    code: "old_age_ratio_nrw",
    labelKey: "monitoring_catalog.indicator_old_age_ratio_nrw",
    name: "Altenquotient (NRW: 65+ je 100 von 20 bis 64)",
    numerator: "population{age:65+}",
    denominator: "population{age:20-64}",
    factor: 100,
    unit: "per_100",
    decimals: 1,
    polarity: "neutral",
    inStatusIndex: false,
    source: IT_NRW,
    notes: null,
    template: "old_age_ratio_nrw",
    public: true,
    sortOrder: 31,
  },
  {
    code: "youth_ratio",
    labelKey: "monitoring_catalog.indicator_youth_ratio",
    name: "Jugendquotient (unter 20 je 100 von 20 bis 64)",
    numerator: "population{age:0-14|15-19}",
    denominator: "population{age:20-64}",
    factor: 100,
    unit: "per_100",
    decimals: 1,
    polarity: "neutral",
    inStatusIndex: false,
    source: IT_NRW,
    notes: null,
    template: "youth_ratio",
    public: true,
    sortOrder: 32,
  },
  {
    code: "sgb2_rate",
    labelKey: "monitoring_catalog.indicator_sgb2_rate",
    name: "SGB-II-Quote (unter 65)",
    numerator: "sgb2_recipients_u65",
    denominator: "population{age:0-14|15-19|20-64}",
    factor: 100,
    unit: "percent",
    decimals: 1,
    polarity: "lower_is_better",
    inStatusIndex: true,
    source: `${BA}; ${REGISTER}`,
    notes: "Gemessen an der Bevölkerung unter 65 Jahren, wie in Unnas Bericht.",
    template: "sgb2_rate",
    public: true,
    sortOrder: 40,
  },
  {
    code: "sozialgeld_u15_share",
    labelKey: "monitoring_catalog.indicator_sozialgeld_u15_share",
    name: "Kinder unter 15 mit Sozialgeld",
    numerator: "sozialgeld_u15",
    denominator: "population{age:0-14}",
    factor: 100,
    unit: "percent",
    decimals: 1,
    polarity: "lower_is_better",
    inStatusIndex: true,
    source: `${BA}; ${REGISTER}`,
    notes: null,
    template: "sozialgeld_u15_share",
    public: true,
    sortOrder: 41,
  },
  {
    code: "naturalisation_rate",
    labelKey: "monitoring_catalog.indicator_naturalisation_rate",
    name: "Einbürgerungsquote",
    numerator: "naturalisations",
    denominator: "population{nationality:foreign}@-1",
    factor: 100,
    unit: "percent",
    decimals: 2,
    polarity: "higher_is_better",
    inStatusIndex: false,
    source: "Einbürgerungsstatistik; Einwohnermelderegister",
    notes: "Einbürgerungen im Jahr je 100 ausländische Staatsangehörige am Ende des Vorjahres.",
    template: "naturalisation_rate",
    public: true,
    sortOrder: 50,
  },
  {
    code: "lotse_open_cases",
    labelKey: "monitoring_catalog.indicator_lotse_open_cases",
    name: "Offene Fälle der Begleitung",
    numerator: "lotse_open_cases",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: "Lotse",
    notes: null,
    template: "lotse_open_cases",
    public: false,
    sortOrder: 60,
  },
  {
    code: "lotse_open_cases_rate",
    labelKey: "monitoring_catalog.indicator_lotse_open_cases_rate",
    name: "Offene Fälle je 1.000 Einwohnerinnen und Einwohner",
    numerator: "lotse_open_cases",
    denominator: "population",
    factor: 1000,
    unit: "per_1000",
    decimals: 1,
    polarity: "neutral",
    inStatusIndex: false,
    source: "Lotse; Einwohnermelderegister",
    notes: null,
    template: "lotse_open_cases_rate",
    public: false,
    sortOrder: 61,
  },
  {
    code: "lotse_open_needs",
    labelKey: "monitoring_catalog.indicator_lotse_open_needs",
    name: "Offene Bedarfe",
    numerator: "lotse_open_needs",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: "Lotse",
    notes: null,
    template: "lotse_open_needs",
    public: false,
    sortOrder: 62,
  },
  {
    code: "lotse_referrals",
    labelKey: "monitoring_catalog.indicator_lotse_referrals",
    name: "Vermittlungen im Jahr",
    numerator: "lotse_referrals",
    denominator: null,
    factor: 1,
    unit: "count",
    decimals: 0,
    polarity: "neutral",
    inStatusIndex: false,
    source: "Lotse",
    notes: null,
    template: "lotse_referrals",
    public: false,
    sortOrder: 63,
  },
  ...LIFE_DOMAINS.map(
    (domain, i): TemplateIndicator => ({
      code: `lotse_open_needs_${domain}`,
      labelKey: `monitoring_catalog.indicator_lotse_open_needs_${domain}`,
      name: `Offene Bedarfe: ${DOMAIN_NAMES[domain]}`,
      numerator: `lotse_open_needs{category:${domain}}`,
      denominator: null,
      factor: 1,
      unit: "count",
      decimals: 0,
      polarity: "neutral",
      inStatusIndex: false,
      source: "Lotse",
      notes: null,
      template: `lotse_open_needs_${domain}`,
      public: false,
      sortOrder: 70 + i,
    }),
  ),
  ...REFERRAL_STATUSES.map(
    (status, i): TemplateIndicator => ({
      code: `lotse_referrals_${status}`,
      labelKey: `monitoring_catalog.indicator_lotse_referrals_${status}`,
      name: `Vermittlungen im Jahr: ${STATUS_NAMES[status]}`,
      numerator: `lotse_referrals{category:${status}}`,
      denominator: null,
      factor: 1,
      unit: "count",
      decimals: 0,
      polarity: "neutral",
      inStatusIndex: false,
      source: "Lotse",
      notes: "Stand der Vermittlung heute, für die im Jahr gesendeten Vermittlungen.",
      template: `lotse_referrals_${status}`,
      public: false,
      sortOrder: 90 + i,
    }),
  ),
];

/** Per-phase indicators (lotse-figures.ts adds one for each of the tenant's phases). */
export const LOTSE_PHASE_TEMPLATE = "lotse_open_cases_phase";
export const LOTSE_PHASE_SORT_ORDER = 65;

/** Catalog keys for what views show around a figure. */
export const UNIT_LABEL_KEYS = {
  count: "monitoring_catalog.unit_count",
  percent: "monitoring_catalog.unit_percent",
  per_100: "monitoring_catalog.unit_per_100",
  per_1000: "monitoring_catalog.unit_per_1000",
  number: "monitoring_catalog.unit_number",
} as const satisfies Record<IndicatorUnit, string>;

export const POLARITY_LABEL_KEYS = {
  higher_is_better: "monitoring_catalog.polarity_higher_is_better",
  lower_is_better: "monitoring_catalog.polarity_lower_is_better",
  neutral: "monitoring_catalog.polarity_neutral",
} as const satisfies Record<Polarity, string>;

export const DIMENSION_LABEL_KEYS = {
  sex: "monitoring_catalog.dim_sex",
  age: "monitoring_catalog.dim_age",
  nationality: "monitoring_catalog.dim_nationality",
  category: "monitoring_catalog.dim_category",
} as const satisfies Record<BreakdownDimension, string>;

/** Catalog keys of the standard options (sex, nationality); age options read as age limits. */
export const OPTION_LABEL_KEYS: Partial<Record<BreakdownDimension, Record<string, string>>> = {
  sex: {
    f: "monitoring_catalog.opt_sex_f",
    m: "monitoring_catalog.opt_sex_m",
    d: "monitoring_catalog.opt_sex_d",
  },
  nationality: {
    german: "monitoring_catalog.opt_nationality_german",
    dual: "monitoring_catalog.opt_nationality_dual",
    foreign: "monitoring_catalog.opt_nationality_foreign",
  },
};

/**
 * How an age limit reads: "0-19" → "under 20", "65+" → "65 and older", "20-64" → "20 to 64".
 * Views show every age limit of a formula (issue 6: "any age limits are always shown").
 */
export function ageLimitLabel(limit: AgeLimit): { key: string; params: Record<string, number> } {
  if (limit.to === null) return { key: "monitoring_catalog.age_from", params: { from: limit.from } };
  if (limit.from === 0) return { key: "monitoring_catalog.age_under", params: { below: limit.to + 1 } };
  return { key: "monitoring_catalog.age_range", params: { from: limit.from, to: limit.to } };
}

import type { ElementDimensions, ElementOrigin, IndicatorUnit, Polarity, ValueType } from "./schema.ts";

/**
 * The indicator system of Unna's integrated report (seed 001), plus the NRW variants and the
 * naturalisation rate, as data elements and formulas. Names are catalog keys
 * (`monitoring_catalog.*`), so every language shows them; the German `name` is what a tenant
 * sees when editing, and what it may change.
 *
 * Age bands are the ones these indicators need: 0-14 (Sozialgeld is paid to children under 15),
 * 15-19 (under 20 for Unna's old-age ratio and the youth ratio), 20-64 (working age, NRW's
 * denominator) and 65+.
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
    dimensions: { category: [] },
    origin: "lotse",
    lotseSource: "open_needs_by_domain",
    source: "Lotse, Fallbegleitung: offene Bedarfe am Stichtag nach Lebensbereich",
    notes: null,
  },
  {
    code: "lotse_referrals",
    labelKey: "monitoring_catalog.element_lotse_referrals",
    name: "Vermittlungen im Jahr nach Ergebnis (aus Lotse)",
    valueType: "count",
    dimensions: { category: [] },
    origin: "lotse",
    lotseSource: "referrals_by_status",
    source: "Lotse, Vermittlungen: im Jahr gesendet, nach heutigem Stand",
    notes: null,
  },
];

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
];

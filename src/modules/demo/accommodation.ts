/**
 * Site selection demo (issue 21), modelled on Lünen's housing concept (seed 000): candidate sites
 * judged by criteria a citizens' dialogue agreed, at most one accommodation per quarter, at most
 * 48 places each, four sites chosen. The demo tenant is Unna, whose demo areas are its five social
 * areas, so the "quarters" here are those; one existing accommodation occupies Unna-Mitte, which
 * leaves four quarters for four new sites. Sites, values and weights are invented.
 */
import type { CriterionView } from "../accommodation/contracts.ts";
import type { AccommodationService } from "../accommodation/service.ts";

type Site = {
  name: string;
  lon: number;
  lat: number;
  capacity: number;
  existing?: boolean;
  v: (number | null)[];
};

// Values in criterion order: distance to the nearest Kita (m), stops within 500 m, plot (m²), cost per place and month (€).
const SITES: Site[] = [
  {
    name: "Bestand Hertinger Straße",
    lon: 7.692,
    lat: 51.536,
    capacity: 40,
    existing: true,
    v: [300, 5, 1400, 410],
  },
  { name: "Massener Hellweg (Brache)", lon: 7.635, lat: 51.535, capacity: 44, v: [450, 3, 2600, 380] },
  { name: "Kleistraße (ehem. Gärtnerei)", lon: 7.65, lat: 51.55, capacity: 36, v: [900, 1, 3100, 350] },
  { name: "Bahnhofsumfeld Königsborn", lon: 7.725, lat: 51.55, capacity: 48, v: [350, 6, 1800, 470] },
  { name: "Friedrich-Ebert-Straße", lon: 7.7, lat: 51.56, capacity: 40, v: [600, 3, 2200, 420] },
  { name: "Afferder Weg", lon: 7.69, lat: 51.57, capacity: 32, v: [1200, 1, 2900, 360] },
  { name: "Lünerner Schulstraße", lon: 7.77, lat: 51.53, capacity: 30, v: [800, 1, 2400, 340] },
  { name: "Hemmerder Dorfstraße", lon: 7.76, lat: 51.555, capacity: 28, v: [1500, 0, 3500, 320] },
  { name: "Iserlohner Straße", lon: 7.69, lat: 51.515, capacity: 46, v: [400, 4, 2000, 430] },
  { name: "Kessebürener Weg", lon: 7.715, lat: 51.505, capacity: 52, v: [700, 2, 4200, 300] },
  { name: "Obere Husemannstraße", lon: 7.725, lat: 51.52, capacity: 38, v: [500, 3, null, 400] },
  { name: "Mühlenstraße (Mitte)", lon: 7.7, lat: 51.538, capacity: 24, v: [250, 7, 900, 520] },
  { name: "Lindenplatz Massen", lon: 7.645, lat: 51.528, capacity: 40, v: [550, 2, 1900, 390] },
];

const CRITERIA = [
  { name: "Entfernung zur nächsten Kita", unit: "m", direction: "min", missing: "impute_median" },
  { name: "Haltestellen im Umkreis von 500 m", unit: null, direction: "max", missing: "exclude" },
  { name: "Grundstücksgröße", unit: "m²", direction: "max", missing: "impute_median" },
  { name: "Kosten je Platz und Monat", unit: "€", direction: "min", missing: "exclude" },
] as const;

/** Medians of the weights the (invented) dialogue participants gave, criterion order plus the status index last. */
const DIALOGUE_WEIGHTS = [3, 2, 1, 2, 3];
const ADMINISTRATION_WEIGHTS = [2, 1, 1, 4, 1];

export async function seedAccommodationDemo(
  services: { accommodation: AccommodationService },
  tenantId: string,
) {
  const svc = services.accommodation;
  const actor = { kind: "system", tenantId } as const;
  if ((await svc.listCriteria(actor)).length > 0) return { created: false };
  const criteria: CriterionView[] = [];
  for (const c of CRITERIA) criteria.push(await svc.createCriterion(actor, { ...c, source: "manual" }));
  criteria.push(
    await svc.createCriterion(actor, {
      name: "Statusindex des Sozialraums",
      unit: null,
      direction: "max",
      missing: "impute_median",
      source: "monitoring_status",
    }),
  );
  for (const s of SITES)
    await svc.createSite(actor, {
      name: s.name,
      geometry: { type: "Point", coordinates: [s.lon, s.lat] },
      capacity: s.capacity,
      existing: s.existing ?? false,
      note: null,
      values: Object.fromEntries(s.v.map((v, i) => [criteria[i]!.id, v])),
    });
  const weightsOf = (w: number[]) => Object.fromEntries(criteria.map((c, i) => [c.id, w[i]!]));
  const constraints = {
    onePerArea: true,
    burden: null,
    maxCapacity: 48,
    demand: 140,
    minDistanceMeters: 500,
    forced: [],
    excluded: [],
    maxSites: 4,
  };
  await svc.runScenario(actor, {
    name: "Verwaltungsvorschlag (Kosten stärker gewichtet)",
    weights: weightsOf(ADMINISTRATION_WEIGHTS),
    constraints,
    timeLimitSeconds: 5,
  });
  const dialogue = await svc.runScenario(actor, {
    name: "Bürgerdialog (Median der Gewichte)",
    weights: weightsOf(DIALOGUE_WEIGHTS),
    constraints,
    timeLimitSeconds: 5,
  });
  return { created: true, chosen: dialogue.result.chosen.length };
}

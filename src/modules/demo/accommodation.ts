/**
 * Site selection demo (issue 21), modelled on Lünen's housing concept (seed 000): candidate sites
 * judged by criteria a citizens' dialogue agreed, at most one accommodation per quarter, at most
 * 48 places each, four sites chosen. The demo tenant is Unna, whose demo areas are its five social
 * areas, so the "quarters" here are those; one existing accommodation occupies Unna-Mitte, which
 * leaves four quarters for four new sites. Sites, values and weights are invented.
 */

import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Principal } from "../../server/policy/roles.ts";
import type { CriterionView } from "../accommodation/contracts.ts";
import type { AccommodationService } from "../accommodation/service.ts";
import type { DemoServices } from "./deps.ts";

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
/** The dialogue questionnaire's question per criterion (same order). */
const DIALOGUE_QUESTIONS = ["w_kita", "w_haltestellen", "w_grundstueck", "w_kosten", "w_status"];
/**
 * Fifteen participants' answers around each median: sorted, the offsets' eighth value is 0, and
 * clamping to 1–5 keeps the median (decision 121). Rotated per criterion so people differ.
 */
const OFFSETS = [-2, -1, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
const ADMINISTRATION_WEIGHTS = [2, 1, 1, 4, 1];

export async function seedAccommodationDemo(
  services: Pick<DemoServices, "accommodation" | "surveys" | "users">,
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
  const fromDialogue = await seedWeightDialogue(services, tenantId, criteria);
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
  // Without typed weights the adopted set of the dialogue runs (decision 114); the typed medians
  // only if the dialogue could not be seeded (no demo coordinator).
  const dialogue = await svc.runScenario(actor, {
    name: "Bürgerdialog (Median der Gewichte)",
    ...(fromDialogue ? {} : { weights: weightsOf(DIALOGUE_WEIGHTS) }),
    constraints,
    timeLimitSeconds: 5,
  });
  return { created: true, chosen: dialogue.result.chosen.length };
}

/**
 * The citizens' dialogue on the sites' criteria (seed 000; decisions 114, 121): a questionnaire
 * of the surveys module asking the importance of each criterion (1–5), fifteen invented
 * participants' answers, the link criterion → question, and the medians adopted as weight set
 * no. 1, which the "Bürgerdialog" scenario runs with. False when there is no demo coordinator.
 */
async function seedWeightDialogue(
  services: Pick<DemoServices, "accommodation" | "surveys" | "users">,
  tenantId: string,
  criteria: readonly CriterionView[],
): Promise<boolean> {
  const coordinator = await demoCoordinator(services, tenantId);
  if (!coordinator) return false;
  const formId = await dialogueForm(services, coordinator, criteria);
  await dialogueAnswers(services, coordinator, tenantId, formId);
  const weights = services.accommodation.weights;
  const actor = { kind: "user", principal: coordinator } as const;
  await weights.link(actor, {
    formId,
    method: "rating",
    mapping: Object.fromEntries(criteria.map((c, i) => [c.id, DIALOGUE_QUESTIONS[i]!])),
    version: null,
  });
  const view = await weights.view(actor, "de");
  if (!view.dialogue || !view.derived?.weights) return false;
  await weights.adopt(actor, { version: view.dialogue.version, weights: view.derived.weights });
  return true;
}

/** The demo coordinator as a principal, who runs the dialogue; null when the demo has none. */
async function demoCoordinator(
  services: Pick<DemoServices, "users">,
  tenantId: string,
): Promise<Principal | null> {
  const row = await services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  if (!row) return null;
  return {
    userId: row.id,
    tenantId,
    sessionId: "demo",
    grants: await services.users.credentials.grants(tenantId, row.id),
    mfaSatisfied: true,
  };
}

/** The dialogue's questionnaire as an XLSForm: one importance question (1–5) per criterion. */
async function dialogueForm(
  services: Pick<DemoServices, "surveys">,
  coordinator: Principal,
  criteria: readonly CriterionView[],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("survey").addRows([
    ["type", "name", "label::Deutsch (de)", "constraint"],
    ...criteria.map((c, i) => [
      "integer",
      DIALOGUE_QUESTIONS[i]!,
      `Wie wichtig ist Ihnen: ${c.name}? (1 = kaum, 5 = sehr)`,
      ". >= 1 and . <= 5",
    ]),
  ]);
  wb.addWorksheet("settings").addRows([
    ["form_title", "form_id", "default_language"],
    ["Bürgerdialog Unterkunftsstandorte: Gewichte", "buergerdialog_standorte", "Deutsch (de)"],
  ]);
  const { form } = await services.surveys.importXlsForm(
    coordinator,
    new Uint8Array(await wb.xlsx.writeBuffer()),
  );
  return form.id;
}

/** Fifteen invented participants' answers around the medians (OFFSETS, rotated per criterion). */
async function dialogueAnswers(
  services: Pick<DemoServices, "surveys">,
  coordinator: Principal,
  tenantId: string,
  formId: string,
) {
  const def = (await services.surveys.getForm(coordinator, formId)).definition;
  for (let p = 0; p < OFFSETS.length; p++) {
    const answers = Object.fromEntries(
      DIALOGUE_QUESTIONS.map((q, i) => {
        const offset = OFFSETS[(p + 4 * i) % OFFSETS.length]!;
        return [q, Math.min(5, Math.max(1, DIALOGUE_WEIGHTS[i]! + offset))];
      }),
    );
    await services.surveys.seedDemoResponse({
      tenantId,
      formId,
      def,
      answers,
      respondent: {
        personId: randomUUID(),
        sex: p % 2 ? "female" : "male",
        birthDate: null,
        areaId: null,
        accommodationKind: null,
        phaseKey: null,
      },
      today: "2017-05-20",
      channel: "staff",
      waveId: null,
      by: coordinator,
    });
  }
}

/**
 * Three accommodations in operation with invented households (issue 21 "Demo"): the existing
 * site in Unna-Mitte as a communal accommodation, a shared house and a flat, each household
 * placed through case work (the demo case worker) so the placements are case data like any
 * other. Dates are relative to the seeding day, so "today" always shows occupied, free and
 * reserved places.
 */
const ACCOMMODATIONS = [
  {
    name: "Gemeinschaftsunterkunft Hertinger Straße",
    kind: "communal",
    address: "Hertinger Straße 60, 59423 Unna",
    lon: 7.692,
    lat: 51.536,
    places: 40,
    accessible: true,
    operator: "Kreisstadt Unna, Fachbereich Soziales",
  },
  {
    name: "Wohnhaus Massener Hellweg",
    kind: "shared_house",
    address: "Massener Hellweg 12, 59427 Unna",
    lon: 7.64,
    lat: 51.532,
    places: 12,
    accessible: false,
    operator: "Diakonie Ruhr-Hellweg",
  },
  {
    name: "Wohnung Iserlohner Straße",
    kind: "flat",
    address: "Iserlohner Straße 21, 59423 Unna",
    lon: 7.69,
    lat: 51.515,
    places: 6,
    accessible: false,
    operator: "Kreisstadt Unna, Wohnraumakquise",
  },
] as const;

/** Rooms per accommodation index (decision 073): the shared house and the flat have rooms, the communal site is placed as a whole. */
type RoomInput = Parameters<AccommodationService["rooms"]["create"]>[2];
const ROOMS: Record<number, RoomInput[]> = {
  1: [
    { name: "Familienzimmer EG", floor: 0, beds: 4, accessible: true, use: "family" },
    { name: "Familienzimmer 1. OG", floor: 1, beds: 6, accessible: false, use: "family" },
    { name: "Frauenzimmer 1. OG", floor: 1, beds: 2, accessible: false, use: "women" },
  ],
  2: [
    { name: "Zimmer 1", floor: 2, beds: 2, accessible: false, use: "any" },
    { name: "Zimmer 2", floor: 2, beds: 2, accessible: false, use: "any" },
    { name: "Zimmer 3", floor: 2, beds: 2, accessible: false, use: "any" },
  ],
};

/** Household, accommodation index, persons, days since move-in (negative: moves in later), days until move-out, rooms by name. */
const HOUSEHOLDS: {
  family: string;
  at: number;
  size: number;
  since: number;
  until: number | null;
  rooms?: string[];
}[] = [
  { family: "Haddad", at: 2, size: 5, since: 120, until: null, rooms: ["Zimmer 1", "Zimmer 2", "Zimmer 3"] },
  { family: "Rahimi", at: 0, size: 4, since: 300, until: null },
  { family: "Tesfay", at: 0, size: 1, since: 200, until: null },
  { family: "Osman", at: 0, size: 3, since: 400, until: -30 },
  { family: "Karimi", at: 1, size: 2, since: 60, until: null, rooms: ["Familienzimmer EG"] },
  { family: "Yusuf", at: 1, size: 6, since: -14, until: null, rooms: ["Familienzimmer 1. OG"] },
];

const dayOffset = (today: string, days: number) =>
  new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedHousingDemo(
  services: Pick<DemoServices, "accommodation" | "casework" | "users" | "core">,
  tenantId: string,
) {
  const actor = { kind: "system", tenantId } as const;
  const svc = services.accommodation;
  if ((await svc.accommodations.list(actor)).length > 0) return { created: false };
  const row = await services.users.credentials.byEmail(tenantId, "case-worker@demo.lotse.example");
  if (!row) return { created: false };
  // The demo case worker, with a tenant-wide grant for seeding only (households anywhere in town).
  const seeder: Principal = {
    userId: row.id,
    tenantId,
    sessionId: "demo",
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  const today = services.core.clock.now().toISOString().slice(0, 10);
  const created = [];
  for (const a of ACCOMMODATIONS)
    created.push(
      await svc.accommodations.create(actor, { ...a, contact: null, opensOn: "2015-06-01", closesOn: null }),
    );
  const roomIds = new Map<string, string>();
  for (const [at, rooms] of Object.entries(ROOMS))
    for (const room of rooms) {
      const created_ = await svc.rooms.create(actor, created[Number(at)]!.id, room);
      roomIds.set(`${at}:${room.name}`, created_.id);
    }
  let placed = 0;
  for (const h of HOUSEHOLDS) {
    const r = await services.casework.createHousehold(seeder, {
      household: { label: `Familie ${h.family} (Demo Unterkunft)` },
      persons: Array.from({ length: h.size }, (_, i) => ({
        givenName: ["Amal", "Omar", "Lina", "Yusuf", "Sara", "Adam"][i]!,
        familyName: h.family,
        householdRelation: i === 0 ? "self" : i === 1 ? "spouse" : "child",
      })),
      case: { caseType: "integration" },
      allowDuplicate: true,
    });
    if (r.status !== "created" || !r.caseId) continue;
    const acc = await svc.accommodations.get(actor, created[h.at]!.id);
    await svc.placements.place(seeder, acc.id, {
      caseId: r.caseId,
      moveIn: dayOffset(today, -h.since),
      moveOut: h.until === null ? null : dayOffset(today, h.until),
      room: null,
      roomIds: (h.rooms ?? []).map((name) => roomIds.get(`${h.at}:${name}`)!),
      version: acc.version,
    });
    placed++;
  }
  return { created: true, accommodations: created.length, placed };
}

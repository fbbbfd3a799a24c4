import type { Principal } from "../../server/policy/roles.ts";
import { seededRandom } from "../surveys/service.ts";
import type { CreateVolunteer } from "../volunteers/contracts.ts";
import type { Mode, Setting } from "../volunteers/model.ts";
import type { DemoServices as Services } from "./deps.ts";
import { DEMO_ORGANIZATIONS } from "./directory-content.ts";
import { seedHeldMonths } from "./volunteers-history.ts";

/**
 * The Kreis Unna language-mediator pool for the demo (issue 17). PUBLISHED (seed 001): almost 60
 * volunteers over more than 25 languages; Romanian, Bulgarian, Tigrinya, Somali, Caucasian
 * languages and Kurdish are especially sought; Kitas, schools, family offices, health authorities
 * and counselling services book them. Everything else — names, languages per person,
 * certificates, availability, the requests — is INVENTED.
 */

const TOWNS = [
  "Unna",
  "Kamen",
  "Bergkamen",
  "Bönen",
  "Fröndenberg",
  "Holzwickede",
  "Lünen",
  "Schwerte",
  "Selm",
  "Werne",
];
/** Languages with how many volunteers speak them; the sought ones are scarce on purpose. */
const LANGUAGE_SUPPLY: [string, number][] = [
  ["ar", 9],
  ["fa", 5],
  ["prs", 3],
  ["ps", 2],
  ["tr", 6],
  ["ru", 6],
  ["uk", 5],
  ["pl", 4],
  ["ro", 3],
  ["bg", 2],
  ["kmr", 3],
  ["ckb", 2],
  ["so", 2],
  ["ti", 1],
  ["am", 2],
  ["ce", 1],
  ["ka", 1],
  ["hy", 1],
  ["sq", 3],
  ["sr", 2],
  ["bs", 2],
  ["fr", 4],
  ["en", 8],
  ["es", 2],
  ["ur", 2],
  ["vi", 1],
  ["el", 1],
  ["it", 1],
];
const FIRST = [
  "Amina",
  "Yusuf",
  "Elena",
  "Dmytro",
  "Leyla",
  "Hamid",
  "Sara",
  "Mehmet",
  "Ioana",
  "Petar",
  "Nasrin",
  "Tesfay",
  "Olga",
  "Karim",
  "Zeynep",
  "Ardit",
  "Marta",
  "Farid",
  "Nino",
  "Aram",
  "Hodan",
  "Bilal",
  "Svetlana",
  "Jovan",
  "Claire",
  "Lukas",
  "Mariam",
  "Omid",
  "Ayse",
  "Tamara",
];
const LAST = [
  "Warsame",
  "Haddad",
  "Popescu",
  "Kovalenko",
  "Rahimi",
  "Yilmaz",
  "Ivanova",
  "Petrov",
  "Tesfaye",
  "Berisha",
  "Nowak",
  "Mahmoud",
  "Beridze",
  "Sargsyan",
  "Ahmadi",
  "Demir",
  "Jovanović",
  "Martin",
  "Schneider",
  "Osman",
];
/** Booking institutions: a dozen, the directory's organizations and invented public ones. */
const PUBLIC_INSTITUTIONS = [
  { name: "Städtische Kita Regenbogen (erfunden)", setting: "kita" as Setting },
  { name: "Grundschule am Park (erfunden)", setting: "school" as Setting },
];

export async function seedVolunteerDemo(services: Services, tenantId: string) {
  const row = await services.users.credentials.byEmail(tenantId, "volunteer-coordinator@demo.lotse.example");
  if (!row) return { skipped: true };
  const grants = await services.users.credentials.grants(tenantId, row.id);
  const coordinator: Principal = { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true };
  if ((await services.volunteers.list(coordinator)).length > 0) return { skipped: true };
  const random = seededRandom("lotse-demo-volunteers");
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const volunteerUser = await services.users.credentials.byEmail(tenantId, "volunteer@demo.lotse.example");

  // Each volunteer gets one or two languages from the supply, German being the common one.
  const languageSlots = LANGUAGE_SUPPLY.flatMap(([code, n]) => Array.from({ length: n }, () => code));
  const count = 58;
  const ids: string[] = [];
  const mediators: { id: string; input: CreateVolunteer }[] = [];
  for (let i = 0; i < count; i++) {
    const langs = [
      ...new Set([
        languageSlots[i]!,
        ...(i + count < languageSlots.length ? [languageSlots[i + count]!] : []),
      ]),
    ];
    const town = TOWNS[i % TOWNS.length]!;
    const modes: Mode[] =
      random() < 0.25
        ? ["phone", "video"]
        : random() < 0.5
          ? ["on_site", "phone"]
          : ["on_site", "phone", "video"];
    const day1 = 1 + (i % 5);
    const day2 = 1 + ((i + 2) % 5);
    const trained = `2025-${String(1 + (i % 12)).padStart(2, "0")}-15`;
    const input: CreateVolunteer = {
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      userId: i === 0 && volunteerUser ? volunteerUser.id : null,
      email: `sprachmittlung-${i + 1}@demo.lotse.example`,
      phone: null,
      uiLanguage: "de",
      status: i % 19 === 18 ? "inactive" : "active",
      languages: langs.map((code, k) => ({
        code,
        level: k === 0 ? "native" : pick(["C1", "B2"] as const),
        oral: true,
        written: k === 0,
      })),
      areas: [town],
      modes,
      settings:
        random() < 0.2
          ? ["health", "authority", "counselling"]
          : ["kita", "school", "health", "authority", "counselling", "family"],
      travelMode: pick(["public_transport", "car", "bike"] as const),
      certificates: [
        { kind: "training", issuedOn: trained, validUntil: null },
        { kind: "confidentiality_pledge", issuedOn: trained, validUntil: null },
        // The pool member behind the demo volunteer account also mediates conflicts (decision 120).
        ...(i === 0
          ? [{ kind: "conflict_mediation" as const, issuedOn: trained, validUntil: "2030-12-31" }]
          : []),
        // About one in six has no (or an expired) police clearance: no Kita or school for them.
        ...(i % 6 === 5
          ? []
          : [
              {
                kind: "police_clearance" as const,
                issuedOn: trained,
                validUntil: i % 6 === 4 ? "2026-01-31" : "2030-12-31",
                result: "clear" as const,
              },
            ]),
      ],
      availability: [
        { weekday: day1, from: 8 * 60, to: 13 * 60 },
        { weekday: day2, from: 14 * 60, to: 18 * 60 },
      ],
      absences: [],
    };
    const id = (await services.volunteers.create(coordinator, input)).id;
    ids.push(id);
    mediators.push({ id, input });
  }

  // A month of requests from the earliest bookable day on; Tigrinya and Chechen exceed the pool.
  const institutions = [
    ...DEMO_ORGANIZATIONS.map((o) => ({
      organizationId: o.id,
      name: o.name,
      setting: "counselling" as Setting,
    })),
    ...PUBLIC_INSTITUTIONS.map((p) => ({ organizationId: null, ...p })),
  ];
  const today = services.core.clock.now().toISOString().slice(0, 10);
  const wanted = [
    "ar",
    "ar",
    "fa",
    "tr",
    "ru",
    "uk",
    "ro",
    "bg",
    "so",
    "ti",
    "ti",
    "kmr",
    "ckb",
    "ce",
    "ps",
    "sq",
    "pl",
    "am",
  ];
  let requests = 0;
  for (let i = 0; i < 48; i++) {
    const inst = institutions[i % institutions.length]!;
    const date = weekdayAfter(today, 8 + Math.floor(i / 2));
    const mode: Mode = random() < 0.4 ? "phone" : "on_site";
    try {
      await services.volunteers.createRequest(coordinator, {
        organizationId: inst.organizationId,
        institutionName: inst.name,
        contactName: "Kontakt (erfunden)",
        contactEmail: `einrichtung-${(i % institutions.length) + 1}@demo.lotse.example`,
        language: wanted[i % wanted.length]!,
        mode,
        setting: inst.setting,
        topic: pick([
          "Elterngespräch",
          "Anmeldung",
          "Beratungsgespräch",
          "Entwicklungsgespräch",
          "Impfberatung",
        ]),
        area: mode === "on_site" ? pick(TOWNS) : null,
        date,
        startTime: pick(["08:30", "09:00", "10:00", "11:00", "14:30", "15:00"]),
        durationMinutes: pick([45, 60, 90]),
        measureId: null,
        idempotencyKey: `demo-request-${i}`,
      });
      requests++;
    } catch {
      // A generated slot the rules refuse (e.g. lead time on a holiday edge) is simply left out.
    }
  }

  // The first two weeks are matched already; the rest waits for the coordinator's Monday batch.
  const proposal = await services.volunteers.proposeMatching(coordinator);
  const cutoff = weekdayAfter(today, 16);
  const listed = await services.volunteers.listRequests(coordinator, { page: 1 });
  const dateOf = new Map(listed.items.map((r) => [r.id, r.date]));
  const early = proposal.proposals.filter((p) => (dateOf.get(p.requestId) ?? "9999") < cutoff);
  await services.volunteers.confirmMatching(
    coordinator,
    early.map((p) => ({ requestId: p.requestId, volunteerId: p.volunteerId, version: p.requestVersion })),
  );
  for (const [k, p] of early.entries()) {
    if (k % 3 === 2) continue; // some offers are still unanswered
    const accepted = await services.volunteers.applyEvent(coordinator, p.requestId, {
      type: "accept",
      version: p.requestVersion + 1,
    });
    if (k % 3 === 0)
      await services.volunteers.applyEvent(coordinator, p.requestId, {
        type: "confirm",
        version: accepted.version,
      });
  }
  const tandems = await seedTandemRound(services, coordinator, today);
  // The last two months, held and issued as statements (after the matching above: no influence).
  const history = await seedHeldMonths(services, coordinator, mediators, today);
  // Booking links for three of the directory's institutions (contacts invented): each link is
  // mailed to its contact, so the demo outbox holds working links to the public booking form.
  const contacts = [
    { contactName: "Petra Sommer (erfunden)", language: "de" },
    { contactName: "Ayşe Demir (erfunden)", language: "tr" },
    { contactName: "Rana Haddad (erfunden)", language: "ar" },
  ] as const;
  for (const [k, c] of contacts.entries()) {
    const org = DEMO_ORGANIZATIONS[k];
    if (!org) break;
    await services.volunteers.issueLink(coordinator, {
      organizationId: org.id,
      ...c,
      contactEmail: `buchung-${k + 1}@demo.lotse.example`,
    });
  }
  return {
    skipped: false,
    tandems,
    volunteers: ids.length,
    requests,
    offered: early.length,
    unserved: proposal.unserved.length,
    held: history.held,
    statements: history.statements,
  };
}

/** The date `n` calendar days after `iso`, moved forward to a weekday. */
function weekdayAfter(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The VHS tandem round (seed 001): invented newcomers, most paired weeks ago, some still waiting. */
const TANDEM_NEWCOMERS: { name: string; offers: string[]; area: string }[] = [
  { name: "Rahel T. (erfunden)", offers: ["ti", "en"], area: "Unna" },
  { name: "Yusuf A. (erfunden)", offers: ["ar"], area: "Kamen" },
  { name: "Olena K. (erfunden)", offers: ["uk", "ru"], area: "Unna" },
  { name: "Farhad N. (erfunden)", offers: ["fa", "prs"], area: "Lünen" },
  { name: "Mihaela P. (erfunden)", offers: ["ro"], area: "Bergkamen" },
  { name: "Abdi W. (erfunden)", offers: ["so", "en"], area: "Unna" },
  { name: "Zeynep D. (erfunden)", offers: ["tr", "kmr"], area: "Schwerte" },
  { name: "Giorgi M. (erfunden)", offers: ["ka", "ru"], area: "Holzwickede" },
];

/** Locals of the VHS project: German native speakers who practise with newcomers (no mediation). */
const TANDEM_LOCALS: { name: string; also: string[]; area: string }[] = [
  { name: "Heike Brandt (erfunden)", also: ["en"], area: "Unna" },
  { name: "Jürgen Wolters (erfunden)", also: ["ru"], area: "Kamen" },
  { name: "Sabine Kühn (erfunden)", also: ["fr", "en"], area: "Lünen" },
  { name: "Peter Engel (erfunden)", also: [], area: "Schwerte" },
];

async function seedTandemRound(services: Services, coordinator: Principal, today: string) {
  for (const l of TANDEM_LOCALS)
    await services.volunteers.create(coordinator, {
      name: l.name,
      userId: null,
      email: null,
      phone: null,
      uiLanguage: "de",
      status: "active",
      languages: [
        { code: "de", level: "native", oral: true, written: true },
        ...l.also.map((code) => ({ code, level: "B2" as const, oral: true, written: false })),
      ],
      areas: [l.area],
      modes: ["on_site"],
      settings: [],
      travelMode: "bike",
      certificates: [],
      availability: [],
      absences: [],
    });
  let paired = 0;
  for (const [i, n] of TANDEM_NEWCOMERS.entries()) {
    const t = await services.volunteers.registerTandem(coordinator, {
      caseId: null,
      personId: null,
      newcomerName: n.name,
      newcomerEmail: null,
      newcomerLanguage: "de",
      offers: n.offers,
      wants: ["de"],
      area: n.area,
    });
    if (i >= 5) continue; // the waiting list: locals are scarce
    const best = (await services.volunteers.tandemProposals(coordinator, t.id))[0];
    if (!best) continue;
    const startedOn = weekdayAfter(today, -7 * (3 + 2 * i));
    const started = await services.volunteers.startTandem(coordinator, t.id, {
      version: t.version,
      volunteerId: best.volunteerId,
      startedOn,
    });
    await services.volunteers.logHours(coordinator, t.id, { date: weekdayAfter(startedOn, 7), minutes: 90 });
    paired++;
    if (i === 4)
      await services.volunteers.endTandem(coordinator, t.id, {
        version: started.version,
        endedOn: weekdayAfter(startedOn, 63),
        reason: "completed",
      });
  }
  return paired;
}

import type { Principal } from "../../server/policy/roles.ts";
import type { ConflictKind, Outcome } from "../conflicts/model.ts";
import { seedConflictPlansDemo, seedCrisisDrillDemo } from "./conflict-plans.ts";
import type { DemoServices as Services } from "./deps.ts";

/**
 * Conflict management for the demo (issue 20). Unna's five kinds of fire-alarm posts are named
 * in seed 001 (Ortsvorsteher, Wohlfahrtsverbände, Quartiersmanagement, städtische
 * Sozialberatung, Integrationsrat); the posts' names and e-mail addresses and all twelve
 * conflicts are INVENTED, spread over the past year: one escalated to the steering group, one
 * mediated to a written agreement, some closed with each outcome, one overdue, one new.
 */
const POSTS = [
  { key: "ov", name: "Ortsvorsteherin Landgemeinden", kind: "local_mayor", area: "unna-landgemeinden" },
  { key: "wv", name: "AG der Wohlfahrtsverbände Unna", kind: "welfare_association", area: null },
  {
    key: "qm",
    name: "Quartiersmanagement Königsborn",
    kind: "neighbourhood_management",
    area: "unna-koenigsborn",
  },
  { key: "sb", name: "Städtische Sozialberatung", kind: "social_counselling", area: null },
  { key: "ir", name: "Integrationsrat der Kreisstadt Unna", kind: "integration_council", area: null },
] as const;

type Step =
  | { day: number; log: "contact" | "step" | "note"; text: string }
  | { day: number; session: string; volunteer?: true }
  | { day: number; agreement: string; review: number }
  | { day: number; to: "local_handling" | "mediation" | "agreement_reached" | "no_agreement" }
  | { day: number; close: Outcome }
  | { day: number; escalate: string };

type DemoConflict = {
  daysAgo: number;
  post: (typeof POSTS)[number]["key"] | null;
  area: string;
  kind: ConflictKind;
  urgent?: boolean;
  parties: string[];
  description: string;
  tried?: string;
  triage?: "low" | "medium" | "high";
  steps: Step[];
};

const CONFLICTS: DemoConflict[] = [
  {
    daysAgo: 330,
    post: "qm",
    area: "unna-koenigsborn",
    kind: "religious_site",
    parties: ["Moscheeverein A", "Anwohnende B"],
    description:
      "Beschwerden über zugeparkte Einfahrten und Lärm beim Freitagsgebet im Gebetsraum im Gewerbehof.",
    tried: "Gespräch des Quartiersmanagements mit dem Vorstand",
    triage: "medium",
    steps: [
      {
        day: 1,
        log: "contact",
        text: "Telefonat mit dem Vorstand des Vereins und einer Sprecherin der Anwohnenden.",
      },
      { day: 3, to: "local_handling" },
      { day: 20, to: "mediation" },
      { day: 27, session: "Erstes Vermittlungsgespräch im Stadtteilbüro, beide Seiten anwesend." },
      { day: 41, session: "Zweites Gespräch: Parkregelung und Zeiten besprochen." },
      {
        day: 41,
        agreement:
          "Parkordnung mit Ordnern freitags, Fenster ab 21 Uhr geschlossen, Ansprechperson im Verein.",
        review: 180,
      },
      { day: 42, to: "agreement_reached" },
      { day: 220, log: "step", text: "Überprüfung: Vereinbarung wird eingehalten, keine neuen Beschwerden." },
      { day: 221, close: "resolved" },
    ],
  },
  {
    daysAgo: 300,
    post: "sb",
    area: "unna-mitte",
    kind: "neighbourhood",
    parties: ["Haushalt A", "Haushalt B"],
    description: "Streit über Müll und Sperrgut im gemeinsamen Hinterhof eines Mehrfamilienhauses.",
    triage: "low",
    steps: [
      { day: 2, log: "contact", text: "Hausbesuch gemeinsam mit der Sozialberatung." },
      { day: 2, to: "local_handling" },
      { day: 30, close: "resolved" },
    ],
  },
  {
    daysAgo: 270,
    post: "wv",
    area: "unna-massen",
    kind: "noise",
    parties: ["Bewohnende Unterkunft", "Nachbarschaft C"],
    description: "Nächtlicher Lärm rund um eine Gemeinschaftsunterkunft, Beschwerden bei der Polizei.",
    triage: "medium",
    steps: [
      { day: 5, log: "contact", text: "Gespräch mit der Heimleitung." },
      { day: 6, to: "local_handling" },
      { day: 60, close: "closed_not_resolved" },
    ],
  },
  {
    daysAgo: 240,
    post: null,
    area: "unna-mitte",
    kind: "school",
    parties: ["Eltern A", "Eltern B"],
    description: "Auseinandersetzung zwischen Eltern auf dem Schulhof nach einem Streit der Kinder.",
    triage: "medium",
    steps: [
      { day: 1, log: "contact", text: "Rückruf bei der Schulsozialarbeit." },
      { day: 4, close: "referred" },
    ],
  },
  {
    daysAgo: 200,
    post: "ir",
    area: "unna-koenigsborn",
    kind: "discrimination",
    parties: ["Familie A", "Vermieter B"],
    description:
      "Familie berichtet, bei Wohnungsbesichtigungen wegen ihres Namens abgewiesen worden zu sein.",
    triage: "high",
    steps: [
      { day: 1, log: "contact", text: "Gespräch mit der Familie, Einverständnis zur Weitervermittlung." },
      { day: 2, close: "referred" },
    ],
  },
  {
    daysAgo: 150,
    post: "qm",
    area: "unna-koenigsborn",
    kind: "threat",
    urgent: true,
    parties: ["Verein A", "Unbekannt"],
    description: "Drohschreiben im Briefkasten eines Kulturvereins; Mitglieder verunsichert.",
    tried: "Anzeige bei der Polizei",
    triage: "high",
    steps: [
      { day: 0, log: "contact", text: "Noch am selben Tag Gespräch mit dem Vorstand." },
      { day: 1, to: "local_handling" },
      {
        day: 2,
        escalate: "Wiederholte Drohungen im Quartier; Abstimmung mit Polizei und Verwaltungsspitze nötig.",
      },
    ],
  },
  {
    daysAgo: 120,
    post: "wv",
    area: "unna-sued",
    kind: "public_space",
    parties: ["Jugendgruppe A", "Anwohnende B"],
    description: "Abends laute Treffen von Jugendlichen am Spielplatz, Beschwerden der Anwohnenden.",
    triage: "low",
    steps: [
      { day: 3, log: "contact", text: "Gespräch mit der offenen Jugendarbeit." },
      { day: 3, to: "local_handling" },
    ],
  },
  {
    daysAgo: 90,
    post: "ov",
    area: "unna-landgemeinden",
    kind: "neighbourhood",
    parties: ["Nachbar A", "Nachbar B"],
    description: "Streit über eine Grundstücksgrenze und Hecke, gegenseitige Beleidigungen.",
    triage: "medium",
    steps: [
      { day: 2, log: "contact", text: "Gespräch mit beiden Nachbarn." },
      { day: 10, to: "mediation" },
      { day: 24, session: "Vermittlungsgespräch, keine Einigung." },
      { day: 25, to: "no_agreement" },
    ],
  },
  {
    daysAgo: 60,
    post: "sb",
    area: "unna-massen",
    kind: "public_space",
    parties: ["Nutzende Sportplatz A", "Verein B"],
    description: "Konflikt über die Belegung des Bolzplatzes zwischen einem Verein und freien Gruppen.",
    triage: "low",
    steps: [
      { day: 3, log: "contact", text: "Telefonat mit dem Verein." },
      { day: 7, to: "mediation" },
      // Mediated by the pool member behind the demo volunteer account: their page is not empty.
      { day: 14, session: "Erstes Gespräch mit beiden Gruppen.", volunteer: true },
    ],
  },
  {
    daysAgo: 40,
    post: null,
    area: "unna-sued",
    kind: "other",
    parties: ["Person A"],
    description: "Anfrage zu Spannungen in einer Kleingartenanlage, vor Ort geklärt.",
    triage: "low",
    steps: [
      { day: 1, log: "contact", text: "Rückruf." },
      { day: 8, close: "resolved" },
    ],
  },
  {
    daysAgo: 12,
    post: "ir",
    area: "unna-mitte",
    kind: "noise",
    parties: ["Mieter A", "Mieterin B"],
    description: "Lärm im Treppenhaus, gegenseitige Vorwürfe.",
    triage: "low",
    steps: [],
  },
  {
    daysAgo: 1,
    post: "ov",
    area: "unna-landgemeinden",
    kind: "religious_site",
    parties: ["Gemeinde A", "Ortsteil B"],
    description: "Streit um die Nutzung eines Gemeinderaums als Gebetsraum.",
    steps: [],
  },
];

const DAY = 86_400_000;

export async function seedConflictsDemo(services: Services, tenantId: string) {
  const row = await services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  if (!row) return { skipped: true };
  const grants = await services.users.credentials.grants(tenantId, row.id);
  const p: Principal = { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true };
  if ((await services.conflicts.listPosts(p)).length > 0) return { skipped: true };
  const areas = new Map((await services.areas.list(tenantId)).map((a) => [a.code, a.id]));
  const posts = new Map<string, string>();
  for (const post of POSTS) {
    await services.conflicts.createPost(p, {
      name: post.name,
      kind: post.kind,
      areaId: post.area ? (areas.get(post.area) ?? null) : null,
      email: `${post.key}@demo.lotse.example`,
      language: "de",
    });
    posts.set(post.key, post.name);
  }
  // A volunteer of the pool with the mediator qualification (the demo volunteer account's).
  const volunteerMediator = (await services.conflicts.mediators(p)).volunteers[0]?.id ?? null;
  const now = services.core.clock.now().getTime();
  for (const c of CONFLICTS) {
    const start = now - c.daysAgo * DAY;
    const at = (day: number) => new Date(start + day * DAY + 2 * 3_600_000);
    const r = await services.conflicts.report(
      { kind: "staff", principal: p, at: new Date(start) },
      {
        areaId: areas.get(c.area)!,
        place: null,
        kind: c.kind,
        urgency: c.urgent ? "urgent" : "normal",
        parties: c.parties,
        description: c.description,
        tried: c.tried ?? null,
        protectedDetails: c.post ? `Gemeldet über: ${posts.get(c.post)}` : "Telefonische Meldung",
        reporterEmail: null,
        addressChoice: "keep",
      },
    );
    if (!c.triage) continue;
    let version = (
      await services.conflicts.triage(p, r.id, {
        version: 1,
        severity: c.triage,
        urgency: c.urgent ? "urgent" : "normal",
        handlerUserId: p.userId,
      })
    ).version;
    for (const s of c.steps) {
      if ("log" in s) {
        const input = {
          kind: s.log,
          text: s.text,
          happenedOn: null,
          reviewOn: null,
          mediatorUserId: null,
          mediatorVolunteerId: null,
        };
        await services.conflicts.addLog(p, r.id, input, undefined, at(s.day));
      } else if ("session" in s || "agreement" in s) {
        const on = at(s.day).toISOString().slice(0, 10);
        const review =
          "agreement" in s
            ? at(s.day + s.review)
                .toISOString()
                .slice(0, 10)
            : null;
        await services.conflicts.addLog(
          p,
          r.id,
          {
            kind: "agreement" in s ? "agreement" : "session",
            text: "agreement" in s ? s.agreement : s.session,
            happenedOn: on,
            reviewOn: review,
            mediatorUserId: "volunteer" in s && volunteerMediator ? null : p.userId,
            mediatorVolunteerId: "volunteer" in s ? volunteerMediator : null,
          },
          undefined,
          at(s.day),
        );
      } else if ("escalate" in s) {
        version = (
          await services.conflicts.escalate(
            p,
            r.id,
            { version, reason: s.escalate, bodyId: null },
            undefined,
            at(s.day),
          )
        ).version;
      } else {
        const input =
          "close" in s ? { version, to: "closed" as const, outcome: s.close } : { version, to: s.to };
        version = (await services.conflicts.transition(p, r.id, input, undefined, at(s.day))).version;
      }
    }
  }
  // The open public form is on, with one resident's report waiting for moderation (decision 120).
  await services.conflicts.setPublicForm(p, { enabled: true, version: 0 });
  await services.conflicts.submitPublic(
    tenantId,
    {
      areaId: areas.get("unna-mitte")!,
      place: "Bahnhofsvorplatz",
      kind: "public_space",
      urgency: "normal",
      parties: ["Gruppe A", "Fahrgäste"],
      description:
        "Abends oft Gedränge und laute Wortwechsel zwischen einer Gruppe und Fahrgästen am Bahnhof.",
      tried: null,
      protectedDetails: null,
      reporterEmail: null,
      addressChoice: null,
    },
    { language: "de", clientIp: undefined },
  );
  await seedConflictPlansDemo(services, p);
  await seedCrisisDrillDemo(services, p);
  return { posts: POSTS.length, conflicts: CONFLICTS.length };
}

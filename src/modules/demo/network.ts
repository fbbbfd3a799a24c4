/**
 * Demo of the network module (issue 18): the Lüner Dialog's process structure (seed 002) –
 * steering group, four working groups, the administration's planning group and the annual
 * conference – with two held meetings whose minutes are published, their decisions and action
 * items, the eight cooperation agreements of the September 2008 district workshops and the Lüner
 * Erklärung signed by organizations. Members are named by their function only (no private names),
 * without their role in the body: the minutes and pages add the role in brackets themselves.
 * Meeting dates are relative to today, so the follow-up list always has overdue and upcoming items.
 * Idempotent: nothing is added when the tenant already has bodies.
 */
import type { NetworkService } from "../network/service.ts";
import { DEMO_ORGANIZATIONS, DEMO_PLACES } from "./directory-content.ts";

type Deps = {
  network: NetworkService;
  fieldsOfAction: { id: string; label: string }[];
  now: Date;
};

const DAY = 86_400_000;
const day = (now: Date, offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
const at = (now: Date, offset: number, time: string) => `${day(now, offset)}T${time}`;

const WORKING_GROUPS = [
  { name: "AG Bildung und Sprache", field: "schule" },
  { name: "AG Stadtentwicklung und Wohnen", field: "wohn" },
  { name: "AG Arbeit und Wirtschaft", field: "erwerbst" },
  { name: "AG Beteiligung und Dialog", field: "netzwerke" },
];

export async function seedNetworkDemo({ network, fieldsOfAction, now }: Deps, tenantId: string) {
  if ((await network.bodies(tenantId)).length > 0) return { bodies: 0, meetings: 0, agreements: 0 };
  const actor = { kind: "system", tenantId } as const;
  const field = (part: string) =>
    part
      ? fieldsOfAction
          .filter((f) => f.label.toLowerCase().includes(part))
          .map((f) => f.id)
          .slice(0, 1)
      : [];
  const org = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)?.id ?? null;
  const create = (
    name: string,
    kind: Parameters<NetworkService["createBody"]>[1]["kind"],
    fields: string[] = [],
  ) => network.createBody(actor, { name, kind, areaId: null, fieldsOfAction: fields, publicBody: true });

  const steering = await create("Lenkungsgruppe Lüner Dialog", "steering_group");
  const groups = [];
  for (const g of WORKING_GROUPS) groups.push(await create(g.name, "working_group", field(g.field)));
  const planning = await network.createBody(actor, {
    name: "Planungsgruppe der Verwaltung",
    kind: "planning_group",
    areaId: null,
    fieldsOfAction: [],
    publicBody: false,
  });
  await create("Jahreskonferenz Lüner Dialog", "annual_conference");

  const member = (
    bodyId: string,
    name: string,
    role: "chair" | "secretary" | "member" | "guest",
    extra: { organizationId?: string | null; publicConsent?: boolean } = {},
  ) =>
    network.addMember(actor, bodyId, {
      name,
      email: null,
      language: "de",
      role,
      votingRight: role !== "guest",
      organizationId: extra.organizationId ?? null,
      termStart: day(now, -400),
      termEnd: null,
      publicConsent: extra.publicConsent ?? false,
    });
  const chair = await member(steering.id, "Bürgermeister", "chair", { publicConsent: true });
  const secretary = await member(steering.id, "Büro des Bürgermeisters", "secretary", {
    publicConsent: true,
  });
  const council = await member(steering.id, "Vorsitz des Migrationsrates", "member");
  const equality = await member(steering.id, "Gleichstellungsbeauftragte", "member");
  await member(steering.id, "Sprecherin der AG Bildung und Sprache", "member");
  const school = await member(groups[0]!.id, "Fachliche Begleitung der Schulverwaltung", "chair", {
    publicConsent: true,
  });
  const welfare = await member(groups[0]!.id, "Vertretung Caritas", "member", {
    organizationId: org("caritas"),
  });
  const inVia = await member(groups[0]!.id, "Vertretung IN VIA", "member", { organizationId: org("in-via") });
  await member(groups[0]!.id, "Interessierte Bürgerin", "guest");
  await member(planning.id, "Erster Beigeordneter", "chair");

  const place = DEMO_PLACES[0]?.id ?? null;
  // 1. The steering group five weeks ago: the year's work plan.
  let m = await network.scheduleMeeting(actor, steering.id, {
    title: "Sitzung der Lenkungsgruppe",
    startsAt: at(now, -35, "17:00"),
    endsAt: at(now, -35, "19:00"),
    placeId: place,
    onlineUrl: null,
    agenda: [
      { number: "1", title: "Bericht aus den Arbeitsgruppen", public: true },
      { number: "2", title: "Vorbereitung der Jahreskonferenz", public: true },
      { number: "3", title: "Personalangelegenheiten der Geschäftsstelle", public: false },
    ],
  });
  let view = await network.setAttendance(actor, m.id, {
    version: m.version,
    memberIds: [chair.id, secretary.id, council.id, equality.id],
  });
  const [i1, i2, i3] = view.agenda;
  view = await network.recordDecision(actor, m.id, {
    version: view.version,
    agendaItemId: i2!.id,
    text: "Die Jahreskonferenz findet im Frühjahr statt; die Arbeitsgruppen stellen dort ihre Empfehlungen vor.",
    votesYes: 4,
    votesNo: 0,
    votesAbstain: 0,
    measureId: null,
  });
  view = await network.recordActionItem(actor, m.id, {
    version: view.version,
    agendaItemId: i2!.id,
    title: "Einladung und Programm der Jahreskonferenz entwerfen",
    owner: "Büro Bürgermeister",
    dueDate: day(now, -7),
    measureId: null,
  });
  view = await network.recordActionItem(actor, m.id, {
    version: view.version,
    agendaItemId: i1!.id,
    title: "Sachstand der Kooperationsvereinbarungen aus den Sozialraumworkshops einholen",
    owner: "Planungsgruppe der Verwaltung",
    dueDate: day(now, 21),
    measureId: null,
  });
  view = await network.recordActionItem(actor, m.id, {
    version: view.version,
    agendaItemId: i3!.id,
    title: "Stellenbesetzung der Geschäftsstelle klären",
    owner: "Personalamt",
    dueDate: day(now, -14),
    measureId: null,
  });
  view = await network.saveMinutes(actor, m.id, {
    version: view.version,
    items: [
      {
        agendaItemId: i1!.id,
        discussion:
          "Alle vier Arbeitsgruppen haben getagt; die AG Bildung und Sprache legt erste Empfehlungen vor.",
      },
      { agendaItemId: i2!.id, discussion: "Termin und Ablauf der Jahreskonferenz wurden beraten." },
      { agendaItemId: i3!.id, discussion: "Vertraulich beraten." },
    ],
  });
  for (const state of ["comments", "approved", "published"] as const)
    view = await network.moveMinutes(actor, m.id, { version: view.version, state });

  // 2. The working group on education three weeks ago.
  m = await network.scheduleMeeting(actor, groups[0]!.id, {
    title: "Arbeitsgruppe Bildung und Sprache",
    startsAt: at(now, -21, "16:00"),
    endsAt: at(now, -21, "18:00"),
    placeId: place,
    onlineUrl: null,
    agenda: [
      { number: "1", title: "Leseprojekt in Grundschulen", public: true },
      { number: "2", title: "Elterntraining an Grundschulen", public: true },
    ],
  });
  view = await network.setAttendance(actor, m.id, {
    version: m.version,
    memberIds: [school.id, welfare.id, inVia.id],
  });
  const [r1, r2] = view.agenda;
  view = await network.recordDecision(actor, m.id, {
    version: view.version,
    agendaItemId: r1!.id,
    text: "Das Leseprojekt wird auf zwei weitere Grundschulen ausgeweitet.",
    votesYes: 3,
    votesNo: 0,
    votesAbstain: 0,
    measureId: null,
  });
  view = await network.recordActionItem(actor, m.id, {
    version: view.version,
    agendaItemId: r1!.id,
    title: "Lesepatinnen und -paten für zwei weitere Schulen gewinnen",
    owner: "Vertretung Caritas",
    dueDate: day(now, 45),
    measureId: null,
  });
  view = await network.recordActionItem(actor, m.id, {
    version: view.version,
    agendaItemId: r2!.id,
    title: "Termine für das Elterntraining mit den Schulleitungen abstimmen",
    owner: "Vertretung IN VIA",
    dueDate: day(now, -2),
    measureId: null,
  });
  view = await network.saveMinutes(actor, m.id, {
    version: view.version,
    items: [
      {
        agendaItemId: r1!.id,
        discussion:
          "Die Erfahrungen aus Lünen-Süd und Brambauer sind gut; zwei Schulen haben Interesse gemeldet.",
      },
      { agendaItemId: r2!.id, discussion: "Das Elterntraining soll im nächsten Schulhalbjahr beginnen." },
    ],
  });
  for (const state of ["approved", "published"] as const)
    view = await network.moveMinutes(actor, m.id, { version: view.version, state });

  // 3. The next steering group meeting, planned and not yet invited.
  await network.scheduleMeeting(actor, steering.id, {
    title: "Sitzung der Lenkungsgruppe",
    startsAt: at(now, 28, "17:00"),
    endsAt: at(now, 28, "19:00"),
    placeId: place,
    onlineUrl: null,
    agenda: [
      { number: "1", title: "Genehmigung des letzten Protokolls", public: true },
      { number: "2", title: "Auswertung der Jahreskonferenz", public: true },
    ],
  });
  const agreements = await seedAgreements(network, tenantId, now, org);
  return { bodies: 7, meetings: 3, agreements };
}

/** The September 2008 district workshops' agreements (seed 002); review dates relative to today. */
const WORKSHOP_AGREEMENTS: { title: string; parties: string[]; review: number }[] = [
  {
    title: "Sprechstunde Allgemeiner Sozialer Dienst an einer Grundschule",
    parties: ["stadt-unna", "in-via"],
    review: 30,
  },
  { title: "Elterntraining an Grundschulen", parties: ["in-via", "caritas"], review: 200 },
  { title: "Leseprojekt in Grundschulen", parties: ["caritas", "vhs"], review: 45 },
  {
    title: "Einladung von Moscheevertretern in die Stadtteilkonferenz",
    parties: ["integrationsrat", "stadt-unna"],
    review: 300,
  },
  {
    title: "Einladung von Sportvereinen in Kindertageseinrichtungen",
    parties: ["werkstatt", "stadt-unna"],
    review: 120,
  },
  {
    title: "Ermittlung von offenen Freizeitangeboten für Kinder im Quartier",
    parties: ["weltoffen", "buergerhilfe"],
    review: 400,
  },
  {
    title: "Gemeinsame Fortbildung für Kindertageseinrichtungen und Grundschule",
    parties: ["vhs", "kirchenkreis"],
    review: 250,
  },
  { title: "Grundschulkinder lesen im Kindergarten", parties: ["kirchenkreis", "caritas"], review: 90 },
];

async function seedAgreements(
  network: NetworkService,
  tenantId: string,
  now: Date,
  org: (key: string) => string | null,
): Promise<number> {
  const actor = { kind: "system", tenantId } as const;
  const ids = (keys: string[]) => keys.map(org).filter((id): id is string => id !== null);
  for (const a of WORKSHOP_AGREEMENTS) {
    let v = await network.createAgreement(actor, {
      kind: "agreement",
      title: a.title,
      subject: `Kooperationsvereinbarung aus dem Sozialraumworkshop im September 2008: ${a.title}.`,
      text: "",
      parties: ids(a.parties),
      startDate: "2008-10-01",
      reviewDate: day(now, a.review - 365),
      meetingId: null,
      measureId: null,
    });
    // Signed by the parties' functions (no private names), renewed once with the next review date.
    for (const organizationId of v.parties)
      v = await network.addSignatory(actor, v.id, {
        organizationId,
        name: null,
        function: "Leitung",
        signedOn: "2008-09-27",
      });
    v = await network.moveAgreement(actor, v.id, { version: v.version, state: "signed", reviewDate: null });
    v = await network.moveAgreement(actor, v.id, {
      version: v.version,
      state: "under_review",
      reviewDate: null,
    });
    await network.moveAgreement(actor, v.id, {
      version: v.version,
      state: "renewed",
      reviewDate: day(now, a.review),
    });
  }
  let d = await network.createAgreement(actor, {
    kind: "declaration",
    title: "Lüner Erklärung zur kommunalen Bildungslandschaft",
    subject: "Beitritt zur kommunalen Bildungslandschaft im Rahmen des Lüner Dialogs",
    text:
      "Die beteiligten Träger und Institutionen und die Stadt erklären ihre Bereitschaft, im Rahmen des " +
      "Lüner Dialogs der kommunalen Bildungslandschaft beizutreten, um gemeinsam die Bildungschancen von " +
      "Kindern zu verbessern, und konkrete Kooperationsvereinbarungen im Quartier abzuschließen.",
    parties: [],
    startDate: "2009-01-27",
    reviewDate: null,
    meetingId: null,
    measureId: null,
  });
  for (const organizationId of ids([
    "stadt-unna",
    "caritas",
    "in-via",
    "kirchenkreis",
    "vhs",
    "integrationsrat",
  ]))
    d = await network.addSignatory(actor, d.id, {
      organizationId,
      name: null,
      function: null,
      signedOn: "2009-01-27",
    });
  d = await network.moveAgreement(actor, d.id, { version: d.version, state: "signed", reviewDate: null });
  await network.publishAgreement(actor, d.id, { version: d.version, published: true });
  return WORKSHOP_AGREEMENTS.length + 1;
}

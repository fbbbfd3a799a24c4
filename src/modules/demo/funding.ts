import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import {
  addPaymentInput,
  createCallInput,
  decideInput,
  requestFundsInput,
  saveDraftInput,
} from "../funding/contracts.ts";
import { type CostType, parseMoney, UNNA_COST_RULES } from "../funding/model.ts";
import type { DemoServices as Services } from "./deps.ts";

/**
 * Unna's small-project funding for the demo (issue 19). PUBLISHED (seed 001): the council's 2020
 * guideline — temporary projects for participation and integration, at most €5,000 per measure,
 * €20,000 a year; eligible: volunteer allowances, personnel at 50 %, travel, rent, board and
 * lodging, material, insurance; a project advisory board reviews with the integration officer.
 * The guideline runs on (rolling intake), so the demo call is open and the public form works.
 * INVENTED: the eight applications of the current year (organizations from the directory and one
 * invented migrant organization, ideas from seed 001's expert day), the board's scores and the
 * decisions, which use the year's €20,000 exactly; the first project paid and closed with an
 * accepted proof of use, the second paid with a proof that ends in a partial repayment (personnel
 * costs lower than planned). Everything goes through the funding service.
 */
export const DEMO_CALL_TITLE = "Kleinprojekte Teilhabe und Integration (Förderrichtlinie 2020)";

type DemoApplication = {
  org: string;
  email: string;
  title: string;
  summary: string;
  budget: [CostType, string, string][];
  scores: [number, number, number];
  decision: ["granted" | "partly_granted" | "refused", string | null, string];
};

const APPLICATIONS: DemoApplication[] = [
  {
    org: "Initiative WeltOffen",
    email: "weltoffen@demo.lotse.example",
    title: "Sprachcafé im Treffpunkt WeltOffen",
    summary: "Wöchentliches Sprachcafé für Neuzugewanderte mit ehrenamtlichen Sprachpatinnen und -paten.",
    budget: [
      ["volunteer_allowance", "1.500,00", "Aufwandsentschädigungen Sprachpaten"],
      ["rent", "1.200,00", "Raumnutzung Treffpunkt"],
      ["material", "800,00", "Lehrmaterial, Spiele"],
    ],
    scores: [5, 5, 4],
    decision: [
      "granted",
      "3.500,00",
      "Empfehlung des Projektbeirats: Begegnung auf Augenhöhe, gut erreichbar.",
    ],
  },
  {
    org: "Evangelischer Kirchenkreis Unna (Ev. Familienbildung)",
    email: "knirps@demo.lotse.example",
    title: "Café Knirps Königsborn mehrsprachig",
    summary: "Mehrsprachige Begleitung des Eltern-Kind-Treffs in der „Brücke“ für zugewanderte Familien.",
    budget: [
      ["personnel", "4.000,00", "Honorar Sprachmittlerin"],
      ["material", "600,00", "Spielmaterial"],
    ],
    scores: [4, 4, 5],
    decision: ["granted", "2.600,00", "Empfehlung des Projektbeirats; Personalkosten zu 50 % gefördert."],
  },
  {
    org: "Deutsch-Syrischer Kulturverein Unna e.V.",
    email: "kulturverein@demo.lotse.example",
    title: "Interkulturelles Elternnetzwerk",
    summary: "Elternabende und Begleitung zu Elternpflegschaften, gemeinsam mit Familienbüro und Schulen.",
    budget: [
      ["volunteer_allowance", "2.000,00", "Elternlotsinnen und -lotsen"],
      ["rent", "1.500,00", "Räume für Elternabende"],
      ["material", "700,00", "Übersetzte Informationsblätter"],
      ["travel", "300,00", "Fahrten zu Schulen"],
    ],
    scores: [5, 4, 4],
    decision: ["granted", "4.500,00", "Empfehlung des Projektbeirats: Migrantenorganisation als Träger."],
  },
  {
    org: "IN VIA Unna e.V.",
    email: "invia@demo.lotse.example",
    title: "Schnupperangebote Sport und Kultur",
    summary: "Kostenlose Schnupperangebote in Vereinen ohne Mitgliedschaft, begleitet von Willkommenslotsen.",
    budget: [
      ["personnel", "6.000,00", "Koordination"],
      ["material", "1.500,00", "Ausrüstung"],
      ["insurance", "300,00", "Veranstaltungsversicherung"],
    ],
    scores: [4, 3, 3],
    decision: [
      "partly_granted",
      "3.000,00",
      "Teilweise: Koordination nur anteilig; Ausrüstung über Vereine.",
    ],
  },
  {
    org: "Caritasverband für den Kreis Unna e.V.",
    email: "caritas@demo.lotse.example",
    title: "Jugend hilft Jugendlichen",
    summary:
      "Jugendliche mit Einwanderungsgeschichte begleiten neu zugewanderte Jugendliche; Wochenendseminar.",
    budget: [
      ["personnel", "8.000,00", "Anleitung"],
      ["board_lodging", "1.400,00", "Wochenendseminar"],
      ["travel", "600,00", "Fahrten"],
    ],
    scores: [5, 4, 3],
    decision: ["granted", "5.000,00", "Empfehlung des Projektbeirats; gedeckelt auf 5.000 € je Maßnahme."],
  },
  {
    org: "Bürgerhilfe Dienstleistungs- und Service gGmbH Hemmerde",
    email: "buergerhilfe@demo.lotse.example",
    title: "Stadtteilführungen für Neuzugewanderte",
    summary: "Ehrenamtliche Stadtteilführungen in mehreren Sprachen zum Kennenlernen der Umgebung.",
    budget: [
      ["volunteer_allowance", "1.200,00", "Stadtführerinnen und -führer"],
      ["material", "400,00", "Karten und Flyer"],
      ["travel", "200,00", "Fahrkarten"],
    ],
    scores: [3, 4, 3],
    decision: ["partly_granted", "1.400,00", "Teilweise: Flyer über die Stadt; Rest des Jahresbudgets."],
  },
  {
    org: "Integrationsrat der Kreisstadt Unna",
    email: "integrationsrat@demo.lotse.example",
    title: "Lesepaten in Kitas",
    summary: "Dauerhafte Lesepatenschaften in Kindertagesstätten.",
    budget: [["volunteer_allowance", "2.400,00", "Lesepaten"]],
    scores: [3, 2, 4],
    decision: ["refused", null, "Keine zeitlich befristete Maßnahme; Hinweis auf die Regelförderung."],
  },
  {
    org: "Initiative WeltOffen",
    email: "weltoffen-feste@demo.lotse.example",
    title: "Mobile Kinderbetreuung bei Stadtteilfesten",
    summary: "Kinderbetreuung während Stadtteilfesten, damit Eltern teilnehmen können.",
    budget: [
      ["volunteer_allowance", "900,00", "Betreuerinnen"],
      ["insurance", "250,00", "Haftpflicht"],
    ],
    scores: [4, 3, 4],
    decision: [
      "refused",
      null,
      "Fördertopf des Jahres ausgeschöpft; Wiedervorlage im nächsten Jahr empfohlen.",
    ],
  },
];

async function principalOf(
  services: Services,
  tenantId: string,
  role: "coordinator" | "board_member" | "finance",
) {
  const row = await services.users.credentials.byEmail(
    tenantId,
    `${role.replace(/_/g, "-")}@demo.lotse.example`,
  );
  if (!row) return null;
  const grants = await services.users.credentials.grants(tenantId, row.id);
  return { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true } satisfies Principal;
}

export async function seedFundingDemo(services: Services, tenantId: string) {
  const coordinator = await principalOf(services, tenantId, "coordinator");
  const board = await principalOf(services, tenantId, "board_member");
  const finance = await principalOf(services, tenantId, "finance");
  if (!coordinator || !board || !finance) return { skipped: true };
  const f = services.funding;
  if ((await f.listCalls(coordinator)).some((c) => c.title === DEMO_CALL_TITLE)) return { skipped: true };
  const axes = await services.framework.list(tenantId, "de");
  const fields = axes.find((a) => a.kind === "field_of_action")?.terms.map((t) => t.id) ?? [];
  const call = await f.createCall(
    coordinator,
    parseInput(createCallInput, {
      title: DEMO_CALL_TITLE,
      description:
        "Gefördert werden zeitlich befristete Aktivitäten und Projekte für Teilhabe und Integration. Die Antragstellung ist bewusst unbürokratisch; der Integrationsbeauftragte berät.",
      status: "open",
      periodStart: "2020-09-01",
      periodEnd: "2030-12-31",
      deadline: null,
      budgetPerYear: "20.000,00",
      projectCap: "5.000,00",
      costRules: UNNA_COST_RULES,
      criteria: [
        { key: "teilhabe", label: "Beitrag zu Teilhabe und Integration", weight: 3 },
        { key: "erreichbarkeit", label: "Erreicht die Zielgruppe vor Ort", weight: 2 },
        { key: "machbarkeit", label: "Machbarkeit und Kostenplan", weight: 1 },
      ],
      fieldOfActionIds: fields,
      publishFunded: true,
    }),
  );
  const targetGroups = axes.find((a) => a.kind === "target_group")?.terms.map((t) => t.id) ?? [];
  const areas = await services.areas.list(tenantId);
  let decided = 0;
  for (const [i, a] of APPLICATIONS.entries()) {
    const { token } = await f.applicant.start(tenantId, { callId: call.id, email: a.email, lang: "de" });
    const draft = await f.applicant.saveDraft(
      tenantId,
      token,
      parseInput(saveDraftInput, {
        version: 1,
        organizationName: a.org,
        contactName: "Demo Ansprechperson",
        title: a.title,
        summary: a.summary,
        budget: a.budget.map(([type, amount, description]) => ({ type, amount, description })),
        // Classification for the numbers per field of action, target group and area.
        termIds: [
          fields[i % Math.max(1, fields.length)],
          targetGroups[i % Math.max(1, targetGroups.length)],
        ].filter((x): x is string => x !== undefined),
        areaId: areas[i % Math.max(1, areas.length)]?.id ?? null,
      }),
    );
    const submitted = await f.applicant.submit(tenantId, token, draft.version);
    const screened = await f.screen(coordinator, submitted.id, {
      version: submitted.version,
      outcome: "eligible",
      note: null,
    });
    const [teilhabe, erreichbarkeit, machbarkeit] = a.scores;
    await f.review(board, submitted.id, {
      conflict: false,
      scores: { teilhabe, erreichbarkeit, machbarkeit },
      comment: "",
    });
    const [outcome, amount, reason] = a.decision;
    await f.decide(
      coordinator,
      submitted.id,
      parseInput(decideInput, { version: screened.version, outcome, amount: amount ?? "", reason }),
    );
    decided++;
    if (i < PROOFS.length && amount)
      await payAndProve(
        services,
        { coordinator, finance },
        tenantId,
        submitted.id,
        token,
        amount,
        PROOFS[i]!,
      );
    else if (i === PROOFS.length && amount) await callFunds(services, coordinator, tenantId, token);
  }
  return { skipped: false, decided };
}

/** The third project calls its first instalment and staff approve it: it waits for finance's order. */
async function callFunds(services: Services, coordinator: Principal, tenantId: string, token: string) {
  const f = services.funding.payments;
  const year = new Date().getUTCFullYear();
  const called = await f.request(
    tenantId,
    token,
    parseInput(requestFundsInput, {
      amount: "1.000,00",
      dueDate: `${year}-12-01`,
      note: "Miete für den Treffpunkt und Material für die ersten Treffen.",
    }),
  );
  const p = called.payments.at(-1)!;
  await f.approve(coordinator, p.id, { version: p.version });
}

/** The two projects with a proof of use: actual costs per cost type and the examination's outcome. */
const PROOFS: {
  actual: [CostType, string, string][];
  outcome: "accepted" | "repayment";
  message: string | null;
}[] = [
  {
    actual: [
      ["volunteer_allowance", "1.500,00", ""],
      ["rent", "1.200,00", ""],
      ["material", "850,00", ""],
    ],
    outcome: "accepted",
    message: null,
  },
  {
    actual: [
      [
        "personnel",
        "3.000,00",
        "Die Sprachmittlerin war zwei Monate erkrankt; die Treffen liefen ohne sie weiter.",
      ],
      ["material", "600,00", ""],
    ],
    outcome: "repayment",
    message: "Die Personalkosten lagen unter dem Plan; der nicht verbrauchte Anteil ist zurückzuzahlen.",
  },
];

/** Pays the grant in one instalment, files the proof of use and examines it. */
async function payAndProve(
  services: Services,
  { coordinator, finance }: { coordinator: Principal; finance: Principal },
  tenantId: string,
  applicationId: string,
  token: string,
  amount: string,
  proof: (typeof PROOFS)[number],
) {
  const f = services.funding;
  const year = new Date().getUTCFullYear();
  const planned = await f.payments.add(
    coordinator,
    applicationId,
    parseInput(addPaymentInput, { amount, dueDate: `${year}-03-01` }),
  );
  // Staff approved it by planning it; finance signs the order (four-eyes) and books it.
  const ordered = await f.payments.order(finance, planned.payments[0]!.id, {
    version: planned.payments[0]!.version,
  });
  await f.payments.pay(finance, ordered.id, {
    version: ordered.version,
    paidDate: `${year}-03-02`,
    bookingReference: `DEMO-${year}-${applicationId.slice(-4).toUpperCase()}`,
  });
  const cents = (text: string) => {
    const m = parseMoney(text);
    if (!m.ok) throw new Error(`demo amount ${text}`);
    return m.cents;
  };
  const filed = await f.proofs.file(tenantId, token, {
    version: 0,
    report:
      "Die Treffen fanden wie geplant wöchentlich statt; die Gruppe ist gewachsen und trifft sich weiter.",
    participants: 42,
    lines: proof.actual.map(([type, actual, reason]) => ({ type, actual: cents(actual), reason })),
    receipts: proof.actual.map(([type, actual]) => ({
      date: `${year}-02-15`,
      payee: "Sammelbeleg",
      type,
      amount: cents(actual),
    })),
  });
  const examined = await f.proofs.examine(coordinator, applicationId, {
    version: filed.version,
    outcome: proof.outcome,
    message: proof.message,
  });
  // The first part of the repayment has come in; the rest is outstanding (decision 119).
  if (proof.outcome === "repayment")
    await f.repayments.book(coordinator, applicationId, {
      version: examined.version,
      amount: 20_000,
      receivedDate: services.core.clock.now().toISOString().slice(0, 10),
      reference: `DEMO-R-${year}-${applicationId.slice(-4).toUpperCase()}`,
    });
}

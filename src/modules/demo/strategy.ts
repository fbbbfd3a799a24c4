// Demo goal trees (issue 16): Herdecke's four fields (seed 004) and the Lüner Dialog's fields of
// action with its projects (seed 002), in Unna's demo tenant. Titles follow the seeds; periods,
// weights, budgets, milestones and progress are invented but plausible.
import type { Principal } from "../../server/policy/roles.ts";
import type { NodeKind, NodeStatus } from "../strategy/model.ts";
import type { DemoServices as Services } from "./deps.ts";

type DemoNode = {
  kind: NodeKind;
  title: string;
  status?: NodeStatus;
  weight?: number;
  progress?: number;
  periodFrom?: string;
  periodTo?: string;
  responsible?: string;
  /** Framework term keys of Unna's template the node serves. */
  terms?: string[];
  budgetPlannedCents?: number;
  budgetSpentCents?: number;
  milestones?: { title: string; due: string }[];
  children?: DemoNode[];
};

export const HERDECKE_ROOT = "Integrationskonzept Herdecke: gesellschaftliche Integration";
export const LUENEN_ROOT = "Lüner Dialog: Leitlinien zur Infrastruktur und Integration";

const HERDECKE: DemoNode = {
  kind: "leitbild",
  title: HERDECKE_ROOT,
  periodFrom: "2024-01-01",
  periodTo: "2028-12-31",
  responsible: "Steuerungsgruppe Integration, Stadt Herdecke",
  children: [
    {
      kind: "leitziel",
      title: "Ausbildung und Arbeit",
      weight: 3,
      terms: ["ausbildung-erwerbstaetigkeit-weiterbildung"],
      children: [
        {
          kind: "handlungsziel",
          title: "Mehr junge Zugewanderte beginnen eine Ausbildung",
          children: [
            {
              kind: "massnahme",
              title: "Ausbildungspatenschaften mit Herdecker Betrieben",
              status: "running",
              progress: 40,
              periodFrom: "2025-01-01",
              periodTo: "2026-12-31",
              responsible: "Jobcenter, Kreishandwerkerschaft",
              budgetPlannedCents: 1_800_000,
              budgetSpentCents: 640_000,
              milestones: [
                { title: "Zehn Betriebe gewonnen", due: "2025-06-30" },
                { title: "Erste Auswertung", due: "2026-03-31" },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Sprache und Bildung",
      weight: 3,
      terms: ["sprache", "fruehe-hilfen-kita-schule"],
      children: [
        {
          kind: "handlungsziel",
          title: "Alle Kinder haben bei der Einschulung ausreichende Deutschkenntnisse",
          children: [
            {
              kind: "massnahme",
              title: "Sprachkurse für Eltern mit Kinderbetreuung",
              status: "planned",
              periodFrom: "2026-01-01",
              periodTo: "2027-12-31",
              responsible: "VHS, Familienzentren",
              budgetPlannedCents: 2_400_000,
              milestones: [{ title: "Erster Kurs am Abend mit Kinderbetreuung", due: "2026-09-01" }],
            },
          ],
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Wohnen und Quartier",
      weight: 2,
      terms: ["wohnen-wohnumfeld"],
      children: [
        {
          kind: "handlungsziel",
          title: "Nachbarschaften im Quartier stärken",
          status: "running",
          progress: 25,
          responsible: "Wohnungsbaugesellschaften, Quartiersmanagement",
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Teilhabe und Engagement",
      weight: 2,
      terms: ["freizeit-kultur-sport-netzwerke"],
      children: [
        {
          kind: "handlungsziel",
          title: "Mehr Zugewanderte engagieren sich in Vereinen und Ehrenamt",
          status: "done",
          responsible: "Bürgerstiftung, Ehrenamtsbörse",
        },
      ],
    },
  ],
};

const LUENEN: DemoNode = {
  kind: "leitbild",
  title: LUENEN_ROOT,
  periodFrom: "2008-10-30",
  periodTo: "2030-12-31",
  responsible: "Rat der Stadt Lünen; Lenkungsgruppe Lüner Dialog",
  children: [
    {
      kind: "leitziel",
      title: "Handlungsfeld Bildung, Erziehung und Kultur",
      terms: ["fruehe-hilfen-kita-schule"],
      children: [
        {
          kind: "projekt",
          title: "Overbergschule in Lünen-Süd als integratives Zentrum",
          status: "running",
          progress: 60,
          periodFrom: "2009-01-01",
          periodTo: "2014-12-31",
          responsible: "Stadt Lünen, Schulverwaltung",
          budgetPlannedCents: 150_000_000,
          budgetSpentCents: 98_000_000,
          milestones: [
            { title: "Stadtteilversorgungsplan Bildung und Kultur", due: "2010-06-30" },
            { title: "Eröffnung des Zentrums", due: "2013-09-01" },
          ],
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Handlungsfeld Arbeit und Wirtschaft",
      terms: ["ausbildung-erwerbstaetigkeit-weiterbildung"],
      children: [
        {
          kind: "projekt",
          title: "Lüner Netzwerk Schule – Hochschule – Wirtschaft",
          status: "running",
          progress: 50,
          periodFrom: "2009-01-01",
          periodTo: "2012-12-31",
          responsible: "Wirtschaftsförderungszentrum Lünen, BAAS-Akademie",
          budgetPlannedCents: 12_000_000,
          budgetSpentCents: 7_500_000,
          milestones: [
            { title: "Koordinationsvereinbarungen mit Schulen und Hochschulen", due: "2009-12-31" },
            { title: "Erste Sommerakademie", due: "2010-08-15" },
          ],
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Handlungsfeld Stadtentwicklung und Wohnen",
      terms: ["wohnen-wohnumfeld"],
      children: [
        {
          kind: "projekt",
          title: "Soziale Stadt Gahmen",
          status: "done",
          periodFrom: "2009-01-01",
          periodTo: "2016-12-31",
          responsible: "Stadtplanung Lünen",
          budgetPlannedCents: 420_000_000,
          budgetSpentCents: 405_000_000,
          milestones: [{ title: "Aufnahme ins Programm Soziale Stadt NRW", due: "2009-06-30" }],
        },
      ],
    },
    {
      kind: "leitziel",
      title: "Handlungsfeld Interkultureller Dialog",
      terms: ["interkulturelle-oeffnung-antidiskriminierung"],
      children: [
        {
          kind: "massnahme",
          title: "Integrationsbeauftragte an jeder Schule",
          status: "running",
          progress: 70,
          periodFrom: "2009-08-01",
          periodTo: "2015-07-31",
          responsible: "Schulen, Kommunales Integrationszentrum",
          milestones: [{ title: "An allen weiterführenden Schulen benannt", due: "2011-07-31" }],
        },
      ],
    },
  ],
};

/** Seeds both trees once each (found by their roots' titles), the council's adoption and two indicators. */
export async function seedStrategyDemo(services: Services, tenantId: string) {
  const row = await services.users.credentials.byEmail(tenantId, "coordinator@demo.lotse.example");
  if (!row) return { skipped: true, nodes: 0 };
  const grants = await services.users.credentials.grants(tenantId, row.id);
  const coordinator: Principal = { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true };
  // Each tree once: a start killed half-way still gets the tree it had not begun.
  const existing = new Set((await services.strategy.tree(coordinator, tenantId)).nodes.map((n) => n.title));
  if (existing.has(LUENEN_ROOT) && existing.has(HERDECKE_ROOT)) return { skipped: true, nodes: 0 };
  const axes = await services.framework.list(tenantId, "de");
  const termId = new Map(axes.flatMap((a) => a.terms.map((t) => [t.key, t.id] as const)));
  let nodes = 0;
  const ids = new Map<string, string>();
  const add = async (n: DemoNode, parentId: string | null): Promise<void> => {
    const created = await services.strategy.createNode(coordinator, tenantId, {
      parentId,
      kind: n.kind,
      title: n.title,
      description: null,
      status: n.status ?? "planned",
      weight: n.weight ?? 1,
      progress: n.progress ?? null,
      periodFrom: n.periodFrom ?? null,
      periodTo: n.periodTo ?? null,
      responsible: n.responsible ?? null,
      termIds: (n.terms ?? []).flatMap((k) => termId.get(k) ?? []),
      budgetPlannedCents: n.budgetPlannedCents ?? null,
      budgetSpentCents: n.budgetSpentCents ?? null,
    });
    nodes++;
    ids.set(n.title, created.id);
    for (const m of n.milestones ?? [])
      await services.strategy.addMilestone(coordinator, tenantId, created.id, m);
    for (const c of n.children ?? []) await add(c, created.id);
  };
  if (!existing.has(LUENEN_ROOT)) {
    await add(LUENEN, null);
    // What the council adopted stays readable after the later edits below.
    await services.strategy.adopt(coordinator, tenantId, {
      title: "Ratsbeschluss Lüner Dialog (Leitlinien und Handlungsempfehlungen)",
      adoptedOn: "2008-10-30",
    });
  }
  if (existing.has(HERDECKE_ROOT)) return { skipped: false, nodes };
  await add(HERDECKE, null);
  // A Lotse figure: published language offers for families (Unna's offers, counted on the spot).
  const language = ids.get("Alle Kinder haben bei der Einschulung ausreichende Deutschkenntnisse");
  const sprachangebote = termId.get("sprachangebote");
  if (language && sprachangebote) {
    await services.strategy.createIndicator(coordinator, tenantId, language, {
      name: "Veröffentlichte Sprachangebote",
      kind: "lotse",
      unit: "count",
      baseline: 4,
      baselinePeriod: "2025",
      targets: [{ period: "2027", value: 8 }],
      source: null,
      monitoringCode: null,
      figure: "offers_in_cell",
      figureTermIds: [sprachangebote],
    });
  }
  const work = ids.get("Mehr junge Zugewanderte beginnen eine Ausbildung");
  if (work) {
    await services.strategy.createIndicator(coordinator, tenantId, work, {
      name: "Neue Ausbildungsverträge junger Zugewanderter",
      kind: "typed",
      unit: "count",
      baseline: 12,
      baselinePeriod: "2024",
      targets: [{ period: "2026", value: 20 }],
      source: "Kammerstatistik (Beispielwert)",
      monitoringCode: null,
      figure: null,
      figureTermIds: [],
    });
  }
  return { skipped: false, nodes };
}

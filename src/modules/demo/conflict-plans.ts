import type { Principal } from "../../server/policy/roles.ts";
import type { DemoServices as Services } from "./deps.ts";

/**
 * Unna's crisis plan (Ablaufplan) and prevention plan for the demo (issue 20, decision 064).
 * Seed 001 asks for "a kind of procedure for an unexpected crisis incident" and a municipal
 * prevention plan for social cohesion; the roles follow its structure (contact point,
 * steering group, fire-alarm posts). Every name, phone number and address is INVENTED.
 */
export async function seedConflictPlansDemo(services: Services, p: Principal) {
  if (await services.conflicts.crisisPlan(p)) return;
  const today = services.core.clock.now();
  const inDays = (d: number) => new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const contact = (role: string, name: string, phone: string, deputyName: string, deputyPhone: string) => ({
    role,
    name,
    userId: null,
    organization: null,
    phone,
    // Invented addresses on the demo domain: a drill's alerts land in the outbox.
    email: `${role
      .toLowerCase()
      .replace(/ü/g, "ue")
      .replace(/[^a-z]+/g, "-")
      .replace(/^-|-$/g, "")}@demo.lotse.example`,
    deputyName,
    deputyPhone,
  });
  await services.conflicts.saveCrisisPlan(p, {
    version: 0,
    title: "Ablaufplan für unerwartete Krisenereignisse",
    purpose:
      "Gilt für Ereignisse, die den Zusammenhalt in der Stadt akut gefährden: Angriffe auf Gebetsorte, Bedrohungen, eskalierende Konflikte im öffentlichen Raum.",
    reviewOn: inDays(120),
    contacts: [
      {
        ...contact(
          "Leitung Konfliktanlaufstelle",
          "Demo Koordination",
          "02303 555-100",
          "Vertretung Anlaufstelle",
          "02303 555-101",
        ),
        userId: p.userId,
        email: "coordinator@demo.lotse.example",
      },
      contact(
        "Bürgermeisterbüro",
        "Büroleitung (erfunden)",
        "02303 555-200",
        "Stellvertretung Büro",
        "02303 555-201",
      ),
      contact(
        "Pressestelle",
        "Pressesprecherin (erfunden)",
        "02303 555-300",
        "Pressestelle Vertretung",
        "02303 555-301",
      ),
      {
        ...contact(
          "Ordnungsamt",
          "Leitstelle Ordnungsamt (erfunden)",
          "02303 555-400",
          "Bereitschaft",
          "02303 555-401",
        ),
        organization: "Kreisstadt Unna",
      },
      {
        ...contact(
          "Integrationsrat",
          "Vorsitz Integrationsrat (erfunden)",
          "02303 555-500",
          "Stellv. Vorsitz",
          "02303 555-501",
        ),
        organization: "Integrationsrat der Kreisstadt Unna",
        // The alert mail goes in the contact's language (decision 080).
        language: "tr" as const,
      },
    ],
    scenarios: [
      {
        type: "attack_place_of_worship",
        steps: [
          "Polizei (110) verständigen, falls noch nicht geschehen",
          "Leitung der Gemeinde anrufen und Unterstützung anbieten",
          "Bürgermeisterbüro und Pressestelle informieren",
          "Integrationsrat einbinden, Solidaritätsbesuch abstimmen",
          "Öffentliche Erklärung aus der Vorlage abstimmen und veröffentlichen",
        ],
        // The tenant's own wording (decision 080); the other languages fall back to the catalog.
        statements: {
          de: "Erklärung der {municipality} vom {date}\n\nMit Bestürzung haben wir vom {type} erfahren. Wir stehen an der Seite der Gemeinde. Angriffe auf Gebetsorte treffen uns alle. Die Stadt ist mit der Gemeinde und der Polizei im Gespräch.",
          tr: "{municipality} açıklaması, {date}\n\nYaşanan olayı ({type}) büyük üzüntüyle öğrendik. Cemaatin yanındayız. İbadet yerlerine yönelik saldırılar hepimizi etkiler. Belediye, cemaat ve polisle görüşmektedir.",
        },
      },
      {
        type: "public_space_escalation",
        steps: [
          "Ordnungsamt um Lagebild bitten",
          "Zuständigen Feuermelder (Ortsvorsteher, Quartiersmanagement) einbinden",
          "Gesprächsangebot an die Beteiligten innerhalb von 24 Stunden",
        ],
      },
    ],
  });
  await services.conflicts.savePreventionPlan(p, {
    version: 0,
    title: "Präventionsplan für den sozialen Zusammenhalt",
    structure:
      "Die Lenkungsgruppe verbindet die Arbeit mit Verwaltung und Politik. Die Konfliktanlaufstelle koordiniert, die Feuermelder melden früh; Probleme werden zuerst vor Ort gelöst.",
    reviewOn: inDays(300),
    measures: [
      {
        title: "Dialogforen in den Quartieren",
        description: "Zweimal im Jahr je Quartier, moderiert vom Quartiersmanagement",
        responsible: "Quartiersmanagement Königsborn",
        measureId: null,
        reviewOn: inDays(90),
      },
      {
        title: "Qualifizierung der Feuermelder",
        description: "Grundkurs Konfliktmoderation für Ortsvorsteher und Wohlfahrtsverbände",
        responsible: "Konfliktanlaufstelle",
        measureId: null,
        reviewOn: inDays(180),
      },
      {
        title: "Runder Tisch der Religionsgemeinschaften",
        description: null,
        responsible: "Integrationsrat",
        measureId: null,
        reviewOn: null,
      },
    ],
  });
}

/**
 * A drill, run when the demo is seeded, ticked and closed with its debrief; one lesson became a measure of
 * the prevention plan (decision 072). Every alert mail of it says "ÜBUNG".
 */
export async function seedCrisisDrillDemo(services: Services, p: Principal) {
  if ((await services.conflicts.crises(p)).length) return;
  const { id } = await services.conflicts.activateCrisis(p, {
    type: "attack_place_of_worship",
    drill: true,
  });
  await services.conflicts.tickCrisisStep(p, id, 1);
  await services.conflicts.tickCrisisStep(p, id, 3);
  await services.conflicts.noteCrisis(p, id, {
    text: "Übung: Pressestelle nach 20 Minuten erreicht, Vertretung des Bürgermeisterbüros nicht erreichbar.",
  });
  const view = await services.conflicts.crisis(p, id);
  await services.conflicts.closeCrisis(p, id, {
    version: view.version,
    worked: "Die Alarmkette hat ausgelöst, die ersten Schritte waren in 30 Minuten erledigt.",
    change: "Telefonnummern der Vertretungen vierteljährlich prüfen; Vorlage der Erklärung vorab abstimmen.",
    measures: [{ title: "Alarmkette vierteljährlich prüfen", responsible: "Konfliktanlaufstelle" }],
  });
}

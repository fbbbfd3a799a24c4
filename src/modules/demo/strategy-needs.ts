import type { Principal } from "../../server/policy/roles.ts";
import type { LifeDomain } from "../casework/model.ts";
import type { DemoServices } from "./deps.ts";
import { seedNeedSignals } from "./strategy-signals.ts";

/**
 * Open needs for the gap analysis (issue 16, 2), INVENTED: households with an open integration
 * case in each of Unna's five social areas, one need per person and life domain. The counts
 * are chosen so the demo gap page shows real gaps (language and Kita needs in Königsborn, work
 * and housing in Unna-Mitte and Unna-Süd) and cells the small-cell rule hides (fewer than 5).
 */
const POINTS: Record<string, [number, number]> = {
  "unna-mitte": [7.69, 51.536],
  "unna-koenigsborn": [7.705, 51.556],
  "unna-massen": [7.635, 51.535],
  "unna-sued": [7.69, 51.512],
  "unna-landgemeinden": [7.77, 51.54],
};

/** Open needs per area and life domain (persons with that need). */
const NEEDS: Record<string, Partial<Record<LifeDomain, number>>> = {
  "unna-koenigsborn": { language: 14, kita: 11, training_work: 6, housing: 3 },
  "unna-mitte": { language: 10, training_work: 12, housing: 9, school: 6 },
  "unna-massen": { school: 10, leisure: 6, language: 5 },
  "unna-sued": { housing: 11, training_work: 7, language: 3 },
  "unna-landgemeinden": { language: 6, health: 5, kita: 2 },
};

/**
 * The family language of each demo household per area (languages of supply, decision 087):
 * Arabic-speaking families in Königsborn make a language gap where no offer is given in Arabic.
 */
const FAMILY_LANGUAGES: Record<string, string[]> = {
  "unna-koenigsborn": ["ar", "ar", "ar", "tr"],
  "unna-mitte": ["uk", "uk", "ar"],
  "unna-massen": ["ar", "fa", "fa"],
  "unna-sued": ["uk", "ru", "uk"],
  "unna-landgemeinden": ["ar", "ar"],
};

/** Persons per demo household: the largest need count of the area is spread over them. */
const HOUSEHOLD_SIZE = 4;
const GIVEN = ["Amina", "Bilal", "Rana", "Karim", "Nour", "Samir", "Layla", "Tarek"];

export async function seedStrategyNeeds(
  services: Pick<DemoServices, "casework" | "users" | "strategy" | "surveyAnalysis">,
  tenantId: string,
): Promise<{ skipped: boolean; households: number; needs: number }> {
  // The questionnaire and monitoring signals beside the needs (decision 079); once, on their own.
  await seedNeedSignals(services, tenantId);
  // Once: the demo had no open need before this seed.
  if ((await services.casework.figures.openNeedsByDomain(tenantId, null)).length > 0)
    return { skipped: true, households: 0, needs: 0 };
  const row = await services.users.credentials.byEmail(tenantId, "case-worker@demo.lotse.example");
  if (!row) return { skipped: true, households: 0, needs: 0 };
  // The demo case worker's identity with a tenant-wide grant, for seeding only.
  const seeder: Principal = {
    userId: row.id,
    tenantId,
    sessionId: "demo",
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
    mfaSatisfied: true,
  };
  let households = 0;
  let needs = 0;
  for (const [code, domains] of Object.entries(NEEDS)) {
    const [lon, lat] = POINTS[code]!;
    const most = Math.max(...Object.values(domains));
    const count = Math.ceil(most / HOUSEHOLD_SIZE);
    for (let h = 0; h < count; h++) {
      const r = await services.casework.createHousehold(seeder, {
        household: {
          label: `Familie ${code.slice(5, 6).toUpperCase()}${h + 1} (Demo Bedarfe)`,
          lon: lon + (h - count / 2) * 0.0008,
          lat: lat + ((h % 3) - 1) * 0.0006,
        },
        persons: Array.from({ length: HOUSEHOLD_SIZE }, (_, i) => ({
          givenName: GIVEN[(h + i) % GIVEN.length]!,
          familyName: `Bedarf-${code.slice(5)}-${h + 1}`,
          householdRelation: i === 0 ? "self" : i === 1 ? "spouse" : "child",
          // The family language natively, German at A2 (the children at B1).
          languages: [
            { lang: FAMILY_LANGUAGES[code]?.[h] ?? "ar", level: "native" as const },
            { lang: "de", level: i < 2 ? ("A2" as const) : ("B1" as const) },
          ],
        })),
        case: { caseType: "integration" },
        allowDuplicate: true,
      });
      if (r.status !== "created" || !r.caseId) continue;
      households++;
      for (const [domain, n] of Object.entries(domains) as [LifeDomain, number][]) {
        // Person i of household h has the need when its running number is below the count.
        for (const [i, personId] of r.personIds.entries()) {
          if (h * HOUSEHOLD_SIZE + i >= n) continue;
          await services.casework.needs.add(seeder, r.caseId, {
            domain,
            status: (h + i) % 3 === 0 ? "in_progress" : "identified",
            personId,
            note: null,
          });
          needs++;
        }
      }
    }
  }
  return { skipped: false, households, needs };
}

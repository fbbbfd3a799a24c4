import type { Principal } from "../../server/policy/roles.ts";
import { type DemoRespondent, seededRandom } from "../surveys/service.ts";
import type { Answers, FormDefinition } from "../surveys/types.ts";
import type { DemoServices as Services } from "./deps.ts";

/**
 * Questionnaires and surveys for the demo (issue 5), INVENTED throughout:
 * - the three questionnaires from the seed templates;
 * - 70 households in Unna's five social areas with 170 persons, 150 of them assigned in 2015,
 *   and three open cases of the demo case worker in Unna-Mitte (to fill a questionnaire in);
 * - Lünen's needs questionnaire answered for the adults (per district and accommodation);
 * - "Befragung 2017" of the persons assigned in 2015: a sample of 100 stratified by sex with
 *   20 in reserve, 82 answers in which women attended language courses less often than men
 *   (the finding of seed 000), and some refusals and persons not reached.
 * A fixed seed makes every run the same. Names are obviously made up.
 */

const POINTS: Record<string, [number, number]> = {
  "unna-mitte": [7.69, 51.536],
  "unna-koenigsborn": [7.705, 51.556],
  "unna-massen": [7.635, 51.535],
  "unna-sued": [7.69, 51.512],
  "unna-landgemeinden": [7.77, 51.54],
};
const GIVEN_F = ["Amina", "Fatima", "Layla", "Mariam", "Nour", "Rana", "Sara", "Zainab", "Hawa", "Yasmin"];
const GIVEN_M = ["Ahmad", "Bilal", "Hassan", "Karim", "Mahmoud", "Omar", "Samir", "Tarek", "Yusuf", "Idris"];
const FAMILY = ["A.", "B.", "D.", "H.", "K.", "M.", "N.", "R.", "S.", "T.", "Y.", "Z."];
const ACCOMMODATION = [
  "shared_accommodation",
  "own_flat",
  "own_flat",
  "shared_accommodation",
  "with_relatives",
] as const;

export async function seedSurveyDemo(services: Services, tenantId: string) {
  const coordinator = await demoPrincipal(services, tenantId, "coordinator");
  const caseWorker = await demoPrincipal(services, tenantId, "case_worker");
  if (!coordinator || !caseWorker) return { skipped: true };
  if ((await services.surveys.listForms(coordinator)).length > 0) return { skipped: true };
  const random = seededRandom("lotse-demo-surveys");
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  // Seeding places households anywhere in the town: the demo case worker's identity with a
  // tenant-wide grant, used only here.
  const seeder: Principal = {
    ...caseWorker,
    grants: [{ role: "case_worker", scopeType: "tenant", scopeId: null }],
  };

  const needs = await services.surveys.createFromTemplate(coordinator, "luenen_needs");
  const outcome = await services.surveys.createFromTemplate(coordinator, "luenen_outcome_2017");
  await services.surveys.createFromTemplate(coordinator, "dortmund_home_visit");

  const areaCodes = Object.keys(POINTS);
  const adults: { personId: string }[] = [];
  let persons = 0;
  for (let h = 0; h < 70; h++) {
    const code = areaCodes[h % areaCodes.length]!;
    const [lon, lat] = POINTS[code]!;
    const year = h < 62 ? 2015 : 2016;
    const family = FAMILY[h % FAMILY.length]!;
    const size = 1 + Math.floor(random() * 4);
    const members = Array.from({ length: size }, (_, i) => {
      const female = i === 0 ? random() < 0.45 : random() < 0.5;
      const adult = i < 2;
      const birthYear = adult ? 1965 + Math.floor(random() * 35) : 2003 + Math.floor(random() * 12);
      return {
        givenName: pick(female ? GIVEN_F : GIVEN_M),
        familyName: family,
        birthDate: `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-15`,
        sex: female ? "female" : "male",
        nationalities: [pick(["SY", "SY", "IQ", "AF", "ER", "IR"])],
        arrivedInGermanyOn: `${year}-0${1 + (h % 6)}-01`,
        assignedToMunicipalityOn: `${year}-0${2 + (h % 6)}-10`,
        householdRelation: i === 0 ? "self" : i === 1 ? "spouse" : "child",
      };
    });
    const withCase = code === "unna-mitte" && h < 15;
    const r = await services.casework.createHousehold(withCase ? caseWorker : seeder, {
      household: {
        label: `Familie ${family} (Demo ${h + 1})`,
        lon: lon + (random() - 0.5) * 0.004,
        lat: lat + (random() - 0.5) * 0.003,
        accommodationKind: ACCOMMODATION[h % ACCOMMODATION.length],
      },
      persons: members as never,
      ...(withCase ? { case: { caseType: "integration" } } : {}),
      allowDuplicate: true,
    });
    if (r.status !== "created") continue;
    persons += r.personIds.length;
    r.personIds.forEach((id, i) => {
      if (i < 2) adults.push({ personId: id });
    });
  }

  // The needs questionnaire, answered for the adults (as captured by the social work team).
  const today = services.surveys.today();
  const needsDef = await services.surveys.definitionOf(tenantId, needs.id, 1);
  const facts = new Map(
    (await services.casework.surveyPersonFacts(tenantId, { personIds: adults.map((a) => a.personId) })).map(
      (f) => [f.personId, f],
    ),
  );
  let needsAnswers = 0;
  for (const a of adults) {
    const f = facts.get(a.personId);
    if (!f) continue;
    const literate = random() < 0.75;
    const answers: Answers = {
      family_status: pick(["single", "married", "married", "married", "widowed"]),
      school_years: Math.floor(random() * 13),
      languages_spoken: [{ lang: pick(["ar", "ar", "fa", "ku", "ti"]), level: "native" }],
      can_read_write: literate ? "yes" : "no",
      latin_script: literate && random() < 0.6 ? "yes" : "no",
      german_course_attended: random() < 0.5 ? "yes" : "no",
      language_course_wanted: random() < 0.7 ? "yes" : "no",
      leisure_interests: [pick(["sport", "music_dance", "arts_crafts", "cooking", "sewing"])],
    };
    if (!literate || answers.latin_script === "no")
      answers.literacy_course_wanted = random() < 0.8 ? "yes" : "no";
    if (
      await insertDemoResponse(
        services,
        tenantId,
        needs.id,
        needsDef,
        answers,
        f,
        today,
        "staff",
        null,
        coordinator,
      )
    )
      needsAnswers += 1;
  }

  // Befragung 2017: persons assigned in 2015, a sample of 100 stratified by sex, 20 in reserve.
  const survey = await services.surveys.createSurvey(coordinator, {
    title: "Befragung 2017: Zugewiesene des Jahres 2015",
    formId: outcome.id,
    assignedYear: 2015,
    minAge: 18,
  });
  const wave = await services.surveys.drawWave(coordinator, survey.id, {
    label: "Oktober 2017",
    size: 100,
    reserve: 20,
    stratifyBy: ["sex"],
    seed: "luenen-2017",
  });
  const outcomeDef = await services.surveys.definitionOf(tenantId, outcome.id, 1);
  const sample = (await services.surveys.getWave(coordinator, wave.id)).members.filter((m) => !m.reserve);
  const sampleFacts = new Map(
    (await services.casework.surveyPersonFacts(tenantId, { personIds: sample.map((m) => m.personId) })).map(
      (f) => [f.personId, f],
    ),
  );
  let responded = 0;
  for (const [i, m] of sample.entries()) {
    const f = sampleFacts.get(m.personId);
    if (!f) continue;
    if (i % 11 === 5 || i % 13 === 7) {
      await services.surveys.recordContact(coordinator, wave.id, m.personId, {
        status: i % 11 === 5 ? "refused" : "unreachable",
        version: m.version,
      });
      continue;
    }
    const woman = f.sex === "female";
    const attended = random() < (woman ? 0.45 : 0.78) ? "yes" : "no";
    const answers: Answers = {
      residence_status: pick([
        "recognised",
        "recognised",
        "subsidiary_protection",
        "asylum_pending",
        "tolerated",
      ]),
      language_course_attended: attended,
      main_activity: pick(
        woman
          ? ["family_care", "language_course", "job_seeking", "mini_job"]
          : ["employed", "job_seeking", "training", "language_course"],
      ),
      stay_in_town: pick(["yes_definitely", "yes_probably", "yes_probably", "undecided", "probably_not"]),
      contact_neighbours: pick(["daily", "weekly", "rarely", "never"]),
    };
    if (attended === "yes") answers.language_level_reached = pick(["A1", "A2", "B1", "B1", "B2"]);
    else
      answers.no_course_reasons = [
        pick(woman ? ["childcare", "childcare", "waiting_list"] : ["work", "waiting_list"]),
      ];
    if (
      await insertDemoResponse(
        services,
        tenantId,
        outcome.id,
        outcomeDef,
        answers,
        f,
        today,
        "link",
        wave.id,
        coordinator,
      )
    )
      responded += 1;
  }
  return { skipped: false, persons, needsAnswers, sample: sample.length, responded };
}

async function demoPrincipal(services: Services, tenantId: string, role: "coordinator" | "case_worker") {
  const row = await services.users.credentials.byEmail(
    tenantId,
    `${role.replace(/_/g, "-")}@demo.lotse.example`,
  );
  if (!row) return null;
  const grants = await services.users.credentials.grants(tenantId, row.id);
  return { userId: row.id, tenantId, sessionId: "demo", grants, mfaSatisfied: true } satisfies Principal;
}

/** One invented response (checked by the form engine in the survey module). */
function insertDemoResponse(
  services: Pick<Services, "surveys">,
  tenantId: string,
  formId: string,
  def: FormDefinition,
  answers: Answers,
  f: DemoRespondent,
  today: string,
  channel: "staff" | "link",
  waveId: string | null,
  by: Principal,
): Promise<boolean> {
  return services.surveys.seedDemoResponse({
    tenantId,
    formId,
    def,
    answers,
    respondent: f,
    today,
    channel,
    waveId,
    by,
  });
}

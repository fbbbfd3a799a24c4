// Data generator for the survey benchmark: a questionnaire of 40 questions (14 select_one,
// 8 select_multiple, 10 yes_no, 8 integer) and 100,000 seeded, reproducible responses with the
// analysis dimensions a response keeps (sex, age band, area, accommodation, phase).
//
// Skew, so that small cells occur and suppression has work to do: districts follow a Zipf-like
// distribution (1/k: the largest ≈ 24 % of responses; two new-build districts with a few dozen), "diverse" is rare
// (0.4 %), some responses have no sex or no area (the "?" column of a cross-tab). Answers depend
// a little on the district and on sex, so tables are not flat. The generator also returns the
// tallies the database must reproduce (responses per district × sex) so loaded data can be checked.

import { AGE_BANDS } from "../src/modules/surveys/model.ts";
import type { Answers, AnswerValue, Choice, FormDefinition, FormNode } from "../src/modules/surveys/types.ts";
import { prng } from "./area-data.ts";

export const DISTRICTS = 40;
export const SEX_VALUES = ["female", "male", "diverse", "unspecified"] as const;
const ACCOMMODATIONS = [
  "reception_centre",
  "shared_accommodation",
  "own_flat",
  "with_relatives",
  "homeless",
  "other",
] as const;
const PHASES = ["ankommen", "orientierung", "eingewoehnung", "integration", "abloesung"] as const;
const LANGS = ["de", "ar", "uk", "tr", "fa", "ru", "en"] as const;

const text = (de: string, en: string) => ({ de, en });
const list = (names: string[]): Choice[] => names.map((n) => ({ name: n, label: text(n, n) }));

/** Choice lists: name → choice names (labels = names; the benchmark is about counting). */
const LISTS: Record<string, string[]> = {
  satisfaction: ["very_good", "good", "neutral", "bad", "very_bad"],
  frequency: ["daily", "weekly", "monthly", "rarely", "never"],
  german_level: ["none", "A1", "A2", "B1", "B2", "C1", "C2"],
  household_size: ["1", "2", "3", "4", "5", "6_plus"],
  education: ["none", "primary", "secondary", "vocational", "university", "other"],
  employment: ["employed", "self_employed", "training", "unemployed", "not_allowed", "other"],
  residence: ["asylum_pending", "protection", "toleration", "permanent", "eu", "other"],
  needs: [
    "language",
    "school",
    "kita",
    "training_work",
    "housing",
    "health",
    "social_contacts",
    "leisure",
    "residence_legal",
    "money",
  ],
  contacts: ["neighbours", "family", "colleagues", "club", "religious", "volunteers", "none"],
  languages: ["de", "ar", "uk", "tr", "fa", "ru", "en", "ku"],
};

type Q = { name: string; type: FormNode["type"]; listName?: string };

/** The 40 questions in order. */
export const QUESTIONS: Q[] = [
  ...["satisfaction", "frequency", "german_level", "household_size", "education", "employment", "residence"]
    .flatMap((l) => [l, l])
    .map((l, i) => ({
      name: `q${String(i + 1).padStart(2, "0")}`,
      type: "select_one" as const,
      listName: l,
    })),
  ...["needs", "needs", "contacts", "contacts", "languages", "languages", "needs", "contacts"].map(
    (l, i) => ({
      name: `q${String(i + 15).padStart(2, "0")}`,
      type: "select_multiple" as const,
      listName: l,
    }),
  ),
  ...Array.from({ length: 10 }, (_, i) => ({ name: `q${i + 23}`, type: "yes_no" as const })),
  ...Array.from({ length: 8 }, (_, i) => ({ name: `q${i + 33}`, type: "integer" as const })),
];

/** The questionnaire (German and English labels), valid for checkDefinition / XLSForm. */
export function benchForm(): FormDefinition {
  return {
    formId: "bench_survey",
    title: text("Befragung (Benchmark)", "Survey (benchmark)"),
    defaultLanguage: "de",
    languages: ["de", "en"],
    nodes: QUESTIONS.map((q) => ({
      type: q.type,
      name: q.name,
      label: text(`Frage ${q.name}`, `Question ${q.name}`),
      ...(q.listName ? { listName: q.listName } : {}),
    })),
    choices: Object.fromEntries(Object.entries(LISTS).map(([k, v]) => [k, list(v)])),
  };
}

/** One response as the loader inserts it (area as district index, or null). */
export type GeneratedResponse = {
  area: number | null;
  sex: string | null;
  ageBand: string;
  accommodation: string;
  phase: string;
  channel: "case" | "link" | "staff";
  lang: string;
  submittedAt: string;
  answers: Answers;
};

function weighted<T>(rand: () => number, items: readonly T[], weights: number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** District weights: Zipf-like (1/k), the last two districts tiny (new-build areas). */
export function districtWeights(): number[] {
  return Array.from({ length: DISTRICTS }, (_, k) => (k >= DISTRICTS - 2 ? 0.002 : 1 / (k + 1)));
}

export type Tallies = {
  responses: number;
  /** `${districtIndex|"-"}|${sex|"-"}` → responses. */
  districtSex: Map<string, number>;
  answersStored: number;
};

/**
 * Generates `n` responses in batches (seeded; the same seed gives the same data), calling
 * `onBatch` for each, and returns the tallies the loaded data must reproduce.
 */
export async function generateResponses(
  n: number,
  seed: number,
  batchSize: number,
  onBatch: (rows: GeneratedResponse[]) => Promise<void>,
): Promise<Tallies> {
  const rand = prng(seed);
  const dw = districtWeights();
  const districts = Array.from({ length: DISTRICTS }, (_, k) => k);
  const tallies: Tallies = { responses: 0, districtSex: new Map(), answersStored: 0 };
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 9, 1) - start;
  let batch: GeneratedResponse[] = [];
  for (let i = 0; i < n; i++) {
    const area = rand() < 0.01 ? null : weighted(rand, districts, dw);
    const sex = rand() < 0.008 ? null : weighted(rand, SEX_VALUES, [47, 49, 0.4, 3]);
    const tilt = (area ?? 0) % 5; // answers lean a little by district
    const answers: Answers = {};
    for (const q of QUESTIONS) {
      let v: AnswerValue | undefined;
      if (q.type === "select_one") {
        if (rand() < 0.95) {
          const opts = LISTS[q.listName!]!;
          v = weighted(
            rand,
            opts,
            opts.map((_, k) => 0.65 ** k * (k === tilt ? 1.6 : 1) * (sex === "female" && k === 1 ? 1.3 : 1)),
          );
        }
      } else if (q.type === "select_multiple") {
        if (rand() < 0.85) {
          const opts = LISTS[q.listName!]!;
          const picked = opts.filter((_, k) => rand() < (k === tilt ? 0.45 : 0.25 * 0.85 ** k));
          v = picked.length ? picked : [opts[0]!];
        }
      } else if (q.type === "yes_no") {
        if (rand() < 0.97) v = rand() < 0.3 + tilt * 0.08 ? "yes" : "no";
      } else if (rand() < 0.9) v = Math.floor(rand() * rand() * 40);
      if (v !== undefined) {
        answers[q.name] = v;
        tallies.answersStored++;
      }
    }
    batch.push({
      area,
      sex,
      ageBand: weighted(rand, AGE_BANDS, [18, 22, 35, 20, 5]),
      accommodation: weighted(rand, ACCOMMODATIONS, [8, 25, 50, 10, 2, 5]),
      phase: weighted(rand, PHASES, [15, 25, 25, 25, 10]),
      channel: weighted(rand, ["case", "link", "staff"] as const, [70, 25, 5]),
      lang: weighted(rand, LANGS, [40, 20, 15, 8, 7, 6, 4]),
      submittedAt: new Date(start + Math.floor(rand() * span)).toISOString(),
      answers,
    });
    const key = `${area ?? "-"}|${sex ?? "-"}`;
    tallies.districtSex.set(key, (tallies.districtSex.get(key) ?? 0) + 1);
    tallies.responses++;
    if (batch.length === batchSize) {
      await onBatch(batch);
      batch = [];
    }
  }
  if (batch.length) await onBatch(batch);
  return tallies;
}

/** Lebensbereiche of needs (Bedarfe). Kept apart from the schema so browser code can use it. */
export const LIFE_DOMAINS = [
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
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

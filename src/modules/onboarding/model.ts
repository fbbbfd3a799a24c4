/**
 * The onboarding wizard (issue 15 §11, decision 097): seed templates, the steps of the task list
 * and the checks of what is still missing. Browser-safe: pages import it.
 */

import type { FormTemplateKey } from "../surveys/model.ts";

/** The seed templates a new tenant starts from; each key is also its framework template's key. */
export const SEED_TEMPLATES = ["luenen", "unna", "herdecke", "luener-dialog"] as const;
export type SeedTemplate = (typeof SEED_TEMPLATES)[number];

/**
 * What a seed template brings besides its framework (Handlungsrahmen): configuration only, never
 * the demo's invented people, cases or values.
 * - `indicators`: Unna's indicator system of the integrated report (seed 001) in the monitoring;
 * - `forms`: questionnaire templates of the seed (surveys/templates.ts).
 */
export const SEED_TEMPLATE_PARTS: Record<
  SeedTemplate,
  { indicators: boolean; forms: readonly FormTemplateKey[] }
> = {
  luenen: { indicators: false, forms: ["luenen_needs"] },
  unna: { indicators: true, forms: [] },
  herdecke: { indicators: false, forms: [] },
  "luener-dialog": { indicators: false, forms: [] },
};

/** What can be missing before go-live. `required` ones refuse it; the others are advice. */
export const CHECKS = [
  { key: "template", required: true },
  { key: "areas", required: true },
  { key: "offices", required: true },
  { key: "catchments", required: true },
  { key: "published_offer", required: true },
  { key: "coordinator", required: true },
  { key: "privacy_contact", required: true },
  { key: "public_contact", required: true },
  { key: "mail_sender", required: false },
  { key: "indicators", required: false },
  { key: "address_list", required: false },
] as const;
export type CheckKey = (typeof CHECKS)[number]["key"];

/** Where each missing item is fixed (a staff page); null: outside Lotse (the server's settings). */
export const CHECK_FIX: Record<CheckKey, string | null> = {
  template: "/staff/onboarding#template",
  areas: "/staff/areas/import",
  offices: "/staff/offices",
  catchments: "/staff/offices",
  published_offer: "/staff/directory/import",
  coordinator: "/staff/users",
  privacy_contact: "/staff/users",
  public_contact: "/staff/settings",
  mail_sender: null,
  indicators: "/staff/onboarding#template",
  address_list: "/staff/addresses/import",
};

export type Check = {
  key: CheckKey;
  required: boolean;
  ok: boolean;
  /** Names that make the item concrete (the offices without a catchment), with their own fix link. */
  items?: { name: string; href: string }[];
};

export const STEP_STATUSES = ["not_started", "in_progress", "done", "optional"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The task list: each step, the checks it settles and where its work is done. */
export const STEPS = [
  { key: "template", checks: ["template"], href: "#template" },
  { key: "areas", checks: ["areas"], href: "/staff/areas/import" },
  { key: "offices", checks: ["offices", "catchments"], href: "/staff/offices" },
  { key: "directory", checks: ["published_offer"], href: "/staff/directory/import" },
  { key: "users", checks: ["coordinator", "privacy_contact"], href: "/staff/users" },
  { key: "contacts", checks: ["public_contact"], href: "/staff/settings" },
  { key: "addresses", checks: ["address_list"], href: "/staff/addresses/import" },
  { key: "indicators", checks: ["indicators"], href: "#template" },
] as const satisfies readonly { key: string; checks: readonly CheckKey[]; href: string }[];
export type StepKey = (typeof STEPS)[number]["key"];

export type Step = { key: StepKey; status: StepStatus; href: string };

export type OnboardingStatus = {
  tenant: { name: string; live: boolean; liveSince: string | null; template: string | null };
  steps: Step[];
  checks: Check[];
  /** Every required check holds: go-live is allowed. */
  ready: boolean;
};

/** A step's status from its checks; `started` says work began although no check holds yet. */
export function stepStatus(checks: readonly Check[], started: boolean): StepStatus {
  const required = checks.filter((c) => c.required);
  if (required.length === 0) return checks.every((c) => c.ok) ? "done" : "optional";
  if (required.every((c) => c.ok)) return "done";
  return started || required.some((c) => c.ok) ? "in_progress" : "not_started";
}

/**
 * The audit log as people read it (decision 093): actions and field names through the catalog,
 * values in words ("second factor: none → TOTP"), users by name. Used by the audit page's
 * loader, so the browser receives only text.
 */
import type { Translate } from "#app/i18n/translator.ts";
import { isRole, type Role } from "#app/server/policy/roles.ts";
import { roleLabel } from "./roles.ts";

/** Actions with a label. An action "<module>.<verb>" uses its verb's label; others show their code. */
const ACTION_LABELS: Record<string, string> = {
  create: "audit.action_create",
  update: "audit.action_update",
  delete: "audit.action_delete",
  read: "audit.action_read",
  login: "audit.action_login",
  login_failed: "audit.action_login_failed",
  logout: "audit.action_logout",
  logout_all: "audit.action_logout_all",
  mfa_verified: "audit.action_mfa_verified",
  password_reset_request: "audit.action_password_reset_request",
  update_roles: "audit.action_update_roles",
  // Saving the tenant's plausibility rules of monitoring (decision 133) is a change of them.
  plausibility_settings: "audit.action_update",
  export: "audit.action_export",
  import: "audit.action_import",
  import_commit: "audit.action_import",
  break_glass: "audit.action_break_glass",
  break_glass_review: "audit.action_break_glass_review",
  erase: "audit.action_erase",
  retention_delete: "audit.action_retention_delete",
  retention_run: "audit.action_retention_delete",
  merge: "audit.action_merge",
  submit: "audit.action_submit",
  withdraw: "audit.action_withdraw",
  upload: "audit.action_upload",
  translate: "audit.action_translate",
  revoke: "audit.action_revoke",
  decide: "audit.action_decide",
  approve: "audit.action_approve",
  reject: "audit.action_reject",
  link: "audit.action_link",
  consent_override: "audit.action_consent_override",
  apply_template: "audit.action_apply_template",
  reorder: "audit.action_reorder",
};

/** The action in words, or null when it has no label (the page shows its code). */
export function actionLabel(t: Translate, action: string): string | null {
  const key = ACTION_LABELS[action] ?? ACTION_LABELS[action.slice(action.lastIndexOf(".") + 1)];
  return key ? t(key) : null;
}

/** Entity types with a label (decision 117); others show their code. */
const ENTITY_LABELS: Record<string, string> = {
  user: "audit.entity_user",
  session: "audit.entity_session",
  tenant: "audit.entity_tenant",
  person: "audit.entity_person",
  household: "audit.entity_household",
  case: "audit.entity_case",
  case_note: "audit.entity_case_note",
  case_need: "audit.entity_case_need",
  case_phase: "audit.entity_case_phase",
  consent: "audit.entity_consent",
  referral: "audit.entity_referral",
  family_relation: "audit.entity_family_relation",
  break_glass: "audit.entity_break_glass",
  office: "audit.entity_office",
  offer: "audit.entity_offer",
  place: "audit.entity_place",
  area: "audit.entity_area",
  volunteer: "audit.entity_volunteer",
  conflict: "audit.entity_conflict",
  funding_call: "audit.entity_funding_call",
  funding_application: "audit.entity_funding_application",
  funding_payment: "audit.entity_funding_payment",
  funding_proof: "audit.entity_funding_proof",
  network_body: "audit.entity_network_body",
  network_member: "audit.entity_network_member",
  network_meeting: "audit.entity_network_meeting",
  network_event: "audit.entity_network_event",
  network_contribution: "audit.entity_network_contribution",
  network_agreement: "audit.entity_network_agreement",
  monitoring_indicator: "audit.entity_monitoring_indicator",
  monitoring_period: "audit.entity_monitoring_period",
  monitoring_settings: "audit.entity_monitoring_settings",
  monitoring_values: "audit.entity_monitoring_values",
  survey: "audit.entity_survey",
  survey_form: "audit.entity_survey_form",
  survey_response: "audit.entity_survey_response",
  accommodation: "audit.entity_accommodation",
  accommodation_site: "audit.entity_accommodation_site",
  accommodation_placement: "audit.entity_accommodation_placement",
  import_run: "audit.entity_import_run",
  mail: "audit.entity_mail",
  framework_term: "audit.entity_framework_term",
  strategy_node: "audit.entity_strategy_node",
};

/** The entity type in words, or null when it has no label (the page shows its code). */
export function entityLabel(t: Translate, entityType: string): string | null {
  const key = ENTITY_LABELS[entityType];
  return key ? t(key) : null;
}

/** Field names with a label; others show their code. */
const FIELD_LABELS: Record<string, string> = {
  mfa: "audit.field_mfa",
  method: "audit.field_method",
  totpEnabled: "audit.field_totp",
  passwordHash: "audit.field_password",
  email: "audit.field_email",
  displayName: "audit.field_display_name",
  status: "audit.field_status",
  preferredLanguage: "audit.field_language",
  grants: "audit.field_grants",
  officeId: "audit.field_office",
  areaId: "audit.field_area",
  workerIds: "audit.field_workers",
  personIds: "audit.field_persons",
  reference: "audit.field_reference",
  caseType: "audit.field_case_type",
  sessions: "audit.field_sessions",
  name: "audit.field_name",
  label: "audit.field_label",
};

export function fieldLabel(t: Translate, field: string): string | null {
  const key = FIELD_LABELS[field];
  return key ? t(key) : null;
}

/** Names an entry's values may refer to: users, offices, areas by id. */
export type AuditNames = {
  users: ReadonlyMap<string, string>;
  offices: ReadonlyMap<string, string>;
  areas: ReadonlyMap<string, string>;
};

const MAX_VALUE = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function grantText(t: Translate, g: unknown, names: AuditNames): string {
  const { role, scopeType, scopeId } = (g ?? {}) as {
    role?: unknown;
    scopeType?: unknown;
    scopeId?: unknown;
  };
  const r = isRole(role) ? roleLabel(t, role as Role) : String(role);
  if (typeof scopeId !== "string" || !scopeId) return r;
  const where =
    scopeType === "office"
      ? names.offices.get(scopeId)
      : scopeType === "area"
        ? names.areas.get(scopeId)
        : undefined;
  return `${r} (${where ?? scopeId})`;
}

/** One value of a change in words; `lang` formats dates. */
export function valueText(t: Translate, lang: string, field: string, v: unknown, names: AuditNames): string {
  if (v === null || v === undefined || v === "") return t("audit.value_none");
  if (field === "passwordHash" || v === "***") return t("audit.value_secret");
  if (typeof v === "boolean") {
    if (field === "totpEnabled") return v ? t("audit.mfa_totp") : t("audit.value_none");
    return v ? t("audit.yes") : t("audit.no");
  }
  if (field === "mfa" && v === "none") return t("audit.mfa_none");
  if (field === "mfa" && v === "verify") return t("audit.mfa_totp");
  if (field === "mfa" && v === "enrol") return t("audit.mfa_enrol");
  if (field === "method" && v === "password") return t("audit.method_password");
  if (field === "method" && v === "oidc") return t("audit.method_oidc");
  if (field === "grants" && Array.isArray(v)) {
    return v.length ? v.map((g) => grantText(t, g, names)).join(", ") : t("audit.value_none");
  }
  if (Array.isArray(v)) {
    if (!v.length) return t("audit.value_none");
    const shown = v.slice(0, 10).map((x) => valueText(t, lang, field, x, names));
    return v.length > 10
      ? t("audit.value_more", { list: shown.join(", "), more: v.length - 10 })
      : shown.join(", ");
  }
  if (typeof v === "string" && UUID.test(v)) {
    const name = names.users.get(v) ?? names.offices.get(v) ?? names.areas.get(v);
    if (name) return name;
  }
  if (typeof v === "string" && ISO_DAY.test(v)) {
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${v}T00:00Z`),
    );
  }
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

/** The ids of users an entry's changes name (to look their names up once per page). */
export function userIdsIn(changes: Record<string, { old: unknown; new: unknown }> | null): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string" && UUID.test(v)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
  };
  for (const [field, c] of Object.entries(changes ?? {}))
    if (/userId|UserId|workerIds|By$/.test(field)) {
      walk(c.old);
      walk(c.new);
    }
  return out;
}

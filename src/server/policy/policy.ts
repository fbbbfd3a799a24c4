import { AppError } from "../errors.ts";
import { type Principal, ROLES, type Role } from "./roles.ts";

/**
 * THE policy: every permission in Lotse is decided here and nowhere else.
 *
 * PERMISSIONS maps each action to the roles that may perform it. Tests enumerate this
 * table against every API route and staff page (tests/integration/authorization-walk.test.ts).
 * Resource scope (organization, office, area) narrows a grant: a role granted for one
 * organization only acts on that organization's records.
 */
const ALL_STAFF = ROLES;

export const PERMISSIONS = {
  // Staff app shell: every signed-in role.
  "staff.access": ALL_STAFF,
  "account.self": ALL_STAFF,
  // One's own sign-in session (sign out, second factor, TOTP enrolment, who am I): see SESSION_ACTIONS.
  "session.self": ALL_STAFF,

  "tenant.settings.read": ["admin", "coordinator"],
  "tenant.settings.update": ["admin"],
  // The onboarding wizard (decision 097): seed template, checks, go-live of the public site.
  "onboarding.manage": ["admin"],

  "users.read": ["admin"],
  "users.manage": ["admin"],

  "areas.read": ALL_STAFF,
  "areas.import": ["admin", "coordinator"],

  "framework.read": ALL_STAFF,
  "framework.update": ["admin", "coordinator"],

  // Directory (Wegweiser, issue 3). Partner staff hold grants scoped to their organization and
  // edit only its entries; a coordinator publishes. Offices carry the catchment areas.
  "directory.read": ALL_STAFF,
  "directory.edit": ["admin", "coordinator", "partner_staff"],
  "directory.publish": ["admin", "coordinator"],
  "directory.import": ["admin", "coordinator"],
  "directory.translate": ["admin", "coordinator"],
  "offices.read": ALL_STAFF,
  "offices.manage": ["admin", "coordinator"],
  // The official address list (decision 095): public register data, kept by who keeps the areas.
  "addresses.read": ["admin", "coordinator"],
  "addresses.import": ["admin", "coordinator"],

  // Case work (issue 4), special-category data. Case workers act on their team's cases (grant
  // scoped to the office) or on cases they are assigned to; supervisors on their office's.
  // No other role reads a case: coordinators and analysts see aggregates only, partners only
  // the referrals addressed to their organization, the data-protection officer the access log.
  "cases.read": ["case_worker", "supervisor"],
  "cases.write": ["case_worker", "supervisor"],
  "cases.assign": ["supervisor"],
  "cases.break_glass": ["case_worker", "supervisor"],
  "cases.legal_hold": ["supervisor", "data_protection_officer"],
  "cases.overview": ["case_worker", "supervisor", "coordinator", "analyst", "admin"],
  "casework.settings": ["admin"],
  "referrals.send": ["case_worker", "supervisor"],
  "referrals.consent_override": ["supervisor"],
  "referrals.receive": ["partner_staff", "volunteer_coordinator", "coordinator"],
  "privacy.access_log": ["data_protection_officer"],
  "privacy.break_glass_review": ["data_protection_officer"],
  "privacy.subject_access": ["data_protection_officer", "supervisor"],
  "privacy.erase": ["data_protection_officer"],

  // Small-area monitoring (issue 6). Aggregates only, always through the small-cell rule.
  // The social planner (analyst) keeps the figures and definitions; approval publishes a period.
  // Site selection (issue 21): planners choose sites; the board reads the scenarios.
  "accommodation.sites.read": ["coordinator", "analyst", "board_member", "admin"],
  "accommodation.sites.manage": ["coordinator", "analyst", "admin"],
  "accommodation.read": ["coordinator", "case_worker", "supervisor", "admin", "housing_coordinator"],
  "accommodation.manage": ["coordinator", "admin", "housing_coordinator"],
  "accommodation.place": ["case_worker", "supervisor"],
  // The placement list of every accommodation (case reference, persons, dates, rooms; audited),
  // without the case file: the housing coordinator's need-to-know (decision 081).
  "accommodation.residents": ["housing_coordinator"],
  "monitoring.view": ["analyst", "coordinator", "board_member", "admin"],
  "monitoring.data.manage": ["analyst", "admin"],
  "monitoring.definitions.manage": ["analyst", "admin"],
  "monitoring.approve": ["analyst"],

  // Questionnaires and surveys (issue 5). Forms are kept by coordinators and analysts; case
  // workers fill them in their cases (case access still decides which case). Survey samples name
  // persons, so only the survey team manages them; everyone else sees aggregates only, through the
  // small-cell rule. Raw answers leave Lotse only for the analyst.
  "surveys.forms.read": ["coordinator", "analyst", "admin", "case_worker", "supervisor"],
  "surveys.forms.manage": ["coordinator", "analyst", "admin"],
  "surveys.capture": ["case_worker", "supervisor"],
  "surveys.manage": ["coordinator", "analyst"],
  "surveys.analyse": ["coordinator", "analyst", "board_member", "admin"],
  "surveys.raw_export": ["analyst"],
  "surveys.publish": ["analyst"],

  // Volunteer pool (issue 17). Volunteers' profiles are personal data: the pool's coordinator
  // only. A volunteer answers the offers made to them (the service checks it is their own).
  "volunteers.read": ["volunteer_coordinator"],
  "volunteers.manage": ["volunteer_coordinator"],
  "volunteers.requests.read": ["volunteer_coordinator"],
  "volunteers.requests.manage": ["volunteer_coordinator"],
  "volunteers.requests.respond": ["volunteer_coordinator", "volunteer"],
  // A mediator asked for from a case (decision 084); case work's need-to-know decides the case.
  "volunteers.requests.case": ["case_worker"],
  "volunteers.erase": ["volunteer_coordinator", "data_protection_officer"],
  "volunteers.export": ["volunteer_coordinator", "data_protection_officer"],
  "volunteers.links": ["volunteer_coordinator"],
  // Tandems (decision 068): the coordinator pairs; a case worker puts a person of their case on
  // the waiting list (case work checks need-to-know and the consent).
  "volunteers.tandems.read": ["volunteer_coordinator"],
  "volunteers.tandems.manage": ["volunteer_coordinator"],
  "volunteers.tandems.register": ["volunteer_coordinator", "case_worker"],
  // Hours and expense claims: a volunteer logs and claims their own; the coordinator decides.
  "volunteers.hours": ["volunteer_coordinator", "volunteer"],
  "volunteers.claims.submit": ["volunteer_coordinator", "volunteer"],
  "volunteers.claims.manage": ["volunteer_coordinator"],
  "volunteers.settings": ["volunteer_coordinator"],
  // Numbers for steering: aggregates through the small-cell rule only (decision 076).
  "volunteers.statistics": ["volunteer_coordinator", "coordinator", "analyst", "board_member"],
  // Monthly statements of the whole pool and the finance office's XLSX (decision 099).
  "volunteers.statements": ["volunteer_coordinator"],
  // The pool's rules: the coordinator publishes versions; each volunteer acknowledges their own
  // (the coordinator too, as on the own page; decision 110).
  "volunteers.rules.manage": ["volunteer_coordinator"],
  "volunteers.rules.acknowledge": ["volunteer_coordinator", "volunteer"],
  // Institution accounts (Einsatzstellen, decision 127): partner staff with a grant scoped to the
  // directory organization post its requests, see the mediator's name, contact and languages and
  // confirm or end the engagement. The coordinator invites them (an account limited to that role
  // and organization) and approves each new request before it is offered.
  "volunteers.institution": ["partner_staff"],
  "volunteers.institutions.invite": ["volunteer_coordinator"],
  // Strategy (issue 16): coordinators keep the goal tree and adopt it; analysts maintain indicator
  // links; the steering group (board members) reads everything. The matrix counts published offers.
  "strategy.read": ["admin", "coordinator", "analyst", "board_member"],
  "strategy.edit": ["admin", "coordinator"],
  "strategy.adopt": ["coordinator"],
  "strategy.indicators": ["admin", "coordinator", "analyst"],
  "strategy.approve": ["coordinator"],
  "strategy.matrix": ["admin", "coordinator", "analyst", "board_member", "supervisor", "case_worker"],
  // Report rounds (decision 098): staff and partner staff named responsible for a node write its
  // narrative; the strategy service lets each see and edit only the narratives of their own nodes
  // (need-to-know). Coordinators run the round (strategy.edit) and review (strategy.approve).
  "strategy.narrate": [
    "coordinator",
    "analyst",
    "case_worker",
    "supervisor",
    "partner_staff",
    "volunteer_coordinator",
    "housing_coordinator",
  ],
  // Small-project funding (issue 19, decision 051). The integration officer (coordinator) keeps
  // the calls and screens; board members score; the decider (coordinator or admin) decides.
  // Applicants have no account: their e-mail link is their access to their own draft.
  "funding.read": ["coordinator", "board_member", "admin"],
  "funding.calls.manage": ["coordinator", "admin"],
  "funding.screen": ["coordinator"],
  "funding.review": ["board_member"],
  "funding.decide": ["coordinator", "admin"],
  // Erasure on request (Art. 17 GDPR; decision 062): the data-protection officer.
  "funding.erase": ["data_protection_officer"],
  // Instalments of grants (decision 062): staff plan them and approve the applicant's calls of
  // funds (sachlich richtig). Finance (Kämmerei) signs the payment order as the second person
  // (four-eyes: never the approver, checked in the service) and books it paid (decision 078).
  "funding.payments": ["coordinator", "admin"],
  "funding.finance": ["finance"],
  // Examining proofs of use (decision 070): the integration officer, as with screening.
  "funding.proofs": ["coordinator", "admin"],
  // Conflict management (issue 20, decision 052). The contact point is the coordinator role:
  // it alone reads conflict records (special-category data). The steering group (board
  // members) sees escalated conflicts pseudonymised; analysts and the board aggregates only.
  // The data-protection officer erases a record on request (Art. 17).
  "conflicts.read": ["coordinator"],
  "conflicts.handle": ["coordinator"],
  "conflicts.report": ["coordinator"],
  "conflicts.posts": ["coordinator", "admin"],
  "conflicts.escalated": ["board_member", "coordinator"],
  "conflicts.statistics": ["coordinator", "analyst", "board_member", "admin"],
  "conflicts.erase": ["data_protection_officer"],
  // The mediator's own view (decision 113): a volunteer of the pool sees the open conflicts a
  // log entry names them mediator in, and nothing else; the service decides which those are.
  "conflicts.mediate": ["volunteer"],
  // The crisis and prevention plans (decision 064): the contact point writes them; the steering
  // group (board) reads them, with the chain's names and numbers.
  "conflicts.plans": ["coordinator"],
  "conflicts.plans_view": ["coordinator", "board_member"],
  // A crisis (decision 072): the contact point activates and closes it; the steering group
  // follows it, ticks steps and writes to its log.
  "conflicts.crisis": ["coordinator", "board_member"],
  "conflicts.crisis_activate": ["coordinator"],
  // Network and participation (issue 18): coordinators keep bodies and run meetings; board
  // members read their bodies' work and comment on draft minutes. Per-body chair/secretary
  // rights come with the link of members to users (not yet built).
  "network.read": ["admin", "coordinator", "board_member"],
  "network.manage": ["admin", "coordinator"],
  "network.meetings.manage": ["admin", "coordinator"],
  "network.minutes.comment": ["admin", "coordinator", "board_member"],
  "network.erase": ["data_protection_officer"],

  "audit.read": ["admin"],
  "outbox.read": ["admin"],
  "jobs.read": ["admin"],
  // Welcome information (issue 23, decision 066). Coordinators keep the tree and publish; partner
  // staff write and translate the pages their organization owns (grant scoped to it). Translating
  // is a grant, not a role: whoever holds guide.translate for a page's owner translates it.
  "guide.read": ["admin", "coordinator", "partner_staff"],
  "guide.edit": ["admin", "coordinator", "partner_staff"],
  "guide.publish": ["admin", "coordinator"],
  "guide.translate": ["admin", "coordinator", "partner_staff"],
  // The welcome package (issue 23 item 5): coordinators put it together, case workers hand it out.
  "guide.package": ["admin", "coordinator", "case_worker"],
  // Saved packages and news (decision 082): the coordinators'; handing out from a case: whoever
  // writes to the case (case work's need-to-know decides which cases).
  "guide.packages.manage": ["admin", "coordinator"],
  "guide.handout": ["case_worker", "supervisor"],
  "guide.news": ["admin", "coordinator"],
  // The page tree as Markdown files and back (decision 090): the import publishes, so coordinators.
  "guide.interchange": ["admin", "coordinator"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/**
 * Actions on one's own session: every signed-in principal may perform them, even while a
 * required second factor is still outstanding (that is how it gets given) and without any role.
 */
export const SESSION_ACTIONS: ReadonlySet<Action> = new Set<Action>(["session.self"]);

/** What a protected resource says about where it belongs, for scoped grants. */
export type ResourceScope = {
  organizationId?: string | null;
  officeId?: string | null;
  /** The area and its ancestors, so a grant on a district covers its quarters. */
  areaIds?: readonly string[];
};

export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action];
}

export function can(
  principal: Principal | null | undefined,
  action: Action,
  resource?: ResourceScope,
): boolean {
  if (principal && SESSION_ACTIONS.has(action)) return true;
  if (!principal?.mfaSatisfied) return false;
  const allowed: readonly Role[] = PERMISSIONS[action];
  return principal.grants.some((g) => {
    if (!allowed.includes(g.role)) return false;
    if (g.scopeType === "tenant" || !resource) return true;
    // A scoped grant without its scope id covers nothing.
    if (g.scopeId === null) return false;
    switch (g.scopeType) {
      case "organization":
        return resource.organizationId === g.scopeId;
      case "office":
        return resource.officeId === g.scopeId;
      case "area":
        return g.scopeId !== null && (resource.areaIds ?? []).includes(g.scopeId);
      default:
        return false;
    }
  });
}

/**
 * Where the principal may perform `action`, for filtering lists: "all" with a grant on the whole
 * tenant, else the ids its grants of `scopeType` name (possibly none). A scoped grant passes
 * `authorize()` without a resource, so services filter their lists with this.
 */
export function scopeIdsFor(
  principal: Principal | null | undefined,
  action: Action,
  scopeType: "organization" | "office" | "area",
): string[] | "all" {
  if (!principal?.mfaSatisfied) return [];
  const allowed: readonly Role[] = PERMISSIONS[action];
  const grants = principal.grants.filter((g) => allowed.includes(g.role));
  if (grants.some((g) => g.scopeType === "tenant")) return "all";
  return [...new Set(grants.filter((g) => g.scopeType === scopeType && g.scopeId).map((g) => g.scopeId!))];
}

/** Throws 401 without a principal (or with a pending second factor), 403 when the policy says no. */
export function authorize(
  principal: Principal | null | undefined,
  action: Action,
  resource?: ResourceScope,
): Principal {
  if (!principal) throw new AppError("unauthenticated");
  if (SESSION_ACTIONS.has(action)) return principal;
  if (!principal.mfaSatisfied) throw new AppError("mfa_required");
  if (!can(principal, action, resource)) throw AppError.forbidden();
  return principal;
}

/** Routes that need no signed-in user, listed so the authorization walk can tell them apart. */
export const PUBLIC = "public" as const;
export type RoutePermission = Action | typeof PUBLIC;

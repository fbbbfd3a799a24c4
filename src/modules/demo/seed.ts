// Demo data: the tenant "Kreisstadt Unna" with its framework, its five social areas and one
// user per role. Created at the first start in demo mode (DEMO=auto|on) and by `reseed-demo`.

import { isAppError } from "#app/server/errors.ts";
import { ROLES, type Role } from "#app/server/policy/roles.ts";
import { seedAccommodationDemo, seedHousingDemo } from "./accommodation.ts";
import { seedConflictsDemo } from "./conflicts.ts";
import { addDemoMembers, seedDemoOffices } from "./demo-offices.ts";
import type { DemoServices as Services } from "./deps.ts";
import {
  DEMO_ORGANIZATIONS,
  DEMO_PARTNER_ORGANIZATION,
  type DirectorySeedResult,
  seedDirectoryContent,
} from "./directory-content.ts";
import { seedFundingDemo } from "./funding.ts";
import { seedGuideDemo } from "./guide.ts";
import { seedNetworkDemo } from "./network.ts";
import { seedStrategyDemo } from "./strategy.ts";
import { seedStrategyNeeds } from "./strategy-needs.ts";
import { seedSurveyDemo } from "./survey-demo.ts";
import { UNNA_AREAS } from "./unna-areas.ts";
import { seedMonitoringDemo } from "./unna-monitoring.ts";
import { seedVolunteerDemo } from "./volunteers-demo.ts";

async function networkDemoDeps(services: Services, tenantId: string) {
  const axes = await services.framework.list(tenantId, "de");
  const fieldsOfAction = axes
    .filter((a) => a.kind === "field_of_action")
    .flatMap((a) => a.terms.map((t) => ({ id: t.id, label: t.label?.text ?? t.key })));
  return { network: services.network, fieldsOfAction, now: services.core.clock.now() };
}

export const DEMO_TENANT = {
  slug: "unna",
  name: "Kreisstadt Unna",
  kind: "municipality",
  frameworkTemplate: "unna",
} as const;

const DEMO_NAMES: Record<Role, string> = {
  admin: "Demo Administration",
  coordinator: "Demo Integrationskoordination",
  case_worker: "Demo Sozialbetreuung",
  supervisor: "Demo Teamleitung",
  data_protection_officer: "Demo Datenschutz",
  partner_staff: "Demo Träger",
  volunteer_coordinator: "Demo Ehrenamtskoordination",
  volunteer: "Demo Ehrenamt",
  analyst: "Demo Sozialplanung",
  board_member: "Demo Steuerungsgruppe",
  finance: "Demo Kämmerei",
  housing_coordinator: "Demo Unterbringungskoordination",
};

/**
 * One demo user per role. The passwords are fixed and public (they are in this file and the
 * README), which is acceptable only because the demo runs on a local machine with demo data;
 * they are printed only in demo mode, and DEMO=off never creates these users.
 */
export const DEMO_USERS: readonly { role: Role; email: string; password: string; displayName: string }[] =
  ROLES.map((role) => ({
    role,
    email: `${role.replace(/_/g, "-")}@demo.lotse.example`,
    password: `lotse-demo-${role.replace(/_/g, "-")}`,
    displayName: DEMO_NAMES[role],
  }));

export type DemoSeedResult = {
  tenantId: string;
  tenantCreated: boolean;
  areas: { created: number; updated: number; unchanged: number };
  usersCreated: number;
  directory: DirectorySeedResult;
};

/**
 * Creates whatever of the demo is missing; running it again changes nothing (the tenant is
 * found by slug, areas are matched by code, users by e-mail). Everything goes through the
 * modules' services.
 */
export async function seedDemo(services: Services, opts: { print?: boolean } = {}): Promise<DemoSeedResult> {
  let tenant = await services.tenants.bySlug(DEMO_TENANT.slug);
  const tenantCreated = !tenant;
  if (!tenant) {
    tenant = await services.tenants.create({
      ...DEMO_TENANT,
      // Demo users must be able to sign in without enrolling a second factor first.
      settings: { mfaRequiredRoles: [] },
    });
  }
  const actor = { kind: "system", tenantId: tenant.id } as const;
  const areas = await services.areas.commitImport({ kind: "system" }, tenant.id, JSON.stringify(UNNA_AREAS));
  // The offers and places of seed 001 (and Unna's postcode centroids).
  const directory = await seedDirectoryContent(services, tenant.id);
  // The demo partner works for one provider (IN VIA), so its grant is scoped to that organization.
  const partnerOrgId = DEMO_ORGANIZATIONS.find((o) => o.key === DEMO_PARTNER_ORGANIZATION)!.id;
  // Unna's (illustrative) welcome offices; the demo case worker and supervisor work in Unna-Mitte's
  // team, so their grants are scoped to that office (need-to-know, decision 014).
  const demoOffices = await seedDemoOffices(services, tenant.id);
  const grantsOf = (role: Role) =>
    role === "partner_staff"
      ? [{ role, scopeType: "organization" as const, scopeId: partnerOrgId }]
      : role === "case_worker" || role === "supervisor"
        ? [{ role, scopeType: "office" as const, scopeId: demoOffices.mitte }]
        : [{ role, scopeType: "tenant" as const, scopeId: null }];
  let usersCreated = 0;
  for (const u of DEMO_USERS) {
    try {
      await services.users.create(actor, {
        email: u.email,
        displayName: u.displayName,
        password: u.password,
        preferredLanguage: "de",
        grants: grantsOf(u.role),
      });
      usersCreated++;
    } catch (e) {
      if (!(isAppError(e) && e.code === "already_exists")) throw e;
    }
  }
  // A demo seeded before the directory existed gave the partner a tenant-wide grant: narrow it.
  const partner = DEMO_USERS.find((u) => u.role === "partner_staff")!;
  const partnerRow = await services.users.credentials.byEmail(tenant.id, partner.email);
  if (partnerRow) {
    const current = await services.users.credentials.grants(tenant.id, partnerRow.id);
    if (!current.some((g) => g.scopeType === "organization" && g.scopeId === partnerOrgId)) {
      await services.users.setRoles(actor, partnerRow.id, {
        version: partnerRow.version,
        grants: grantsOf("partner_staff"),
      });
    }
  }
  // Case worker and supervisor: scoped to the office (narrowed in a demo seeded before offices
  // existed) and members of its team.
  const teamMembers: { userId: string; function: string }[] = [];
  for (const role of ["case_worker", "supervisor"] as const) {
    const u = DEMO_USERS.find((x) => x.role === role)!;
    const row = await services.users.credentials.byEmail(tenant.id, u.email);
    if (!row) continue;
    const current = await services.users.credentials.grants(tenant.id, row.id);
    if (
      !current.some((g) => g.role === role && g.scopeType === "office" && g.scopeId === demoOffices.mitte)
    ) {
      await services.users.setRoles(actor, row.id, { version: row.version, grants: grantsOf(role) });
    }
    teamMembers.push({ userId: row.id, function: role === "supervisor" ? "Teamleitung" : "Sozialberatung" });
  }
  await addDemoMembers(services, tenant.id, demoOffices.mitte, teamMembers);
  // Unna's indicators per social area: seed 001's 2018 figures and an invented history.
  const monitoring = await seedMonitoringDemo(services, tenant.id);
  // Questionnaires, households assigned in 2015 and Lünen's 2017 survey (invented answers).
  const surveys = await seedSurveyDemo(services, tenant.id);
  // Goal trees of Herdecke and the Lüner Dialog (issue 16), with the council's adoption.
  const strategy = await seedStrategyDemo(services, tenant.id);
  // Open case needs in every social area, so the gap analysis shows real gaps (issue 16).
  const strategyNeeds = await seedStrategyNeeds(services, tenant.id);
  // Kreis Unna's language-mediator pool and a month of requests (invented, seed 001's figures).
  const volunteers = await seedVolunteerDemo(services, tenant.id);
  // Candidate sites, the dialogue's weights and the chosen four (issue 21).
  const accommodation = await seedAccommodationDemo(services, tenant.id);
  // Three accommodations in operation with invented households placed through case work.
  const housing = await seedHousingDemo(services, tenant.id);
  // Unna's small-project funding: the 2020 guideline, eight applications, €20,000 decided.
  const funding = await seedFundingDemo(services, tenant.id);
  // Unna's fire-alarm posts and a year of invented conflicts (issue 20).
  const conflicts = await seedConflictsDemo(services, tenant.id);
  // The Lüner Dialog's bodies, meetings, decisions and action items (seed 002).
  const network = await seedNetworkDemo(await networkDemoDeps(services, tenant.id), tenant.id);
  // Unna's welcome guide (issue 23): the template, a few pages from seed 001, translations.
  const guide = await seedGuideDemo(services, tenant.id);
  services.core.logger.info(
    {
      tenantId: tenant.id,
      tenantCreated,
      ...areas,
      usersCreated,
      directory,
      monitoring,
      surveys,
      strategy,
      strategyNeeds,
      volunteers,
      accommodation,
      housing,
      funding,
      conflicts,
      network,
      guide,
    },
    "demo data seeded",
  );
  if (opts.print) printDemoLogins(tenant.name, tenant.settings.mfaRequiredRoles.length === 0);
  return { tenantId: tenant.id, tenantCreated, areas, usersCreated, directory };
}

/**
 * At start: seeds the demo into an empty database (no tenant at all). In production (NODE_ENV=
 * production) only with DEMO=on, so a real installation never gets accounts with public passwords.
 */
export async function seedDemoIfEmpty(services: Services): Promise<{ created: boolean }> {
  const { config } = services.core;
  if (config.demo === "off") return { created: false };
  if (config.demo === "auto" && config.env === "production") return { created: false };
  const tenants = await services.tenants.list();
  if (tenants.length > 0) {
    const demo = tenants.find((t) => t.slug === DEMO_TENANT.slug);
    if (!demo) return { created: false };
    // A first start killed half-way leaves a demo without all its users: finish it. The last
    // demo user is created last, so its presence means the seed completed.
    const last = DEMO_USERS[DEMO_USERS.length - 1]!;
    if (!(await services.users.credentials.byEmail(demo.id, last.email))) {
      await seedDemo(services, { print: config.env !== "test" });
      return { created: true };
    }
    if (config.env !== "test") printDemoLogins(demo.name, demo.settings.mfaRequiredRoles.length === 0);
    return { created: false };
  }
  await seedDemo(services, { print: config.env !== "test" });
  return { created: true };
}

/** The demo logins, for the console of a demo installation only (never logged through pino). */
function printDemoLogins(tenantName: string, noMfa: boolean) {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const lines = [
    "",
    `Demo mode: tenant "${tenantName}". Sign in at /de/login with one of these demo logins:`,
    ...DEMO_USERS.map((u) => `  ${u.role.padEnd(22)} ${u.email.padEnd(width)}  ${u.password}`),
    noMfa
      ? "No role has to use a second factor in the demo tenant (mfaRequiredRoles is empty), so every demo login works at once."
      : "Note: this tenant requires a second factor for some roles; those demo users must enrol TOTP first.",
    "These passwords are public: never use demo mode for real data (set DEMO=off).",
    "",
  ];
  console.log(lines.join("\n"));
}

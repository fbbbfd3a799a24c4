/**
 * A municipality live in an hour (issue 15 §11, decision 097): the onboarding wizard's run-through
 * on the demo's files, through the same services the wizard's pages call. A new tenant (not
 * live), its first admin, Unna's seed template, the areas as a GIS import run, the offices with
 * their catchments, the organizations and a CSV of places and offers as an import run, the
 * coordinator and the data-protection officer, the public contact, go-live. The bench times it
 * (bench/onboarding.bench.ts); the wizard's integration test follows each step's checks.
 */
import type { Principal, Role } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { DirectoryService } from "../directory/service.ts";
import type { ImportRunService } from "../imports/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { OnboardingService } from "../onboarding/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { DEMO_OFFICES } from "./demo-offices.ts";
import { DEMO_OFFERS, DEMO_ORGANIZATIONS, DEMO_PLACES } from "./directory-content.ts";
import { UNNA_AREAS } from "./unna-areas.ts";

export type OnboardingRunServices = {
  tenants: TenantService;
  users: UserService;
  areas: AreaService;
  offices: OfficeService;
  directory: DirectoryService;
  importRuns: ImportRunService;
  onboarding: OnboardingService;
  /** Runs the queued import jobs (the server's worker does this in the background). */
  jobs: { runDue(opts?: { limit?: number }): Promise<{ claimed: number; failed: number }> };
};

/** The wizard's steps in the order the run-through takes them. */
export const RUN_STEPS = [
  "tenant",
  "template",
  "areas",
  "offices",
  "organizations",
  "offers",
  "users",
  "contacts",
  "golive",
] as const;
export type RunStep = (typeof RUN_STEPS)[number];

/** The demo's areas as the GeoJSON file a GIS office would hand over. */
export const demoAreasFile = (): Buffer => Buffer.from(JSON.stringify(UNNA_AREAS), "utf8");

/**
 * The demo's offers as the directory's CSV import (import-columns.ts): one row per offer at its
 * first place, ";" separated with decimal commas as German Excel writes them.
 */
export function demoOffersCsv(): Buffer {
  const header = "Träger;Ort;Straße;PLZ;Stadt;Breitengrad;Längengrad;Angebot;Kategorien;Sprachen;Kostenlos";
  const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const decimal = (n: number) => String(n).replace(".", ",");
  const rows = DEMO_OFFERS.flatMap((o) => {
    const place = DEMO_PLACES.find((p) => p.key === o.places[0]);
    const org = DEMO_ORGANIZATIONS.find((g) => g.key === o.organization);
    if (!place || !org) return [];
    return [
      [
        org.name,
        place.name,
        place.street ?? "",
        place.postcode,
        place.city,
        decimal(place.lat),
        decimal(place.lon),
        o.title.de,
        o.terms.categories.join(", "),
        o.languages.join(", "),
        o.free ? "ja" : "nein",
      ]
        .map(cell)
        .join(";"),
    ];
  });
  return Buffer.from(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`, "utf8");
}

async function drainJobs(services: OnboardingRunServices) {
  for (let round = 0; round < 50; round++) {
    const r = await services.jobs.runDue({ limit: 20 });
    if (r.failed > 0) throw new Error("an import job failed");
    if (r.claimed === 0) return;
  }
  throw new Error("the job queue did not drain");
}

/** An import run as the wizard's pages drive it: upload → preview → confirm → result. */
async function importRun(
  services: OnboardingRunServices,
  admin: Principal,
  kind: "areas" | "directory",
  filename: string,
  upload: Buffer,
) {
  const started = await services.importRuns.start(admin, admin.tenantId, {
    kind,
    mode: "preview",
    filename,
    upload,
  });
  await drainJobs(services);
  const previewed = await services.importRuns.get(admin, admin.tenantId, started.id);
  if (!previewed.committable) {
    throw new Error(`the ${kind} import is not committable: ${JSON.stringify(previewed.result?.issues)}`);
  }
  await services.importRuns.commit(admin, admin.tenantId, started.id);
  await drainJobs(services);
  const committed = await services.importRuns.get(admin, admin.tenantId, started.id);
  if (committed.status !== "committed") throw new Error(`the ${kind} import ended ${committed.status}`);
  return committed;
}

const principalOf = (userId: string, tenantId: string, role: Role): Principal => ({
  userId,
  tenantId,
  sessionId: "onboarding-run",
  grants: [{ role, scopeType: "tenant", scopeId: null }],
  mfaSatisfied: true,
});

/**
 * Runs the whole onboarding for a new tenant `slug`. `after` sees the wizard's status after each
 * step (and may try go-live early); it returns the tenant's id and the times per step in ms.
 */
export async function runOnboarding(
  services: OnboardingRunServices,
  input: { slug: string; name: string; hostnames?: string[] },
  after?: (step: RunStep, admin: Principal) => Promise<void>,
): Promise<{ tenantId: string; ms: Record<RunStep, number> }> {
  const ms = {} as Record<RunStep, number>;
  let started = performance.now();
  const done = async (step: RunStep, admin: Principal) => {
    ms[step] = performance.now() - started;
    await after?.(step, admin);
    started = performance.now();
  };
  // The operator creates the tenant and its first admin (lotse create-tenant, create-user).
  const tenant = await services.tenants.create({
    slug: input.slug,
    name: input.name,
    kind: "municipality",
    hostnames: input.hostnames ?? [],
    live: false,
  });
  const system = { kind: "system", tenantId: tenant.id } as const;
  const adminUser = await services.users.create(system, {
    email: `admin@${input.slug}.example`,
    displayName: "Administration",
    grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
  });
  const admin = principalOf(adminUser.id, tenant.id, "admin");
  await done("tenant", admin);

  await services.onboarding.applyTemplate(admin, { template: "unna" });
  await done("template", admin);

  await importRun(services, admin, "areas", "unna-sozialraeume.geojson", demoAreasFile());
  await done("areas", admin);

  const areas = await services.areas.list(tenant.id);
  for (const o of DEMO_OFFICES) {
    const office = await services.offices.create(
      { kind: "user", principal: admin },
      { name: o.name, kind: o.kind, placeId: null, email: o.email, phone: o.phone },
    );
    const areaIds = areas.filter((a) => (o.areaCodes as readonly string[]).includes(a.code)).map((a) => a.id);
    await services.offices.setCatchment({ kind: "user", principal: admin }, office.id, {
      version: office.version,
      areaIds,
    });
  }
  await done("offices", admin);

  // The directory import names organizations that exist: the editor publishes them first.
  const needed = new Set(DEMO_OFFERS.map((o) => o.organization));
  for (const org of DEMO_ORGANIZATIONS.filter((g) => needed.has(g.key))) {
    await services.directory.publishDirect({ kind: "user", principal: admin }, "organization", {
      name: org.name,
    });
  }
  await done("organizations", admin);

  await importRun(services, admin, "directory", "angebote.csv", demoOffersCsv());
  await done("offers", admin);

  for (const [role, name] of [
    ["coordinator", "Integrationskoordination"],
    ["data_protection_officer", "Datenschutz"],
  ] as const) {
    await services.users.create(
      { kind: "user", principal: admin },
      {
        email: `${role.replace(/_/g, "-")}@${input.slug}.example`,
        displayName: name,
        grants: [{ role, scopeType: "tenant", scopeId: null }],
      },
    );
  }
  await done("users", admin);

  const current = await services.tenants.byId(tenant.id);
  await services.tenants.updateSettings(admin, tenant.id, {
    version: current!.version,
    name: current!.name,
    defaultLanguage: "de",
    mfaRequiredRoles: ["admin"],
    contactEmail: `integration@${input.slug}.example`,
  });
  await done("contacts", admin);

  await services.onboarding.goLive(admin);
  await done("golive", admin);
  return { tenantId: tenant.id, ms };
}

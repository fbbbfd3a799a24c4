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

/** One run-through: its steps in order (each a call of the wizard's services), run one by one. */
export type OnboardingRun = {
  steps: readonly { step: RunStep; run: () => Promise<void> }[];
  /** The tenant's first admin (known after the step "tenant"). */
  admin(): Principal;
};

/** The run-through for a new tenant `slug`, as steps a test can take one at a time. */
export function onboardingRun(
  services: OnboardingRunServices,
  input: { slug: string; name: string; hostnames?: string[] },
): OnboardingRun {
  let admin: Principal | undefined;
  const me = () => {
    if (!admin) throw new Error("the step tenant has not run");
    return admin;
  };
  const steps: Record<RunStep, () => Promise<void>> = {
    // The operator creates the tenant and its first admin (lotse create-tenant --onboarding, create-user).
    async tenant() {
      const tenant = await services.tenants.create({
        slug: input.slug,
        name: input.name,
        kind: "municipality",
        hostnames: input.hostnames ?? [],
        live: false,
      });
      const user = await services.users.create(
        { kind: "system", tenantId: tenant.id },
        {
          email: `admin@${input.slug}.example`,
          displayName: "Administration",
          grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
        },
      );
      admin = principalOf(user.id, tenant.id, "admin");
    },
    async template() {
      await services.onboarding.applyTemplate(me(), { template: "unna" });
    },
    async areas() {
      await importRun(services, me(), "areas", "unna-sozialraeume.geojson", demoAreasFile());
    },
    async offices() {
      const actor = { kind: "user", principal: me() } as const;
      const areas = await services.areas.list(me().tenantId);
      for (const o of DEMO_OFFICES) {
        const office = await services.offices.create(actor, {
          name: o.name,
          kind: o.kind,
          placeId: null,
          email: o.email,
          phone: o.phone,
        });
        const codes: readonly string[] = o.areaCodes;
        const areaIds = areas.filter((a) => codes.includes(a.code)).map((a) => a.id);
        await services.offices.setCatchment(actor, office.id, { version: office.version, areaIds });
      }
    },
    // The directory import names organizations that exist: the editor publishes them first.
    async organizations() {
      const needed = new Set(DEMO_OFFERS.map((o) => o.organization));
      for (const org of DEMO_ORGANIZATIONS.filter((g) => needed.has(g.key))) {
        await services.directory.publishDirect({ kind: "user", principal: me() }, "organization", {
          name: org.name,
        });
      }
    },
    async offers() {
      await importRun(services, me(), "directory", "angebote.csv", demoOffersCsv());
    },
    async users() {
      for (const [role, name] of [
        ["coordinator", "Integrationskoordination"],
        ["data_protection_officer", "Datenschutz"],
      ] as const) {
        await services.users.create(
          { kind: "user", principal: me() },
          {
            email: `${role.replace(/_/g, "-")}@${input.slug}.example`,
            displayName: name,
            grants: [{ role, scopeType: "tenant", scopeId: null }],
          },
        );
      }
    },
    async contacts() {
      const current = await services.tenants.byId(me().tenantId);
      if (!current) throw new Error("the tenant is gone");
      await services.tenants.updateSettings(me(), current.id, {
        version: current.version,
        name: current.name,
        defaultLanguage: "de",
        mfaRequiredRoles: ["admin"],
        contactEmail: `integration@${input.slug}.example`,
      });
    },
    async golive() {
      await services.onboarding.goLive(me());
    },
  };
  return { steps: RUN_STEPS.map((step) => ({ step, run: steps[step] })), admin: me };
}

/** The whole run-through at once, with the time of each step in ms (the bench). */
export async function runOnboarding(
  services: OnboardingRunServices,
  input: { slug: string; name: string; hostnames?: string[] },
): Promise<{ tenantId: string; ms: Record<RunStep, number> }> {
  const run = onboardingRun(services, input);
  const ms = {} as Record<RunStep, number>;
  for (const { step, run: go } of run.steps) {
    const started = performance.now();
    await go();
    ms[step] = performance.now() - started;
  }
  return { tenantId: run.admin().tenantId, ms };
}

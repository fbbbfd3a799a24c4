import { accommodationModule } from "#app/modules/accommodation/module.ts";
import { addressesModule } from "#app/modules/addresses/module.ts";
import { areasModule } from "#app/modules/areas/module.ts";
import { auditModule } from "#app/modules/audit/module.ts";
import { authModule } from "#app/modules/auth/module.ts";
import { caseworkModule } from "#app/modules/casework/module.ts";
import { conflictsModule } from "#app/modules/conflicts/module.ts";
import { demoModule } from "#app/modules/demo/module.ts";
import { directoryModule } from "#app/modules/directory/module.ts";
import { frameworkModule } from "#app/modules/framework/module.ts";
import { fundingModule } from "#app/modules/funding/module.ts";
import { guideModule } from "#app/modules/guide/module.ts";
import { homeModule } from "#app/modules/home/module.ts";
import { importsModule } from "#app/modules/imports/module.ts";
import { jobsModule } from "#app/modules/jobs/module.ts";
import { mailModule } from "#app/modules/mail/module.ts";
import { monitoringModule } from "#app/modules/monitoring/module.ts";
import { networkModule } from "#app/modules/network/module.ts";
import { officesModule } from "#app/modules/offices/module.ts";
import { onboardingModule } from "#app/modules/onboarding/module.ts";
import { statisticsModule } from "#app/modules/statistics/module.ts";
import { strategyModule } from "#app/modules/strategy/module.ts";
import { surveysModule } from "#app/modules/surveys/module.ts";
import { tenantsModule } from "#app/modules/tenants/module.ts";
import { translationsModule } from "#app/modules/translations/module.ts";
import { usersModule } from "#app/modules/users/module.ts";
import { volunteersModule } from "#app/modules/volunteers/module.ts";
import type { ModuleDefinition, ModuleRoutes } from "#app/server/modules.ts";

/**
 * Every module, once (decision 026). A new module adds its `module.ts` here; its routes, policy
 * actions, pages, catalogs, data-subject hooks and scheduled jobs follow from that one line.
 * The order is the order of the API routes (and of docs/openapi.json).
 */
export const MODULES = [
  areasModule,
  tenantsModule,
  auditModule,
  mailModule,
  jobsModule,
  authModule,
  usersModule,
  frameworkModule,
  directoryModule,
  officesModule,
  networkModule,
  caseworkModule,
  monitoringModule,
  surveysModule,
  translationsModule,
  statisticsModule,
  importsModule,
  volunteersModule,
  strategyModule,
  fundingModule,
  conflictsModule,
  demoModule,
  accommodationModule,
  guideModule,
  addressesModule,
  onboardingModule,
  homeModule,
] as const;

const definitions: readonly ModuleDefinition<never>[] = MODULES;

/** The HTTP routes of every module, in module order. */
export const moduleRoutes: ModuleRoutes = {
  browser: definitions.flatMap((m) => m.http?.browser ?? []),
  api: definitions.flatMap((m) => m.http?.api ?? []),
  public: definitions.flatMap((m) => m.http?.public ?? []),
};

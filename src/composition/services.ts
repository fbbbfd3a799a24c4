import { offersInLanguagesFrom, placesFrom, statusIndexFrom } from "#app/modules/accommodation/deps.ts";
import { createAccommodationService } from "#app/modules/accommodation/service.ts";
import { createAddressService } from "#app/modules/addresses/service.ts";
import { createAreaService } from "#app/modules/areas/service.ts";
import { createAuditService } from "#app/modules/audit/service.ts";
import { createAuthService } from "#app/modules/auth/service.ts";
import { createOverviewService } from "#app/modules/casework/overview.ts";
import { createPrivacyService } from "#app/modules/casework/privacy.ts";
import { createReferralService } from "#app/modules/casework/referrals.ts";
import { createRetentionService } from "#app/modules/casework/retention.ts";
import { createCaseworkService } from "#app/modules/casework/service.ts";
import { createConflictService } from "#app/modules/conflicts/service.ts";
import { createInterchangeService } from "#app/modules/directory/interchange.ts";
import { createPostcodeService } from "#app/modules/directory/postcodes.ts";
import { createReferralTargetService } from "#app/modules/directory/referral-targets.ts";
import { createPublicDirectory } from "#app/modules/directory/search.ts";
import { createDirectoryService } from "#app/modules/directory/service.ts";
import { createFrameworkService } from "#app/modules/framework/service.ts";
import { createFundingService } from "#app/modules/funding/service.ts";
import { createGuideService } from "#app/modules/guide/service.ts";
import { createHomeService, type RegisteredHomeSource } from "#app/modules/home/service.ts";
import { accommodationSitesImportRunner } from "#app/modules/imports/kinds/accommodation-sites.ts";
import { addressesImportRunner } from "#app/modules/imports/kinds/addresses.ts";
import { areasImportRunner } from "#app/modules/imports/kinds/areas.ts";
import { directoryImportRunner } from "#app/modules/imports/kinds/directory.ts";
import { guideImportRunner } from "#app/modules/imports/kinds/guide.ts";
import { monitoringImportRunner } from "#app/modules/imports/kinds/monitoring.ts";
import { createImportRunService } from "#app/modules/imports/service.ts";
import { createJobQueue } from "#app/modules/jobs/queue.ts";
import { createMailService } from "#app/modules/mail/service.ts";
import { createConflictFigureSink } from "#app/modules/monitoring/conflict-figures.ts";
import { createMonitoringDataService } from "#app/modules/monitoring/data-service.ts";
import { createMonitoringImportService } from "#app/modules/monitoring/import.ts";
import { createMonitoringService } from "#app/modules/monitoring/service.ts";
import { createVolunteerFigureSink } from "#app/modules/monitoring/volunteer-figures.ts";
import { createNetworkService } from "#app/modules/network/service.ts";
import { createOfficeService } from "#app/modules/offices/service.ts";
import { createOnboardingService } from "#app/modules/onboarding/service.ts";
import { createStrategyService } from "#app/modules/strategy/service.ts";
import { createSurveyAnalysis } from "#app/modules/surveys/analysis.ts";
import { createSurveyGroupAnalysis } from "#app/modules/surveys/by-group.ts";
import { createSurveyNumericSummary } from "#app/modules/surveys/numeric-summary.ts";
import { createSurveyService } from "#app/modules/surveys/service.ts";
import type { Tenant } from "#app/modules/tenants/service.ts";
import { createTenantService } from "#app/modules/tenants/service.ts";
import { createTranslationService } from "#app/modules/translations/service.ts";
import { createUserService } from "#app/modules/users/service.ts";
import { createVolunteerService } from "#app/modules/volunteers/service.ts";
import type { CoreDeps } from "#app/server/deps.ts";
import type { DataSubjectHooks } from "#app/server/modules.ts";
import { MODULES } from "./modules.ts";

/**
 * The service container: one instance of each module's service, wired with what it needs.
 * A module reaches another module only through the service it gets here.
 */
export function createServices(core: CoreDeps) {
  const audit = createAuditService(core);
  const jobs = createJobQueue(core);
  const mail = createMailService({ ...core, jobs, audit });
  const translations = createTranslationService(core);
  const framework = createFrameworkService({ ...core, audit, translations });
  // A new tenant starts with the framework template it chose, in the same transaction.
  const tenants = createTenantService({
    ...core,
    audit,
    hooks: {
      afterCreate: (tenant, tx) =>
        tenant.frameworkTemplate
          ? framework.applyTemplate(tenant.id, tenant.frameworkTemplate, tx)
          : undefined,
    },
  });
  const users = createUserService({ ...core, audit });
  const areas = createAreaService({ ...core, audit });
  const auth = createAuthService({ ...core, audit, users, tenants, mail });
  const offices = createOfficeService({ ...core, audit, areas, users });
  const postcodes = createPostcodeService({ ...core, audit, areas });
  // The official address list (decision 095): typed addresses resolve locally, typo-tolerant.
  const addresses = createAddressService({ ...core, audit, areas });
  // Case work (issue 4): households, persons, cases and their records; THE need-to-know rule lives in casework/access.ts.
  const casework = createCaseworkService({ ...core, audit, offices, users, postcodes });
  // The public read model of the directory (search, map, detail pages, office finder).
  const publicDirectory = createPublicDirectory({
    ...core,
    translations,
    framework,
    areas,
    responsibleOffice: (tenantId, lon, lat) => offices.responsibleFor(tenantId, lon, lat),
    addresses,
  });
  // The directory's editing, review and translations (staff side).
  const directory = createDirectoryService({
    ...core,
    audit,
    areas,
    framework,
    translations,
    jobs,
    mail,
    users,
    tenants,
  });
  // HSDS API and export, GeoJSON export, CSV/XLSX import of the directory.
  const interchange = createInterchangeService({ ...core, translations, framework, directory, areas });
  const caseOverview = createOverviewService({ ...core, tenants, offices, users, areas });
  // Referrals check case access through case work's handles and find their targets in the directory.
  const referrals = createReferralService({
    ...core,
    audit,
    mail,
    offices,
    users,
    tenants,
    targets: createReferralTargetService(core),
    checkAccess: casework.checkAccess,
  });
  // Each module's part of a data subject's rights (Art. 15, Art. 17, retention), from its module.ts.
  const dataSubjects: DataSubjectHooks[] = [];
  const privacy = createPrivacyService({ ...core, audit, mail, users, tenants, dataSubjects });
  const retention = createRetentionService({ ...core, audit, jobs, tenants, dataSubjects });
  const monitoring = createMonitoringService({
    ...core,
    tenants,
    audit,
    areas,
    caseFigures: casework.figures,
  });
  // Monitoring data in: CSV/XLSX import and the DHIS2-style dataValueSets API (working values).
  const monitoringImport = createMonitoringImportService({ ...core, audit, areas });
  const monitoringData = createMonitoringDataService({ ...core, audit, areas });
  // Questionnaires and surveys (issue 5): forms, capture, samples; analysis through the small-cell rule.
  const surveys = createSurveyService({ ...core, audit, casework, areas });
  const surveyAnalysis = createSurveyAnalysis({
    ...core,
    audit,
    casework,
    tenants,
    surveys,
    monitoringData,
  });
  // Accommodation and site selection (issue 21): sites judged with the quarters' status index.
  const accommodation = createAccommodationService({
    ...core,
    audit,
    areas,
    casework,
    jobs,
    tenants,
    questionnaires: createSurveyGroupAnalysis({ ...core, tenants, surveys }),
    dialogue: createSurveyNumericSummary({ ...core, tenants, surveys }),
    statusIndex: statusIndexFrom(monitoring),
    offersInLanguages: offersInLanguagesFrom(publicDirectory),
    places: placesFrom(directory),
  });
  // Imports as jobs (decision 042): each kind through the service of the module that owns it.
  const importRuns = createImportRunService({
    ...core,
    jobs,
    audit,
    tenants,
    runners: {
      areas: areasImportRunner(areas),
      directory: directoryImportRunner(interchange.import),
      monitoring: monitoringImportRunner(monitoringImport),
      // The guide is built further down; its runner reaches it when a run executes.
      guide: guideImportRunner(() => guide.interchange),
      addresses: addressesImportRunner(addresses),
      accommodation_sites: accommodationSitesImportRunner(accommodation),
    },
  });
  // Strategy (issue 16): goal tree, indicators and the framework matrix over the published directory.
  const strategy = createStrategyService({
    ...core,
    audit,
    framework,
    tenants,
    offers: directory.figures,
    monitoring,
    cases: casework.figures,
    areas,
    surveys: surveyAnalysis,
    jobs,
    users,
    mail,
  });
  // The volunteer pool (issue 17): institutions are directory organizations; measures come with strategy.
  const volunteers = createVolunteerService({
    ...core,
    audit,
    mail,
    organizations: createReferralTargetService(core),
    measures: strategy.measures,
    jobs,
    tenants,
    users,
    // The pool's figures as monitoring's Lotse figures (decision 099, like the conflicts' 088).
    monitoring: createVolunteerFigureSink({ ...core, audit, areas }),
    // Tandems from a case: case work decides need-to-know; a volunteer-matching consent must hold.
    casework: {
      async newcomer(principal, caseId, personId, opts) {
        const ctx = await casework.surveyContext(principal, caseId, "read", opts);
        if (!ctx.persons.some((p) => p.id === personId)) return null;
        const consent = await referrals.consents.validFor(
          principal.tenantId,
          personId,
          "volunteer_matching",
          [],
        );
        return { reference: ctx.reference, consent: consent !== undefined };
      },
      // A mediator requested from a case (decision 084): write access to the case, consent as above.
      async casePersons(principal, caseId, opts) {
        const ctx = await casework.surveyContext(principal, caseId, "write", opts);
        const persons = await Promise.all(
          ctx.persons.map(async (p) => ({
            id: p.id,
            name: [p.givenName, p.familyName].filter(Boolean).join(" "),
            languages: p.languages.map((l) => l.lang),
            consent:
              (await referrals.consents.validFor(principal.tenantId, p.id, "volunteer_matching", [])) !==
              undefined,
          })),
        );
        return { reference: ctx.reference, persons };
      },
      // A tandem's "referred" outcome (decision 127): case work's rules and consent check.
      recordReferral: (principal, v, opts) =>
        referrals.recordFor(principal, v, { requestId: opts?.requestId ?? undefined }),
    },
  });
  // Small-project funding (issue 19): calls, applications by e-mail link, review, decisions.
  const funding = createFundingService({
    ...core,
    audit,
    mail,
    framework,
    tenants,
    users,
    jobs,
    areas,
    measures: strategy.measures,
    offers: { names: (tenantId, ids) => createReferralTargetService(core).names(tenantId, ids, []) },
    // The narrative report as a surveys questionnaire named by the call (decision 131).
    reports: surveys.foreign,
  });
  // Network and participation (issue 18): bodies, meetings, minutes, follow-up, OParl.
  const network = createNetworkService({
    ...core,
    audit,
    mail,
    jobs,
    tenants,
    directory: {
      existingIds: (tenantId, type, ids) => interchange.existingIds(tenantId, type, ids),
      organizationNames: (tenantId, ids) => createReferralTargetService(core).names(tenantId, [], [...ids]),
      places: async (tenantId) =>
        (await interchange.placesGeoJson(tenantId, "de")).features.map((f) => ({
          id: f.id,
          name: f.properties.name,
          street: f.properties.street,
          postcode: f.properties.postcode,
          city: f.properties.city,
          lon: f.geometry.coordinates[0] as number,
          lat: f.geometry.coordinates[1] as number,
        })),
    },
    areaIds: async (tenantId) => new Set((await areas.list(tenantId)).map((a) => a.id)),
    termIds: async (tenantId) =>
      new Set(
        (await framework.list(tenantId, "de"))
          .filter((a) => a.kind === "field_of_action")
          .flatMap((a) => a.terms.map((t) => t.id)),
      ),
    staffNames: (tenantId) => users.staffNames(tenantId),
    coordinators: (tenantId) => users.withRole(tenantId, "coordinator"),
    measures: strategy.measures,
  });
  // Conflict management (issue 20): mediators from the volunteer pool, escalations onto a body's
  // agenda in the network (decision 103).
  const conflicts = createConflictService({
    ...core,
    audit,
    areas,
    users,
    mail,
    jobs,
    tenants,
    measures: strategy.measures,
    // A party linked to a case: case work's need-to-know decides (decision 080).
    cases: { access: (principal, caseId, mode) => casework.cases.access(principal, caseId, mode) },
    // The year's conflicts per area and kind as monitoring's Lotse figures (decision 088).
    monitoring: createConflictFigureSink({ ...core, audit, areas }),
    mediators: {
      qualified: (tenantId, onDate) => volunteers.withQualification(tenantId, "conflict_mediation", onDate),
      names: (tenantId, ids) => volunteers.volunteerNames(tenantId, ids),
      // The mediator's own view and the assignment mail (decision 113).
      self: (tenantId, userId) => volunteers.mediatorSelf(tenantId, userId),
      contact: (tenantId, id) => volunteers.mediatorContact(tenantId, id),
    },
    agenda: {
      bodies: async (tenantId) =>
        (await network.bodies(tenantId)).map((b) => ({ id: b.id, name: b.name, kind: b.kind })),
      propose: (tenantId, bodyId, item) => network.proposeAgendaItem(tenantId, bodyId, item),
    },
  });
  // Welcome information (issue 23): guide pages linking live to published offers.
  const guide = createGuideService({
    ...core,
    audit,
    translations,
    offers: publicDirectory,
    owners: {
      organizations: async (principal) => (await directory.choices(principal)).organizations,
      offices: async (tenantId) =>
        (await offices.listSummaries(tenantId)).map((o) => ({ id: o.id, name: o.name })),
      organizationsOf: async (tenantId) =>
        (await createReferralTargetService(core).published(tenantId)).organizations,
    },
    offerChoices: async (principal) => (await directory.choices(principal)).offers,
    mail,
    jobs,
    tenants,
    ownerContact: async (tenantId, owner) => {
      if (owner.kind === "office") return offices.byId(tenantId, owner.id);
      const o = await createReferralTargetService(core).organization(tenantId, owner.id);
      return o ? { name: o.name, email: o.email } : null;
    },
    // Handing a package out from a case: case work decides need-to-know and writes the contact.
    casework: {
      household: (principal, caseId, opts) => casework.surveyContext(principal, caseId, "write", opts),
      async recordContact(principal, caseId, contact, opts) {
        const row = await casework.contacts.add(
          principal,
          caseId,
          { ...contact, durationMinutes: null },
          opts,
        );
        return { id: row.id };
      },
    },
  });
  // The onboarding wizard (decision 097): reads every module it checks through its service.
  const onboarding = createOnboardingService({
    ...core,
    addresses: { count: (tenantId) => addresses.count(tenantId) },
    audit,
    tenants,
    framework,
    areas,
    offices,
    users,
    directory: {
      async published(tenantId) {
        const p = await createReferralTargetService(core).published(tenantId);
        return { offers: p.offers.length, organizations: p.organizations.length };
      },
    },
    monitoring: {
      indicatorCount: async (principal, tenantId) =>
        (await monitoringData.listIndicators(principal, tenantId)).length,
      installTemplates: (principal, tenantId) => monitoringData.installTemplates(principal, tenantId),
    },
    forms: {
      codes: async (principal) => (await surveys.listForms(principal)).map((f) => f.code),
      createFromTemplate: (principal, key) => surveys.createFromTemplate(principal, key),
    },
  });
  // The staff home (decision 092): every module's `home` source, filled below in module order.
  const homeSources: RegisteredHomeSource[] = [];
  const home = createHomeService({ ...core, audit, jobs, mail, tenants, users, sources: homeSources });
  const services = {
    core,
    onboarding,
    home,
    guide,
    volunteers,
    audit,
    tenants,
    auth,
    jobs,
    mail,
    users,
    translations,
    framework,
    areas,
    offices,
    casework,
    caseOverview,
    referrals,
    privacy,
    retention,
    publicDirectory,
    directory,
    interchange,
    postcodes,
    addresses,
    monitoring,
    monitoringImport,
    monitoringData,
    surveys,
    surveyAnalysis,
    importRuns,
    strategy,
    accommodation,
    funding,
    conflicts,
    network,
  };
  for (const m of MODULES) if ("dataSubject" in m) dataSubjects.push(m.dataSubject(services));
  for (const m of MODULES) if ("home" in m) homeSources.push({ module: m.name, source: m.home(services) });
  return services;
}
export type Services = ReturnType<typeof createServices>;

// The platform's request context names the container and the tenant without importing the modules.
declare module "#app/server/http/env.ts" {
  interface AppServices extends Services {}
  interface RequestTenant extends Tenant {}
}

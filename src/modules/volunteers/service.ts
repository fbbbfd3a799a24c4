import { createApplications } from "./applications.ts";
import { createBatch } from "./batch.ts";
import { createCaseRequests } from "./case-requests.ts";
import type { VolunteerDeps } from "./deps.ts";
import { createExpenses } from "./expenses.ts";
import { createFigures } from "./figures.ts";
import { createVolunteerHome } from "./home.ts";
import { createInstitutions } from "./institutions.ts";
import { createLinks } from "./links.ts";
import { createMediatorNames } from "./mediators.ts";
import { createMine } from "./mine.ts";
import { createNumbers } from "./numbers.ts";
import { createPrivacy } from "./privacy.ts";
import { createProfiles } from "./profiles.ts";
import { createRequests } from "./requests.ts";
import { createResearch } from "./research.ts";
import { createRules } from "./rules.ts";
import { createStatements } from "./statements.ts";
import { createSubjectHooks } from "./subject.ts";
import { createTandemOutcomes } from "./tandem-outcomes.ts";
import { createTandems } from "./tandems.ts";

export type { VolunteerDeps } from "./deps.ts";

/** The volunteer pool (issue 17): profiles, mediation requests and their matching. */
export function createVolunteerService(deps: VolunteerDeps) {
  const expenses = createExpenses(deps);
  const tandems = createTandems(deps);
  const { cancelAsInstitution, stepAsInstitution, ...requests } = createRequests(deps, expenses.poolSettings);
  const batch = createBatch(deps, (principal, id, volunteerId, version, opts) =>
    requests.applyEvent(principal, id, { type: "offer", volunteerId, version }, opts),
  );
  return {
    ...createProfiles(deps),
    ...createPrivacy(deps, tandems.checkIns),
    ...createLinks(deps, expenses.poolSettings, cancelAsInstitution),
    ...requests,
    ...createCaseRequests(deps, expenses.poolSettings),
    ...createInstitutions(deps, expenses.poolSettings, stepAsInstitution),
    ...batch,
    ...createResearch(deps),
    ...tandems,
    ...createTandemOutcomes(deps),
    ...expenses,
    ...createMine(deps),
    ...createNumbers(deps),
    ...createStatements(deps),
    ...createFigures(deps),
    ...createApplications(deps),
    ...createMediatorNames(deps),
    ...createRules(deps),
    /** The rules to acknowledge on the staff home (decisions 092, 110). */
    home: createVolunteerHome(deps),
    /** Case-work persons' tandems in their erasure and Art. 15 export (decision 076). */
    dataSubject: createSubjectHooks(deps),
  };
}
export type VolunteerService = ReturnType<typeof createVolunteerService>;

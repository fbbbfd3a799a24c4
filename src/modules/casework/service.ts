import type { CoreDeps } from "../../server/deps.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import type { AuditService } from "../audit/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { UserService } from "../users/service.ts";
import { createAttachmentService } from "./attachments.ts";
import { createCaseLifecycle } from "./case-lifecycle.ts";
import { createCaseOpening } from "./case-opening.ts";
import { createCaseRecords } from "./case-records.ts";
import { createCaseService } from "./cases.ts";
import { createContactService } from "./contacts.ts";
import { householdIntakeInput } from "./contracts.ts";
import { createCaseCrypto } from "./crypto.ts";
import { createDuplicateCheck } from "./duplicate-check.ts";
import { createCaseFigures } from "./figures.ts";
import { createCaseGuard } from "./guard.ts";
import { createCaseworkHome } from "./home.ts";
import { createHouseholdService } from "./households.ts";
import { createNeedService } from "./needs.ts";
import { createNoteService } from "./notes.ts";
import { createPersonService } from "./persons.ts";
import { createPlanItemService } from "./plan-items.ts";
import { createSettingsService } from "./settings.ts";
import type { Audited } from "./support.ts";
import { createSurveyBridge } from "./survey-bridge.ts";

export type { CaseFigures, FigureCount } from "./figures.ts";
export type { PersonView } from "./persons.ts";
export { RETENTION_JOB } from "./retention.ts";

/** The postcode centroids the tenant maintains (directory), for an address without coordinates. */
export type PostcodeLookup = {
  list(tenantId: string): Promise<{ postcode: string; lon: number; lat: number }[]>;
};

/** An intake as seeders write it: field values not yet checked (`householdIntakeInput` checks them). */
export type IntakeDraft = {
  household: { label: string } & Record<string, unknown>;
  persons: ({ givenName: string; familyName: string } & Record<string, unknown>)[];
  case?: Record<string, unknown>;
  allowDuplicate?: boolean;
};

export type CaseworkDeps = CoreDeps & {
  audit: AuditService;
  offices: OfficeService;
  users: UserService;
  postcodes: PostcodeLookup;
};

/**
 * Fallarbeit (issue 4), one service per sub-resource: households, persons, cases, and the
 * records of a case (needs, help-plan items, contacts, notes, attachments), plus the settings.
 * THE need-to-know rule is `access.ts`, applied by `guard.ts`, which also issues the
 * `CaseAccess` handle other modules take instead of loading a case again.
 */
export function createCaseworkService(deps: CaseworkDeps) {
  const crypto = createCaseCrypto(deps.config);
  const guard = createCaseGuard(deps);
  const settings = createSettingsService(deps);
  const duplicates = createDuplicateCheck({ db: deps.db, audit: deps.audit, guard });
  const opening = createCaseOpening({ ...deps, settings });
  const records = createCaseRecords({ db: deps.db, audit: deps.audit, clock: deps.clock, guard });
  const postcodeCentroid = async (tenantId: string, postcode: string) =>
    (await deps.postcodes.list(tenantId)).find((p) => p.postcode === postcode) ?? null;
  const inner = { ...deps, crypto, guard, settings, duplicates, opening, records, postcodeCentroid };

  const households = createHouseholdService(inner);
  const { openFromSurvey, ...needs } = createNeedService(inner);
  const { ensureTenant: _ensure, phases, retentionPeriod, ...settingsOps } = settings;
  const survey = createSurveyBridge(inner);

  return {
    crypto,
    households,
    persons: createPersonService(inner),
    cases: { ...createCaseService(inner), ...createCaseLifecycle(inner) },
    needs,
    planItems: createPlanItemService(inner),
    contacts: createContactService(inner),
    notes: createNoteService(inner),
    attachments: createAttachmentService(inner),
    settings: settingsOps,
    phases,
    retentionPeriod,
    /** Aggregate counts for monitoring (no person, no case content). */
    figures: createCaseFigures(deps),
    /** What needs the user on the staff home (decision 092). */
    home: createCaseworkHome(deps),

    // ---- for other modules (questionnaires, demo data) ----

    /**
     * The intake from unchecked input, for seeders and other modules' tests; pages and the API
     * parse the contract themselves and call `households.intake`.
     */
    async createHousehold(principal: Principal, input: IntakeDraft, opts: Audited = {}) {
      return households.intake(principal, parseInput(householdIntakeInput, input), opts);
    },
    openNeedsFromSurvey: openFromSurvey,
    /** Throws unless `access` is a handle this case work issued to this principal (write: a write handle). */
    checkAccess: guard.check,
    ...survey,
  };
}
export type CaseworkService = ReturnType<typeof createCaseworkService>;

import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { caseRequestRepo } from "./case-request-repo.ts";
import type { CaseRequest } from "./contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { publicPhase } from "./links.ts";
import { DEFAULT_POOL_RULES } from "./model.ts";
import { checkBooking, type SettingsOf, storeBooking } from "./requests.ts";

/**
 * Requests from a case (issue 17 What must work 2 "Case link", decision 084): a case worker asks
 * for a language mediator for a person of a case. Need-to-know on both sides: the pool's policy
 * (`volunteers.requests.case`) and case work's write access to the case (its read of the
 * persons is audited there). The language is one of the person's, and a consent for volunteer
 * matching must be in force, as for referrals. The coordinator's queue gets it like any booking;
 * the mediator sees the request's facts only, never the case.
 */
export function createCaseRequests(deps: VolunteerDeps, settingsOf: SettingsOf) {
  const { db } = deps;

  function port() {
    if (!deps.casework) throw AppError.forbidden();
    return deps.casework;
  }

  return {
    /** The case page's form: the persons with their languages and consent, and earlier requests. */
    async caseRequestForm(principal: Principal, caseId: string, opts: Audited = {}) {
      authorize(principal, "volunteers.requests.case");
      const ctx = await port().casePersons(principal, caseId, opts);
      const rows = await caseRequestRepo.ofCase(db, principal.tenantId, caseId);
      return {
        reference: ctx.reference,
        persons: ctx.persons,
        requests: rows.map((r) => ({
          id: r.id,
          personId: r.personId,
          language: r.language,
          mode: r.mode,
          date: r.date,
          startMinute: r.startMinute,
          durationMinutes: r.durationMinutes,
          phase: publicPhase(r.state),
        })),
      };
    },

    async requestFromCase(principal: Principal, caseId: string, input: CaseRequest, opts: Audited = {}) {
      authorize(principal, "volunteers.requests.case");
      const ctx = await port().casePersons(principal, caseId, opts);
      const person = ctx.persons.find((p) => p.id === input.personId);
      if (!person) throw AppError.validation([{ field: "personId", code: "volunteers_person_not_in_case" }]);
      if (!person.consent) {
        throw AppError.validation([{ field: "personId", code: "volunteers_consent_missing" }]);
      }
      const { holidayState } = await settingsOf(principal.tenantId);
      const fields = checkBooking(input, DEFAULT_POOL_RULES, deps.clock.now(), holidayState);
      // The language comes from the person; one case work does not know is refused.
      if (person.languages.length && !person.languages.includes(input.language)) {
        fields.push({ field: "language", code: "volunteers_language_not_person" });
      }
      if (fields.length) throw AppError.validation(fields);
      if (!deps.users) throw AppError.forbidden();
      const me = await deps.users.byId(principal, principal.userId);
      const { personId, ...booking } = input;
      const r = await storeBooking(
        deps,
        { kind: "user", principal },
        principal.tenantId,
        {
          ...booking,
          organizationId: null,
          contactName: me.displayName,
          contactEmail: me.email,
          area: input.mode === "on_site" ? input.area : null,
          measureId: null,
        },
        null,
        opts,
        { caseId, personId, requestedBy: principal.userId, contactLanguage: me.preferredLanguage },
      );
      // A form token another case used is not this case's request.
      const stored = await caseRequestRepo.ofCase(db, principal.tenantId, caseId);
      if (!stored.some((x) => x.id === r.request.id)) throw AppError.versionConflict();
      return r;
    },
  };
}

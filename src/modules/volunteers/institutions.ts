import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreateRequest } from "./contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import type { InstitutionBooking, InstitutionEvent, InviteInstitution } from "./institution-contracts.ts";
import { DEFAULT_POOL_RULES } from "./model.ts";
import { type RequestRow, requestRepo, volunteerRepo } from "./repo.ts";
import { checkBooking, type SettingsOf, storeBooking, toRequestView } from "./requests.ts";

/** The states in which the institution sees who comes: the mediator accepted and the pool confirmed. */
const MEDIATOR_SHOWN: readonly RequestRow["state"][] = ["confirmed", "held", "claimed", "settled"];

type StepAsInstitution = (
  principal: Principal,
  before: RequestRow,
  input: InstitutionEvent,
  opts?: Audited,
) => Promise<RequestRow>;

/**
 * Institution accounts (Einsatzstellen, decision 127): partner staff with a grant scoped to a
 * directory organization post its requests, follow them, see the confirmed mediator's name,
 * contact and languages (nothing else of the profile), and confirm the held duration or end the
 * engagement. A request posted here waits for the coordinator's check before it is offered.
 */
export function createInstitutions(deps: VolunteerDeps, settingsOf: SettingsOf, step: StepAsInstitution) {
  const { db } = deps;

  /** The organizations the principal acts for; a request of another one is "not found". */
  function scopeOf(principal: Principal) {
    authorize(principal, "volunteers.institution");
    return scopeIdsFor(principal, "volunteers.institution", "organization");
  }
  async function ownRequest(principal: Principal, id: string): Promise<RequestRow> {
    const scope = scopeOf(principal);
    const r = await requestRepo.byId(db, principal.tenantId, id);
    if (!r?.organizationId || (scope !== "all" && !scope.includes(r.organizationId)))
      throw AppError.notFound();
    return r;
  }
  async function view(tenantId: string, r: RequestRow) {
    const v =
      r.volunteerId && MEDIATOR_SHOWN.includes(r.state)
        ? await volunteerRepo.byId(db, tenantId, r.volunteerId)
        : undefined;
    return {
      ...toRequestView(r, null),
      // Only what the institution needs to meet the mediator (decision 127).
      mediator: v
        ? {
            name: v.name,
            email: v.email,
            phone: v.phone,
            languages: v.languages.filter((l) => l.oral).map((l) => l.code),
          }
        : null,
      awaitingApproval: r.state === "submitted",
    };
  }

  return {
    /** The institution posts a request itself; it waits in *submitted* for the coordinator's check. */
    async bookAsInstitution(principal: Principal, input: InstitutionBooking, opts: Audited = {}) {
      const scope = scopeOf(principal);
      if (scope !== "all" && !scope.includes(input.organizationId))
        throw AppError.validation([{ field: "organizationId", code: "invalid_choice" }]);
      const org = await deps.organizations.organization(principal.tenantId, input.organizationId);
      if (!org) throw AppError.validation([{ field: "organizationId", code: "unknown_organization" }]);
      const { holidayState } = await settingsOf(principal.tenantId);
      const fields = checkBooking(input, DEFAULT_POOL_RULES, deps.clock.now(), holidayState);
      if (fields.length) throw AppError.validation(fields);
      const me = await deps.users?.byId(principal, principal.userId);
      if (!me) throw AppError.forbidden();
      const booking: CreateRequest = {
        ...input,
        institutionName: org.name,
        contactName: me.displayName,
        contactEmail: me.email,
        measureId: null,
      };
      return storeBooking(deps, { kind: "user", principal }, principal.tenantId, booking, null, opts, {
        caseId: null,
        personId: null,
        requestedBy: null,
        contactLanguage: me.preferredLanguage ?? SOURCE_LANGUAGE,
        institutionUserId: principal.userId,
      });
    },

    /** The requests of the principal's organizations, newest date first, each with the confirmed mediator. */
    async institutionRequests(principal: Principal) {
      const scope = scopeOf(principal);
      const rows = await requestRepo.ofOrganizations(db, principal.tenantId, scope);
      return Promise.all(rows.map((r) => view(principal.tenantId, r)));
    },

    /** Confirms the held duration or ends the engagement (the state machine decides, late or not). */
    async institutionEvent(principal: Principal, id: string, input: InstitutionEvent, opts: Audited = {}) {
      const before = await ownRequest(principal, id);
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      return view(principal.tenantId, await step(principal, before, input, opts));
    },

    /**
     * The coordinator invites a contact of a directory organization: an account with the role
     * partner staff scoped to that organization only, and a mail in the contact's language that
     * leads to choosing a password (the reset form: no second token kind to keep).
     */
    async inviteInstitution(principal: Principal, input: InviteInstitution, opts: Audited = {}) {
      authorize(principal, "volunteers.institutions.invite");
      const { organizations } = await deps.organizations.published(principal.tenantId);
      const org = organizations.find((o) => o.id === input.organizationId);
      if (!org) throw AppError.validation([{ field: "organizationId", code: "unknown_organization" }]);
      if (!deps.users?.create) throw AppError.notFound();
      const user = await deps.users.create(
        { kind: "system", tenantId: principal.tenantId },
        {
          email: input.email,
          displayName: input.name,
          preferredLanguage: input.language,
          grants: [{ role: "partner_staff", scopeType: "organization", scopeId: org.id }],
        },
        opts.requestId ?? undefined,
      );
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "institution.invite",
        entityType: "user",
        entityId: user.id,
        changes: { organizationId: { old: null, new: org.id } },
        requestId: opts.requestId ?? null,
      });
      const all = catalogs();
      const lang = isLanguage(input.language) ? input.language : SOURCE_LANGUAGE;
      const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
      const link = `${deps.config.baseUrl}/${lang}/forgot-password`;
      const values = { name: input.name, institution: org.name, link, email: input.email };
      await deps.mail.send({
        tenantId: principal.tenantId,
        to: input.email,
        subject: t("volunteers.institution_invite_subject", values),
        text: t("volunteers.institution_invite_text", values),
      });
      return { userId: user.id, organizationId: org.id };
    },
  };
}

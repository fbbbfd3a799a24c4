import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { caseRepo } from "./cases.repo.ts";
import { type AccessCheck, createConsentService } from "./consent.ts";
import type { CaseAccess, SharedFields } from "./model.ts";
import { personRepo } from "./persons.repo.ts";
import { createReferralCore, type ReferralDeps } from "./referral-core.ts";
import type { IssueLink, ReferralCaseView, ReferralInput, WithdrawReferral } from "./referrals.contracts.ts";
import { type ReferralRow, referralRepo } from "./referrals.repo.ts";
import { createIncomingReferrals } from "./referrals-incoming.ts";

/**
 * Vermittlungen (issue 4, "Referrals"). The case worker chooses what the receiver needs to
 * know ("only what the purpose needs"): the first name, the languages, a phone number and a
 * note, stored encrypted in `shared_enc`. The receiving partner sees those fields and the
 * referral's status, never the case, its id or anything else about the person.
 *
 * Before a referral is sent, a consent in force today must exist for the person, the purpose
 * "referral" and the recipient (the target itself, the target's organization, or "any").
 * Without one the referral is blocked (`referral_consent_missing`); a supervisor may override
 * with `referrals.consent_override` and a written reason, which is audited.
 *
 * Partners without an account answer through a one-time link `/{lang}/referral/{token}`
 * (`referrals-incoming.ts`): the token is stored as its SHA-256, expires after LINK_DAYS and
 * is spent by the answer.
 *
 * The case side takes the case's `CaseAccess` handle (from case work), so a page that shows
 * the case, its consents and referrals checks access once.
 */

export const OVERRIDE_REASON_MIN = 20;

type Opts = { requestId?: string; lang?: string };
const langOf = (opts: Opts): Language => (isLanguage(opts.lang) ? opts.lang : SOURCE_LANGUAGE);

export function createReferralService(deps: ReferralDeps & { checkAccess: AccessCheck }) {
  const { db } = deps;
  const core = createReferralCore(deps);
  const consents = createConsentService(deps);

  /** The referral of this case, or 404. */
  async function ofCase(a: CaseAccess, referralId: string): Promise<ReferralRow> {
    const r = isUuid(referralId) ? await referralRepo.byId(db, a.tenantId, referralId) : undefined;
    if (!r || r.caseId !== a.caseId) throw AppError.notFound();
    return r;
  }

  /** The consent in force for the person and target, else the override (permission and written reason). */
  async function consentOrOverride(
    principal: Principal,
    a: CaseAccess,
    officeId: string | null,
    v: ReferralInput,
    personId: string,
    target: { organizationId: string | null },
  ) {
    const recipients: { type: "offer" | "organization" | "office" | "volunteer"; id: string }[] = [
      { type: v.targetType, id: v.targetId },
    ];
    if (target.organizationId && v.targetType !== "organization")
      recipients.push({ type: "organization", id: target.organizationId });
    const consent = await consents.validFor(a.tenantId, personId, "referral", recipients);
    if (consent) return { consent, overrideReason: null };
    if (!v.consentOverrideReason) throw new AppError("referral_consent_missing");
    if (!can(principal, "referrals.consent_override", { officeId })) throw AppError.forbidden();
    if (v.consentOverrideReason.length < OVERRIDE_REASON_MIN)
      throw AppError.validation([
        { field: "consentOverrideReason", code: "too_short", params: { min: OVERRIDE_REASON_MIN } },
      ]);
    return { consent: undefined, overrideReason: v.consentOverrideReason };
  }

  /** Which fields were shared, never their values; an override in its own entry the data-protection officer can find. */
  async function auditCreation(
    principal: Principal,
    a: CaseAccess,
    r: ReferralRow,
    what: {
      shared: SharedFields;
      link: boolean;
      overrideReason: string | null;
      requestId?: string | undefined;
    },
  ) {
    await deps.audit.record({
      actor: { kind: "user", principal },
      action: "create",
      entityType: "referral",
      entityId: r.id,
      changes: diff(null, {
        caseId: a.caseId,
        personId: r.personId,
        kind: r.kind,
        targetType: r.targetType,
        targetId: r.targetId,
        receivingOrganizationId: r.receivingOrganizationId,
        consentId: r.consentId,
        sharedFields: Object.keys(what.shared),
        link: what.link,
      }),
      requestId: what.requestId ?? null,
    });
    if (what.overrideReason) {
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "consent_override",
        entityType: "referral",
        entityId: r.id,
        changes: diff(null, { caseId: a.caseId, personId: r.personId }),
        reason: what.overrideReason,
        requestId: what.requestId ?? null,
      });
    }
  }

  return {
    consents,
    ...createIncomingReferrals(deps, core),

    /** Persons of the case, and the targets a referral can go to, for the consent and referral forms. */
    async formChoices(principal: Principal, access: CaseAccess) {
      const a = deps.checkAccess(principal, access, "read");
      const [persons, dir, offices, volunteers, head] = await Promise.all([
        personRepo.namesOfHousehold(db, a.tenantId, a.householdId),
        deps.targets.published(a.tenantId),
        deps.offices.listSummaries(a.tenantId),
        deps.users.withRole(a.tenantId, "volunteer"),
        caseRepo.head(db, a.tenantId, a.caseId),
      ]);
      const seen = new Set<string>();
      return {
        persons: persons.map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName })),
        offers: dir.offers,
        organizations: dir.organizations,
        offices: offices.map((o) => ({ id: o.id, name: o.name })),
        volunteers: volunteers
          .filter((v) => !seen.has(v.id) && seen.add(v.id))
          .map((v) => ({ id: v.id, name: v.displayName })),
        canOverride: can(principal, "referrals.consent_override", { officeId: head?.officeId ?? null }),
      };
    },

    async listForCase(principal: Principal, access: CaseAccess): Promise<ReferralCaseView[]> {
      const a = deps.checkAccess(principal, access, "read");
      return core.caseViews(a.tenantId, await referralRepo.ofCase(db, a.tenantId, a.caseId));
    },

    async create(
      principal: Principal,
      access: CaseAccess,
      v: ReferralInput,
      opts: Opts = {},
    ): Promise<{ referral: ReferralCaseView; link: string | null }> {
      const a = deps.checkAccess(principal, access, "write");
      authorize(principal, "referrals.send");
      const head = await caseRepo.head(db, a.tenantId, a.caseId);
      if (head?.status !== "open") throw new AppError("conflict");
      const person = (await personRepo.namesOfHousehold(db, a.tenantId, a.householdId)).find(
        (p) => p.id === v.personId,
      );
      if (!person) throw AppError.validation([{ field: "personId", code: "not_in_household" }]);
      const target = await core.targetOf(a.tenantId, v.targetType, v.targetId);
      if (!target) throw AppError.validation([{ field: "targetId", code: "invalid_choice" }]);
      const { consent, overrideReason } = await consentOrOverride(
        principal,
        a,
        head.officeId,
        v,
        person.id,
        target,
      );
      const shared: SharedFields = {};
      if (v.shareGivenName) shared.givenName = person.givenName;
      if (v.shareLanguages) shared.languages = person.languages;
      if (v.phone) shared.phone = v.phone;
      if (v.note) shared.note = v.note;
      const link = v.link || v.notifyEmail ? core.newToken() : null;
      const row = await db.transaction(async () => {
        const r = await referralRepo.insert(db, {
          tenantId: a.tenantId,
          caseId: a.caseId,
          personId: person.id,
          kind: v.kind,
          targetType: v.targetType,
          targetId: v.targetId,
          receivingOrganizationId: target.organizationId,
          sharedEnc: core.crypto.encrypt(JSON.stringify(shared)),
          consentId: consent?.id ?? null,
          consentOverrideReasonEnc: overrideReason ? core.crypto.encrypt(overrideReason) : null,
          status: "sent",
          tokenHash: link?.tokenHash ?? null,
          tokenExpiresAt: link?.expiresAt ?? null,
          createdBy: principal.userId,
          createdAt: core.now(),
          updatedAt: core.now(),
        });
        await auditCreation(principal, a, r, {
          shared,
          link: link !== null,
          overrideReason,
          requestId: opts.requestId,
        });
        return r;
      });
      const lang = langOf(opts);
      if (link && v.notifyEmail) await core.mailLink(a.tenantId, v.notifyEmail, link.token, lang);
      const [referral] = await core.caseViews(a.tenantId, [row]);
      return { referral: referral!, link: link ? core.linkUrl(lang, link.token) : null };
    },

    /**
     * A new one-time link for the referral (the printable slip, or another e-mail); the previous
     * link stops working. Returns the link once: only its hash is stored.
     */
    async issueLink(
      principal: Principal,
      access: CaseAccess,
      referralId: string,
      input: IssueLink,
      opts: Opts = {},
    ): Promise<{ link: string; expiresAt: string; referral: ReferralCaseView }> {
      const a = deps.checkAccess(principal, access, "write");
      authorize(principal, "referrals.send");
      const before = await ofCase(a, referralId);
      if (before.status !== "sent") throw new AppError("conflict");
      const link = core.newToken();
      const after = await core.transition(
        { kind: "user", principal },
        before,
        input.version,
        { tokenHash: link.tokenHash, tokenExpiresAt: link.expiresAt },
        "issue_link",
        { requestId: opts.requestId },
      );
      const lang = langOf(opts);
      if (input.notifyEmail) await core.mailLink(a.tenantId, input.notifyEmail, link.token, lang);
      const [referral] = await core.caseViews(a.tenantId, [after]);
      return {
        link: core.linkUrl(lang, link.token),
        expiresAt: link.expiresAt.toISOString(),
        referral: referral!,
      };
    },

    /**
     * A referral another module records for a case it was linked to (a tandem's outcome, decision
     * 127). The caller has no access to the case and learns nothing of it: only whether the
     * referral was recorded or why not. Same rules as `create`: an open case, the person in its
     * household, a consent in force for the purpose "referral" to the target (no override: only a
     * supervisor may override, and only from the case). Nothing is shared and no link is sent;
     * the receiver sees the referral addressed to it as any other.
     */
    async recordFor(
      principal: Principal,
      v: {
        caseId: string;
        personId: string;
        kind: ReferralRow["kind"];
        targetType: ReferralRow["targetType"];
        targetId: string;
        source: string;
      },
      opts: Opts = {},
    ): Promise<
      | { referralId: string }
      | { refused: "case_closed" | "not_in_household" | "invalid_target" | "consent_missing" }
    > {
      const tenantId = principal.tenantId;
      const head = await caseRepo.head(db, tenantId, v.caseId);
      if (head?.status !== "open") return { refused: "case_closed" };
      const persons = await personRepo.namesOfHousehold(db, tenantId, head.householdId);
      if (!persons.some((p) => p.id === v.personId)) return { refused: "not_in_household" };
      const target = await core.targetOf(tenantId, v.targetType, v.targetId);
      if (!target) return { refused: "invalid_target" };
      const recipients: { type: "offer" | "organization" | "office" | "volunteer"; id: string }[] = [
        { type: v.targetType, id: v.targetId },
      ];
      if (target.organizationId && v.targetType !== "organization")
        recipients.push({ type: "organization", id: target.organizationId });
      const consent = await consents.validFor(tenantId, v.personId, "referral", recipients);
      if (!consent) return { refused: "consent_missing" };
      const r = await referralRepo.insert(db, {
        tenantId,
        caseId: v.caseId,
        personId: v.personId,
        kind: v.kind,
        targetType: v.targetType,
        targetId: v.targetId,
        receivingOrganizationId: target.organizationId,
        sharedEnc: core.crypto.encrypt(JSON.stringify({})),
        consentId: consent.id,
        consentOverrideReasonEnc: null,
        status: "sent",
        tokenHash: null,
        tokenExpiresAt: null,
        createdBy: principal.userId,
        createdAt: core.now(),
        updatedAt: core.now(),
      });
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "create",
        entityType: "referral",
        entityId: r.id,
        changes: diff(null, {
          caseId: v.caseId,
          personId: v.personId,
          kind: v.kind,
          targetType: v.targetType,
          targetId: v.targetId,
          consentId: consent.id,
          source: v.source,
        }),
        requestId: opts.requestId ?? null,
      });
      return { referralId: r.id };
    },

    /** The case worker takes a referral back (before the outcome). */
    async withdraw(
      principal: Principal,
      access: CaseAccess,
      referralId: string,
      input: WithdrawReferral,
      requestId?: string,
    ): Promise<ReferralCaseView> {
      const a = deps.checkAccess(principal, access, "write");
      authorize(principal, "referrals.send");
      const before = await ofCase(a, referralId);
      if (before.status !== "sent" && before.status !== "accepted") throw new AppError("conflict");
      const after = await core.transition(
        { kind: "user", principal },
        before,
        input.version,
        { status: "withdrawn", tokenExpiresAt: before.tokenHash ? core.now() : before.tokenExpiresAt },
        "withdraw",
        { requestId },
      );
      return (await core.caseViews(a.tenantId, [after]))[0]!;
    },
  };
}
export type ReferralService = ReturnType<typeof createReferralService>;

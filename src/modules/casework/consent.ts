import { isUuid } from "../../server/db/ids.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import type { CaseAccess, ConsentState } from "./model.ts";
import { personRepo } from "./persons.repo.ts";
import type { ConsentInput, WithdrawConsent } from "./referrals.contracts.ts";
import { type ConsentRow, consentRepo } from "./referrals.repo.ts";

/**
 * Einwilligungen (issue 4, data protection): per person, purpose and recipient, with the date
 * given, an optional expiry and a withdrawal date. Withdrawal keeps the record (it documents
 * what was allowed until when). A consent is in force on a day when it was given on or before
 * it, has not expired before it and was not withdrawn on or before it.
 */

export function consentState(
  c: Pick<ConsentRow, "givenOn" | "expiresOn" | "withdrawnOn">,
  today: string,
): ConsentState {
  if (c.withdrawnOn && c.withdrawnOn <= today) return "withdrawn";
  if (c.expiresOn && c.expiresOn < today) return "expired";
  if (c.givenOn > today) return "not_yet_valid";
  return "valid";
}

export type ConsentView = ConsentRow & { state: ConsentState };

/** Checks a case handle (issued by case work's guard) for the principal and mode. */
export type AccessCheck = (principal: Principal, access: CaseAccess, mode: "read" | "write") => CaseAccess;

export function createConsentService(deps: CoreDeps & { audit: AuditService; checkAccess: AccessCheck }) {
  const { db } = deps;
  const today = () => todayIn(CASEWORK_TIME_ZONE, deps.clock.now());
  const personIdsOf = async (a: CaseAccess) =>
    (await personRepo.namesOfHousehold(db, a.tenantId, a.householdId)).map((p) => p.id);

  return {
    today,

    /** The consents of the case's household members, newest first, with their state today. */
    async list(
      principal: Principal,
      access: CaseAccess,
    ): Promise<{ consents: ConsentView[]; today: string }> {
      const a = deps.checkAccess(principal, access, "read");
      const rows = await consentRepo.ofPersons(db, a.tenantId, await personIdsOf(a));
      const d = today();
      return { consents: rows.map((r) => ({ ...r, state: consentState(r, d) })), today: d };
    },

    async record(principal: Principal, access: CaseAccess, input: ConsentInput, requestId?: string) {
      const a = deps.checkAccess(principal, access, "write");
      if (!(await personIdsOf(a)).includes(input.personId))
        throw AppError.validation([{ field: "personId", code: "not_in_household" }]);
      return db.transaction(async (): Promise<ConsentView> => {
        const row = await consentRepo.insert(db, {
          tenantId: a.tenantId,
          personId: input.personId,
          purpose: input.purpose,
          recipientType: input.recipientType,
          recipientId: input.recipientType === "any" ? null : input.recipientId,
          form: input.form,
          givenOn: input.givenOn,
          expiresOn: input.expiresOn,
          recordedBy: principal.userId,
          createdAt: deps.clock.now(),
          updatedAt: deps.clock.now(),
        });
        await deps.audit.record({
          actor: { kind: "user", principal },
          action: "create",
          entityType: "consent",
          entityId: row.id,
          // Ids, codes and dates only: no names.
          changes: diff(null, {
            caseId: a.caseId,
            personId: row.personId,
            purpose: row.purpose,
            recipientType: row.recipientType,
            recipientId: row.recipientId,
            form: row.form,
            givenOn: row.givenOn,
            expiresOn: row.expiresOn,
          }),
          requestId: requestId ?? null,
        });
        return { ...row, state: consentState(row, today()) };
      });
    },

    /** Withdrawal: sets the date and keeps the record. */
    async withdraw(
      principal: Principal,
      access: CaseAccess,
      consentId: string,
      input: WithdrawConsent,
      requestId?: string,
    ): Promise<ConsentView> {
      const a = deps.checkAccess(principal, access, "write");
      const before = isUuid(consentId) ? await consentRepo.byId(db, a.tenantId, consentId) : undefined;
      if (!before || !(await personIdsOf(a)).includes(before.personId)) throw AppError.notFound();
      if (before.withdrawnOn) throw new AppError("conflict");
      if (input.withdrawnOn < before.givenOn)
        throw AppError.validation([{ field: "withdrawnOn", code: "consent_withdrawn_before_given" }]);
      return db.transaction(async () => {
        const after = await consentRepo.updateIfVersion(
          db,
          a.tenantId,
          before.id,
          input.version,
          { withdrawnOn: input.withdrawnOn },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record({
          actor: { kind: "user", principal },
          action: "withdraw",
          entityType: "consent",
          entityId: before.id,
          changes: diff({ withdrawnOn: before.withdrawnOn }, { withdrawnOn: after.withdrawnOn }),
          requestId: requestId ?? null,
        });
        return { ...after, state: consentState(after, today()) };
      });
    },

    /** The consent in force today for a referral of `personId` to one of `recipients`, if any. */
    async validFor(
      tenantId: string,
      personId: string,
      purpose: ConsentRow["purpose"],
      recipients: { type: ConsentRow["recipientType"]; id: string }[],
    ): Promise<ConsentRow | undefined> {
      const rows = await consentRepo.valid(db, tenantId, personId, purpose, today(), recipients);
      return rows[0];
    },
  };
}
export type ConsentService = ReturnType<typeof createConsentService>;

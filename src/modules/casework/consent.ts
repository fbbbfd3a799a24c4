import { z } from "zod";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { activeBreakGlass, assertCaseRead, assertCaseWrite } from "./access.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./overview.ts";
import { type CaseHead, type ConsentRow, caseHeadRepo, consentRepo } from "./referrals.repo.ts";
import { CONSENT_PURPOSES, RECIPIENT_TYPES } from "./schema.ts";

/**
 * Einwilligungen (issue 4, data protection): per person, purpose and recipient, with the date
 * given, an optional expiry and a withdrawal date. Withdrawal keeps the record (it documents
 * what was allowed until when). A consent is in force on a day when it was given on or before
 * it, has not expired before it and was not withdrawn on or before it.
 */

export const CONSENT_FORMS = ["written", "oral", "electronic"] as const;
export type ConsentState = "valid" | "expired" | "withdrawn" | "not_yet_valid";

const isoDate = z.iso.date();

export const consentInput = z
  .object({
    personId: z.uuid(),
    purpose: z.enum(CONSENT_PURPOSES),
    recipientType: z.enum(RECIPIENT_TYPES),
    recipientId: z
      .uuid()
      .nullish()
      .or(z.literal("").transform(() => null)),
    form: z.enum(CONSENT_FORMS),
    givenOn: isoDate,
    expiresOn: isoDate.nullish().or(z.literal("").transform(() => null)),
  })
  .superRefine((v, ctx) => {
    if (v.recipientType === "any" && v.recipientId)
      ctx.addIssue({ code: "custom", path: ["recipientId"], message: "code:consent_recipient_any_no_id" });
    if (v.recipientType !== "any" && !v.recipientId)
      ctx.addIssue({ code: "custom", path: ["recipientId"], message: "code:required" });
    if (v.expiresOn && v.expiresOn < v.givenOn)
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "code:consent_expiry_before_given" });
  });
export type ConsentInput = z.input<typeof consentInput>;

export const withdrawInput = z.object({
  version: z.number().int().min(1),
  withdrawnOn: isoDate,
});

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

type Deps = CoreDeps & { audit: AuditService };

/** Loads a case for a consent/referral operation and applies the need-to-know rule (break-glass included). */
export async function caseForPrincipal(
  deps: CoreDeps,
  principal: Principal,
  caseId: string,
  mode: "read" | "write",
): Promise<CaseHead> {
  authorize(principal, mode === "read" ? "cases.read" : "cases.write");
  const head = z.uuid().safeParse(caseId).success
    ? await caseHeadRepo.byId(deps.db, principal.tenantId, caseId)
    : undefined;
  if (!head) throw AppError.notFound();
  const breakGlass = await activeBreakGlass(
    deps.db,
    deps.clock.now(),
    principal.tenantId,
    principal.userId,
    caseId,
  );
  const facts = { tenantId: head.tenantId, officeId: head.officeId, workerIds: head.workerIds };
  if (mode === "read") assertCaseRead(principal, facts, { breakGlass });
  else assertCaseWrite(principal, facts, { breakGlass });
  return head;
}

export function createConsentService(deps: Deps) {
  const { db } = deps;
  const today = () => todayIn(CASEWORK_TIME_ZONE, deps.clock.now());

  async function personsOf(head: CaseHead) {
    return caseHeadRepo.personsOfHousehold(db, head.tenantId, head.householdId);
  }

  return {
    today,

    /** The consents of the case's household members, newest first, with their state today. */
    async list(principal: Principal, caseId: string): Promise<{ consents: ConsentView[]; today: string }> {
      const head = await caseForPrincipal(deps, principal, caseId, "read");
      const people = await personsOf(head);
      const rows = await consentRepo.ofPersons(
        db,
        head.tenantId,
        people.map((p) => p.id),
      );
      const d = today();
      return { consents: rows.map((r) => ({ ...r, state: consentState(r, d) })), today: d };
    },

    async record(
      principal: Principal,
      caseId: string,
      input: unknown,
      requestId?: string,
    ): Promise<ConsentView> {
      const head = await caseForPrincipal(deps, principal, caseId, "write");
      const parsed = consentInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const v = parsed.data;
      const people = await personsOf(head);
      if (!people.some((p) => p.id === v.personId))
        throw AppError.validation([{ field: "personId", code: "not_in_household" }]);
      return db.transaction(async (tx) => {
        const row = await consentRepo.insert(tx, {
          tenantId: head.tenantId,
          personId: v.personId,
          purpose: v.purpose,
          recipientType: v.recipientType,
          recipientId: v.recipientType === "any" ? null : (v.recipientId ?? null),
          form: v.form,
          givenOn: v.givenOn,
          expiresOn: v.expiresOn ?? null,
          recordedBy: principal.userId,
          createdAt: deps.clock.now(),
          updatedAt: deps.clock.now(),
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "consent",
            entityId: row.id,
            // Ids, codes and dates only: no names.
            changes: diff(null, {
              caseId: head.id,
              personId: row.personId,
              purpose: row.purpose,
              recipientType: row.recipientType,
              recipientId: row.recipientId,
              form: row.form,
              givenOn: row.givenOn,
              expiresOn: row.expiresOn,
            }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { ...row, state: consentState(row, today()) };
      });
    },

    /** Withdrawal: sets the date and keeps the record. */
    async withdraw(
      principal: Principal,
      caseId: string,
      consentId: string,
      input: unknown,
      requestId?: string,
    ): Promise<ConsentView> {
      const head = await caseForPrincipal(deps, principal, caseId, "write");
      const parsed = withdrawInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = z.uuid().safeParse(consentId).success
        ? await consentRepo.byId(db, head.tenantId, consentId)
        : undefined;
      const people = await personsOf(head);
      if (!before || !people.some((p) => p.id === before.personId)) throw AppError.notFound();
      if (before.withdrawnOn) throw new AppError("conflict");
      if (parsed.data.withdrawnOn < before.givenOn)
        throw AppError.validation([{ field: "withdrawnOn", code: "consent_withdrawn_before_given" }]);
      return db.transaction(async (tx) => {
        const after = await consentRepo.updateIfVersion(
          tx,
          head.tenantId,
          before.id,
          parsed.data.version,
          { withdrawnOn: parsed.data.withdrawnOn },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "withdraw",
            entityType: "consent",
            entityId: before.id,
            changes: diff({ withdrawnOn: before.withdrawnOn }, { withdrawnOn: after.withdrawnOn }),
            requestId: requestId ?? null,
          },
          tx,
        );
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

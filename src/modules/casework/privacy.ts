import { z } from "zod";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { createEraser } from "./erasure.ts";
import { type DeletedCounts, privacyRepo } from "./privacy.repo.ts";
import { createBreakGlass } from "./privacy-break-glass.ts";
import { createPrivacyContext, type PrivacyDeps, uuid } from "./privacy-context.ts";
import { createSubjectAccess } from "./privacy-subject.ts";

/**
 * Data protection around case work (issue 4), one part per file: break-glass access with review
 * (privacy-break-glass.ts), the data-protection officer's access log and the Art. 15 export
 * (privacy-subject.ts), and here Art. 17 erasure and the legal hold. Retention lives in
 * retention.ts and shares the deletion code (erasure.ts).
 */

export {
  BREAK_GLASS_HOURS,
  BREAK_GLASS_REASON_MIN,
  type BreakGlassView,
  breakGlassInput,
  reviewInput,
} from "./privacy-break-glass.ts";
export type { AccessLogEntry } from "./privacy-subject.ts";

export const legalHoldInput = z
  .object({
    version: z.number().int().min(1),
    hold: z.boolean(),
    reason: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.hold && (!v.reason || v.reason.length < 10))
      ctx.addIssue({ code: "custom", path: ["reason"], message: "code:legal_hold_reason" });
  });

export function createPrivacyService(deps: PrivacyDeps) {
  const ctx = createPrivacyContext(deps);
  const { db, now, findCase, personFor } = ctx;
  const erase = createEraser(deps.dataSubjects);

  return {
    ...createBreakGlass(ctx),
    ...createSubjectAccess(ctx),

    // ---- Art. 17 ----

    /** What erasure would delete (counts), and whether a legal hold blocks it. */
    async erasurePreview(principal: Principal, personId: string) {
      const d = await personFor(principal, "privacy.erase", personId);
      return {
        name: `${d.person.givenName} ${d.person.familyName}`,
        householdRemoved: d.otherPersonIds.length === 0,
        cases: d.otherPersonIds.length === 0 ? d.cases.length : 0,
        legalHold: d.cases.some((c) => c.legalHold),
      };
    },

    /**
     * Deletes the person (and the household with its cases when nobody else is left) in one
     * transaction. Earlier audit entries about the deleted records keep ids only; the erasure's
     * own entry holds ids and counts, no personal data.
     */
    async erase(principal: Principal, personId: string, input: unknown, requestId?: string) {
      const parsed = z.object({ confirm: z.literal(true) }).safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const d = await personFor(principal, "privacy.erase", personId);
      if (d.cases.some((c) => c.legalHold)) throw new AppError("legal_hold_active");
      const tenantId = principal.tenantId;
      const { counts } = await db.transaction(async (tx) => {
        const c: DeletedCounts = {};
        const alone = d.otherPersonIds.length === 0;
        const ids = alone
          ? await erase.household(tx, tenantId, d.person.householdId, c)
          : await erase.person(tx, tenantId, d.person.id, c);
        ids.push(d.person.id);
        if (alone) ids.push(d.person.householdId);
        const redacted = await deps.audit.redactEntities(tx, tenantId, [...new Set(ids)]);
        c.auditEntriesRedacted = redacted;
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: "person",
            entityId: d.person.id,
            changes: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, { old: v, new: 0 }])),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { counts: c };
      });
      return { deleted: counts };
    },

    // ---- legal hold ----

    async legalHold(principal: Principal, caseRef: string) {
      authorize(principal, "cases.legal_hold");
      const c = await findCase(principal.tenantId, caseRef.trim().slice(0, 100));
      if (!c) throw AppError.notFound();
      if (!can(principal, "cases.legal_hold", { officeId: c.officeId })) throw AppError.forbidden();
      const row = (await privacyRepo.caseById(db, principal.tenantId, c.id))!;
      return {
        id: row.id,
        reference: row.reference,
        status: row.status,
        legalHold: row.legalHold,
        legalHoldReason: row.legalHoldReason,
        retentionDueOn: row.retentionDueOn,
        version: row.version,
      };
    },

    async setLegalHold(principal: Principal, caseId: string, input: unknown, requestId?: string) {
      authorize(principal, "cases.legal_hold");
      const parsed = legalHoldInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = uuid.safeParse(caseId).success
        ? await privacyRepo.caseById(db, principal.tenantId, caseId)
        : undefined;
      if (!before) throw AppError.notFound();
      if (!can(principal, "cases.legal_hold", { officeId: before.officeId })) throw AppError.forbidden();
      const after = await db.transaction(async (tx) => {
        const r = await privacyRepo.setLegalHold(
          tx,
          principal.tenantId,
          caseId,
          parsed.data.version,
          { legalHold: parsed.data.hold, legalHoldReason: parsed.data.hold ? parsed.data.reason : null },
          now(),
        );
        if (!r) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: parsed.data.hold ? "legal_hold_set" : "legal_hold_clear",
            entityType: "case",
            entityId: caseId,
            changes: diff({ legalHold: before.legalHold }, { legalHold: r.legalHold }),
            reason: parsed.data.reason,
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
      return {
        id: after.id,
        reference: after.reference,
        status: after.status,
        legalHold: after.legalHold,
        legalHoldReason: after.legalHoldReason,
        retentionDueOn: after.retentionDueOn,
        version: after.version,
      };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;

import { z } from "zod";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import type { DataSubjectHooks } from "../../server/modules.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import type { MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import { mayReadCase } from "./access.ts";
import { consentState } from "./consent.ts";
import { createCaseCrypto } from "./crypto.ts";
import { createEraser } from "./erasure.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./overview.ts";
import { type DeletedCounts, privacyRepo } from "./privacy.repo.ts";
import { caseHeadRepo } from "./referrals.repo.ts";

/**
 * Data protection around case work (issue 4): break-glass access with review, the
 * data-protection officer's access log, Art. 15 export, Art. 17 erasure, legal hold.
 * Retention lives in retention.ts and shares the deletion code here.
 */

export const BREAK_GLASS_HOURS = 4;
export const BREAK_GLASS_REASON_MIN = 30;

const uuid = z.uuid();
const reasonText = (min: number) => z.string().trim().min(min).max(2000);

export const breakGlassInput = z.object({
  /** The case's reference ("2026-00042") or id. */
  case: z.string().trim().min(1).max(100),
  reason: reasonText(BREAK_GLASS_REASON_MIN),
});
export const reviewInput = z.object({
  outcome: z.enum(["justified", "unjustified"]),
  note: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});
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

export type BreakGlassView = {
  id: string;
  userId: string;
  userName: string | null;
  caseId: string;
  caseReference: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  active: boolean;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
};

export type AccessLogEntry = {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorKind: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
};

type Deps = CoreDeps & {
  audit: AuditService;
  mail: MailService;
  users: UserService;
  tenants: TenantService;
  /** Every module's part of a data subject's rights (filled by the composition root, decision 026). */
  dataSubjects: readonly DataSubjectHooks[];
};

export function createPrivacyService(deps: Deps) {
  const { db, config } = deps;
  const crypto = createCaseCrypto(config);
  const now = () => deps.clock.now();
  const dec = (v: string | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    try {
      return crypto.decrypt(v);
    } catch {
      return null;
    }
  };

  const erase = createEraser(deps.dataSubjects);

  /** The other modules' sections of the Art. 15 export, with the ids their access log covers. */
  async function subjectSections(
    tenantId: string,
    d: { person: { id: string }; cases: { id: string; reference: string }[] },
  ) {
    const cases = d.cases.map((c) => ({ id: c.id, reference: c.reference }));
    const sections = await Promise.all(
      deps.dataSubjects.map((h) => h.subjectData?.({ tenantId, personId: d.person.id, cases })),
    );
    return sections.filter((x) => x !== undefined);
  }

  async function staffNames(tenantId: string): Promise<Map<string, string>> {
    return new Map((await deps.users.staffNames(tenantId)).map((u) => [u.id, u.displayName]));
  }

  async function findCase(tenantId: string, ref: string) {
    const byRef = await privacyRepo.caseByReference(db, tenantId, ref);
    if (byRef) return byRef;
    if (!uuid.safeParse(ref).success) return undefined;
    const c = await privacyRepo.caseById(db, tenantId, ref);
    return c ? { id: c.id, officeId: c.officeId, reference: c.reference } : undefined;
  }

  function viewBreakGlass(
    r: Awaited<ReturnType<typeof privacyRepo.breakGlassById>> & object,
    names: Map<string, string>,
    refs: Map<string, string>,
  ): BreakGlassView {
    return {
      id: r.id,
      userId: r.userId,
      userName: names.get(r.userId) ?? null,
      caseId: r.caseId,
      caseReference: refs.get(r.caseId) ?? null,
      reason: r.reason,
      startedAt: r.startedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      active: r.expiresAt > now(),
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      reviewedBy: r.reviewedBy ? (names.get(r.reviewedBy) ?? r.reviewedBy) : null,
      reviewOutcome: r.reviewOutcome,
      reviewNote: r.reviewNote,
    };
  }

  async function viewsOf(
    tenantId: string,
    rows: NonNullable<Awaited<ReturnType<typeof privacyRepo.breakGlassById>>>[],
  ) {
    const [names, cs] = await Promise.all([
      staffNames(tenantId),
      privacyRepo.casesByIds(
        db,
        tenantId,
        rows.map((r) => r.caseId),
      ),
    ]);
    const refs = new Map(cs.map((c) => [c.id, c.reference]));
    return rows.map((r) => viewBreakGlass(r, names, refs));
  }

  /** The person, 404 when unknown; a supervisor's grant must cover the household's office. */
  async function personFor(
    principal: Principal,
    action: "privacy.subject_access" | "privacy.erase",
    personId: string,
  ) {
    authorize(principal, action);
    const p = uuid.safeParse(personId).success
      ? await privacyRepo.person(db, principal.tenantId, personId)
      : undefined;
    if (!p) throw AppError.notFound();
    const dossier = await privacyRepo.dossier(db, principal.tenantId, p.id);
    if (!dossier) throw AppError.notFound();
    if (!can(principal, action, { officeId: dossier.household?.officeId ?? null }))
      throw AppError.forbidden();
    return dossier;
  }

  return {
    // ---- break-glass ----

    /** Opens a case the principal has no regular access to, for BREAK_GLASS_HOURS, and alerts the DPOs. */
    async openBreakGlass(principal: Principal, input: unknown, requestId?: string) {
      authorize(principal, "cases.break_glass");
      const parsed = breakGlassInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const c = await findCase(principal.tenantId, parsed.data.case);
      if (!c) throw AppError.validation([{ field: "case", code: "case_unknown" }]);
      const head = (await caseHeadRepo.byId(db, principal.tenantId, c.id))!;
      if (
        mayReadCase(principal, {
          tenantId: head.tenantId,
          officeId: head.officeId,
          workerIds: head.workerIds,
        })
      )
        throw AppError.validation([{ field: "case", code: "break_glass_not_needed" }]);
      const startedAt = now();
      const row = await db.transaction(async (tx) => {
        const r = await privacyRepo.insertBreakGlass(tx, {
          tenantId: principal.tenantId,
          userId: principal.userId,
          caseId: c.id,
          reason: parsed.data.reason,
          startedAt,
          expiresAt: new Date(startedAt.getTime() + BREAK_GLASS_HOURS * 3_600_000),
          createdAt: startedAt,
        });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "break_glass",
            entityType: "case",
            entityId: c.id,
            changes: diff(null, { breakGlassId: r.id, expiresAt: r.expiresAt.toISOString() }),
            reason: parsed.data.reason,
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
      // The alert: an e-mail to every data-protection officer (and the review queue shows it).
      const [dpos, tenant, names] = await Promise.all([
        deps.users.withRole(principal.tenantId, "data_protection_officer"),
        deps.tenants.byId(principal.tenantId),
        staffNames(principal.tenantId),
      ]);
      const all = catalogs();
      const sent = new Set<string>();
      for (const d of dpos) {
        if (sent.has(d.email)) continue;
        sent.add(d.email);
        const lang = isLanguage(d.preferredLanguage) ? d.preferredLanguage : SOURCE_LANGUAGE;
        const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
        const values = {
          user: names.get(principal.userId) ?? principal.userId,
          reference: c.reference,
          tenant: tenant?.name ?? "Lotse",
          link: `${config.baseUrl}/staff/privacy/review`,
          hours: BREAK_GLASS_HOURS,
        };
        await deps.mail.send({
          tenantId: principal.tenantId,
          to: d.email,
          subject: t("privacy.alert_subject", values),
          text: t("privacy.alert_text", values),
        });
      }
      return (await viewsOf(principal.tenantId, [row]))[0]!;
    },

    /** The principal's own break-glass accesses (active first). */
    async myBreakGlass(principal: Principal) {
      authorize(principal, "cases.break_glass");
      const rows = await privacyRepo.breakGlassList(db, principal.tenantId, { userId: principal.userId }, 50);
      return viewsOf(principal.tenantId, rows);
    },

    async reviewQueue(principal: Principal, filter: { pending?: boolean } = {}) {
      authorize(principal, "privacy.break_glass_review");
      const rows = await privacyRepo.breakGlassList(
        db,
        principal.tenantId,
        { pending: filter.pending ?? false },
        200,
      );
      return viewsOf(principal.tenantId, rows);
    },

    async review(principal: Principal, id: string, input: unknown, requestId?: string) {
      authorize(principal, "privacy.break_glass_review");
      const parsed = reviewInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const before = uuid.safeParse(id).success
        ? await privacyRepo.breakGlassById(db, principal.tenantId, id)
        : undefined;
      if (!before) throw AppError.notFound();
      if (before.reviewedAt) throw new AppError("conflict");
      const after = await db.transaction(async (tx) => {
        const r = await privacyRepo.reviewBreakGlass(tx, principal.tenantId, id, {
          reviewedBy: principal.userId,
          reviewedAt: now(),
          reviewOutcome: parsed.data.outcome,
          reviewNote: parsed.data.note,
        });
        // Someone else reviewed it in the meantime.
        if (!r) throw new AppError("conflict");
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "break_glass_review",
            entityType: "break_glass",
            entityId: id,
            changes: diff({ reviewOutcome: null }, { reviewOutcome: r.reviewOutcome }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return r;
      });
      return (await viewsOf(principal.tenantId, [after]))[0]!;
    },

    // ---- the data-protection officer's access log ----

    /** Persons by name, to pick whose access log to see (name and birth year only). */
    async searchPersons(principal: Principal, q: string) {
      if (
        !["privacy.access_log", "privacy.subject_access", "privacy.erase"].some((a) =>
          can(principal, a as never),
        )
      )
        authorize(principal, "privacy.access_log");
      const query = z.string().trim().min(2).max(100).safeParse(q);
      if (!query.success) return [];
      const rows = await privacyRepo.searchPersons(db, principal.tenantId, query.data, 30);
      return rows.map((r) => ({
        id: r.id,
        name: `${r.givenName} ${r.familyName}`,
        birthYear: r.birthDate ? Number(r.birthDate.slice(0, 4)) : null,
      }));
    },

    /** Who read this person's data: reads of the person, the household, its cases, notes and referrals. */
    async accessLog(
      principal: Principal,
      personId: string,
    ): Promise<{ name: string; entries: AccessLogEntry[] }> {
      authorize(principal, "privacy.access_log");
      const d = uuid.safeParse(personId).success
        ? await privacyRepo.dossier(db, principal.tenantId, personId)
        : undefined;
      if (!d) throw AppError.notFound();
      const ids = [
        d.person.id,
        d.person.householdId,
        ...d.cases.map((c) => c.id),
        ...d.notes.map((n) => n.id),
        ...d.contacts.map((n) => n.id),
        ...d.referrals.map((r) => r.id),
        ...(await subjectSections(principal.tenantId, d)).flatMap((s) => s.entityIds),
      ];
      const [rows, names] = await Promise.all([
        deps.audit.readsOf(principal.tenantId, ids, 1000),
        staffNames(principal.tenantId),
      ]);
      return {
        name: `${d.person.givenName} ${d.person.familyName}`,
        entries: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actorUserId,
          actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
          actorKind: r.actorKind,
          entityType: r.entityType,
          entityId: r.entityId,
          reason: r.reason,
        })),
      };
    },

    // ---- Art. 15 ----

    /** Everything stored about the person (decrypted), plus who read it. Audited as an export. */
    async subjectAccess(principal: Principal, personId: string, requestId?: string) {
      const d = await personFor(principal, "privacy.subject_access", personId);
      const tenantId = principal.tenantId;
      const today = todayIn(CASEWORK_TIME_ZONE, now());
      const sections = await subjectSections(tenantId, d);
      const ids = [
        d.person.id,
        d.person.householdId,
        ...d.cases.map((c) => c.id),
        ...d.notes.map((n) => n.id),
        ...d.contacts.map((n) => n.id),
        ...d.referrals.map((r) => r.id),
        ...sections.flatMap((s) => s.entityIds),
      ];
      const [reads, names] = await Promise.all([
        deps.audit.readsOf(tenantId, ids, 2000),
        staffNames(tenantId),
      ]);
      const { healthEnc, nameKey: _nameKey, ...person } = d.person;
      const h = d.household;
      const exportDoc = {
        generatedAt: now().toISOString(),
        person: { ...person, health: dec(healthEnc) },
        household: h
          ? {
              id: h.id,
              label: h.label,
              street: h.street,
              postcode: h.postcode,
              city: h.city,
              areaId: h.areaId,
              officeId: h.officeId,
              accommodationKind: h.accommodationKind,
              accommodationName: h.accommodationName,
              otherMembers: d.otherPersonIds.length,
            }
          : null,
        familyRelations: d.relations.map((r) => ({
          id: r.id,
          personId: r.personId,
          relatedPersonId: r.relatedPersonId,
          kind: r.kind,
        })),
        cases: d.cases.map((c) => ({
          id: c.id,
          reference: c.reference,
          caseType: c.caseType,
          phaseKey: c.phaseKey,
          housingStage: c.housingStage,
          status: c.status,
          openedOn: c.openedOn,
          closedOn: c.closedOn,
          closureReason: c.closureReason,
          legalHold: c.legalHold,
          retentionDueOn: c.retentionDueOn,
          phaseChanges: d.phaseChanges
            .filter((p) => p.caseId === c.id)
            .map((p) => ({
              fromPhase: p.fromPhase,
              toPhase: p.toPhase,
              changedOn: p.changedOn,
              reason: dec(p.reasonEnc),
            })),
          needs: d.needs
            .filter((n) => n.caseId === c.id && (n.personId === null || n.personId === d.person.id))
            .map((n) => ({
              id: n.id,
              domain: n.domain,
              status: n.status,
              note: dec(n.noteEnc),
              personal: n.personId !== null,
            })),
          helpPlan: d.plan
            .filter((p) => p.caseId === c.id)
            .map((p) => ({
              id: p.id,
              goalId: p.goalId,
              title: p.title,
              dueOn: p.dueOn,
              status: p.status,
              responsible:
                p.responsibleText ?? (p.responsibleUserId ? (names.get(p.responsibleUserId) ?? null) : null),
            })),
          contacts: d.contacts
            .filter((x) => x.caseId === c.id)
            .map((x) => ({
              id: x.id,
              kind: x.kind,
              occurredAt: x.occurredAt.toISOString(),
              durationMinutes: x.durationMinutes,
              note: dec(x.noteEnc),
            })),
          notes: d.notes
            .filter((n) => n.caseId === c.id && (n.personId === null || n.personId === d.person.id))
            .map((n) => ({
              id: n.id,
              text: dec(n.textEnc),
              health: n.health,
              createdAt: n.createdAt.toISOString(),
            })),
          attachments: d.attachments
            .filter((a) => a.caseId === c.id)
            .map((a) => ({
              id: a.id,
              fileName: dec(a.fileNameEnc),
              mimeType: a.mimeType,
              byteSize: a.byteSize,
            })),
        })),
        consents: d.consents.map((c) => ({
          id: c.id,
          purpose: c.purpose,
          recipientType: c.recipientType,
          recipientId: c.recipientId,
          form: c.form,
          givenOn: c.givenOn,
          expiresOn: c.expiresOn,
          withdrawnOn: c.withdrawnOn,
          state: consentState(c, today),
        })),
        referrals: d.referrals.map((r) => ({
          id: r.id,
          kind: r.kind,
          targetType: r.targetType,
          targetId: r.targetId,
          status: r.status,
          shared: (() => {
            const s = dec(r.sharedEnc);
            try {
              return s ? (JSON.parse(s) as unknown) : null;
            } catch {
              return null;
            }
          })(),
          consentId: r.consentId,
          consentOverrideReason: dec(r.consentOverrideReasonEnc),
          decisionReason: r.decisionReason,
          sentAt: r.createdAt.toISOString(),
          decidedAt: r.decidedAt?.toISOString() ?? null,
          outcomeAt: r.outcomeAt?.toISOString() ?? null,
        })),
        ...Object.fromEntries(sections.map((x) => [x.key, x.section])),
        accessLog: reads.map((r) => ({
          at: r.at.toISOString(),
          actor: r.actorUserId ? (names.get(r.actorUserId) ?? r.actorUserId) : r.actorKind,
          entityType: r.entityType,
          entityId: r.entityId,
          reason: r.reason,
        })),
      };
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "export",
        entityType: "person",
        entityId: d.person.id,
        changes: diff(null, { article: "15", cases: d.cases.length }),
        requestId: requestId ?? null,
      });
      return exportDoc;
    },

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

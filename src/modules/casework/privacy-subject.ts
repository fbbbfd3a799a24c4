import { z } from "zod";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { consentState } from "./consent.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./overview.ts";
import { privacyRepo } from "./privacy.repo.ts";
import { type PrivacyContext, uuid } from "./privacy-context.ts";

/** The data-protection officer's access log and the Art. 15 export of a person. */

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

export function createSubjectAccess(ctx: PrivacyContext) {
  const { deps, db, now, dec, subjectSections, staffNames, personFor } = ctx;

  return {
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
      const exportDoc = exportDocument(d, sections, reads, names, dec, { now: now(), today });
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
  };
}

type Dossier = NonNullable<Awaited<ReturnType<typeof privacyRepo.dossier>>>;
type Section = { key: string; section: unknown };
type Read = Awaited<ReturnType<PrivacyContext["deps"]["audit"]["readsOf"]>>[number];

/** The Art. 15 document: everything stored about the person (decrypted), and who read it. */
function exportDocument(
  d: Dossier,
  sections: Section[],
  reads: Read[],
  names: Map<string, string>,
  dec: PrivacyContext["dec"],
  at: { now: Date; today: string },
) {
  const { healthEnc, nameKey: _nameKey, ...person } = d.person;
  const h = d.household;
  return {
    generatedAt: at.now.toISOString(),
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
      state: consentState(c, at.today),
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
}

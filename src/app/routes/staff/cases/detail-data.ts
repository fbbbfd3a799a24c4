import type { CaseworkService } from "#app/modules/casework/service.ts";

type CaseDetail = Awaited<ReturnType<CaseworkService["cases"]["get"]>>;

/** What the case page shows of a case: plain values only (dates as ISO strings), no handle, no ciphertext. */
export function casePageData(d: CaseDetail) {
  return {
    caseId: d.case.id,
    case: {
      id: d.case.id,
      reference: d.case.reference,
      caseType: d.case.caseType,
      housingStage: d.case.housingStage,
      phaseKey: d.case.phaseKey,
      status: d.case.status,
      openedOn: d.case.openedOn,
      closedOn: d.case.closedOn,
      closureReason: d.case.closureReason,
      retentionDueOn: d.case.retentionDueOn,
      version: d.case.version,
    },
    breakGlass: d.breakGlass,
    office: d.office ? { id: d.office.id, name: d.office.name } : null,
    household: { id: d.household.id, label: d.household.label },
    persons: d.persons.map((p) => ({
      id: p.id,
      name: `${p.givenName} ${p.familyName}`,
      birthDate: p.birthDate,
      residenceStatus: p.residenceStatus,
      languages: p.languages,
      householdRelation: p.householdRelation,
    })),
    workers: d.workers,
    phases: d.phases.filter((p) => p.active).map((p) => ({ key: p.key, label: p.label })),
    allPhases: d.phases.map((p) => ({ key: p.key, label: p.label })),
    phaseHistory: d.phaseHistory,
    needs: d.needs.map((n) => ({
      id: n.id,
      domain: n.domain,
      status: n.status,
      note: n.note,
      personId: n.personId,
      version: n.version,
    })),
    planItems: d.planItems.map((p) => ({
      id: p.id,
      goalId: p.goalId,
      title: p.title,
      dueOn: p.dueOn,
      status: p.status,
      responsibleName: p.responsibleName,
      responsibleText: p.responsibleText,
      responsibleUserId: p.responsibleUserId,
      needId: p.needId,
      version: p.version,
    })),
    contacts: d.contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      occurredAt: c.occurredAt.toISOString(),
      durationMinutes: c.durationMinutes,
      note: c.note,
      authorName: c.authorName,
    })),
    notes: d.notes.map((n) => ({
      id: n.id,
      text: n.text,
      health: n.health,
      authorName: n.authorName,
      createdAt: n.createdAt.toISOString(),
      version: n.version,
    })),
    attachments: d.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mimeType: a.mimeType,
      byteSize: a.byteSize,
      createdAt: a.createdAt.toISOString(),
    })),
    staff: d.staff,
    canAssign: d.canAssign,
    canWrite: d.canWrite,
  };
}

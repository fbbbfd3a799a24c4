import type { z } from "zod";
import type { CaseRow } from "./cases.repo.ts";
import type { CaseService } from "./cases.ts";
import type { HouseholdRow } from "./households.repo.ts";
import type { HouseholdService } from "./households.ts";
import type { PersonView } from "./persons.ts";
import type { caseDetailView, caseView, householdDetailView, householdView, personView } from "./views.ts";

/** Service results in the shape the API declares (`views.ts`): dates as ISO strings, no tenant ids. */

const iso = (d: Date) => d.toISOString();
const stamps = <T extends { createdAt: Date }>(x: T) => ({ ...x, createdAt: iso(x.createdAt) });
const stamps2 = <T extends { createdAt: Date; updatedAt: Date }>(x: T) => ({
  ...x,
  createdAt: iso(x.createdAt),
  updatedAt: iso(x.updatedAt),
});

export function householdOut(h: HouseholdRow): z.input<typeof householdView> {
  const { tenantId: _t, ...rest } = h;
  return stamps2(rest);
}

export function personOut(p: PersonView): z.input<typeof personView> {
  return stamps2(p);
}

export function caseOut(c: CaseRow): z.input<typeof caseView> {
  const { tenantId: _t, legalHoldReason: _r, ...rest } = c;
  return stamps2(rest);
}

export function householdDetailOut(
  d: Awaited<ReturnType<HouseholdService["get"]>>,
): z.input<typeof householdDetailView> {
  return {
    ...d,
    household: householdOut(d.household),
    persons: d.persons.map(personOut),
    relations: d.relations.map(({ tenantId: _t, ...r }) => stamps(r)),
  };
}

export function caseDetailOut(d: Awaited<ReturnType<CaseService["get"]>>): z.input<typeof caseDetailView> {
  return {
    case: caseOut(d.case),
    breakGlass: d.breakGlass,
    office: d.office,
    household: householdOut(d.household),
    persons: d.persons.map(personOut),
    workers: d.workers,
    phases: d.phases.map(({ id, key, label, sort, active }) => ({ id, key, label, sort, active })),
    phaseHistory: d.phaseHistory,
    needs: d.needs.map(({ tenantId: _t, ...n }) => stamps2(n)),
    planItems: d.planItems.map(({ tenantId: _t, ...p }) => stamps2(p)),
    contacts: d.contacts.map(({ tenantId: _t, ...x }) => ({
      ...stamps(x),
      occurredAt: iso(x.occurredAt),
    })),
    notes: d.notes.map(({ tenantId: _t, ...n }) => stamps2(n)),
    attachments: d.attachments.map(({ tenantId: _t, ...a }) => stamps(a)),
    canAssign: d.canAssign,
    canWrite: d.canWrite,
  };
}

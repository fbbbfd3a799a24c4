import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { OfficeService } from "../offices/service.ts";
import type { UserService } from "../users/service.ts";
import { caseAccess } from "./access.ts";
import { caseListRepo } from "./case-list.repo.ts";
import type { CaseOpening } from "./case-opening.ts";
import { attachmentRepo, contactRepo, needRepo, noteRepo, planItemRepo } from "./case-records.repo.ts";
import { caseRepo } from "./cases.repo.ts";
import type { CaseInput, CaseListQuery } from "./contracts.ts";
import type { CaseCrypto } from "./crypto.ts";
import { CASEWORK_TIME_ZONE, todayIn } from "./dates.ts";
import type { AccessMode, CaseGuard } from "./guard.ts";
import { householdRepo } from "./households.repo.ts";
import type { CaseAccess } from "./model.ts";
import { personRepo } from "./persons.repo.ts";
import { personRecord } from "./persons.ts";
import type { CaseworkSettingsService } from "./settings.ts";
import { type Audited, userActor } from "./support.ts";

type Deps = CoreDeps & {
  audit: AuditService;
  offices: OfficeService;
  users: UserService;
  guard: CaseGuard;
  crypto: CaseCrypto;
  settings: CaseworkSettingsService;
  opening: CaseOpening;
};

/** Fälle: open a case for a household, the case list, the case page, the form options. */
export function createCaseService(deps: Deps) {
  const { db, guard, crypto } = deps;
  const person = personRecord(crypto);

  /** Everything that belongs to a case, read at once (the case page shows it all). */
  async function contents(tenantId: string, caseId: string, householdId: string) {
    const [
      household,
      persons,
      phases,
      history,
      needs,
      planItems,
      contacts,
      notes,
      attachments,
      staff,
      workers,
    ] = await Promise.all([
      householdRepo.byId(db, tenantId, householdId),
      personRepo.ofHousehold(db, tenantId, householdId),
      deps.settings.phases(tenantId),
      caseRepo.phaseChanges(db, tenantId, caseId),
      needRepo.ofCase(db, tenantId, caseId),
      planItemRepo.ofCase(db, tenantId, caseId),
      contactRepo.ofCase(db, tenantId, caseId),
      noteRepo.ofCase(db, tenantId, caseId),
      attachmentRepo.ofCase(db, tenantId, caseId),
      deps.users.staffNames(tenantId),
      caseRepo.workersOf(db, tenantId, [caseId]),
    ]);
    return {
      household: household!,
      persons,
      phases,
      history,
      needs,
      planItems,
      contacts,
      notes,
      attachments,
      staff,
      workers,
    };
  }

  /** The decrypted views of a case's records, with staff names instead of user ids. */
  function decrypted(c: Awaited<ReturnType<typeof contents>>) {
    const names = new Map(c.staff.map((s) => [s.id, s.displayName]));
    const nameOf = (id: string | null) => (id ? (names.get(id) ?? "—") : null);
    return {
      household: c.household,
      persons: c.persons.map(person.view),
      workers: c.workers.map((w) => ({
        userId: w.userId,
        lead: w.lead,
        displayName: nameOf(w.userId) ?? "—",
      })),
      phases: c.phases,
      phaseHistory: c.history.map((h) => ({
        id: h.id,
        fromPhase: h.fromPhase,
        toPhase: h.toPhase,
        changedOn: h.changedOn,
        reason: crypto.decryptOptional(h.reasonEnc),
        changedBy: nameOf(h.changedBy),
      })),
      needs: c.needs.map(({ noteEnc, ...n }) => ({ ...n, note: crypto.decryptOptional(noteEnc) })),
      planItems: c.planItems.map((p) => ({ ...p, responsibleName: nameOf(p.responsibleUserId) })),
      contacts: c.contacts.map(({ noteEnc, ...x }) => ({
        ...x,
        note: crypto.decryptOptional(noteEnc),
        authorName: nameOf(x.authorId),
      })),
      notes: c.notes.map(({ textEnc, ...n }) => ({
        ...n,
        text: crypto.decrypt(textEnc),
        authorName: nameOf(n.authorId),
      })),
      attachments: c.attachments.map(({ fileNameEnc, ...a }) => ({
        ...a,
        fileName: crypto.decrypt(fileNameEnc),
        authorName: nameOf(a.authorId),
      })),
      staff: c.staff,
    };
  }

  return {
    /** Opens a case for a household (office from the household; assigning others needs cases.assign). */
    async create(principal: Principal, householdId: string, input: CaseInput, opts: Audited = {}) {
      const { household } = await guard.loadHousehold(principal, householdId, "write");
      if (household.mergedInto) throw new AppError("conflict");
      await deps.settings.ensureTenant(principal.tenantId);
      await deps.opening.checkOffice(principal.tenantId, input.officeId, "officeId");
      const officeId = input.officeId ?? household.officeId;
      const workerIds = await deps.opening.team(principal, officeId, input);
      if (!guard.mayDo(principal, "write", { tenantId: principal.tenantId, officeId, workerIds }))
        throw AppError.validation([{ field: "officeId", code: "office_not_yours" }]);
      return db.transaction(() =>
        deps.opening.insert(principal, household, { ...input, workerIds }, opts.requestId),
      );
    },

    /** The filtered, access-scoped, paged case list; the read of the list (its ids) is audited. */
    async list(principal: Principal, q: CaseListQuery, opts: Audited = {}) {
      authorize(principal, "cases.read");
      const scope = caseAccess(principal);
      const rows = await caseListRepo.list(
        db,
        principal.tenantId,
        {
          officeIds: scope.officeIds,
          userId: principal.userId,
          office: q.office,
          phase: q.phase || undefined,
          status: q.status,
          type: q.type,
          worker: q.worker,
          q: q.q || undefined,
          overdueBefore: q.overdue ? todayIn(CASEWORK_TIME_ZONE, deps.clock.now()) : undefined,
        },
        q.limit + 1,
        q.offset,
      );
      const items = rows.slice(0, q.limit);
      await deps.audit.record({
        actor: userActor(principal),
        action: "read",
        entityType: "case_list",
        changes: { caseIds: { old: null, new: items.map((i) => i.id) } },
        requestId: opts.requestId ?? null,
      });
      return { items, hasMore: rows.length > q.limit, limit: q.limit, offset: q.offset };
    },

    /**
     * The case with everything that belongs to it, decrypted, and its `CaseAccess` handle for
     * the questionnaires and referrals shown with it. Audited once: one entry for the case
     * (exposed person and note ids), one per person and one per note shown.
     */
    async get(principal: Principal, caseId: string, opts: Audited = {}) {
      const { row, facts, breakGlass, access } = await guard.loadCase(principal, caseId, "read");
      const c = await contents(principal.tenantId, row.id, row.householdId);
      await deps.audit.recordReads(
        principal,
        [
          {
            entityType: "case",
            entityId: row.id,
            exposed: { personIds: c.persons.map((p) => p.id), noteIds: c.notes.map((n) => n.id) },
          },
          ...c.persons.map((p) => ({ entityType: "person", entityId: p.id })),
          ...c.notes.map((n) => ({ entityType: "case_note", entityId: n.id })),
        ],
        { requestId: opts.requestId ?? null, reason: breakGlass ? "break_glass" : null },
      );
      const office = row.officeId ? await deps.offices.byId(principal.tenantId, row.officeId) : null;
      return {
        case: row,
        access,
        breakGlass,
        office,
        ...decrypted(c),
        canAssign: can(principal, "cases.assign", { officeId: facts.officeId }),
        canWrite: guard.mayDo(principal, "write", facts) || breakGlass,
      };
    },

    /**
     * The need-to-know check alone, for pages that show something of a case without its
     * contents (consents, referrals): the handle, no audited read.
     */
    async access(principal: Principal, caseId: string, mode: AccessMode): Promise<CaseAccess> {
      return (await guard.loadCase(principal, caseId, mode)).access;
    },

    /** Offices, phases and staff for filters and forms (no case data). */
    async options(principal: Principal) {
      authorize(principal, "cases.read");
      const [offices, phases, staff] = await Promise.all([
        deps.offices.listSummaries(principal.tenantId),
        deps.settings.phases(principal.tenantId),
        deps.users.staffNames(principal.tenantId),
      ]);
      return { offices, phases, staff, ownOffice: guard.ownOffice(principal) };
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;

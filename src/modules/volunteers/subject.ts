import type { DataSubjectHooks } from "../../server/modules.ts";
import { caseRequestRepo } from "./case-request-repo.ts";
import type { VolunteerDeps } from "./deps.ts";
import { hoursRepo, tandemRepo } from "./tandem-repo.ts";

/**
 * The pool's part of a case-work person's rights (ROUND4; decision 076). A tandem registered
 * from a case names the case and the person: when case work erases the person or the household
 * (Art. 17, or retention of a closed case) the tandem and its hours go in the same transaction;
 * the person's Art. 15 export lists their tandems. Tandems entered by name are not case work's
 * and stay with the pool's own erasure (`DELETE /volunteer-tandems/{id}`).
 * A mediation request from a case (decision 084) stays — it is the mediator's assignment and
 * counts in their statement — but loses its case and person.
 */
export function createSubjectHooks(deps: Pick<VolunteerDeps, "db">): DataSubjectHooks {
  return {
    async eraseSubject(tx, scope, counts) {
      const rows = await tandemRepo.ofSubject(tx, scope.tenantId, scope.personIds, scope.caseIds);
      for (const t of rows) await tandemRepo.delete(tx, scope.tenantId, t.id);
      if (rows.length) counts.volunteer_tandems = (counts.volunteer_tandems ?? 0) + rows.length;
      const requests = await caseRequestRepo.ofSubject(tx, scope.tenantId, scope.personIds, scope.caseIds);
      const unlinked = await caseRequestRepo.unlink(
        tx,
        scope.tenantId,
        requests.map((r) => r.id),
      );
      if (unlinked) counts.mediation_requests_unlinked = (counts.mediation_requests_unlinked ?? 0) + unlinked;
      return rows.map((t) => t.id);
    },

    async subjectData({ tenantId, personId, cases }) {
      const rows = await tandemRepo.ofSubject(deps.db, tenantId, [personId], []);
      const minutes = await hoursRepo.ofTandems(
        deps.db,
        tenantId,
        rows.map((t) => t.id),
      );
      // The partner is named by role only: the volunteer's own data are not the newcomer's.
      const section = rows.map((t) => ({
        caseReference: cases.find((c) => c.id === t.caseId)?.reference ?? null,
        offers: t.offers,
        wants: t.wants,
        area: t.area,
        state: t.state,
        paired: t.volunteerId !== null,
        startedOn: t.startedOn,
        endedOn: t.endedOn,
        endReason: t.endReason,
        minutes: minutes.get(t.id) ?? 0,
        registeredAt: t.createdAt.toISOString(),
      }));
      // Mediators asked for from a case for this person: the facts, not the mediator.
      const requests = (await caseRequestRepo.ofSubject(deps.db, tenantId, [personId], [])).map((r) => ({
        caseReference: cases.find((c) => c.id === r.caseId)?.reference ?? null,
        language: r.language,
        mode: r.mode,
        setting: r.setting,
        date: r.date,
        durationMinutes: r.durationMinutes,
        state: r.state,
        requestedAt: r.createdAt.toISOString(),
      }));
      return {
        key: "volunteer_pool",
        section: { volunteer_tandems: section, mediation_requests: requests },
        entityIds: rows.map((t) => t.id),
      };
    },
  };
}

import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { EscalateInput } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { conflictRepo } from "./repo.ts";
import { createNamer, fieldError, kindName, mailTranslator } from "./shared.ts";
import { createSaver } from "./work.ts";

/**
 * Escalation to the steering group (issue 20, 2; decisions 052 and 103): the contact point
 * escalates with a reason, optionally onto a network body's agenda; the steering group reads the
 * escalated conflicts under pseudonyms.
 */
export function createEscalations(deps: ConflictDeps) {
  const { db } = deps;
  const namer = createNamer(deps);
  const { load, save } = createSaver(deps);

  return {
    /**
     * To the steering group, with the reason (it sees pseudonyms only). Naming a body also puts a
     * non-public item on its next meeting's agenda through the network (decision 103): reference,
     * kind and area only, never the reason or the parties. Without a meeting ahead nothing is
     * saved and the field says so; the escalation and the item commit together or not at all.
     */
    async escalate(principal: Principal, id: string, input: EscalateInput, requestId?: string, at?: Date) {
      authorize(principal, "conflicts.handle");
      const c = await load(principal.tenantId, id);
      if (c.state === "closed") throw new AppError("conflict");
      const bodyId = input.bodyId ?? null;
      if (bodyId) {
        const bodies = deps.agenda ? await deps.agenda.bodies(principal.tenantId) : [];
        if (!bodies.some((b) => b.id === bodyId)) throw fieldError("bodyId", "conflict_unknown_body");
      }
      return db.transaction(async () => {
        let agenda: { meetingId: string; startsAt: string; number: string } | null = null;
        if (bodyId && deps.agenda) {
          const names = await namer(principal.tenantId);
          // The agenda is the body's, written in the tenant's source language.
          const { t } = mailTranslator(SOURCE_LANGUAGE);
          agenda = await deps.agenda.propose(principal.tenantId, bodyId, {
            title: t("conflicts.agenda_item_title", {
              reference: c.reference,
              kind: kindName(t, c.kind),
              area: names.area(c.areaId) ?? "—",
            }),
            source: "conflicts",
          });
          if (!agenda) throw fieldError("bodyId", "conflict_no_next_meeting");
        }
        const after = await save(
          principal,
          c,
          input.version,
          {
            escalatedAt: at ?? deps.clock.now(),
            escalationReason: input.reason,
            escalationBodyId: bodyId,
            escalationMeetingId: agenda?.meetingId ?? null,
          },
          "escalate",
          requestId,
        );
        return { ...after, agenda };
      });
    },

    /** Bodies an escalation can go onto the agenda of (the network's; none without it). */
    async escalationBodies(principal: Principal) {
      authorize(principal, "conflicts.handle");
      return deps.agenda ? deps.agenda.bodies(principal.tenantId) : [];
    },

    /** The steering group's list: escalated conflicts with pseudonyms, area, kind and reason. */
    async escalated(principal: Principal, requestId?: string) {
      authorize(principal, "conflicts.escalated");
      const rows = await conflictRepo.escalated(db, principal.tenantId);
      const extra = new Map(
        (
          await conflictRepo.escalationReasons(
            db,
            principal.tenantId,
            rows.map((r) => r.id),
          )
        ).map((r) => [r.id, r]),
      );
      const names = await namer(principal.tenantId);
      if (rows.length) {
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "conflict_escalation", entityId: r.id })),
          { requestId: requestId ?? null },
        );
      }
      return rows.map((r) => ({
        reference: r.reference,
        areaName: names.area(r.areaId),
        kind: r.kind,
        urgency: r.urgency,
        state: r.state,
        parties: extra.get(r.id)?.parties ?? [],
        reason: extra.get(r.id)?.reason ?? null,
        escalatedAt: r.escalatedAt!.toISOString(),
        meetingId: extra.get(r.id)?.meetingId ?? null,
      }));
    },
  };
}

import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { StrategyDeps } from "./deps.ts";
import { type Responsible, responsibleCandidates } from "./people.ts";
import { treeRepo } from "./repo.ts";
import type {
  NarrativeView,
  OpenRound,
  ReviewNarrative,
  RoundView,
  WriteNarrative,
} from "./rounds.contracts.ts";
import { canWrite, isMissing, type NarrativeStatus, reminderAt } from "./rounds.model.ts";
import { type NarrativeWithNode, type RoundRow, roundsRepo } from "./rounds.repo.ts";
import { createRoundMail, inYear } from "./rounds-mail.ts";

export const ROUND_REMINDER_JOB = "strategy.round_reminder";

/**
 * The report round (issue 16, 4; decision 098): the coordinator opens a round for a year with a
 * deadline; each person named responsible for a node of the year is mailed (in their language,
 * with a link) and writes the node's narrative; the coordinator approves it or asks for changes;
 * a reminder goes once before the deadline. A person sees and edits only the narratives of the
 * nodes they are responsible for (need-to-know, checked here against the round's list).
 */
export function createRounds(deps: StrategyDeps) {
  const { db } = deps;

  const roundView = (r: RoundRow, narratives: { status: NarrativeStatus }[]): RoundView => ({
    id: r.id,
    year: r.year,
    deadline: r.deadline,
    status: r.status,
    reminded: r.remindedAt !== null,
    version: r.version,
    counts: { total: narratives.length, approved: narratives.filter((n) => n.status === "approved").length },
  });

  const narrativeView = (
    n: NarrativeWithNode,
    people: Map<string, Responsible>,
    p: Principal,
  ): NarrativeView => ({
    id: n.id,
    roundId: n.roundId,
    year: n.year,
    deadline: n.deadline,
    roundStatus: n.roundStatus,
    nodeId: n.nodeId,
    nodeTitle: n.nodeTitle,
    nodeKind: n.nodeKind,
    responsible: n.userIds.map((id) => people.get(id)?.displayName ?? "–"),
    text: n.text,
    status: n.status,
    reviewNote: n.reviewNote,
    version: n.version,
    writable: n.userIds.includes(p.userId) && canWrite(n.roundStatus, n.status),
  });

  const peopleOf = async (tenantId: string) =>
    new Map((await responsibleCandidates(deps, tenantId)).map((u) => [u.id, u]));

  const mailPeople = createRoundMail(deps);

  async function loadNarrative(tenantId: string, id: string) {
    const n = await roundsRepo.narrative(db, tenantId, id);
    if (!n) throw AppError.notFound();
    return n;
  }

  async function enqueueReminder(tenantId: string, round: RoundRow, tx: DbOrTx = db) {
    const now = deps.clock.now();
    const at = reminderAt(round.deadline);
    await deps.jobs.enqueue(
      ROUND_REMINDER_JOB,
      { roundId: round.id },
      { tenantId, runAt: at > now ? at : now, maxAttempts: 3, dedupeKey: `round-${round.id}` },
      tx,
    );
  }

  /** The reminder: once per round (claimed in the same transaction as its mails). */
  async function remind(tenantId: string, roundId: string): Promise<number> {
    return db.transaction(async (tx) => {
      const round = await roundsRepo.claimReminder(tx, tenantId, roundId, deps.clock.now());
      if (!round) return 0;
      const open = (await roundsRepo.ofRound(tx, tenantId, roundId)).filter(
        (n) => n.status !== "approved" && n.status !== "submitted",
      );
      const byUser = new Map<string, string[]>();
      for (const n of open) for (const u of n.userIds) byUser.set(u, [...(byUser.get(u) ?? []), n.nodeTitle]);
      return mailPeople(tx, tenantId, "reminder", round, byUser, await peopleOf(tenantId));
    });
  }

  deps.jobs.register(ROUND_REMINDER_JOB, async (payload, ctx) => {
    const roundId = typeof payload.roundId === "string" ? payload.roundId : "";
    if (!roundId) return;
    const sent = await remind(ctx.tenantId, roundId);
    deps.logger.info({ tenantId: ctx.tenantId, roundId, sent }, "strategy round reminder");
  });

  return {
    /** Staff who may be named responsible for a node (pickers; the tree's check). */
    async responsibleCandidates(principal: Principal, tenantId: string) {
      authorize(principal, "strategy.edit");
      return (await responsibleCandidates(deps, tenantId)).map((u) => ({
        id: u.id,
        displayName: u.displayName,
      }));
    },

    /** Opens the year's round: asks everyone responsible for a node of the year, by mail. */
    async openRound(principal: Principal, tenantId: string, input: OpenRound, requestId?: string) {
      authorize(principal, "strategy.edit");
      if (await roundsRepo.byYear(db, tenantId, input.year))
        throw AppError.validation([{ field: "year", code: "strategy_round_exists" }]);
      const today = deps.clock.now().toISOString().slice(0, 10);
      if (input.deadline < today)
        throw AppError.validation([{ field: "deadline", code: "strategy_deadline_past" }]);
      const people = await peopleOf(tenantId);
      const nodes = (await treeRepo.nodes(db, tenantId))
        .filter((n) => n.status !== "dropped" && inYear(input.year, n.periodFrom, n.periodTo))
        .map((n) => ({ ...n, asked: n.responsibleUserIds.filter((u) => people.has(u)) }))
        .filter((n) => n.asked.length > 0);
      if (nodes.length === 0) throw AppError.validation([{ field: "year", code: "strategy_round_nobody" }]);
      return db.transaction(async (tx) => {
        const round = await roundsRepo.insert(tx, {
          tenantId,
          year: input.year,
          deadline: input.deadline,
          openedBy: principal.userId,
        });
        await roundsRepo.insertNarratives(
          tx,
          nodes.map((n) => ({ tenantId, roundId: round.id, nodeId: n.id, userIds: n.asked })),
        );
        const byUser = new Map<string, string[]>();
        for (const n of nodes) for (const u of n.asked) byUser.set(u, [...(byUser.get(u) ?? []), n.title]);
        await mailPeople(tx, tenantId, "asked", round, byUser, people);
        await enqueueReminder(tenantId, round, tx);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "create",
            entityType: "strategy_round",
            entityId: round.id,
            changes: { year: { old: null, new: round.year }, narratives: { old: null, new: nodes.length } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return roundView(
          round,
          nodes.map(() => ({ status: "requested" as const })),
        );
      });
    },

    async rounds(principal: Principal, tenantId: string): Promise<RoundView[]> {
      authorize(principal, "strategy.edit");
      const rows = await roundsRepo.list(db, tenantId);
      return Promise.all(rows.map(async (r) => roundView(r, await roundsRepo.ofRound(db, tenantId, r.id))));
    },

    /** The coordinator's view of a round: every narrative with its people and status. */
    async round(principal: Principal, tenantId: string, id: string) {
      authorize(principal, "strategy.edit");
      const r = await roundsRepo.byId(db, tenantId, id);
      if (!r) throw AppError.notFound();
      const [narratives, people] = await Promise.all([
        roundsRepo.ofRound(db, tenantId, id),
        peopleOf(tenantId),
      ]);
      return {
        round: roundView(r, narratives),
        narratives: narratives.map((n) => narrativeView(n, people, principal)),
      };
    },

    /** Closes a round once every narrative is approved; else the conflict names how many are missing. */
    async closeRound(principal: Principal, tenantId: string, id: string, input: { version: number }) {
      authorize(principal, "strategy.edit");
      const r = await roundsRepo.byId(db, tenantId, id);
      if (!r) throw AppError.notFound();
      if (r.status === "closed") throw AppError.versionConflict(r.version);
      const missing = (await roundsRepo.ofRound(db, tenantId, id)).filter((n) => isMissing(n.status)).length;
      if (missing > 0)
        throw new AppError("conflict", {
          fields: [{ field: "version", code: "strategy_round_incomplete", params: { missing } }],
        });
      const closed = await roundsRepo.close(db, tenantId, id, input.version, deps.clock.now());
      if (!closed) throw AppError.versionConflict(r.version);
      return roundView(closed, []);
    },

    /** The narratives the caller was asked for (need-to-know: only their own nodes). */
    async myNarratives(principal: Principal, tenantId: string): Promise<NarrativeView[]> {
      authorize(principal, "strategy.narrate");
      const [rows, people] = await Promise.all([
        roundsRepo.ofUser(db, tenantId, principal.userId),
        peopleOf(tenantId),
      ]);
      return rows.map((n) => narrativeView(n, people, principal));
    },

    /** One narrative: for the people responsible for its node, and for the coordinator. */
    async narrative(principal: Principal, tenantId: string, id: string): Promise<NarrativeView> {
      const n = await loadNarrative(tenantId, id);
      if (!(can(principal, "strategy.narrate") && n.userIds.includes(principal.userId)))
        authorize(principal, "strategy.edit");
      return narrativeView(n, await peopleOf(tenantId), principal);
    },

    /** The responsible person saves (draft) or hands in (submit) the text; a stale version is a 409. */
    async writeNarrative(
      principal: Principal,
      tenantId: string,
      id: string,
      input: WriteNarrative,
      requestId?: string,
    ) {
      authorize(principal, "strategy.narrate");
      const n = await loadNarrative(tenantId, id);
      if (!n.userIds.includes(principal.userId)) throw AppError.forbidden();
      if (!canWrite(n.roundStatus, n.status))
        throw AppError.validation([{ field: "text", code: "strategy_narrative_locked" }]);
      if (input.submit && !input.text) throw AppError.validation([{ field: "text", code: "required" }]);
      const status: NarrativeStatus = input.submit
        ? "submitted"
        : n.status === "changes_requested"
          ? "changes_requested"
          : "draft";
      return db.transaction(async (tx) => {
        const after = await roundsRepo.updateNarrative(
          tx,
          tenantId,
          id,
          input.version,
          { text: input.text, status, updatedBy: principal.userId },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(n.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "update",
            entityType: "strategy_narrative",
            entityId: id,
            changes: { status: { old: n.status, new: status } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return { id: after.id, status: after.status, version: after.version };
      });
    },

    /** The coordinator approves a handed-in narrative or asks for changes (with a note, mailed). */
    async reviewNarrative(
      principal: Principal,
      tenantId: string,
      id: string,
      input: ReviewNarrative,
      requestId?: string,
    ) {
      authorize(principal, "strategy.approve");
      const n = await loadNarrative(tenantId, id);
      if (n.roundStatus !== "open" || n.status !== "submitted")
        throw AppError.validation([{ field: "decision", code: "strategy_narrative_not_submitted" }]);
      if (input.decision === "changes" && !input.note)
        throw AppError.validation([{ field: "note", code: "required" }]);
      const status: NarrativeStatus = input.decision === "approve" ? "approved" : "changes_requested";
      return db.transaction(async (tx) => {
        const after = await roundsRepo.updateNarrative(
          tx,
          tenantId,
          id,
          input.version,
          { status, reviewNote: input.note, updatedBy: principal.userId },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(n.version);
        if (status === "changes_requested") {
          const byUser = new Map(n.userIds.map((u) => [u, [n.nodeTitle]]));
          await mailPeople(tx, tenantId, "changes", n, byUser, await peopleOf(tenantId));
        }
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: input.decision === "approve" ? "approve" : "return",
            entityType: "strategy_narrative",
            entityId: id,
            changes: { status: { old: n.status, new: status } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return { id: after.id, status: after.status, version: after.version };
      });
    },

    /** Sends the reminder of a round if it is still due (the job; tests). */
    remindRound: remind,

    /** Keeps each open round's reminder queued (module schedule; idempotent by dedupe key and claim). */
    async scheduleRoundReminders() {
      for (const t of await deps.tenants.list())
        for (const r of await roundsRepo.openUnreminded(db, t.id)) await enqueueReminder(t.id, r);
    },
  };
}

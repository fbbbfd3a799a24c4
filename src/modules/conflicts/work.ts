import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ConflictView, LogInput, QueueItem, TransitionInput, TriageInput } from "./contracts.ts";
import type { ConflictDeps } from "./deps.ts";
import { mailMediator, mailStaffMediator } from "./mediations.ts";
import { mergeRefs } from "./merge.ts";
import { checkTransition, nextStates } from "./model.ts";
import { type ConflictRow, conflictRepo } from "./repo.ts";
import {
  type ConflictCrypto,
  createNamer,
  fieldError,
  iso,
  RETENTION_YEARS,
  serviceLevelOf,
} from "./shared.ts";
import { dueAt, localDate } from "./sla.ts";

/**
 * Loading a conflict and the compare-and-set with its audit entry, shared by the contact point's
 * work here and the escalations (escalations.ts).
 */
export function createSaver(deps: ConflictDeps) {
  const { db } = deps;

  async function load(tenantId: string, id: string): Promise<ConflictRow> {
    const c = await conflictRepo.byId(db, tenantId, id);
    if (!c) throw AppError.notFound();
    return c;
  }

  /** The compare-and-set with its audit entry; a stale version is a 409 the page explains. */
  async function save(
    principal: Principal,
    before: ConflictRow,
    version: number,
    patch: Partial<ConflictRow>,
    action: string,
    requestId?: string,
  ): Promise<ConflictRow> {
    return db.transaction(async (tx) => {
      const after = await conflictRepo.updateIfVersion(
        tx,
        principal.tenantId,
        before.id,
        version,
        patch,
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const k of ["state", "outcome", "severity", "urgency", "handlerUserId", "escalatedAt"] as const) {
        const o = k === "escalatedAt" ? iso(before[k]) : before[k];
        const n = k === "escalatedAt" ? iso(after[k]) : after[k];
        if (o !== n) changes[k] = { old: o, new: n };
      }
      await deps.audit.record(
        {
          actor: { kind: "user", principal },
          action,
          entityType: "conflict",
          entityId: before.id,
          changes,
          requestId: requestId ?? null,
        },
        tx,
      );
      return after;
    });
  }

  return { load, save };
}

/** The contact point's work: queue, triage, taking a report, states, log (escalation: escalations.ts). */
export function createWork(deps: ConflictDeps, crypto: ConflictCrypto) {
  const { db } = deps;
  const namer = createNamer(deps);
  const { load, save } = createSaver(deps);

  /** A log entry's dates and its mediator: one mediator, staff of this tenant or a qualified volunteer. */
  async function checkLog(tenantId: string, input: LogInput, now: Date) {
    if ((input.kind === "session" || input.kind === "agreement") && !input.happenedOn) {
      throw fieldError("happenedOn", "required");
    }
    if (input.kind === "agreement" && !input.reviewOn) throw fieldError("reviewOn", "required");
    if (input.reviewOn && input.happenedOn && input.reviewOn < input.happenedOn) {
      throw fieldError("reviewOn", "date_range");
    }
    if (input.mediatorUserId && input.mediatorVolunteerId)
      throw fieldError("mediatorVolunteerId", "conflict_one_mediator");
    if (input.mediatorUserId) {
      const staff = (await deps.users.staffNames(tenantId)).some((s) => s.id === input.mediatorUserId);
      if (!staff) throw fieldError("mediatorUserId", "conflict_unknown_mediator");
    }
    if (input.mediatorVolunteerId) {
      // The pool decides: active, and the qualification valid on the session's day (decision 103).
      const day = input.happenedOn ?? localDate(now);
      const pool = deps.mediators ? await deps.mediators.qualified(tenantId, day) : [];
      if (!pool.some((v) => v.id === input.mediatorVolunteerId))
        throw fieldError("mediatorVolunteerId", "conflict_not_a_mediator");
    }
  }

  async function isHandler(tenantId: string, userId: string): Promise<boolean> {
    return (await deps.users.withRole(tenantId, "coordinator")).some((u) => u.id === userId);
  }

  return {
    async queue(
      principal: Principal,
      q: { mine?: boolean; overdue?: boolean; closed?: boolean; limit?: number },
    ): Promise<QueueItem[]> {
      authorize(principal, "conflicts.read");
      const now = deps.clock.now();
      // The page and the names it needs are independent reads: run them side by side.
      const [rows, names] = await Promise.all([
        conflictRepo.queue(db, principal.tenantId, {
          openOnly: !q.closed,
          handlerUserId: q.mine ? principal.userId : undefined,
          overdueAt: q.overdue ? now : undefined,
          limit: Math.min(q.limit ?? 200, 200),
        }),
        namer(principal.tenantId),
      ]);
      return rows.map((r) => names.item(r, now));
    },

    /** One conflict with its log; the read is audited once, naming the log entries it showed. */
    async get(principal: Principal, id: string, requestId?: string): Promise<ConflictView> {
      authorize(principal, "conflicts.read");
      const c = await load(principal.tenantId, id);
      const [log, names, posts, merged] = await Promise.all([
        conflictRepo.logOf(db, principal.tenantId, id),
        namer(principal.tenantId),
        c.postId ? conflictRepo.listPosts(db, principal.tenantId) : Promise.resolve([]),
        mergeRefs(db, principal.tenantId, c),
      ]);
      const volunteerIds = log.flatMap((l) => (l.mediatorVolunteerId ? [l.mediatorVolunteerId] : []));
      const volunteers =
        volunteerIds.length && deps.mediators
          ? await deps.mediators.names(principal.tenantId, volunteerIds)
          : new Map<string, string>();
      await deps.audit.recordRead(principal, "conflict", id, {
        requestId: requestId ?? null,
        exposed: { logIds: log.map((l) => l.id) },
      });
      return {
        ...names.item(c, deps.clock.now()),
        channel: c.channel,
        postName: posts.find((p) => p.id === c.postId)?.name ?? null,
        place: c.place,
        outcome: c.outcome,
        parties: c.parties,
        description: crypto.decrypt(c.descriptionEnc),
        tried: crypto.decryptOptional(c.triedEnc),
        protectedDetails: crypto.decryptOptional(c.protectedEnc),
        reporterEmail: crypto.decryptOptional(c.reporterEmailEnc),
        escalationReason: c.escalationReason,
        escalationMeetingId: c.escalationMeetingId,
        closedAt: iso(c.closedAt),
        ...merged,
        nextStates: [...nextStates(c.state)],
        log: log.map((l) => ({
          id: l.id,
          at: l.at.toISOString(),
          kind: l.kind,
          text: crypto.decrypt(l.textEnc),
          actorName: names.staff(l.actorUserId),
          happenedOn: l.happenedOn,
          reviewOn: l.reviewOn,
          mediatorName: l.mediatorVolunteerId
            ? (volunteers.get(l.mediatorVolunteerId) ?? null)
            : names.staff(l.mediatorUserId),
        })),
      };
    },

    /** Triage: severity, urgency (which moves the deadline) and the responsible handler. */
    async triage(principal: Principal, id: string, input: TriageInput, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const c = await load(principal.tenantId, id);
      if (c.state === "closed") throw new AppError("conflict");
      if (!(await isHandler(principal.tenantId, input.handlerUserId)))
        throw fieldError("handlerUserId", "conflict_not_a_handler");
      return save(
        principal,
        c,
        input.version,
        {
          severity: input.severity,
          urgency: input.urgency,
          handlerUserId: input.handlerUserId,
          state: c.state === "reported" ? "triaged" : c.state,
          dueAt: dueAt(c.reportedAt, serviceLevelOf(c.kind), input.urgency === "urgent"),
        },
        "triage",
        requestId,
      );
    },

    /** "I take it": of two handlers taking the same report, the second gets a version conflict. */
    async take(principal: Principal, id: string, version: number, requestId?: string) {
      authorize(principal, "conflicts.handle");
      const c = await load(principal.tenantId, id);
      if (c.state === "closed") throw new AppError("conflict");
      return save(principal, c, version, { handlerUserId: principal.userId }, "take", requestId);
    },

    async transition(
      principal: Principal,
      id: string,
      input: TransitionInput,
      requestId?: string,
      at?: Date,
    ) {
      authorize(principal, "conflicts.handle");
      const c = await load(principal.tenantId, id);
      const refusal = checkTransition(c.state, input.to, {
        outcome: input.outcome ?? null,
        hasAgreement: await conflictRepo.hasAgreement(db, principal.tenantId, id),
        hasHandler: c.handlerUserId !== null,
      });
      if (refusal === "outcome_required" || refusal === "outcome_only_on_close")
        throw fieldError("outcome", `conflict_${refusal}`);
      if (refusal) throw fieldError("to", `conflict_${refusal}`);
      const now = at ?? deps.clock.now();
      const closing = input.to === "closed";
      const retention = new Date(`${localDate(now)}T00:00:00Z`);
      retention.setUTCFullYear(retention.getUTCFullYear() + RETENTION_YEARS);
      return save(
        principal,
        c,
        input.version,
        {
          state: input.to,
          outcome: closing ? (input.outcome ?? null) : null,
          closedAt: closing ? now : null,
          retentionDueOn: closing ? retention.toISOString().slice(0, 10) : null,
        },
        "transition",
        requestId,
      );
    },

    /** A log entry. The first contact stops the service-level clock. */
    async addLog(principal: Principal, id: string, input: LogInput, requestId?: string, at?: Date) {
      authorize(principal, "conflicts.handle");
      const c = await load(principal.tenantId, id);
      if (c.state === "closed") throw new AppError("conflict");
      const now = at ?? deps.clock.now();
      await checkLog(principal.tenantId, input, now);
      return db.transaction(async (tx) => {
        const entry = await conflictRepo.insertLog(tx, {
          tenantId: principal.tenantId,
          conflictId: id,
          at: now,
          kind: input.kind,
          textEnc: crypto.encrypt(input.text),
          actorUserId: principal.userId,
          happenedOn: input.happenedOn,
          reviewOn: input.reviewOn,
          mediatorUserId: input.mediatorUserId,
          mediatorVolunteerId: input.mediatorVolunteerId,
        });
        // Named mediator: the volunteer is told by mail, with this entry (decision 113).
        if (input.mediatorVolunteerId)
          await mailMediator(
            deps,
            principal.tenantId,
            input.mediatorVolunteerId,
            c,
            input.happenedOn ?? localDate(now),
          );
        if (input.mediatorUserId)
          await mailStaffMediator(
            deps,
            principal.tenantId,
            input.mediatorUserId,
            c,
            input.happenedOn ?? localDate(now),
          );
        if (input.kind === "contact" && !c.firstContactAt) {
          await conflictRepo.setFirstContact(tx, principal.tenantId, id, now);
        }
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "log",
            entityType: "conflict",
            entityId: id,
            changes: {
              logKind: { old: null, new: input.kind },
              ...(input.mediatorVolunteerId
                ? { mediatorVolunteerId: { old: null, new: input.mediatorVolunteerId } }
                : {}),
              ...(input.mediatorUserId ? { mediatorUserId: { old: null, new: input.mediatorUserId } } : {}),
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        return { id: entry.id };
      });
    },

    /** Handlers to choose from in triage: the contact point's members. */
    async handlers(principal: Principal) {
      authorize(principal, "conflicts.handle");
      return (await deps.users.withRole(principal.tenantId, "coordinator")).map((u) => ({
        id: u.id,
        displayName: u.displayName,
      }));
    },
  };
}

import { sha256Hex } from "../../server/crypto.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { MemberErasureSearch } from "./contracts.ts";
import type { ContributionErasureSearch } from "./participation.contracts.ts";
import { CONTRIBUTION_TEXT_YEARS, MINUTES_COMMENT_MONTHS } from "./participation.model.ts";
import { participationRepo } from "./participation.repo.ts";
import { privacyRepo } from "./privacy.repo.ts";
import type { NetworkContext } from "./shared.ts";

/**
 * Members' personal data (decision 061): retention as a daily job and erasure on request.
 * Contact data goes a year after a member's term ended; the member (name, role, attendance)
 * three years after, unless they attended a meeting of a public body whose minutes are
 * published: that attendance list is the body's public record and keeps the name.
 * Participation (decision 101): a contribution's text goes three years after its event, comments
 * on minutes a year after the meeting once the minutes are approved.
 */
export const DAILY_JOB = "network.daily";
export const CONTACT_MONTHS = 12;
export const MEMBER_YEARS = 3;
const RUN_AT_UTC_HOUR = 5;
/** At most this many matches of the erasure search; a longer piece of text narrows it. */
export const ERASURE_SEARCH_LIMIT = 20;

export function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** The ISO day `months` before `day` (day-of-month clamped by Date arithmetic is fine here). */
export function monthsBefore(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

export function createPrivacy(
  ctx: NetworkContext,
  participation: { clearSourceKeys(tenantId: string): Promise<number> },
  reminders: { remind(tenantId: string): Promise<{ items: number; mails: number }> },
) {
  const { deps } = ctx;
  const { db } = deps;

  async function retention(tenantId: string): Promise<{
    contactsCleared: number;
    membersDeleted: number;
    contributionsErased: number;
    commentsDeleted: number;
  }> {
    const today = ctx.today();
    const actor = { kind: "system" as const, tenantId };
    const cleared = await db.transaction(async (tx) => {
      const ids = await privacyRepo.clearContact(tx, tenantId, monthsBefore(today, CONTACT_MONTHS));
      if (ids.length) {
        await deps.audit.redactEntities(tx, tenantId, ids);
        await deps.audit.record(
          {
            actor,
            action: "retention_clear_contact",
            entityType: "network_member",
            entityId: null,
            changes: { contacts: { old: ids.length, new: 0 } },
          },
          tx,
        );
      }
      return ids.length;
    });
    let deleted = 0;
    for (;;) {
      const ids = await privacyRepo.dueForDeletion(db, tenantId, monthsBefore(today, MEMBER_YEARS * 12), 200);
      if (ids.length === 0) break;
      await db.transaction(async (tx) => {
        const counts = await privacyRepo.deleteMembers(tx, tenantId, ids);
        await deps.audit.redactEntities(tx, tenantId, ids);
        await deps.audit.record(
          {
            actor,
            action: "retention_delete",
            entityType: "network_member",
            entityId: null,
            changes: {
              members: { old: counts.members, new: 0 },
              attendance: { old: counts.attendance, new: 0 },
            },
          },
          tx,
        );
        deleted += counts.members;
      });
    }
    const participation = await participationRetention(tenantId);
    return { contactsCleared: cleared, membersDeleted: deleted, ...participation };
  }

  /** Contributions' texts after CONTRIBUTION_TEXT_YEARS, minutes comments after approval. */
  async function participationRetention(tenantId: string) {
    const now = deps.clock.now();
    const actor = { kind: "system" as const, tenantId };
    const textBefore = new Date(now);
    textBefore.setUTCFullYear(textBefore.getUTCFullYear() - CONTRIBUTION_TEXT_YEARS);
    let contributionsErased = 0;
    for (;;) {
      const ids = await privacyRepo.contributionsDue(db, tenantId, textBefore, 200);
      if (ids.length === 0) break;
      await db.transaction(async (tx) => {
        const gone = await privacyRepo.eraseContributions(tx, tenantId, ids, now);
        await deps.audit.record(
          {
            actor,
            action: "retention_erase_text",
            entityType: "network_contribution",
            entityId: null,
            changes: { contributions: { old: gone.length, new: 0 } },
          },
          tx,
        );
        contributionsErased += gone.length;
      });
    }
    const commentsBefore = new Date(`${monthsBefore(ctx.today(), MINUTES_COMMENT_MONTHS)}T00:00:00Z`);
    const commentsDeleted = await db.transaction(async (tx) => {
      const n = await privacyRepo.deleteOldComments(tx, tenantId, commentsBefore);
      if (n)
        await deps.audit.record(
          {
            actor,
            action: "retention_delete",
            entityType: "network_minutes_comment",
            entityId: null,
            changes: { comments: { old: n, new: 0 } },
          },
          tx,
        );
      return n;
    });
    return { contributionsErased, commentsDeleted };
  }

  async function schedule(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextDailyRun(after);
    await deps.jobs.enqueue(
      DAILY_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 3, dedupeKey: `daily-${at.toISOString().slice(0, 10)}` },
      tx,
    );
  }

  deps.tenants.onCreated((tenant, tx) => schedule(tenant.id, deps.clock.now(), tx));
  deps.jobs.register(DAILY_JOB, async (_payload, job) => {
    try {
      const counts = await retention(job.tenantId);
      const sourceKeysCleared = await participation.clearSourceKeys(job.tenantId);
      const reminded = await reminders.remind(job.tenantId);
      deps.logger.info(
        { tenantId: job.tenantId, ...counts, sourceKeysCleared, reminded: reminded.items },
        "network daily run",
      );
    } finally {
      await schedule(job.tenantId, deps.clock.now());
    }
  });

  return {
    retention,
    reminders,
    schedule,
    async scheduleAll() {
      for (const t of await deps.tenants.list()) await schedule(t.id, deps.clock.now());
    },

    /** Art. 17 on request: the member and their attendance go; audit entries keep ids only. */
    async erase(principal: Principal, memberId: string, requestId?: string) {
      authorize(principal, "network.erase");
      const tenantId = principal.tenantId;
      if (!isUuid(memberId)) throw AppError.notFound();
      return db.transaction(async (tx) => {
        const counts = await privacyRepo.deleteMembers(tx, tenantId, [memberId]);
        if (counts.members === 0) throw AppError.notFound();
        await deps.audit.redactEntities(tx, tenantId, [memberId]);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: "network_member",
            entityId: memberId,
            changes: {
              members: { old: counts.members, new: 0 },
              attendance: { old: counts.attendance, new: 0 },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
        return counts;
      });
    },

    /**
     * The data-protection officer finds the body member a request is about by a piece of the
     * name (decision 122), with what an erasure removes. Each member shown is an audited read.
     */
    async findMembers(principal: Principal, input: MemberErasureSearch, requestId?: string) {
      authorize(principal, "network.erase");
      const rows = await privacyRepo.findMembersForErasure(
        db,
        principal.tenantId,
        `%${input.member.replace(/[\\%_]/g, (m) => `\\${m}`)}%`,
        ERASURE_SEARCH_LIMIT,
      );
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "network_member", entityId: r.id })),
          { requestId: requestId ?? null },
        );
      return rows;
    },

    /**
     * The data-protection officer finds the contribution a request is about (decision 111): by a
     * piece of its text or by the tracking link the sender kept (the last path segment is the
     * token; only its hash is stored). Every contribution shown is an audited read, once each.
     */
    async findContributions(principal: Principal, input: ContributionErasureSearch, requestId?: string) {
      authorize(principal, "network.erase");
      const token = input.q.split(/[/?#]/).filter(Boolean).at(-1) ?? "";
      const rows = await privacyRepo.findForErasure(
        db,
        principal.tenantId,
        {
          pattern: `%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`,
          trackingHash: /^[\w-]{16,100}$/.test(token) ? sha256Hex(token) : null,
        },
        ERASURE_SEARCH_LIMIT,
      );
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "network_contribution", entityId: r.id })),
          { requestId: requestId ?? null },
        );
      return rows;
    },

    /**
     * Art. 17 on request for a contribution (decision 101): the text and whatever leads back to
     * the sender go; what became of it (state, reason, link to a measure's agenda or action item)
     * stays. The audit entries of the contribution never held its text.
     */
    async eraseContribution(principal: Principal, id: string, requestId?: string) {
      authorize(principal, "network.erase");
      const tenantId = principal.tenantId;
      if (!isUuid(id)) throw AppError.notFound();
      return db.transaction(async (tx) => {
        const gone = await privacyRepo.eraseContributions(tx, tenantId, [id], deps.clock.now());
        if (gone.length === 0) {
          // Erased before: nothing left to erase; unknown: 404.
          if (await participationRepo.contributionById(tx, tenantId, id)) return { contributions: 0 };
          throw AppError.notFound();
        }
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: "network_contribution",
            entityId: id,
            changes: { text: { old: "…", new: "" } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return { contributions: gone.length };
      });
    },
  };
}

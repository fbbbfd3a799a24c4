import type { DbOrTx } from "../../server/db/client.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { diff } from "../audit/service.ts";
import { type ApplicationDeclineInput, applicationDeclineInput } from "./application-contracts.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { claimRepo } from "./expense-repo.ts";
import type { RequestState } from "./model.ts";
import { toVolunteerView, VOLUNTEER_ENTITY } from "./profiles.ts";
import { linkRepo, requestRepo, volunteerRepo } from "./repo.ts";
import { POOL_TIME_ZONE } from "./requests.ts";
import { ruleRepo } from "./rule-repo.ts";
import { statementRepo } from "./statement-repo.ts";
import { tandemRepo } from "./tandem-repo.ts";
import { TANDEM_ENTITY } from "./tandems.ts";

/**
 * Retention periods of the pool (decision 060). Counted from the day a volunteer left, the day
 * of the conversation, or the day a booking link was revoked.
 */
export const RETENTION = {
  /** A volunteer who left: the profile goes three years later (§ 195 BGB, claims from the engagement). */
  leftMonths: 36,
  /** An applicant nobody took further: the profile goes a year after its last change. */
  applicantMonths: 12,
  /** Police clearance data of a volunteer who left: three months (§ 72a Abs. 5 SGB VIII). */
  policeClearanceMonths: 3,
  /** The institution contact's name and mail on a finished request: a year after the conversation. */
  contactMonths: 12,
  /** A revoked booking link with its contact data: a year after revocation. */
  revokedLinkMonths: 12,
  /** An ended tandem (newcomer's data, hours): a year after its end (decision 068). */
  tandemEndedMonths: 12,
  /** A newcomer on the waiting list nobody paired: a year after the last change. */
  tandemWaitingMonths: 12,
  /** Expense claims (accounting records): ten years after the end of their year (§ 147 Abs. 3 AO). */
  claimYears: 10,
} as const;

/** Requests whose contact data retention may remove: all but those still awaiting settlement. */
const CONTACT_RETENTION_STATES: readonly RequestState[] = [
  "submitted",
  "checked",
  "offered",
  "accepted",
  "declined",
  "confirmed",
  "settled",
  "cancelled",
  "no_show",
];

export const DAILY_JOB = "volunteers.daily";
const RUN_AT_UTC_HOUR = 3;

export function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR));
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** An ISO date `months` months earlier (the day clamped to the target month's length). */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

const localToday = (now: Date) => now.toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });

export type RetentionCounts = {
  volunteersDeleted: number;
  policeClearancesRemoved: number;
  contactsRemoved: number;
  linksDeleted: number;
  tandemsDeleted: number;
  claimsDeleted: number;
  statementsDeleted: number;
  applicationKeysCleared: number;
};

/** Art. 15, Art. 17 and retention of the volunteers' data (decision 060). */
export function createPrivacy(deps: VolunteerDeps, checkIns: (tenantId: string) => Promise<number>) {
  const { db } = deps;

  /** Deletes one profile: its requests stay without it, earlier audit entries keep ids only. */
  async function eraseOne(tx: DbOrTx, tenantId: string, id: string) {
    const requestsUnlinked = await requestRepo.unlinkVolunteer(tx, tenantId, id);
    const tandemsUnlinked = await tandemRepo.unlinkVolunteer(tx, tenantId, id);
    const claimsUnlinked = await claimRepo.unlinkVolunteer(tx, tenantId, id);
    const statementsUnlinked = await statementRepo.unlinkVolunteer(tx, tenantId, id);
    // The acknowledgements are about the person only: they go with the profile (decision 110).
    await ruleRepo.deleteOfVolunteer(tx, tenantId, id);
    await volunteerRepo.delete(tx, tenantId, id);
    await deps.audit.redactEntities(tx, tenantId, [id]);
    return { requestsUnlinked, tandemsUnlinked, claimsUnlinked, statementsUnlinked };
  }

  async function retention(tenantId: string): Promise<RetentionCounts> {
    const now = deps.clock.now();
    const today = localToday(now);
    let volunteersDeleted = 0;
    const leftBefore = monthsBefore(today, RETENTION.leftMonths);
    const staleSince = new Date(`${monthsBefore(today, RETENTION.applicantMonths)}T00:00:00Z`);
    for (;;) {
      const due = await volunteerRepo.dueForRetention(db, tenantId, leftBefore, staleSince, 200);
      if (due.length === 0) break;
      for (const id of due) {
        await db.transaction(async (tx) => {
          const counts = await eraseOne(tx, tenantId, id);
          await deps.audit.record(
            {
              actor: { kind: "system", tenantId },
              action: "retention_delete",
              entityType: VOLUNTEER_ENTITY,
              entityId: id,
              changes: diff(null, counts),
            },
            tx,
          );
        });
        volunteersDeleted++;
      }
    }
    let policeClearancesRemoved = 0;
    const clearanceBefore = monthsBefore(today, RETENTION.policeClearanceMonths);
    for (const v of await volunteerRepo.leftBefore(db, tenantId, clearanceBefore)) {
      const certificates = v.certificates.filter((c) => c.kind !== "police_clearance");
      await db.transaction(async (tx) => {
        await volunteerRepo.updateIfVersion(tx, tenantId, v.id, v.version, { certificates }, now);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "retention_police_clearance",
            entityType: VOLUNTEER_ENTITY,
            entityId: v.id,
            changes: diff({ policeClearance: true }, { policeClearance: false }),
          },
          tx,
        );
      });
      policeClearancesRemoved++;
    }
    const contactsRemoved = await requestRepo.removeContacts(
      db,
      tenantId,
      CONTACT_RETENTION_STATES,
      monthsBefore(today, RETENTION.contactMonths),
    );
    const linksDeleted = await linkRepo.deleteRevokedBefore(
      db,
      tenantId,
      new Date(`${monthsBefore(today, RETENTION.revokedLinkMonths)}T00:00:00Z`),
    );
    const tandemsDeleted = await tandemRetention(tenantId, today);
    const claimsDeleted = await claimRepo.deleteBefore(
      db,
      tenantId,
      `${Number(today.slice(0, 4)) - RETENTION.claimYears}-01`,
    );
    // Statements are accounting records like the claims (§ 147 AO, decision 099).
    const statementsDeleted = await statementRepo.deleteBefore(
      db,
      tenantId,
      `${Number(today.slice(0, 4)) - RETENTION.claimYears}-01`,
    );
    const applicationKeysCleared = await volunteerRepo.clearSourceKeys(
      db,
      tenantId,
      new Date(now.getTime() - 24 * 3_600_000),
    );
    return {
      volunteersDeleted,
      policeClearancesRemoved,
      contactsRemoved,
      linksDeleted,
      tandemsDeleted,
      claimsDeleted,
      statementsDeleted,
      applicationKeysCleared,
    };
  }

  /** Ended and stale waiting tandems go with their hours; each deletion audited by the system. */
  async function tandemRetention(tenantId: string, today: string): Promise<number> {
    const due = await tandemRepo.dueForRetention(
      db,
      tenantId,
      monthsBefore(today, RETENTION.tandemEndedMonths),
      new Date(`${monthsBefore(today, RETENTION.tandemWaitingMonths)}T00:00:00Z`),
    );
    for (const id of due) {
      await db.transaction(async (tx) => {
        await tandemRepo.delete(tx, tenantId, id);
        await deps.audit.redactEntities(tx, tenantId, [id]);
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "retention_delete",
            entityType: TANDEM_ENTITY,
            entityId: id,
            changes: diff(null, { tandems: 1 }),
          },
          tx,
        );
      });
    }
    return due.length;
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
  deps.jobs.register(DAILY_JOB, async (_payload, ctx) => {
    try {
      const counts = await retention(ctx.tenantId);
      const checkInsSent = await checkIns(ctx.tenantId);
      deps.logger.info({ tenantId: ctx.tenantId, ...counts, checkInsSent }, "volunteers daily run");
    } finally {
      await schedule(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    /** The daily job's parts, for the module's schedule and for tests. */
    daily: {
      retention,
      checkIns,
      async scheduleAll() {
        for (const t of await deps.tenants.list()) await schedule(t.id, deps.clock.now());
      },
    },

    /**
     * Art. 17 on request: deletes the profile, unlinks it from the requests it served (they stay
     * the institutions') and redacts the audit entries that named it; the erasure is audited with
     * its counts.
     */
    async erase(principal: Principal, id: string, opts: Audited = {}) {
      authorize(principal, "volunteers.erase");
      return db.transaction(async (tx) => {
        const row = await volunteerRepo.byId(tx, principal.tenantId, id);
        if (!row) throw AppError.notFound();
        const counts = await eraseOne(tx, principal.tenantId, id);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: VOLUNTEER_ENTITY,
            entityId: id,
            changes: diff(null, counts),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return counts;
      });
    },

    /**
     * An applicant the pool does not take on (decision 099): the profile goes at once, as its
     * purpose lapsed (Art. 17 (1) (a) DSGVO); audited with the counts. Only an applicant.
     * Page and API hand in their raw input; it is parsed here with the one schema (decision 100).
     */
    async declineApplication(principal: Principal, input: ApplicationDeclineInput, opts: Audited = {}) {
      authorize(principal, "volunteers.manage");
      const { id } = parseInput(applicationDeclineInput, input);
      return db.transaction(async (tx) => {
        const row = await volunteerRepo.byId(tx, principal.tenantId, id);
        if (!row) throw AppError.notFound();
        if (row.status !== "applicant")
          throw AppError.validation([{ field: "status", code: "volunteers_not_applicant" }]);
        const counts = await eraseOne(tx, principal.tenantId, id);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "application_declined",
            entityType: VOLUNTEER_ENTITY,
            entityId: id,
            changes: diff(null, counts),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return counts;
      });
    },

    /**
     * Art. 15: everything the pool holds about one volunteer, with who read the profile; the
     * export itself is audited (once, as an export, not as a read).
     */
    async exportData(principal: Principal, id: string, opts: Audited = {}) {
      authorize(principal, "volunteers.export");
      const row = await volunteerRepo.byId(db, principal.tenantId, id);
      if (!row) throw AppError.notFound();
      const [requests, acknowledgements, reads] = await Promise.all([
        requestRepo.byVolunteer(db, principal.tenantId, id),
        ruleRepo.ofVolunteer(db, principal.tenantId, id),
        deps.audit.readsOf(principal.tenantId, [id], 2000),
      ]);
      const doc = {
        generatedAt: deps.clock.now().toISOString(),
        volunteer: {
          ...toVolunteerView(row),
          leftOn: row.leftOn,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
        },
        assignments: requests.map((r) => ({
          id: r.id,
          institution: r.institutionName,
          language: r.language,
          mode: r.mode,
          setting: r.setting,
          area: r.area,
          date: r.date,
          startMinute: r.startMinute,
          durationMinutes: r.durationMinutes,
          state: r.state,
          heldMinutes: r.heldMinutes,
          cancelledBy: r.cancelledBy,
          cancelledLate: r.cancelledLate,
        })),
        ruleAcknowledgements: acknowledgements.map((a) => ({
          version: a.seq,
          title: a.title,
          acknowledgedAt: a.acknowledgedAt.toISOString(),
          language: a.language,
        })),
        accessLog: reads.map((r) => ({
          at: r.at.toISOString(),
          actor: r.actorUserId ?? r.actorKind,
          reason: r.reason,
        })),
        retention: RETENTION,
      };
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "export",
        entityType: VOLUNTEER_ENTITY,
        entityId: id,
        changes: diff(null, { article: "15", assignments: requests.length }),
        requestId: opts.requestId ?? null,
      });
      return doc;
    },
  };
}

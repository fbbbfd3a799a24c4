import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { ConflictDeps } from "./deps.ts";
import { DEFAULT_ESCALATE_MINUTES, type PlanKind } from "./model.ts";
import type {
  CrisisPlanInput,
  CrisisPlanView,
  PreventionPlanInput,
  PreventionPlanView,
} from "./plan-contracts.ts";
import { createPlanFiles, enqueuePlanPdf } from "./plan-files.ts";
import { type PlanRow, planRepo } from "./plan-repo.ts";
import { fieldError, mailTranslator, RETENTION_YEARS } from "./shared.ts";
import { localDate } from "./sla.ts";

type CrisisContent = Omit<CrisisPlanInput, "version">;
type PreventionContent = Omit<PreventionPlanInput, "version">;

/**
 * The crisis plan and the prevention plan (issue 20, "What must work" 3 and 4; decision 064):
 * one current document per kind, saved with optimistic versions, every version kept as a
 * revision; review reminders and the revisions' retention run in the daily job.
 */
export function createPlans(deps: ConflictDeps) {
  const { db } = deps;
  const files = createPlanFiles(deps);

  function stripVersion<T extends { version: number }>(input: T): Omit<T, "version"> {
    const { version: _v, ...content } = input;
    return content;
  }

  /** Users named in the chain must be active staff when the plan is saved. */
  async function checkContacts(tenantId: string, input: CrisisPlanInput) {
    const active = new Set((await deps.users.staffNames(tenantId)).map((s) => s.id));
    input.contacts.forEach((c, i) => {
      if (c.userId && !active.has(c.userId))
        throw fieldError(`contacts.${i}.userId`, "conflict_contact_inactive");
    });
  }

  async function checkMeasures(tenantId: string, input: PreventionPlanInput) {
    for (const [i, m] of input.measures.entries()) {
      if (!m.measureId) continue;
      // Without the strategy module no link can be checked, so none is accepted.
      if (!(await deps.measures?.exists(tenantId, m.measureId)))
        throw fieldError(`measures.${i}.measureId`, "conflict_unknown_measure");
    }
  }

  async function save(
    principal: Principal,
    kind: PlanKind,
    version: number,
    content: object,
    nextReviewOn: string,
    requestId?: string,
  ) {
    authorize(principal, "conflicts.plans");
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      const patch = { content, nextReviewOn, updatedByUserId: principal.userId };
      const row =
        version === 0
          ? await planRepo.insert(tx, { tenantId: principal.tenantId, kind, ...patch })
          : await planRepo.updateIfVersion(tx, principal.tenantId, kind, version, patch, now);
      if (!row)
        throw AppError.versionConflict((await planRepo.byKind(tx, principal.tenantId, kind))?.version);
      await planRepo.insertRevision(tx, row, now);
      await enqueuePlanPdf(deps, tx, row);
      await deps.audit.record(
        {
          actor: { kind: "user", principal },
          action: version === 0 ? "create" : "update",
          entityType: `conflict_${kind}_plan`,
          entityId: row.id,
          changes: { version: { old: version || null, new: row.version } },
          requestId: requestId ?? null,
        },
        tx,
      );
      return { id: row.id, version: row.version };
    });
  }

  async function meta(principal: Principal, row: PlanRow, requestId?: string) {
    const [revisions, staff, pdf] = await Promise.all([
      planRepo.revisions(db, principal.tenantId, row.id),
      deps.users.staffNames(principal.tenantId),
      files.planPdfMeta(principal.tenantId, row.id),
    ]);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    // Names and phone numbers of the chain are personal data: each read is audited once.
    await deps.audit.recordRead(principal, `conflict_${row.kind}_plan`, row.id, {
      requestId: requestId ?? null,
    });
    const today = localDate(deps.clock.now());
    return {
      today,
      active: new Set(names.keys()),
      meta: {
        id: row.id,
        version: row.version,
        nextReviewOn: row.nextReviewOn,
        reviewDue: row.nextReviewOn <= today,
        pdf,
        updatedAt: row.updatedAt.toISOString(),
        updatedBy: row.updatedByUserId ? (names.get(row.updatedByUserId) ?? null) : null,
        revisions: revisions.map((r) => ({
          version: r.version,
          savedAt: r.savedAt.toISOString(),
          savedBy: r.savedByUserId ? (names.get(r.savedByUserId) ?? null) : null,
        })),
      },
    };
  }

  return {
    ...files,

    async crisisPlan(principal: Principal, requestId?: string): Promise<CrisisPlanView | null> {
      authorize(principal, "conflicts.plans_view");
      const row = await planRepo.byKind(db, principal.tenantId, "crisis");
      if (!row) return null;
      const { meta: m, active } = await meta(principal, row, requestId);
      const c = row.content as CrisisContent;
      return {
        ...m,
        ...c,
        escalateMinutes: c.escalateMinutes ?? DEFAULT_ESCALATE_MINUTES,
        contacts: c.contacts.map((x) => ({
          ...x,
          accountInactive: x.userId !== null && !active.has(x.userId),
        })),
      };
    },

    async saveCrisisPlan(principal: Principal, input: CrisisPlanInput, requestId?: string) {
      authorize(principal, "conflicts.plans");
      const parsed = input;
      await checkContacts(principal.tenantId, parsed);
      return save(principal, "crisis", parsed.version, stripVersion(parsed), parsed.reviewOn, requestId);
    },

    async preventionPlan(principal: Principal, requestId?: string): Promise<PreventionPlanView | null> {
      authorize(principal, "conflicts.plans_view");
      const row = await planRepo.byKind(db, principal.tenantId, "prevention");
      if (!row) return null;
      const { meta: m, today } = await meta(principal, row, requestId);
      const c = row.content as PreventionContent;
      const linked = c.measures.flatMap((x) => (x.measureId ? [x.measureId] : []));
      const refs = new Map(
        ((await deps.measures?.refs?.(principal.tenantId, linked)) ?? []).map((r) => [r.id, r.title]),
      );
      return {
        ...m,
        ...c,
        measures: c.measures.map((x) => ({
          ...x,
          measureTitle: x.measureId ? (refs.get(x.measureId) ?? null) : null,
          reviewDue: x.reviewOn !== null && x.reviewOn <= today,
        })),
      };
    },

    async savePreventionPlan(principal: Principal, input: PreventionPlanInput, requestId?: string) {
      authorize(principal, "conflicts.plans");
      const parsed = input;
      await checkMeasures(principal.tenantId, parsed);
      // The reminder comes at the plan's review date or a measure's, whichever is first.
      const next = [
        parsed.reviewOn,
        ...parsed.measures.flatMap((m) => (m.reviewOn ? [m.reviewOn] : [])),
      ].sort()[0]!;
      return save(principal, "prevention", parsed.version, stripVersion(parsed), next, requestId);
    },

    /** Art. 17 on request: every superseded version of a plan goes; the count is audited. */
    async erasePlanHistory(principal: Principal, kind: PlanKind, requestId?: string): Promise<number> {
      authorize(principal, "conflicts.erase");
      return db.transaction(async (tx) => {
        const plan = await planRepo.byKind(tx, principal.tenantId, kind);
        if (!plan) throw AppError.notFound();
        const ids = await planRepo.deleteRevisions(tx, plan);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: `conflict_${kind}_plan`,
            entityId: plan.id,
            changes: { revisions: { old: ids.length, new: 0 } },
            requestId: requestId ?? null,
          },
          tx,
        );
        return ids.length;
      });
    },

    /** Daily: versions superseded more than the retention period ago are deleted. */
    async planRetention(tenantId: string): Promise<number> {
      const before = new Date(deps.clock.now());
      before.setUTCFullYear(before.getUTCFullYear() - RETENTION_YEARS);
      let deleted = 0;
      for (const plan of await planRepo.plans(db, tenantId)) {
        const ids = await planRepo.deleteRevisions(db, plan, before);
        if (ids.length) {
          await deps.audit.record({
            actor: { kind: "system", tenantId },
            action: "retention_delete",
            entityType: `conflict_${plan.kind}_plan`,
            entityId: plan.id,
            changes: { revisions: { old: ids.length, new: 0 } },
          });
        }
        deleted += ids.length;
      }
      return deleted;
    },

    /** Daily: one reminder to the contact point per plan whose review date has come. */
    async reviewReminders(tenantId: string): Promise<number> {
      const today = localDate(deps.clock.now());
      const due = await planRepo.dueForReview(db, tenantId, today);
      if (due.length === 0) return 0;
      const contactPoint = await deps.users.withRole(tenantId, "coordinator");
      for (const plan of due) {
        for (const u of contactPoint) {
          const { t } = mailTranslator(u.preferredLanguage);
          const values = {
            plan: t(`conflicts.plan_${plan.kind}`),
            date: plan.nextReviewOn,
            link: `${deps.config.baseUrl}/staff/conflicts/plans/${plan.kind}`,
          };
          await deps.mail.send({
            tenantId,
            to: u.email,
            subject: t("conflicts.plan_review_mail_subject", values),
            text: t("conflicts.plan_review_mail_text", values),
          });
        }
        await planRepo.markReminded(db, tenantId, plan.id, today);
      }
      return due.length;
    },
  };
}

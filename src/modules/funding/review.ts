import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { diff } from "../audit/service.ts";
import {
  type ApplicationListQuery,
  type ApplicationPage,
  type ApplicationSummary,
  type ApplicationView,
  applicationListQuery,
  type Decide,
  type Review,
  type ReviewsView,
  type Screen,
} from "./contracts.ts";
import type { FundingDeps } from "./deps.ts";
import { enqueueLetter } from "./letter.ts";
import { type Criterion, computeEligibility, formatMoney, STATUS_LINK_DAYS, weightedScore } from "./model.ts";
import { type ApplicationRow, type CallRow, fundingRepo, type ListKey, type ReviewRow } from "./repo.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const summaryOf = (
  a: Pick<ApplicationRow, keyof ApplicationSummary | "submittedAt">,
): ApplicationSummary => ({
  id: a.id,
  callId: a.callId,
  year: a.year,
  status: a.status,
  organizationName: a.organizationName,
  title: a.title,
  requestedCents: a.requestedCents,
  eligibleCents: a.eligibleCents,
  grantedCents: a.grantedCents,
  submittedAt: iso(a.submittedAt),
  version: a.version,
});

/** Screening, the board's scores and the decision (staff side). */
export function createReviewService(deps: FundingDeps) {
  const { db } = deps;
  const now = () => deps.clock.now();

  async function load(principal: Principal, id: string): Promise<{ a: ApplicationRow; call: CallRow }> {
    const a = await fundingRepo.application(db, principal.tenantId, id);
    // Drafts are the applicant's own until submitted.
    if (!a || a.status === "draft") throw AppError.notFound();
    const call = await fundingRepo.call(db, principal.tenantId, a.callId);
    if (!call) throw AppError.notFound();
    return { a, call };
  }

  const viewOf = (a: ApplicationRow, call: CallRow): ApplicationView => ({
    ...summaryOf(a),
    lang: a.lang,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    summary: a.summary,
    budget: a.budget,
    eligibility: computeEligibility(a.budget, call.costRules, call.projectCapCents, null),
    screeningNote: a.screeningNote,
    decisionReason: a.decisionReason,
    decidedAt: iso(a.decidedAt),
  });

  async function reviewerNames(tenantId: string) {
    return new Map((await deps.users.staffNames(tenantId)).map((u) => [u.id, u.displayName]));
  }
  const reviewOf = (r: ReviewRow, criteria: Criterion[], names: Map<string, string>) => ({
    reviewerId: r.reviewerId,
    reviewerName: names.get(r.reviewerId) ?? "",
    conflict: r.conflict,
    scores: r.conflict ? {} : r.scores,
    weighted: r.conflict ? 0 : weightedScore(criteria, r.scores),
    comment: r.comment,
  });

  /** Reviews as the reader may see them: a reviewer sees others' only after scoring. */
  async function reviews(principal: Principal, id: string): Promise<ReviewsView> {
    authorize(principal, "funding.read");
    const { a, call } = await load(principal, id);
    const rows = await fundingRepo.reviews(db, a.tenantId, a.id);
    const names = await reviewerNames(a.tenantId);
    const mine = rows.find((r) => r.reviewerId === principal.userId) ?? null;
    const scored = rows.filter((r) => !r.conflict);
    const decider = can(principal, "funding.decide");
    const seesOthers = decider || (mine !== null && !mine.conflict);
    const avg = scored.length
      ? Math.round(scored.reduce((s, r) => s + weightedScore(call.criteria, r.scores), 0) / scored.length)
      : null;
    return {
      mine: mine ? reviewOf(mine, call.criteria, names) : null,
      others: seesOthers
        ? rows.filter((r) => r.reviewerId !== principal.userId).map((r) => reviewOf(r, call.criteria, names))
        : null,
      count: scored.length,
      averageWeighted: seesOthers ? avg : null,
    };
  }

  return {
    reviews,
    /**
     * One page of a call's submitted applications (decision 102): keyset paging in submission
     * order, so a submission arriving while staff page through lands on the last page and never
     * shifts or repeats a row. `next`/`prev` are the cursors to pass as `after`/`before`.
     */
    async listApplications(principal: Principal, query: ApplicationListQuery): Promise<ApplicationPage> {
      authorize(principal, "funding.read");
      const q = parseInput(applicationListQuery, query);
      const key = (c: string | undefined): ListKey | undefined => {
        if (!c) return undefined;
        const [us, id] = c.split(".") as [string, string];
        return { us, id };
      };
      const [{ rows, more }, total] = await Promise.all([
        fundingRepo.applicationsPage(db, principal.tenantId, q.callId, {
          after: key(q.after),
          before: key(q.before),
          limit: q.limit,
        }),
        fundingRepo.countSubmitted(db, principal.tenantId, q.callId),
      ]);
      const cursor = (r: { us: string; id: string } | undefined) => (r ? `${r.us}.${r.id}` : null);
      return {
        items: rows.map(summaryOf),
        total,
        next: q.before || more ? cursor(rows.at(-1)) : null,
        prev: q.after || (q.before && more) ? cursor(rows[0]) : null,
      };
    },

    /** One application with the applicant's contact data: each read is audited. */
    async getApplication(principal: Principal, id: string, requestId?: string): Promise<ApplicationView> {
      authorize(principal, "funding.read");
      const { a, call } = await load(principal, id);
      await deps.audit.recordRead(principal, "funding_application", a.id, {
        requestId: requestId ?? null,
        exposed: { contact: ["contactName", "contactEmail"] },
      });
      return viewOf(a, call);
    },

    /** Screening for completeness and eligibility (submitted → in review or ineligible). */
    async screen(
      principal: Principal,
      id: string,
      input: Screen,
      requestId?: string,
    ): Promise<ApplicationView> {
      authorize(principal, "funding.screen");
      const { a, call } = await load(principal, id);
      if (a.status !== "submitted")
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_wrong_status" }] });
      return db.transaction(async (tx) => {
        const status = input.outcome === "eligible" ? "in_review" : "ineligible";
        const after = await fundingRepo.updateApplication(
          tx,
          a.tenantId,
          a.id,
          input.version,
          // An ineligible application is settled: its date starts the retention period.
          { status, screeningNote: input.note, decidedAt: status === "ineligible" ? now() : null },
          now(),
        );
        if (!after) throw AppError.versionConflict(a.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "screen",
            entityType: "funding_application",
            entityId: a.id,
            changes: diff({ status: a.status }, { status }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return viewOf(after, call);
      });
    },

    /**
     * A board member's review: scores on every criterion, or a declared conflict of interest
     * (which excludes the reviewer: no scores, and others' scores stay hidden). Once only.
     */
    async review(principal: Principal, id: string, input: Review): Promise<ReviewsView> {
      authorize(principal, "funding.review");
      const { a, call } = await load(principal, id);
      if (a.status !== "in_review")
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_wrong_status" }] });
      const scores: Record<string, number> = {};
      if (!input.conflict) {
        const missing = call.criteria.filter((c) => input.scores[c.key] === undefined);
        if (missing.length) {
          throw AppError.validation(missing.map((c) => ({ field: `scores.${c.key}`, code: "required" })));
        }
        for (const c of call.criteria) scores[c.key] = input.scores[c.key]!;
      }
      const row = await fundingRepo.insertReview(db, {
        tenantId: a.tenantId,
        applicationId: a.id,
        reviewerId: principal.userId,
        conflict: input.conflict,
        scores,
        comment: input.conflict ? "" : input.comment,
      });
      if (!row)
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_already_reviewed" }] });
      return reviews(principal, id);
    },

    /**
     * The decision. A grant is at most the eligible amount (the project cap included: a request
     * above it is allowed, the grant is capped) and at most what is left of the year's pot; the
     * call row is locked so two decisions at once cannot overdraw it together.
     */
    async decide(
      principal: Principal,
      id: string,
      input: Decide,
      requestId?: string,
    ): Promise<ApplicationView> {
      authorize(principal, "funding.decide");
      const { a } = await load(principal, id);
      if (a.status !== "in_review")
        throw new AppError("conflict", { fields: [{ field: "_", code: "funding_wrong_status" }] });
      const amount = input.outcome === "refused" ? 0 : input.amount;
      if (amount === undefined || (input.outcome !== "refused" && amount <= 0)) {
        throw AppError.validation([{ field: "amount", code: "required" }]);
      }
      if (amount > a.eligibleCents) {
        throw AppError.validation([
          {
            field: "amount",
            code: "funding_above_eligible",
            params: { eligible: formatMoney(a.eligibleCents, "de") },
          },
        ]);
      }
      if (input.outcome === "granted" && amount < a.eligibleCents) {
        throw AppError.validation([{ field: "outcome", code: "funding_partly_not_full" }]);
      }
      return db.transaction(async (tx) => {
        const call = await fundingRepo.call(tx, a.tenantId, a.callId, true);
        if (!call) throw AppError.notFound();
        const f = await fundingRepo.potFigures(tx, a.tenantId, call.id, a.year);
        const left = call.budgetPerYearCents - f.committedCents;
        if (amount > left) {
          throw new AppError("conflict", {
            fields: [
              {
                field: "amount",
                code: "funding_pot_exceeded",
                params: {
                  amount: formatMoney(amount, "de"),
                  budget: formatMoney(call.budgetPerYearCents, "de"),
                  committed: formatMoney(f.committedCents, "de"),
                  left: formatMoney(left, "de"),
                  year: a.year,
                },
              },
            ],
            extra: {
              budgetCents: call.budgetPerYearCents,
              committedCents: f.committedCents,
              leftCents: left,
            },
          });
        }
        const after = await fundingRepo.updateApplication(
          tx,
          a.tenantId,
          a.id,
          input.version,
          {
            status: input.outcome,
            grantedCents: amount,
            decisionReason: input.reason,
            decidedAt: now(),
            decidedBy: principal.userId,
            // The status link stays open for the letter (and later the proof of use).
            tokenExpiresAt: new Date(now().getTime() + STATUS_LINK_DAYS * 86_400_000),
          },
          now(),
        );
        if (!after) throw AppError.versionConflict(a.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "decide",
            entityType: "funding_application",
            entityId: a.id,
            changes: diff(
              { status: a.status, grantedCents: a.grantedCents },
              { status: input.outcome, grantedCents: amount },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        await enqueueLetter(deps, tx, a.tenantId, a.id);
        return viewOf(after, call);
      });
    },
  };
}

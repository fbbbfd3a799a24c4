import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { hashToken, type ReferralCore, type ReferralDeps } from "./referral-core.ts";
import {
  type Decision,
  type IncomingQuery,
  type Outcome,
  type ReferralPartnerView,
  tokenAnswerInput,
} from "./referrals.contracts.ts";
import { type ReferralRow, referralRepo } from "./referrals.repo.ts";

export type LinkState = "open" | "answered" | "expired" | "invalid";

const OUTCOME_FROM: Record<Outcome["outcome"], readonly ReferralRow["status"][]> = {
  started: ["accepted"],
  completed: ["accepted", "started"],
  dropped: ["accepted", "started"],
};

/**
 * The receiving side of referrals: partner staff of the receiving organization (or a
 * tenant-wide receiver) list, read, accept or decline, and record the outcome; partners
 * without an account answer through the one-time link.
 */
export function createIncomingReferrals(deps: ReferralDeps, core: ReferralCore) {
  const { db } = deps;
  const now = core.now;

  /** The referral, if the principal is its receiver: 404 when it does not exist, 403 when it is someone else's. */
  async function loadIncoming(principal: Principal, id: string): Promise<ReferralRow> {
    authorize(principal, "referrals.receive");
    const r = isUuid(id) ? await referralRepo.byId(db, principal.tenantId, id) : undefined;
    if (!r) throw AppError.notFound();
    if (!can(principal, "referrals.receive", { organizationId: r.receivingOrganizationId }))
      throw AppError.forbidden();
    return r;
  }

  async function view(tenantId: string, r: ReferralRow): Promise<ReferralPartnerView> {
    return (await core.partnerViews(tenantId, [r]))[0]!;
  }

  /** What the link page shows. A spent, expired or unknown link shows no referral data. */
  async function byToken(
    tenantId: string,
    token: string,
  ): Promise<{ state: LinkState; referral: ReferralPartnerView | null }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "invalid", referral: null };
    const r = await referralRepo.byTokenHash(db, hashToken(token));
    if (!r || r.tenantId !== tenantId) return { state: "invalid", referral: null };
    if (r.status !== "sent") return { state: "answered", referral: null };
    if (!r.tokenExpiresAt || r.tokenExpiresAt <= now()) return { state: "expired", referral: null };
    await deps.audit.record({
      actor: { kind: "system", tenantId },
      action: "read",
      entityType: "referral",
      entityId: r.id,
      reason: "one-time link",
    });
    return { state: "open", referral: await view(tenantId, r) };
  }

  return {
    /** Referrals addressed to the principal's organizations (all of the tenant's for a tenant-wide receiver). */
    async incoming(
      principal: Principal,
      filter: IncomingQuery = { status: undefined },
    ): Promise<ReferralPartnerView[]> {
      authorize(principal, "referrals.receive");
      const scope = scopeIdsFor(principal, "referrals.receive", "organization");
      const rows = (
        await referralRepo.incoming(db, principal.tenantId, scope, { status: filter.status }, 500)
      ).filter((r) => can(principal, "referrals.receive", { organizationId: r.receivingOrganizationId }));
      // The list shows the shared fields: a read of each referral.
      if (rows.length)
        await deps.audit.recordReads(
          principal,
          rows.map((r) => ({ entityType: "referral", entityId: r.id })),
        );
      return core.partnerViews(principal.tenantId, rows);
    },

    /** One incoming referral (its shared fields are a read of personal data: audited). */
    async incomingOne(principal: Principal, id: string, requestId?: string): Promise<ReferralPartnerView> {
      const r = await loadIncoming(principal, id);
      await deps.audit.recordRead(principal, "referral", r.id, { requestId });
      return view(principal.tenantId, r);
    },

    async decide(principal: Principal, id: string, input: Decision, requestId?: string) {
      const before = await loadIncoming(principal, id);
      if (before.status !== "sent") throw new AppError("conflict");
      const after = await core.transition(
        { kind: "user", principal },
        before,
        input.version,
        {
          status: input.decision,
          decisionReason: input.reason,
          decidedAt: now(),
          // An answer here spends the one-time link too.
          tokenExpiresAt: before.tokenHash ? now() : before.tokenExpiresAt,
        },
        input.decision === "accepted" ? "accept" : "decline",
        { requestId },
      );
      return view(principal.tenantId, after);
    },

    async recordOutcome(principal: Principal, id: string, input: Outcome, requestId?: string) {
      const before = await loadIncoming(principal, id);
      if (!OUTCOME_FROM[input.outcome].includes(before.status)) throw new AppError("conflict");
      const after = await core.transition(
        { kind: "user", principal },
        before,
        input.version,
        { status: input.outcome, outcomeAt: now() },
        "outcome",
        { requestId },
      );
      return view(principal.tenantId, after);
    },

    byToken,

    /**
     * The answer through the one-time link (public page, no account). The form's values are
     * checked here: the link stands for the version the partner saw.
     */
    async answerByToken(
      tenantId: string,
      token: string,
      input: unknown,
      requestId?: string,
    ): Promise<{ state: LinkState; decision: "accepted" | "declined" | null }> {
      const current = await byToken(tenantId, token);
      if (current.state !== "open" || !current.referral) return { state: current.state, decision: null };
      const answer = parseInput(tokenAnswerInput, input);
      const before = (await referralRepo.byId(db, tenantId, current.referral.id))!;
      await core.transition(
        { kind: "system", tenantId },
        before,
        current.referral.version,
        { status: answer.decision, decisionReason: answer.reason, decidedAt: now(), tokenExpiresAt: now() },
        answer.decision === "accepted" ? "accept" : "decline",
        { requestId, reason: "one-time link" },
      );
      return { state: "answered", decision: answer.decision };
    },
  };
}

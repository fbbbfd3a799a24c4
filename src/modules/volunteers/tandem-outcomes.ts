import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { TANDEM_OUTCOMES, type TandemReferralResult } from "./model.ts";
import { volunteerRepo } from "./repo.ts";
import type { TandemOutcomeCounts, TandemOutcomeInput, TandemView } from "./tandem-contracts.ts";
import { tandemRepo } from "./tandem-repo.ts";
import { TANDEM_ENTITY, toTandemView } from "./tandems.ts";

/**
 * Tandem outcomes (issue 17, What must work 4; decision 127). The coordinator records once what
 * an ended tandem led to. A "referred" outcome of a tandem from a case becomes a referral of case
 * work through its service (its rules, its consent check); without a case it stays a recorded
 * outcome. Outcomes are counted only through the small-cell rule.
 */
export function createTandemOutcomes(deps: VolunteerDeps) {
  const { db } = deps;

  /** Case work's referral for a "referred" outcome, or why there is none. */
  async function referralFor(
    principal: Principal,
    t: { id: string; caseId: string | null; personId: string | null },
    input: TandemOutcomeInput,
    opts: Audited,
  ): Promise<{ referralId: string | null; result: TandemReferralResult | null }> {
    if (input.outcome !== "referred") return { referralId: null, result: null };
    if (!t.caseId || !t.personId) return { referralId: null, result: "no_case" };
    if (!deps.casework) throw AppError.notFound();
    const r = await deps.casework.recordReferral(
      principal,
      {
        caseId: t.caseId,
        personId: t.personId,
        kind: input.kind!,
        targetType: input.targetType!,
        targetId: input.targetId!,
        source: `${TANDEM_ENTITY}:${t.id}`,
      },
      opts,
    );
    return "referralId" in r
      ? { referralId: r.referralId, result: "recorded" }
      : { referralId: null, result: r.refused };
  }

  return {
    /** Records the outcome of an ended tandem, once (optimistic version; a second one is a conflict). */
    async recordTandemOutcome(
      principal: Principal,
      id: string,
      input: TandemOutcomeInput,
      opts: Audited = {},
    ): Promise<TandemView> {
      authorize(principal, "volunteers.tandems.manage");
      const before = await tandemRepo.byId(db, principal.tenantId, id);
      if (!before) throw AppError.notFound();
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      if (before.state !== "ended")
        throw AppError.validation([{ field: "outcome", code: "volunteers_tandem_not_ended" }]);
      if (before.outcome)
        throw new AppError("conflict", {
          fields: [{ field: "outcome", code: "volunteers_outcome_recorded" }],
        });
      return db.transaction(async () => {
        const { referralId, result } = await referralFor(principal, before, input, opts);
        const referred = input.outcome === "referred";
        const after = await tandemRepo.updateIfVersion(
          db,
          principal.tenantId,
          id,
          input.version,
          {
            outcome: input.outcome,
            outcomeKind: referred ? input.kind! : null,
            outcomeTargetType: referred ? input.targetType! : null,
            outcomeTargetId: referred ? input.targetId! : null,
            referralId,
            referralResult: result,
            outcomeAt: deps.clock.now(),
          },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record({
          actor: { kind: "user", principal },
          action: "tandem.outcome",
          entityType: TANDEM_ENTITY,
          entityId: id,
          changes: diff(null, { outcome: input.outcome, referralId, referralResult: result }),
          requestId: opts.requestId ?? null,
        });
        const name = after.volunteerId
          ? ((await volunteerRepo.byId(db, principal.tenantId, after.volunteerId))?.name ?? null)
          : null;
        return toTandemView(after, name);
      });
    },

    /** Outcomes of the tandems ended in `year`, each count through the tenant's small-cell rule. */
    async tandemOutcomeCounts(principal: Principal, year: number): Promise<TandemOutcomeCounts> {
      authorize(principal, "volunteers.statistics");
      const [tenant, rows] = await Promise.all([
        deps.tenants.byId(principal.tenantId),
        tandemRepo.outcomesOfYear(db, principal.tenantId, year),
      ]);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const n = (o: string | null) => rows.find((r) => r.outcome === o)?.n ?? 0;
      // No referral count beside them: "referred" minus "recorded" could reveal a small cell.
      // Case work counts its referrals in its own overview, through the same rule.
      return {
        year,
        outcomes: [...TANDEM_OUTCOMES, null].map((o) => ({
          outcome: o ?? ("not_recorded" as const),
          count: safeCount(n(o), rule),
        })),
      };
    },
  };
}

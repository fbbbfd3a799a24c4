import type { CoreDeps } from "../../server/deps.ts";
import { referralTargetRepo as repo } from "./referral-targets.repo.ts";

export type ReferralTarget = { name: string; organizationId: string | null; email: string | null };

/**
 * What case work's referrals need of the directory (wired in the composition root): an offer
 * or organization as a target, the published ones to choose from, and names for a list.
 * Callers decide who may see it (case work checks case access first).
 */
export function createReferralTargetService(deps: Pick<CoreDeps, "db">) {
  const { db } = deps;
  return {
    async offer(tenantId: string, id: string): Promise<ReferralTarget | null> {
      const o = await repo.offer(db, tenantId, id);
      return o ? { name: o.name, organizationId: o.organizationId, email: o.email } : null;
    },
    async organization(tenantId: string, id: string): Promise<ReferralTarget | null> {
      const o = await repo.organization(db, tenantId, id);
      return o ? { name: o.name, organizationId: o.id, email: o.email } : null;
    },
    published: (tenantId: string) => repo.published(db, tenantId),
    async names(
      tenantId: string,
      offerIds: string[],
      organizationIds: string[],
    ): Promise<Map<string, string>> {
      return new Map((await repo.names(db, tenantId, offerIds, organizationIds)).map((x) => [x.id, x.name]));
    },
  };
}
export type ReferralTargetService = ReturnType<typeof createReferralTargetService>;

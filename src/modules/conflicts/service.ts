import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { createCaseLinks } from "./case-links.ts";
import { createCrises } from "./crises.ts";
import { createDaily } from "./daily.ts";
import type { ConflictDeps } from "./deps.ts";
import { createDuplicates } from "./duplicates.ts";
import { createEscalations } from "./escalations.ts";
import { createFigures, publishToMonitoring } from "./figures.ts";
import { createMediations } from "./mediations.ts";
import { createMerge } from "./merge.ts";
import { createNumbers } from "./numbers.ts";
import { createPlans } from "./plans.ts";
import { createPosts } from "./posts.ts";
import { createPublicReportPrivacy } from "./public-report-privacy.ts";
import { createPublicReports } from "./public-reports.ts";
import { conflictRepo } from "./repo.ts";
import { createReports } from "./reports.ts";
import { createConflictCrypto } from "./shared.ts";
import { createWork } from "./work.ts";

export type { ConflictDeps } from "./deps.ts";
export type { ConflictFigureCell, ConflictFigures } from "./figures.ts";
export type { ReportSource } from "./reports.ts";

/**
 * Conflict management (issue 20): reports from fire-alarm posts and by phone (reports.ts), the
 * contact point's work (work.ts, escalations.ts), numbers for steering (numbers.ts), the daily digest and
 * retention (daily.ts), the crisis and prevention plans (plans.ts), crises and drills (crises.ts),
 * the open public form's moderation queue (public-reports.ts) and its withdrawal, erasure and
 * retention (public-report-privacy.ts). The need-to-know rule is the policy's: only the contact point reads a
 * conflict, every read is audited.
 */
export function createConflictService(deps: ConflictDeps) {
  const crypto = createConflictCrypto(deps);
  const plans = createPlans(deps);
  const crises = createCrises(deps, crypto, plans);
  const merge = createMerge(deps, crypto);
  const publicReports = createPublicReports(deps, crypto, merge.merge);
  const publicReportPrivacy = createPublicReportPrivacy(deps);
  const daily = createDaily(deps, {
    ...plans,
    crisisRetention: crises.crisisRetention,
    publicReportRetention: publicReportPrivacy.publicReportRetention,
  });
  return {
    ...plans,
    ...crises,
    ...publicReports,
    ...publicReportPrivacy,
    ...createReports(deps, crypto),
    ...createPosts(deps, crypto),
    ...createWork(deps, crypto),
    ...createEscalations(deps),
    ...createDuplicates(deps),
    ...merge,
    ...createMediations(deps, crypto),
    ...createCaseLinks(deps),
    statistics: createNumbers(deps),
    /** The port for monitoring: area × kind × quarter through the small-cell rule (decision 080). */
    figures: createFigures(deps),
    /** The year's conflicts per area and kind into monitoring as Lotse figures (decision 088). */
    publishFigures: (principal: Principal, year: number) => publishToMonitoring(deps, principal, year),
    daily,

    /** Art. 17 on request: the conflict and its log go; audit entries keep ids only. */
    async erase(principal: Principal, id: string, requestId?: string): Promise<void> {
      authorize(principal, "conflicts.erase");
      await deps.db.transaction(async (tx) => {
        const ids = await conflictRepo.delete(tx, principal.tenantId, id);
        if (ids.length === 0) throw AppError.notFound();
        await deps.audit.redactEntities(tx, principal.tenantId, ids);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: "conflict",
            entityId: id,
            changes: { logEntries: { old: ids.length - 1, new: 0 } },
            requestId: requestId ?? null,
          },
          tx,
        );
      });
    },
  };
}
export type ConflictService = ReturnType<typeof createConflictService>;

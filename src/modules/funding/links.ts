import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { FundingDeps } from "./deps.ts";
import type { ApplicationLinksView, FundedProjectView, LinkApplication } from "./links-contracts.ts";
import { type ApplicationRow, fundingRepo as repo } from "./repo.ts";

/**
 * An application's links (decision 086): the strategy measure it implements (through strategy's
 * measures port) and the directory offers it runs (through the directory's port). Ids only, no
 * foreign key across modules; a link to something that does not exist is refused per field,
 * and one that disappeared later is simply not shown.
 */
export function createLinks(deps: FundingDeps) {
  const { db } = deps;

  async function viewOf(a: ApplicationRow): Promise<ApplicationLinksView> {
    const [measure] = a.measureId && deps.measures ? await deps.measures.refs(a.tenantId, [a.measureId]) : [];
    const names =
      deps.offers && a.offerIds.length ? await deps.offers.names(a.tenantId, a.offerIds) : new Map();
    return {
      applicationId: a.id,
      version: a.version,
      measure: measure ? { id: measure.id, title: measure.title, path: measure.path } : null,
      offers: a.offerIds.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) as string }] : [])),
    };
  }

  async function application(principal: Principal, id: string) {
    const a = await repo.application(db, principal.tenantId, id);
    if (!a) throw AppError.notFound();
    return a;
  }

  return {
    /**
     * The reverse view (decision 102): funded projects linked to a strategy measure or a
     * directory offer, for the goal tree's and the directory's pages. Titles, organizations and
     * amounts only, as in the public list; needs `funding.read` like the application list.
     */
    async fundedFor(
      principal: Principal,
      target: { measureId: string } | { offerId: string },
    ): Promise<FundedProjectView[]> {
      authorize(principal, "funding.read");
      const rows = await repo.fundedLinkedTo(db, principal.tenantId, target);
      return rows.map((r) => ({ ...r, grantedCents: r.grantedCents ?? 0 }));
    },

    async get(principal: Principal, applicationId: string): Promise<ApplicationLinksView> {
      authorize(principal, "funding.read");
      return viewOf(await application(principal, applicationId));
    },

    /** Sets both links at once; each unknown id is an error on its field. */
    async set(
      principal: Principal,
      applicationId: string,
      input: LinkApplication,
      requestId?: string,
    ): Promise<ApplicationLinksView> {
      authorize(principal, "funding.calls.manage");
      const a = await application(principal, applicationId);
      const errors: { field: string; code: string }[] = [];
      if (input.measureId && !(await deps.measures?.exists(a.tenantId, input.measureId)))
        errors.push({ field: "measureId", code: "funding_measure_unknown" });
      const names =
        deps.offers && input.offerIds.length
          ? await deps.offers.names(a.tenantId, input.offerIds)
          : new Map();
      input.offerIds.forEach((id, i) => {
        if (!names.has(id)) errors.push({ field: `offerIds.${i}`, code: "funding_offer_unknown" });
      });
      if (errors.length) throw AppError.validation(errors);
      return db.transaction(async (tx) => {
        const after = await repo.updateApplication(
          tx,
          a.tenantId,
          a.id,
          input.version,
          { measureId: input.measureId, offerIds: input.offerIds },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(a.version);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "link",
            entityType: "funding_application",
            entityId: a.id,
            changes: diff(
              { measureId: a.measureId, offerIds: a.offerIds },
              { measureId: after.measureId, offerIds: after.offerIds },
            ),
            requestId: requestId ?? null,
          },
          tx,
        );
        return viewOf(after);
      });
    },
  };
}

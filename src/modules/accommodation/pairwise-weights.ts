/**
 * Site-selection weights from a pairwise comparison of the criteria (AHP, decision 130): staff
 * judge every pair of the tenant's criteria on Saaty's 1–9 scale, `ahp.ts` gives the weights and
 * the consistency ratio, and consistent judgements can be adopted as the next numbered weight
 * set (the same sets as the dialogue's, decision 114), which the selection then uses.
 */
import { AppError, type FieldError } from "../../server/errors.ts";
import type { Actor } from "../audit/service.ts";
import { AHP_MAX_CRITERIA, ahp, CONSISTENCY_LIMIT } from "./ahp.ts";
import type { AccommodationDeps } from "./deps.ts";
import { criterionRepo } from "./repo.ts";
import type { PairwiseInput, PairwiseView } from "./weights.contracts.ts";
import { weightsRepo } from "./weights.repo.ts";
import { check, tenantOf, userOf, weightSetView } from "./weights.ts";

type Opts = { requestId?: string | null };

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Every pair of the criteria judged exactly once, between known criteria; field errors otherwise. */
function checkComparisons(criteria: readonly { id: string; name: string }[], input: PairwiseInput) {
  if (criteria.length < 2)
    throw AppError.validation([{ field: "comparisons", code: "accommodation_ahp_too_few" }]);
  if (criteria.length > AHP_MAX_CRITERIA)
    throw AppError.validation([
      { field: "comparisons", code: "accommodation_ahp_too_many", params: { max: AHP_MAX_CRITERIA } },
    ]);
  const known = new Set(criteria.map((c) => c.id));
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  input.comparisons.forEach((j, i) => {
    if (!known.has(j.a)) fields.push({ field: `comparisons.${i}.a`, code: "invalid_choice" });
    else if (!known.has(j.b)) fields.push({ field: `comparisons.${i}.b`, code: "invalid_choice" });
    else if (j.a === j.b) fields.push({ field: `comparisons.${i}.b`, code: "accommodation_ahp_same" });
    else if (seen.has(pairKey(j.a, j.b)))
      fields.push({ field: `comparisons.${i}`, code: "accommodation_ahp_pair_twice" });
    seen.add(pairKey(j.a, j.b));
  });
  if (fields.length) throw AppError.validation(fields);
  for (const [i, a] of criteria.entries())
    for (const b of criteria.slice(i + 1))
      if (!seen.has(pairKey(a.id, b.id)))
        throw AppError.validation([
          { field: "comparisons", code: "accommodation_ahp_pair_missing", params: { a: a.name, b: b.name } },
        ]);
}

export function createPairwiseWeights(deps: AccommodationDeps) {
  const { db } = deps;

  return {
    /**
     * Computes the weights and the consistency ratio of a pairwise comparison and, when asked and
     * consistent (CR ≤ 0.1), adopts them as the next weight set. Inconsistent judgements are
     * refused at the pair that departs most, naming both criteria and what the others imply.
     */
    async pairwise(actor: Actor, input: PairwiseInput, opts: Opts = {}): Promise<PairwiseView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const criteria = await criterionRepo.list(db, tenantId);
      checkComparisons(criteria, input);
      const r = ahp(
        criteria.map((c) => c.id),
        input.comparisons,
      );
      const view: PairwiseView = { ...r, limit: CONSISTENCY_LIMIT, set: null };
      if (!input.adopt) return view;
      if (!r.consistent && r.worst) {
        const { a, b, implied } = r.worst;
        const name = (id: string) => criteria.find((c) => c.id === id)!.name;
        const index = input.comparisons.findIndex((j) => pairKey(j.a, j.b) === pairKey(a, b));
        throw AppError.validation([
          {
            field: `comparisons.${index}`,
            code: "accommodation_ahp_inconsistent",
            params: {
              cr: Math.round(r.consistencyRatio * 100) / 100,
              a: name(a),
              b: name(b),
              favoured: name(implied.favours === "a" ? a : b),
              other: name(implied.favours === "a" ? b : a),
              intensity: implied.intensity,
            },
          },
        ]);
      }
      const set = await db.transaction(async (tx) => {
        const current = (await weightsRepo.current(tx, tenantId))?.number ?? null;
        if (current !== input.basis) throw AppError.versionConflict(current ?? 0);
        const row = await weightsRepo.insertSet(tx, {
          tenantId,
          number: (current ?? 0) + 1,
          weights: r.weights,
          source: {
            kind: "pairwise",
            comparisons: input.comparisons,
            consistencyRatio: r.consistencyRatio,
            lambdaMax: r.lambdaMax,
          },
          adoptedBy: userOf(actor),
        });
        // Another adoption took the number between the read and the insert.
        if (!row) throw AppError.versionConflict(current ?? 0);
        await deps.audit.record(
          {
            actor,
            action: "create",
            entityType: "accommodation_weight_set",
            entityId: row.id,
            changes: {
              number: { old: null, new: row.number },
              weights: { old: null, new: r.weights },
              consistencyRatio: { old: null, new: r.consistencyRatio },
            },
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return weightSetView(row);
      });
      return { ...view, set };
    },
  };
}

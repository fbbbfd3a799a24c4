import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type SafeCount, safeCount, smallCellRuleFor } from "../statistics/small-cells.ts";
import type { ContentLanguage } from "../translations/languages.ts";
import type { FundingDeps } from "./deps.ts";
import { type GroupRow, numbersRepo } from "./numbers-repo.ts";
import { fundingRepo } from "./repo.ts";

/** One row of a numbers table; a sum is shown only where the count it sums over is shown. */
export type NumbersRow = {
  key: string | null;
  label: string;
  year: number;
  filed: SafeCount;
  funded: SafeCount;
  requestedCents: number | null;
  grantedCents: number | null;
};
export type FundingNumbers = {
  callId: string;
  title: string;
  years: NumbersRow[];
  fieldsOfAction: NumbersRow[];
  targetGroups: NumbersRow[];
  areas: NumbersRow[];
};
export type FundedProject = {
  id: string;
  title: string;
  organizationName: string;
  grantedCents: number;
  year: number;
  callTitle: string;
};

/**
 * Numbers and transparency (issue 19 no. 6, decision 070): per call and year the applications
 * filed and funded with their sums, by field of action, target group and area — every count
 * through the one small-cell rule (statistics/small-cells.ts), a sum only beside a shown count;
 * and the public list of funded projects for calls whose list the tenant switched on.
 */
export function createNumbers(deps: FundingDeps) {
  const { db } = deps;

  return {
    async statistics(principal: Principal, callId: string, lang: ContentLanguage): Promise<FundingNumbers> {
      authorize(principal, "funding.read");
      const call = await fundingRepo.call(db, principal.tenantId, callId);
      if (!call) throw AppError.notFound();
      const tenant = await deps.tenants.byId(principal.tenantId);
      const rule = smallCellRuleFor(tenant?.settings.smallCells);
      const [years, areas, terms, axes, areaList] = await Promise.all([
        numbersRepo.byYear(db, principal.tenantId, callId),
        numbersRepo.byArea(db, principal.tenantId, callId),
        numbersRepo.byTerm(db, principal.tenantId, callId),
        deps.framework.list(principal.tenantId, lang),
        deps.areas.list(principal.tenantId),
      ]);
      const kindOf = new Map(axes.flatMap((a) => a.terms.map((t) => [t.id, a.kind] as const)));
      const labels = new Map<string, string>([
        ...axes.flatMap((a) => a.terms.map((t) => [t.id, t.label?.text ?? t.key] as const)),
        ...areaList.map((a) => [a.id, a.name] as const),
      ]);
      const safe = (r: GroupRow): NumbersRow => {
        const filed = safeCount(r.filed, rule);
        const funded = safeCount(r.funded, rule);
        return {
          key: r.key,
          label: r.key ? (labels.get(r.key) ?? "") : "",
          year: r.year,
          filed,
          funded,
          requestedCents: filed.value === null ? null : Number(r.requested),
          grantedCents: funded.value === null ? null : Number(r.granted),
        };
      };
      const byLabel = (a: NumbersRow, b: NumbersRow) => a.year - b.year || a.label.localeCompare(b.label);
      return {
        callId: call.id,
        title: call.title,
        years: years.map(safe),
        fieldsOfAction: terms
          .filter((r) => kindOf.get(r.key ?? "") === "field_of_action")
          .map(safe)
          .sort(byLabel),
        targetGroups: terms
          .filter((r) => kindOf.get(r.key ?? "") === "target_group")
          .map(safe)
          .sort(byLabel),
        areas: areas.map(safe).sort(byLabel),
      };
    },

    /** Public: funded projects (title, organization, amount, year) of calls that publish them. */
    async funded(tenantId: string): Promise<FundedProject[]> {
      const rows = await numbersRepo.funded(db, tenantId);
      return rows.map((r) => ({ ...r, grantedCents: r.grantedCents ?? 0 }));
    },
  };
}

/** Checks the applicant's area and framework terms (fields of action, target groups). */
export async function checkClassification(
  deps: FundingDeps,
  tenantId: string,
  areaId: string | null,
  termIds: readonly string[],
) {
  const errors: FieldError[] = [];
  if (areaId && !(await deps.areas.list(tenantId)).some((a) => a.id === areaId))
    errors.push({ field: "areaId", code: "invalid_choice" });
  if (termIds.length) {
    const axes = await deps.framework.list(tenantId, "de");
    const known = new Set(
      axes
        .filter((a) => a.kind === "field_of_action" || a.kind === "target_group")
        .flatMap((a) => a.terms.map((t) => t.id)),
    );
    termIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ field: `termIds.${i}`, code: "invalid_choice" });
    });
  }
  if (errors.length) throw AppError.validation(errors);
}

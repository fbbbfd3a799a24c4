/**
 * Accommodation and site selection (issue 21): candidate sites, criteria and saved selection
 * scenarios here (decision 053; planning data, not personal data), accommodations and
 * placements in their own files (decision 065), composed below.
 */
import type { Translate } from "#app/i18n/translator.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Actor } from "../audit/service.ts";
import { diff } from "../audit/service.ts";
import { createAccommodations } from "./accommodations.ts";
import { createComparison } from "./comparison.ts";
import type {
  CreateCriterionInput,
  CreateSiteInput,
  CriterionView,
  RunScenarioInput,
  ScenarioSummary,
  ScenarioView,
  SiteView,
  UpdateSiteInput,
} from "./contracts.ts";
import { createDaily } from "./daily.ts";
import type { AccommodationDeps } from "./deps.ts";
import { type SelectionConstraints, type SelectionSite, siteCentroid } from "./model.ts";
import { createPairwiseWeights } from "./pairwise-weights.ts";
import { createPlacements } from "./placements.ts";
import { createProposal } from "./proposal.ts";
import { createQuestionnaire } from "./questionnaire.ts";
import {
  type CriterionRow,
  criterionRepo,
  type ScenarioRow,
  type SiteRow,
  scenarioRepo,
  siteRepo,
} from "./repo.ts";
import { createRooms } from "./rooms.ts";
import { renderScorecardPdf } from "./scorecard-pdf.ts";
import { runSelectionOffThread } from "./selection.ts";
import { createSiteImport } from "./site-import.ts";
import { createStructure } from "./structure.ts";
import { createSubjectHooks } from "./subject.ts";
import { weightsRepo } from "./weights.repo.ts";
import { createWeights } from "./weights.ts";

const check = (actor: Actor, action: "accommodation.sites.read" | "accommodation.sites.manage") => {
  if (actor.kind === "user") authorize(actor.principal, action);
};
const tenantOf = (actor: Actor) => (actor.kind === "user" ? actor.principal.tenantId : actor.tenantId);

const criterionView = (c: CriterionRow): CriterionView => ({
  id: c.id,
  name: c.name,
  unit: c.unit,
  direction: c.direction,
  missing: c.missing,
  source: c.source,
});

function scenarioView(s: ScenarioRow, weightSetNumber: number | null = null): ScenarioView {
  return {
    id: s.id,
    name: s.name,
    createdAt: s.createdAt.toISOString(),
    weightSet: s.weightSetId ? { id: s.weightSetId, number: weightSetNumber } : null,
    weights: s.weights,
    constraints: s.constraints,
    result: s.result,
    snapshot: s.snapshot,
  };
}

export function createAccommodationService(deps: AccommodationDeps) {
  const { db } = deps;
  const weights = { ...createWeights(deps), ...createPairwiseWeights(deps) };

  /** The scenario with its weight set's number (the set itself is never deleted). */
  async function fullScenario(tenantId: string, row: ScenarioRow): Promise<ScenarioView> {
    const set = row.weightSetId
      ? (await weightsRepo.sets(db, tenantId)).find((w) => w.id === row.weightSetId)
      : undefined;
    return scenarioView(row, set?.number ?? null);
  }

  /** The site's quarter: the deepest area containing its centroid; outside every area → refused. */
  async function locate(tenantId: string, input: CreateSiteInput) {
    const { lon, lat } = siteCentroid(input.geometry);
    const hit = await deps.areas.locate(tenantId, lon, lat);
    if (!hit) throw AppError.validation([{ field: "geometry", code: "place_outside_areas" }]);
    return { lon, lat, areaId: hit.area.id };
  }

  const cleanValues = (values: Record<string, number | null>) =>
    Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number"));

  async function unknownCriteria(tenantId: string, ids: string[], field: string): Promise<FieldError[]> {
    const known = new Set((await criterionRepo.list(db, tenantId)).map((c) => c.id));
    return ids
      .filter((id) => !known.has(id))
      .map((id) => ({ field: `${field}.${id}`, code: "invalid_choice" }));
  }

  /** Sites with their area names and monitoring-sourced values filled in. */
  async function siteViews(tenantId: string): Promise<SiteView[]> {
    const [rows, criteria, areas] = await Promise.all([
      siteRepo.list(db, tenantId),
      criterionRepo.list(db, tenantId),
      deps.areas.list(tenantId),
    ]);
    const areaName = new Map(areas.map((a) => [a.id, a.name]));
    const monitored = criteria.filter((c) => c.source === "monitoring_status");
    const index =
      monitored.length && deps.statusIndex ? await deps.statusIndex(tenantId) : new Map<string, number>();
    return rows.map((r: SiteRow) => {
      const values: Record<string, number | null> = { ...r.values };
      for (const c of monitored) values[c.id] = index.get(r.areaId) ?? null;
      return {
        id: r.id,
        name: r.name,
        geometry: r.geometry,
        lon: r.lon,
        lat: r.lat,
        areaId: r.areaId,
        areaName: areaName.get(r.areaId) ?? "",
        capacity: r.capacity,
        existing: r.existing,
        note: r.note,
        values,
        version: r.version,
      };
    });
  }

  return {
    /** Accommodations in operation and their occupancy (decision 065). */
    accommodations: createAccommodations(deps),
    /** Rooms and beds of an accommodation (decision 073). */
    rooms: createRooms(deps),
    /** The ranked proposal of accommodations and rooms for a household (decision 073). */
    proposal: createProposal(deps),
    /** Households of case work placed in accommodations (case data, decision 065). */
    placements: createPlacements(deps),
    /** Age and gender structure of the residents per accommodation and day, small cells (decision 081). */
    structure: createStructure(deps),
    /** Two accommodations, or two periods of one, side by side through the small-cell rule (decision 121). */
    comparison: createComparison(deps),
    /** The questionnaire per accommodation through the surveys module (decision 081). */
    questionnaire: createQuestionnaire(deps),
    /** The daily job: a later move-in moves the household's address on its day (decision 081). */
    daily: createDaily(deps),
    /** The GeoJSON import of candidate sites, run by the imports module as the system (decision 104). */
    siteImport: createSiteImport(deps),
    /** Weights from a citizens' dialogue's questionnaire (decision 114) or a pairwise comparison (decision 130), adopted as numbered sets. */
    weights,
    /** Placements in case work's Art. 15 export, erasure and retention (module.ts). */
    dataSubject: createSubjectHooks(deps),

    async listSites(actor: Actor): Promise<SiteView[]> {
      check(actor, "accommodation.sites.read");
      return siteViews(tenantOf(actor));
    },

    async listCriteria(actor: Actor): Promise<CriterionView[]> {
      check(actor, "accommodation.sites.read");
      return (await criterionRepo.list(db, tenantOf(actor))).map(criterionView);
    },

    async createCriterion(
      actor: Actor,
      input: CreateCriterionInput,
      requestId?: string,
    ): Promise<CriterionView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      return db.transaction(async (tx) => {
        const sort = (await criterionRepo.list(tx, tenantId)).length;
        const row = await criterionRepo.insert(tx, { tenantId, ...input, sort });
        await deps.audit.record(
          { actor, action: "create", entityType: "accommodation_criterion", entityId: row.id, requestId },
          tx,
        );
        return criterionView(row);
      });
    },

    async createSite(actor: Actor, input: CreateSiteInput, requestId?: string): Promise<SiteView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const unknown = await unknownCriteria(tenantId, Object.keys(input.values), "values");
      if (unknown.length) throw AppError.validation(unknown);
      const place = await locate(tenantId, input);
      const row = await db.transaction(async (tx) => {
        const created = await siteRepo.insert(tx, {
          tenantId,
          name: input.name,
          geometry: input.geometry,
          ...place,
          capacity: input.capacity,
          existing: input.existing,
          note: input.note,
          values: cleanValues(input.values),
        });
        await deps.audit.record(
          { actor, action: "create", entityType: "accommodation_site", entityId: created.id, requestId },
          tx,
        );
        return created;
      });
      return (await siteViews(tenantId)).find((s) => s.id === row.id)!;
    },

    /** Saves only if nobody saved since `input.version` (409 otherwise). */
    async updateSite(
      actor: Actor,
      id: string,
      input: UpdateSiteInput,
      requestId?: string,
    ): Promise<SiteView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const before = await siteRepo.byId(db, tenantId, id);
      if (!before) throw AppError.notFound();
      const unknown = await unknownCriteria(tenantId, Object.keys(input.values), "values");
      if (unknown.length) throw AppError.validation(unknown);
      const place = await locate(tenantId, input);
      await db.transaction(async (tx) => {
        const after = await siteRepo.updateIfVersion(tx, tenantId, id, input.version, {
          name: input.name,
          geometry: input.geometry,
          ...place,
          capacity: input.capacity,
          existing: input.existing,
          note: input.note,
          values: cleanValues(input.values),
        });
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor,
            action: "update",
            entityType: "accommodation_site",
            entityId: id,
            changes: diff(before, after),
            requestId,
          },
          tx,
        );
      });
      return (await siteViews(tenantId)).find((s) => s.id === id)!;
    },

    /** Runs the selection under the given weights and rules and saves it as a scenario. */
    async runScenario(actor: Actor, input: RunScenarioInput, requestId?: string): Promise<ScenarioView> {
      check(actor, "accommodation.sites.manage");
      const tenantId = tenantOf(actor);
      const [criteria, sites, adopted] = await Promise.all([
        criterionRepo.list(db, tenantId),
        siteViews(tenantId),
        input.weights ? undefined : weights.current(tenantId),
      ]);
      // Without weights typed in, the set in force runs (decision 114).
      if (!input.weights && !adopted)
        throw AppError.validation([{ field: "weights", code: "accommodation_no_adopted_weights" }]);
      const runWeights = input.weights ?? adopted!.weights;
      const fields: FieldError[] = await unknownCriteria(tenantId, Object.keys(runWeights), "weights");
      const sum = criteria.reduce((a, c) => a + (runWeights[c.id] ?? 0), 0);
      if (!(sum > 0)) fields.push({ field: "weights", code: "weights_sum_zero" });
      const c = input.constraints;
      if (c.burden && !criteria.some((x) => x.id === c.burden!.criterionId))
        fields.push({ field: "constraints.burden.criterionId", code: "invalid_choice" });
      const siteIds = new Set(sites.map((s) => s.id));
      for (const key of ["forced", "excluded"] as const)
        c[key].forEach((id, i) => {
          if (!siteIds.has(id)) fields.push({ field: `constraints.${key}.${i}`, code: "invalid_choice" });
        });
      if (fields.length) throw AppError.validation(fields);

      const candidates = sites.filter((s) => !s.existing);
      const burdenCriterion = c.burden ? criteria.find((x) => x.id === c.burden!.criterionId) : undefined;
      const constraints: SelectionConstraints = {
        ...c,
        burden: c.burden && burdenCriterion ? { ...c.burden, direction: burdenCriterion.direction } : null,
        occupiedAreaIds: [...new Set(sites.filter((s) => s.existing).map((s) => s.areaId))],
      };
      const selectionSites: SelectionSite[] = candidates.map((s) => ({
        id: s.id,
        name: s.name,
        areaId: s.areaId,
        capacity: s.capacity,
        lon: s.lon,
        lat: s.lat,
        values: s.values,
      }));
      const result = await runSelectionOffThread({
        sites: selectionSites,
        criteria: criteria.map((x) => ({
          id: x.id,
          name: x.name,
          direction: x.direction,
          missing: x.missing,
        })),
        weights: runWeights,
        constraints,
        timeLimitSeconds: input.timeLimitSeconds,
      });
      const snapshot = {
        sites: candidates.map((s) => ({
          id: s.id,
          name: s.name,
          areaId: s.areaId,
          areaName: s.areaName,
          capacity: s.capacity,
          lon: s.lon,
          lat: s.lat,
        })),
        criteria: criteria.map((x) => ({ id: x.id, name: x.name, direction: x.direction, unit: x.unit })),
      };
      return db.transaction(async (tx) => {
        const row = await scenarioRepo.insert(tx, {
          tenantId,
          name: input.name,
          weights: runWeights,
          constraints,
          result,
          snapshot,
          weightSetId: adopted?.id ?? null,
          createdBy: actor.kind === "user" ? actor.principal.userId : null,
        });
        await deps.audit.record(
          { actor, action: "create", entityType: "accommodation_scenario", entityId: row.id, requestId },
          tx,
        );
        return scenarioView(row, adopted?.number ?? null);
      });
    },

    async listScenarios(actor: Actor): Promise<ScenarioSummary[]> {
      check(actor, "accommodation.sites.read");
      return (await scenarioRepo.list(db, tenantOf(actor))).map((s) => ({
        id: s.id,
        name: s.name,
        createdAt: s.createdAt.toISOString(),
        status: s.result.status,
        chosenCount: s.result.chosen.length,
        objective: s.result.objective,
      }));
    },

    async scenario(actor: Actor, id: string): Promise<ScenarioView> {
      check(actor, "accommodation.sites.read");
      const tenantId = tenantOf(actor);
      const row = await scenarioRepo.byId(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return fullScenario(tenantId, row);
    },

    /** The scenario's scorecard for the council as a tagged PDF in the reader's language (decision 104). */
    async scorecardPdf(actor: Actor, id: string, opts: { t: Translate; lang: string }): Promise<Buffer> {
      check(actor, "accommodation.sites.read");
      const tenantId = tenantOf(actor);
      const row = await scenarioRepo.byId(db, tenantId, id);
      if (!row) throw AppError.notFound();
      const tenant = await deps.tenants.byId(tenantId);
      return renderScorecardPdf(await fullScenario(tenantId, row), {
        tenantName: tenant?.name ?? "",
        ...opts,
      });
    },
  };
}
export type AccommodationService = ReturnType<typeof createAccommodationService>;

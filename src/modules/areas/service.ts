import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import { parseInput } from "../../server/validation.ts";
import type { AuditService } from "../audit/service.ts";
import { type AreaImportOptions, areaImportOptions } from "./contracts.ts";
import { type AreaGeometry, geometryBbox } from "./geo.ts";
import { type AreaTreeNode, levelRank } from "./levels.ts";
import { type AreaIndex, buildAreaIndex, locateIndexed } from "./lookup.ts";
import type {
  AreaBounds,
  AreaFeatureCollection,
  AreaListItem,
  AreaRef,
  ImportActor,
  ImportCommitResult,
  LocatedArea,
} from "./model.ts";
import { exportGeometry } from "./repair.ts";
import { type AreaInsert, areaRepo } from "./repo.ts";
import { analyzeUploadOffThread, type ImportInput, type UploadAnalysis } from "./upload.ts";
import type { AnalyzedFeature, ExistingArea, ImportAnalysis } from "./validate.ts";

export type {
  AreaBounds,
  AreaFeatureCollection,
  AreaListItem,
  AreaRef,
  ImportActor,
  ImportCommitResult,
  LocatedArea,
} from "./model.ts";

type IndexEntry = AreaRef & { parentId: string | null; geometry: AreaGeometry };
type TenantIndex = {
  index: AreaIndex<IndexEntry>;
  /** The bounding box of all areas (the tenant's region), null without areas. */
  bounds: AreaBounds | null;
  byId: Map<string, IndexEntry>;
  stamp: string;
  checkedAt: number;
};

/**
 * How long a tenant's lookup index is trusted before one cheap query checks that no other
 * process (e.g. the CLI against the same PostgreSQL) changed the areas. Imports in this
 * process invalidate the index at once.
 */
const RECHECK_MS = 30_000;
const INSERT_CHUNK = 500;

export function createAreaService(deps: CoreDeps & { audit: AuditService }) {
  const { db } = deps;
  const cache = new Map<string, TenantIndex>();
  const building = new Map<string, Promise<TenantIndex>>();
  const generation = new Map<string, number>();

  async function build(tenantId: string): Promise<TenantIndex> {
    const gen = generation.get(tenantId) ?? 0;
    // Stamp before rows: a write in between makes the next check see a different stamp.
    const stamp = await areaRepo.stamp(db, tenantId);
    const rows = await areaRepo.listByTenant(db, tenantId);
    const entries: IndexEntry[] = rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level,
      parentId: r.parentId,
      geometry: r.geometry,
    }));
    const ti: TenantIndex = {
      index: buildAreaIndex(entries),
      bounds: rows.length
        ? {
            minLon: Math.min(...rows.map((r) => r.minLon)),
            minLat: Math.min(...rows.map((r) => r.minLat)),
            maxLon: Math.max(...rows.map((r) => r.maxLon)),
            maxLat: Math.max(...rows.map((r) => r.maxLat)),
          }
        : null,
      byId: new Map(entries.map((e) => [e.id, e])),
      stamp,
      checkedAt: deps.clock.now().getTime(),
    };
    if ((generation.get(tenantId) ?? 0) === gen) cache.set(tenantId, ti);
    return ti;
  }

  async function indexFor(tenantId: string): Promise<TenantIndex> {
    const cached = cache.get(tenantId);
    const now = deps.clock.now().getTime();
    if (cached) {
      if (now - cached.checkedAt < RECHECK_MS) return cached;
      if ((await areaRepo.stamp(db, tenantId)) === cached.stamp) {
        cached.checkedAt = now;
        return cached;
      }
      if (cache.get(tenantId) === cached) cache.delete(tenantId);
    }
    let pending = building.get(tenantId);
    if (!pending) {
      const p: Promise<TenantIndex> = build(tenantId).finally(() => {
        if (building.get(tenantId) === p) building.delete(tenantId);
      });
      building.set(tenantId, p);
      pending = p;
    }
    return pending;
  }

  /** Drops the tenant's lookup index; the next lookup rebuilds it from the database. */
  function invalidate(tenantId: string) {
    generation.set(tenantId, (generation.get(tenantId) ?? 0) + 1);
    cache.delete(tenantId);
    building.delete(tenantId);
  }

  function chain(ti: TenantIndex, start: IndexEntry): AreaRef[] {
    const out: AreaRef[] = [];
    const seen = new Set<string>([start.id]);
    let next = start.parentId ? ti.byId.get(start.parentId) : undefined;
    while (next && !seen.has(next.id)) {
      seen.add(next.id);
      out.push(ref(next));
      next = next.parentId ? ti.byId.get(next.parentId) : undefined;
    }
    return out;
  }

  async function loadExisting(dbOrTx: DbOrTx, tenantId: string): Promise<ExistingArea[]> {
    const rows = await areaRepo.listByTenant(dbOrTx, tenantId);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level,
      parentId: r.parentId,
      geometry: r.geometry,
      approximate: r.approximate,
      sourceNote: r.sourceNote,
    }));
  }

  function authorizeImport(actor: ImportActor, tenantId: string) {
    if (actor.kind !== "user") return;
    authorize(actor.principal, "areas.import");
    if (actor.principal.tenantId !== tenantId) throw AppError.forbidden();
  }

  return {
    invalidate,

    /** All areas of the tenant without geometry, with their parent's code and name. */
    async list(tenantId: string): Promise<AreaListItem[]> {
      const rows = await areaRepo.listSummaries(db, tenantId);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return rows.map((r) => {
        const parent = r.parentId ? byId.get(r.parentId) : undefined;
        return {
          id: r.id,
          code: r.code,
          name: r.name,
          level: r.level,
          parentId: r.parentId,
          parentCode: parent?.code ?? null,
          parentName: parent?.name ?? null,
          approximate: r.approximate,
          sourceNote: r.sourceNote,
          version: r.version,
        };
      });
    },

    /** The area tree without geometry, ordered by name (for monitoring). */
    tree(tenantId: string): Promise<AreaTreeNode[]> {
      return areaRepo.treeByName(db, tenantId);
    },

    /** The areas as GeoJSON, in the same shape the import reads (so an export can be re-imported). */
    async featureCollection(tenantId: string): Promise<AreaFeatureCollection> {
      const rows = await areaRepo.listByTenant(db, tenantId);
      const codeById = new Map(rows.map((r) => [r.id, r.code]));
      return {
        type: "FeatureCollection",
        features: rows
          .sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.code.localeCompare(b.code))
          .map((r) => ({
            type: "Feature" as const,
            properties: {
              code: r.code,
              name: r.name,
              level: r.level,
              parent: r.parentId ? (codeById.get(r.parentId) ?? null) : null,
              approximate: r.approximate,
              source: r.sourceNote,
            },
            // RFC 7946: exterior rings counter-clockwise, holes clockwise, at most 7 decimals.
            geometry: exportGeometry(r.geometry),
          })),
      };
    },

    /**
     * Point → area: the deepest area containing [lon, lat] and its ancestors, or null.
     * Served from a per-tenant in-memory R-tree (built lazily, dropped when areas change).
     */
    async locate(tenantId: string, lon: number, lat: number): Promise<LocatedArea | null> {
      const fields: FieldError[] = [];
      if (!Number.isFinite(lon) || lon < -180 || lon > 180)
        fields.push({ field: "lon", code: "geometry_out_of_range" });
      if (!Number.isFinite(lat) || lat < -90 || lat > 90)
        fields.push({ field: "lat", code: "geometry_out_of_range" });
      if (fields.length) throw AppError.validation(fields);
      const ti = await indexFor(tenantId);
      const hit = locateIndexed(ti.index, lon, lat);
      return hit ? { area: ref(hit), ancestors: chain(ti, hit) } : null;
    },

    /** The tenant's region: the bounding box of all its areas, null while it has none (decision 095). */
    async bounds(tenantId: string): Promise<AreaBounds | null> {
      return (await indexFor(tenantId)).bounds;
    },

    /** The ancestors of an area, nearest first (parent, …, root). For scoped grants and roll-ups. */
    async ancestors(tenantId: string, areaId: string): Promise<AreaRef[]> {
      const ti = await indexFor(tenantId);
      const area = ti.byId.get(areaId);
      if (!area) throw AppError.notFound();
      return chain(ti, area);
    },

    /**
     * Validates an import file (GeoJSON text or bytes, a zipped Shapefile, a GeoPackage) and
     * says what an import would do; writes nothing. The options map attributes, name the CRS
     * and accept the proposed repairs (decision 044). The features come without geometries.
     */
    async previewImport(
      actor: ImportActor,
      tenantId: string,
      input: ImportInput,
      options: AreaImportOptions = {},
    ): Promise<UploadAnalysis> {
      authorizeImport(actor, tenantId);
      options = parseInput(areaImportOptions, options);
      // Reading, reprojection and the geometry checks run on a worker thread: the event loop stays free.
      return analyzeUploadOffThread(input, await loadExisting(db, tenantId), options, { preview: true });
    },

    /**
     * Imports all-or-nothing: validates again inside one transaction and writes only when
     * every feature is valid. Areas are matched by code; nothing is deleted. Audited with
     * counts (never geometry).
     */
    async commitImport(
      actor: ImportActor,
      tenantId: string,
      input: ImportInput,
      options: AreaImportOptions = {},
    ): Promise<ImportCommitResult> {
      authorizeImport(actor, tenantId);
      options = parseInput(areaImportOptions, options);
      const now = deps.clock.now();
      let result: ImportCommitResult;
      try {
        result = await db.transaction(async (tx) => {
          await areaRepo.lockTenantImports(tx, tenantId);
          const analysis = await analyzeUploadOffThread(input, await loadExisting(tx, tenantId), options, {
            preview: false,
          });
          if (!analysis.ok) throw importError(analysis);
          await writeImport(tx, tenantId, analysis.features, now);
          const counts = {
            created: analysis.counts.create,
            updated: analysis.counts.update,
            unchanged: analysis.counts.unchanged,
          };
          await deps.audit.record(
            {
              actor:
                actor.kind === "user"
                  ? { kind: "user", principal: actor.principal }
                  : { kind: actor.kind, tenantId },
              action: "import",
              entityType: "area",
              changes: {
                created: { old: null, new: counts.created },
                updated: { old: null, new: counts.updated },
                unchanged: { old: null, new: counts.unchanged },
              },
              requestId: actor.kind === "user" ? (actor.requestId ?? null) : null,
            },
            tx,
          );
          return counts;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError("conflict", { cause: e });
        throw e;
      } finally {
        invalidate(tenantId);
      }
      deps.logger.info({ tenantId, ...result }, "areas imported");
      return result;
    },
  };
}
export type AreaService = ReturnType<typeof createAreaService>;

function ref(e: AreaRef): AreaRef {
  return { id: e.id, code: e.code, name: e.name, level: e.level };
}

/** Writes the analysed features: coarse levels first, so every parent exists before its children. */
async function writeImport(tx: DbOrTx, tenantId: string, features: AnalyzedFeature[], now: Date) {
  const existing = await areaRepo.listSummaries(tx, tenantId);
  const idByCode = new Map(existing.map((a) => [a.code, a.id]));
  const changed = features
    .filter((f) => f.action !== "unchanged")
    .sort((a, b) => levelRank(a.level!) - levelRank(b.level!));
  const patchOf = (f: AnalyzedFeature) => {
    const geometry = f.geometry!;
    return {
      parentId: f.parentCode ? idByCode.get(f.parentCode)! : null,
      level: f.level!,
      name: f.name!,
      geometry,
      ...geometryBbox(geometry),
      approximate: f.approximate,
      sourceNote: f.sourceNote,
    };
  };
  let pending: { code: string; row: AreaInsert }[] = [];
  let pendingRank = -1;
  const flush = async () => {
    for (let i = 0; i < pending.length; i += INSERT_CHUNK) {
      const created = await areaRepo.insertMany(
        tx,
        pending.slice(i, i + INSERT_CHUNK).map((p) => p.row),
      );
      for (const c of created) idByCode.set(c.code, c.id);
    }
    pending = [];
  };
  for (const f of changed) {
    const rank = levelRank(f.level!);
    // Children may reference areas created on a coarser level: insert those first.
    if (rank !== pendingRank) {
      await flush();
      pendingRank = rank;
    }
    if (f.action === "create") {
      pending.push({
        code: f.code!,
        row: { tenantId, code: f.code!, ...patchOf(f), createdAt: now, updatedAt: now },
      });
    } else {
      await areaRepo.update(tx, tenantId, f.existingId!, patchOf(f), now);
    }
  }
  await flush();
}

function importError(analysis: ImportAnalysis): AppError {
  const fields: FieldError[] = [...analysis.fileErrors];
  for (const f of analysis.features) {
    for (const e of f.errors) fields.push({ ...e, field: `features.${f.index}.${e.field}` });
  }
  return AppError.validation(fields);
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

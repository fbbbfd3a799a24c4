import { inTransaction } from "../../server/db/ambient.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { AddPhase, UpdateCaseworkSettings, UpdatePhases } from "./contracts.ts";
import { DEFAULT_PHASES, DEFAULT_RETENTION_YEARS } from "./model.ts";
import { type PhaseDefinitionRow, settingsRepo as repo } from "./settings.repo.ts";
import { type Audited, userActor } from "./support.ts";

/** Case-work settings per tenant: the retention period and the phase model (Staff → Settings → Case work). */
export function createSettingsService(deps: CoreDeps & { audit: AuditService }) {
  const { db } = deps;
  const prepared = new Set<string>();

  /** Settings row and the default phases, created on first use for every tenant. */
  async function ensureTenant(tenantId: string): Promise<void> {
    if (prepared.has(tenantId)) return;
    const now = deps.clock.now();
    await repo.insertSettings(db, tenantId, now);
    if (!(await repo.phases(db, tenantId)).length) {
      await repo.insertPhases(
        db,
        DEFAULT_PHASES.map((p, i) => ({
          tenantId,
          key: p.key,
          label: p.label,
          sort: (i + 1) * 10,
          createdAt: now,
        })),
      );
    }
    // Inside a transaction the rows exist only once it commits.
    if (!inTransaction()) prepared.add(tenantId);
  }

  async function phases(tenantId: string): Promise<PhaseDefinitionRow[]> {
    await ensureTenant(tenantId);
    return repo.phases(db, tenantId);
  }

  return {
    ensureTenant,
    phases,

    /** Years after closure until retention deletes a case. */
    async retentionPeriod(tenantId: string): Promise<number> {
      await ensureTenant(tenantId);
      return (await repo.settings(db, tenantId))?.retentionYears ?? DEFAULT_RETENTION_YEARS;
    },

    async get(principal: Principal) {
      authorize(principal, "casework.settings");
      await ensureTenant(principal.tenantId);
      const s = await repo.settings(db, principal.tenantId);
      return {
        retentionYears: s?.retentionYears ?? DEFAULT_RETENTION_YEARS,
        version: s?.version ?? 1,
        phases: (await repo.phases(db, principal.tenantId)).map(({ id, key, label, sort, active }) => ({
          id,
          key,
          label,
          sort,
          active,
        })),
      };
    },

    async update(principal: Principal, input: UpdateCaseworkSettings, opts: Audited = {}) {
      authorize(principal, "casework.settings");
      await ensureTenant(principal.tenantId);
      const before = await repo.settings(db, principal.tenantId);
      return db.transaction(async (tx) => {
        const after = await repo.updateSettingsIfVersion(
          tx,
          principal.tenantId,
          input.version,
          input.retentionYears,
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before?.version);
        await deps.audit.record({
          actor: userActor(principal),
          action: "update",
          entityType: "casework_settings",
          entityId: principal.tenantId,
          changes: { retentionYears: { old: before?.retentionYears ?? null, new: input.retentionYears } },
          requestId: opts.requestId ?? null,
        });
        return after;
      });
    },

    /** Adds a phase at the end of the model. */
    async addPhase(principal: Principal, input: AddPhase, opts: Audited = {}) {
      authorize(principal, "casework.settings");
      const existing = await phases(principal.tenantId);
      if (existing.some((x) => x.key === input.key)) {
        throw new AppError("already_exists", { fields: [{ field: "key", code: "taken" }] });
      }
      const sort = Math.max(0, ...existing.map((x) => x.sort)) + 10;
      await db.transaction(async (tx) => {
        await repo.insertPhases(tx, [
          {
            tenantId: principal.tenantId,
            key: input.key,
            label: input.label,
            sort,
            createdAt: deps.clock.now(),
          },
        ]);
        await deps.audit.record({
          actor: userActor(principal),
          action: "create",
          entityType: "case_phase",
          entityId: input.key,
          changes: { label: { old: null, new: input.label }, sort: { old: null, new: sort } },
          requestId: opts.requestId ?? null,
        });
      });
    },

    /** Relabels, reorders and (de)activates phases. At least one phase stays active. */
    async updatePhases(principal: Principal, input: UpdatePhases, opts: Audited = {}) {
      authorize(principal, "casework.settings");
      const rows = input.phases;
      const existing = await phases(principal.tenantId);
      const known = new Set(existing.map((p) => p.id));
      const fields = rows
        .map((r, i) => (known.has(r.id) ? null : { field: `phases.${i}.id`, code: "invalid_choice" }))
        .filter((f) => f !== null);
      if (fields.length) throw AppError.validation(fields);
      const activeAfter = existing.filter((p) => rows.find((r) => r.id === p.id)?.active ?? p.active);
      if (!activeAfter.length) throw AppError.validation([{ field: "phases", code: "phase_one_active" }]);
      await db.transaction(async (tx) => {
        for (const r of rows) await repo.updatePhase(tx, principal.tenantId, r.id, r);
        await deps.audit.record({
          actor: userActor(principal),
          action: "update",
          entityType: "case_phase",
          changes: { phases: { old: null, new: rows.map((r) => `${r.id}:${r.sort}:${r.active}`) } },
          requestId: opts.requestId ?? null,
        });
      });
    },
  };
}
export type CaseworkSettingsService = ReturnType<typeof createSettingsService>;

import { LANGUAGES } from "../../i18n/languages.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { createCrisisChain } from "./crisis-chain.ts";
import {
  type ActivateCrisisInput,
  type CloseCrisisInput,
  CRISIS_LIMITS,
  type CrisisListItem,
  type CrisisView,
} from "./crisis-contracts.ts";
import { type CrisisRow, crisisRepo } from "./crisis-repo.ts";
import type { ConflictDeps } from "./deps.ts";
import { crisisTypeName } from "./model.ts";
import type { CrisisPlanInput } from "./plan-contracts.ts";
import { planRepo } from "./plan-repo.ts";
import type { createPlans } from "./plans.ts";
import { type ConflictCrypto, fieldError, iso, mailTranslator, RETENTION_YEARS } from "./shared.ts";
import { localDate } from "./sla.ts";
import { fillStatement } from "./statements.ts";

type Plans = ReturnType<typeof createPlans>;

/**
 * Crises and drills (issue 20, "What must work" 3; decision 072): activated from the current
 * crisis plan, the chain alerted in order (crisis-chain.ts), the scenario's steps as a live
 * checklist, an append-only log, and closing with a debrief whose lessons become measures of
 * the prevention plan. Reads are audited once; retention and erasure as for conflicts.
 */
export function createCrises(deps: ConflictDeps, crypto: ConflictCrypto, plans: Plans) {
  const { db } = deps;
  const chain = createCrisisChain(deps, crypto);
  chain.register();

  const audit = (
    principal: Principal,
    action: string,
    id: string,
    changes: Record<string, { old: unknown; new: unknown }>,
    requestId: string | undefined,
    tx = db,
  ) =>
    deps.audit.record(
      {
        actor: { kind: "user", principal },
        action,
        entityType: "conflict_crisis",
        entityId: id,
        changes,
        requestId: requestId ?? null,
      },
      tx,
    );

  async function active(tenantId: string, id: string): Promise<CrisisRow> {
    const c = await crisisRepo.byId(db, tenantId, id);
    if (!c) throw AppError.notFound();
    if (c.state !== "active")
      throw new AppError("conflict", { fields: [{ field: "_", code: "conflict_crisis_closed" }] });
    return c;
  }

  /**
   * The public statement in every UI language (decision 080): the tenant's template for the
   * crisis type in the plan version the crisis was activated with, else the catalog's; both
   * filled with the crisis's facts.
   */
  async function statements(c: CrisisRow) {
    const [tenant, content] = await Promise.all([
      deps.tenants.byId(c.tenantId),
      planRepo.revisionContent(db, c.tenantId, c.planId, c.planVersion),
    ]);
    const scenario = (content as CrisisPlanInput | undefined)?.scenarios?.find((s) => s.type === c.type);
    return LANGUAGES.map((l) => {
      const at = (o: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat(l.code, { ...o, timeZone: "Europe/Berlin" }).format(c.activatedAt);
      const values = {
        municipality: tenant?.name ?? "",
        date: at({ dateStyle: "long" }),
        time: at({ timeStyle: "short" }),
        type: crisisTypeName(mailTranslator(l.code).t, c.type),
      };
      const own = scenario?.statements?.[l.code];
      const text = own
        ? fillStatement(own, values)
        : mailTranslator(l.code).t("conflicts.crisis_statement_text", values);
      return {
        lang: l.code,
        name: l.name,
        dir: l.dir,
        text,
        source: own ? ("plan" as const) : ("catalog" as const),
      };
    });
  }

  const listItem = (c: CrisisRow, done: number, total: number): CrisisListItem => ({
    id: c.id,
    type: c.type,
    drill: c.drill,
    state: c.state,
    activatedAt: c.activatedAt.toISOString(),
    closedAt: iso(c.closedAt),
    checksDone: done,
    checksTotal: total,
  });

  return {
    crisisAlert: chain.alertByToken,
    acknowledgeCrisisAlert: chain.acknowledge,

    async crises(principal: Principal): Promise<CrisisListItem[]> {
      authorize(principal, "conflicts.crisis");
      const rows = await crisisRepo.list(db, principal.tenantId, CRISIS_LIMITS.list);
      return rows.map((r) => listItem(r.crisis, Number(r.done ?? 0), Number(r.total ?? 0)));
    },

    /** Opens a crisis (or a drill) of one of the plan's types and alerts the chain's first link. */
    async activateCrisis(principal: Principal, input: ActivateCrisisInput, requestId?: string) {
      authorize(principal, "conflicts.crisis_activate");
      // The plan is read through the plans' own service, audited like any read of the chain.
      const plan = await plans.crisisPlan(principal, requestId);
      if (!plan) throw fieldError("type", "conflict_no_crisis_plan");
      const scenario = plan.scenarios.find((s) => s.type === input.type);
      if (!scenario) throw fieldError("type", "conflict_unknown_crisis_type");
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const crisis = await crisisRepo.insert(
          tx,
          {
            tenantId: principal.tenantId,
            planId: plan.id,
            planVersion: plan.version,
            type: scenario.type,
            drill: input.drill,
            escalateMinutes: plan.escalateMinutes,
            activatedAt: now,
            activatedByUserId: principal.userId,
          },
          chain.links(plan.contacts),
          scenario.steps,
        );
        await crisisRepo.append(tx, {
          tenantId: principal.tenantId,
          crisisId: crisis.id,
          at: now,
          kind: "activated",
          actorUserId: principal.userId,
          textEnc: null,
        });
        await chain.alertFrom(tx, crisis, 1, "alerted");
        await audit(
          principal,
          "activate",
          crisis.id,
          { drill: { old: null, new: input.drill } },
          requestId,
          tx,
        );
        return { id: crisis.id };
      });
    },

    /** One crisis with chain, checklist and log; the read is audited once. */
    async crisis(principal: Principal, id: string, requestId?: string): Promise<CrisisView> {
      authorize(principal, "conflicts.crisis");
      const c = await crisisRepo.byId(db, principal.tenantId, id);
      if (!c) throw AppError.notFound();
      const [alerts, checks, log, staff] = await Promise.all([
        crisisRepo.alerts(db, principal.tenantId, id),
        crisisRepo.checks(db, principal.tenantId, id),
        crisisRepo.log(db, principal.tenantId, id),
        deps.users.staffNames(principal.tenantId),
      ]);
      const names = new Map(staff.map((s) => [s.id, s.displayName]));
      const name = (u: string | null) => (u ? (names.get(u) ?? null) : null);
      await deps.audit.recordRead(principal, "conflict_crisis", id, { requestId: requestId ?? null });
      return {
        ...listItem(c, checks.filter((x) => x.doneAt).length, checks.length),
        version: c.version,
        planVersion: c.planVersion,
        escalateMinutes: c.escalateMinutes,
        activatedBy: name(c.activatedByUserId),
        chain: alerts.map((a) => ({
          position: a.position,
          role: a.role,
          name: a.name,
          phone: a.phone,
          hasEmail: a.email !== null,
          alertedAt: iso(a.alertedAt),
          acknowledgedAt: iso(a.acknowledgedAt),
        })),
        checks: checks.map((x) => ({
          position: x.position,
          step: x.step,
          doneAt: iso(x.doneAt),
          doneBy: name(x.doneByUserId),
        })),
        log: log.map((l) => ({
          at: l.at.toISOString(),
          kind: l.kind,
          actor: name(l.actorUserId),
          text: crypto.decryptOptional(l.textEnc),
        })),
        statements: await statements(c),
        debrief:
          c.workedEnc && c.changeEnc
            ? { worked: crypto.decrypt(c.workedEnc), change: crypto.decrypt(c.changeEnc) }
            : null,
      };
    },

    /** Ticks a step with who and when; of two people ticking it, the second is told. */
    async tickCrisisStep(principal: Principal, id: string, position: number, requestId?: string) {
      authorize(principal, "conflicts.crisis");
      const c = await active(principal.tenantId, id);
      await db.transaction(async (tx) => {
        const now = deps.clock.now();
        const row = await crisisRepo.tick(tx, principal.tenantId, id, position, principal.userId, now);
        if (!row) {
          const exists = (await crisisRepo.checks(tx, principal.tenantId, id)).some(
            (x) => x.position === position,
          );
          if (!exists) throw AppError.notFound();
          throw new AppError("conflict", { fields: [{ field: "_", code: "conflict_step_ticked" }] });
        }
        await crisisRepo.append(tx, {
          tenantId: principal.tenantId,
          crisisId: c.id,
          at: now,
          kind: "checked",
          actorUserId: principal.userId,
          textEnc: crypto.encrypt(`${position}. ${row.step}`),
        });
        await audit(principal, "check", id, { step: { old: null, new: position } }, requestId, tx);
      });
    },

    /** A person's entry in the crisis log (append-only: there is no edit). */
    async noteCrisis(principal: Principal, id: string, input: { text: string }, requestId?: string) {
      authorize(principal, "conflicts.crisis");
      await active(principal.tenantId, id);
      await db.transaction(async (tx) => {
        await crisisRepo.append(tx, {
          tenantId: principal.tenantId,
          crisisId: id,
          at: deps.clock.now(),
          kind: "note",
          actorUserId: principal.userId,
          textEnc: crypto.encrypt(input.text),
        });
        await audit(principal, "log", id, { logKind: { old: null, new: "note" } }, requestId, tx);
      });
    },

    /**
     * Closes with the debrief. Lessons named as measures are added to the prevention plan first
     * (its own optimistic version): if that fails, the crisis stays open and nothing is lost.
     */
    async closeCrisis(principal: Principal, id: string, input: CloseCrisisInput, requestId?: string) {
      authorize(principal, "conflicts.crisis_activate");
      const c = await active(principal.tenantId, id);
      if (c.version !== input.version) throw AppError.versionConflict(c.version);
      if (input.measures.length) {
        const prevention = await plans.preventionPlan(principal, requestId);
        if (!prevention) throw fieldError("measures", "conflict_no_prevention_plan");
        // The plan is written in the tenant's source language: the measure says where it came from.
        const { t } = mailTranslator(null);
        const source = t(c.drill ? "conflicts.debrief_source_drill" : "conflicts.debrief_source", {
          type: crisisTypeName(t, c.type),
          date: localDate(c.activatedAt),
        });
        await plans.savePreventionPlan(
          principal,
          {
            version: prevention.version,
            title: prevention.title,
            structure: prevention.structure,
            reviewOn: prevention.reviewOn,
            measures: [
              ...prevention.measures.map(({ measureTitle: _t, reviewDue: _d, ...m }) => m),
              ...input.measures.map((m) => ({
                title: m.title,
                description: source,
                responsible: m.responsible,
                measureId: null,
                reviewOn: null,
              })),
            ],
          },
          requestId,
        );
      }
      await db.transaction(async (tx) => {
        const now = deps.clock.now();
        const row = await crisisRepo.close(tx, principal.tenantId, id, input.version, {
          closedAt: now,
          closedByUserId: principal.userId,
          workedEnc: crypto.encrypt(input.worked),
          changeEnc: crypto.encrypt(input.change),
        });
        if (!row)
          throw AppError.versionConflict((await crisisRepo.byId(tx, principal.tenantId, id))?.version);
        await crisisRepo.append(tx, {
          tenantId: principal.tenantId,
          crisisId: id,
          at: now,
          kind: "closed",
          actorUserId: principal.userId,
          textEnc: null,
        });
        await audit(
          principal,
          "close",
          id,
          { state: { old: "active", new: "closed" }, measures: { old: null, new: input.measures.length } },
          requestId,
          tx,
        );
      });
    },

    /** Art. 17 on request: the crisis with chain, checklist and log goes; audit entries keep ids. */
    async eraseCrisis(principal: Principal, id: string, requestId?: string): Promise<void> {
      authorize(principal, "conflicts.erase");
      await db.transaction(async (tx) => {
        if ((await crisisRepo.delete(tx, principal.tenantId, [id])) === 0) throw AppError.notFound();
        await deps.audit.redactEntities(tx, principal.tenantId, [id]);
        await audit(principal, "erase", id, { crises: { old: 1, new: 0 } }, requestId, tx);
      });
    },

    /** Daily: crises and drills closed more than the retention period ago are deleted. */
    async crisisRetention(tenantId: string): Promise<number> {
      const before = new Date(deps.clock.now());
      before.setUTCFullYear(before.getUTCFullYear() - RETENTION_YEARS);
      let deleted = 0;
      for (;;) {
        const ids = (await crisisRepo.closedBefore(db, tenantId, before, 100)).map((r) => r.id);
        if (ids.length === 0) return deleted;
        await db.transaction(async (tx) => {
          await crisisRepo.delete(tx, tenantId, ids);
          await deps.audit.redactEntities(tx, tenantId, ids);
          for (const id of ids)
            await deps.audit.record(
              {
                actor: { kind: "system", tenantId },
                action: "retention_delete",
                entityType: "conflict_crisis",
                entityId: id,
                changes: {},
              },
              tx,
            );
        });
        deleted += ids.length;
      }
    },
  };
}

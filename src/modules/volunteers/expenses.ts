import { csvDocument } from "../../server/csv.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { moneyInput } from "../funding/model.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import type {
  ClaimInput,
  ClaimView,
  DecideClaim,
  PoolSettingsInput,
  YearSummary,
} from "./expense-contracts.ts";
import { type ClaimRow, claimRepo, settingsRepo } from "./expense-repo.ts";
import { requestRepo, volunteerRepo } from "./repo.ts";
import { POOL_TIME_ZONE } from "./requests.ts";
import { hoursRepo } from "./tandem-repo.ts";

export const CLAIM_ENTITY = "volunteer_expense_claim";
const todayOf = (now: Date) => now.toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });

export function toClaimView(c: ClaimRow): ClaimView {
  return {
    id: c.id,
    version: c.version,
    volunteerId: c.volunteerId,
    volunteerName: c.volunteerName,
    kind: c.kind,
    period: c.period,
    amountCents: c.amountCents,
    receipts: c.receipts,
    note: c.note,
    state: c.state,
    refusalReason: c.refusalReason,
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}

/** The pool's settings, expense claims against the tax-free allowance, and hours (issue 17, What must work 5; decision 068). */
export function createExpenses(deps: VolunteerDeps) {
  const { db } = deps;

  /** The flat rate a claim may still add without passing the year's allowance (approved and pending). */
  async function remainingAllowance(tenantId: string, volunteerId: string, year: string, exceptId?: string) {
    const { allowanceCents } = await settingsRepo.get(db, tenantId);
    const claims = await claimRepo.ofYear(db, tenantId, year, volunteerId);
    const used = claims
      .filter((c) => c.kind === "flat_rate" && c.state !== "refused" && c.id !== exceptId)
      .reduce((s, c) => s + c.amountCents, 0);
    return allowanceCents - used;
  }

  return {
    poolSettings: (tenantId: string) => settingsRepo.get(db, tenantId),

    async getSettings(principal: Principal) {
      authorize(principal, "volunteers.settings");
      return settingsRepo.get(db, principal.tenantId);
    },

    /** Saves the settings only if nobody saved them since `version` was read. */
    async updateSettings(principal: Principal, input: PoolSettingsInput, opts: Audited = {}) {
      authorize(principal, "volunteers.settings");
      const { version, ...given } = input;
      const before = await settingsRepo.get(db, principal.tenantId);
      if (before.version !== version) throw AppError.versionConflict(before.version);
      const s = {
        holidayState: given.holidayState,
        allowanceCents: given.allowanceCents,
        hourlyRateCents: given.hourlyRateCents ?? before.hourlyRateCents,
        kmRateCents: given.kmRateCents ?? before.kmRateCents,
      };
      if (!(await settingsRepo.save(db, principal.tenantId, version, s, deps.clock.now())))
        throw AppError.versionConflict(before.version);
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "update",
        entityType: "volunteer_pool_settings",
        entityId: principal.tenantId,
        changes: diff(
          {
            holidayState: before.holidayState,
            allowanceCents: before.allowanceCents,
            hourlyRateCents: before.hourlyRateCents,
            kmRateCents: before.kmRateCents,
          },
          s,
        ),
        requestId: opts.requestId ?? null,
      });
      return settingsRepo.get(db, principal.tenantId);
    },

    /**
     * A claim: a volunteer for themself, the coordinator for anyone in the pool. Amount checks: no
     * month in the future, receipts not after today and not after the claimed month, a flat rate
     * only up to what is left of the year's allowance.
     */
    async submitClaim(principal: Principal, input: ClaimInput, opts: Audited = {}): Promise<ClaimView> {
      authorize(principal, "volunteers.claims.submit");
      const coordinator = can(principal, "volunteers.claims.manage");
      const volunteer = coordinator
        ? input.volunteerId
          ? await volunteerRepo.byId(db, principal.tenantId, input.volunteerId)
          : undefined
        : await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
      if (!volunteer) {
        if (!coordinator) throw AppError.forbidden();
        throw AppError.validation([{ field: "volunteerId", code: "volunteers_unknown_volunteer" }]);
      }
      const today = todayOf(deps.clock.now());
      const fields: { field: string; code: string; params?: Record<string, string | number> }[] = [];
      if (input.period > today.slice(0, 7))
        fields.push({ field: "period", code: "volunteers_period_future" });
      input.receipts.forEach((r, i) => {
        if (r.date > today || r.date.slice(0, 7) > input.period)
          fields.push({ field: `receipts.${i}.date`, code: "volunteers_receipt_date" });
      });
      const amountCents =
        input.kind === "receipts"
          ? input.receipts.reduce((s, r) => s + r.amountCents, 0)
          : (input.amountCents ?? 0);
      if (input.kind === "flat_rate") {
        const left = await remainingAllowance(principal.tenantId, volunteer.id, input.period.slice(0, 4));
        if (amountCents > left)
          fields.push({
            field: "amountCents",
            code: "volunteers_allowance_exceeded",
            params: { remaining: moneyInput(Math.max(0, left)) },
          });
      }
      if (fields.length) throw AppError.validation(fields);
      const row = await claimRepo.insert(db, {
        tenantId: principal.tenantId,
        volunteerId: volunteer.id,
        volunteerName: volunteer.name,
        kind: input.kind,
        period: input.period,
        amountCents,
        receipts: input.receipts,
        note: input.note ?? "",
      });
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "create",
        entityType: CLAIM_ENTITY,
        entityId: row.id,
        changes: diff(null, { kind: row.kind, period: row.period, amountCents: row.amountCents }),
        requestId: opts.requestId ?? null,
      });
      return toClaimView(row);
    },

    /** The volunteer's own claims of a year (role `volunteer`). */
    async myClaims(principal: Principal, year: number): Promise<ClaimView[]> {
      authorize(principal, "volunteers.claims.submit");
      const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
      if (!self) return [];
      return (await claimRepo.ofYear(db, principal.tenantId, String(year), self.id)).map(toClaimView);
    },

    async listClaims(principal: Principal, year: number): Promise<ClaimView[]> {
      authorize(principal, "volunteers.claims.manage");
      return (await claimRepo.ofYear(db, principal.tenantId, String(year))).map(toClaimView);
    },

    /** Approve or refuse a submitted claim; approving a flat rate re-checks the allowance. */
    async decideClaim(principal: Principal, id: string, input: DecideClaim, opts: Audited = {}) {
      authorize(principal, "volunteers.claims.manage");
      const before = await claimRepo.byId(db, principal.tenantId, id);
      if (!before) throw AppError.notFound();
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      if (before.state !== "submitted")
        throw AppError.validation([{ field: "decision", code: "volunteers_claim_decided" }]);
      if (input.decision === "approve" && before.kind === "flat_rate" && before.volunteerId) {
        const left = await remainingAllowance(
          principal.tenantId,
          before.volunteerId,
          before.period.slice(0, 4),
          id,
        );
        if (before.amountCents > left)
          throw AppError.validation([
            {
              field: "decision",
              code: "volunteers_allowance_exceeded",
              params: { remaining: moneyInput(Math.max(0, left)) },
            },
          ]);
      }
      const now = deps.clock.now();
      const after = await claimRepo.updateIfVersion(
        db,
        principal.tenantId,
        id,
        input.version,
        {
          state: input.decision === "approve" ? "approved" : "refused",
          refusalReason: input.decision === "refuse" ? input.reason : null,
          decidedBy: principal.userId,
          decidedAt: now,
        },
        now,
      );
      if (!after) throw AppError.versionConflict(before.version);
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: `claim.${input.decision}`,
        entityType: CLAIM_ENTITY,
        entityId: id,
        changes: diff({ state: before.state }, { state: after.state }),
        requestId: opts.requestId ?? null,
      });
      return toClaimView(after);
    },

    /**
     * A year per volunteer: approved flat rate against the allowance, approved receipts, hours of
     * held assignments and logged tandem hours.
     */
    async yearSummary(principal: Principal, year: number): Promise<YearSummary> {
      authorize(principal, "volunteers.claims.manage");
      const t = principal.tenantId;
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [{ allowanceCents }, claims, pool, assigned, hours] = await Promise.all([
        settingsRepo.get(db, t),
        claimRepo.ofYear(db, t, String(year)),
        volunteerRepo.list(db, t),
        requestRepo.assigned(db, t, from, to),
        hoursRepo.sums(db, t, from, to),
      ]);
      type Line = YearSummary["volunteers"][number];
      const lines = new Map<string, Line>();
      const line = (id: string | null, name: string): Line => {
        const key = id ?? `name:${name}`;
        let l = lines.get(key);
        if (!l) {
          l = {
            volunteerId: id,
            volunteerName: name,
            flatRateCents: 0,
            receiptsCents: 0,
            remainingCents: allowanceCents,
            overAllowance: false,
            assignmentMinutes: 0,
            tandemMinutes: 0,
          };
          lines.set(key, l);
        }
        return l;
      };
      const names = new Map(pool.map((v) => [v.id, v.name]));
      for (const c of claims.filter((c) => c.state === "approved")) {
        const l = line(c.volunteerId, c.volunteerName);
        if (c.kind === "flat_rate") l.flatRateCents += c.amountCents;
        else l.receiptsCents += c.amountCents;
      }
      for (const a of assigned) {
        if (!a.volunteerId || !["held", "claimed", "settled"].includes(a.state)) continue;
        line(a.volunteerId, names.get(a.volunteerId) ?? "").assignmentMinutes +=
          a.heldMinutes ?? a.durationMinutes;
      }
      for (const h of hours) line(h.volunteerId, names.get(h.volunteerId) ?? "").tandemMinutes += h.minutes;
      for (const l of lines.values()) {
        l.remainingCents = allowanceCents - l.flatRateCents;
        l.overAllowance = l.remainingCents < 0;
      }
      return {
        year,
        allowanceCents,
        volunteers: [...lines.values()].sort((a, b) => a.volunteerName.localeCompare(b.volunteerName, "de")),
      };
    },

    /**
     * The approved claims of a year for the treasury (Stadtkasse): CSV as German spreadsheets
     * open it, amounts in German decimal notation, the kind as the treasury books it.
     */
    async claimsCsv(principal: Principal, year: number): Promise<string> {
      authorize(principal, "volunteers.claims.manage");
      const rows = (await claimRepo.ofYear(db, principal.tenantId, String(year))).filter(
        (c) => c.state === "approved",
      );
      return csvDocument([
        ["Beleg", "Ehrenamtliche:r", "Monat", "Art", "Betrag", "Belege", "Genehmigt am"],
        ...rows.map((c) => [
          c.id,
          c.volunteerName,
          c.period,
          c.kind === "flat_rate" ? "Aufwandsentschädigung (§ 3 Nr. 26a EStG)" : "Auslagenersatz",
          moneyInput(c.amountCents),
          String(c.receipts.length),
          c.decidedAt ? todayOf(c.decidedAt) : "",
        ]),
      ]);
    },
  };
}

import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { type LanguageLevel, TANDEM_CHECK_IN_WEEKS } from "./model.ts";
import { createReadAudit } from "./read-audit.ts";
import { type VolunteerRow, volunteerRepo } from "./repo.ts";
import { POOL_TIME_ZONE } from "./requests.ts";
import { addDays } from "./states.ts";
import type {
  EndTandem,
  LogHours,
  RegisterTandem,
  StartTandem,
  TandemProposal,
  TandemView,
} from "./tandem-contracts.ts";
import { hoursRepo, type TandemRow, tandemRepo } from "./tandem-repo.ts";

export const TANDEM_ENTITY = "volunteer_tandem";
/** A volunteer practises a language with a newcomer when they speak it at least at C1. */
const TANDEM_LEVELS: readonly LanguageLevel[] = ["native", "C2", "C1"];
/** The ranking's points (decision 068): wanted languages first, then a bridge language, area, spread. */
export const TANDEM_POINTS = { wanted: 10, shared: 3, sameArea: 5, perRunning: -2 } as const;

const todayOf = (now: Date) => now.toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE });

export function toTandemView(t: TandemRow, volunteerName: string | null): TandemView {
  return {
    id: t.id,
    version: t.version,
    volunteerId: t.volunteerId,
    volunteerName,
    caseId: t.caseId,
    personId: t.personId,
    caseReference: t.caseReference,
    newcomerName: t.newcomerName,
    newcomerEmail: t.newcomerEmail,
    newcomerLanguage: t.newcomerLanguage,
    offers: t.offers,
    wants: t.wants,
    area: t.area,
    state: t.state,
    startedOn: t.startedOn,
    endedOn: t.endedOn,
    endReason: t.endReason,
    checkInsSent: t.checkInsSent,
    outcome: t.outcome,
    referralResult: t.referralResult,
  };
}

/** The proposal list for one newcomer: every active volunteer who speaks a wanted language well, best first. */
export function rankTandemPartners(
  t: Pick<TandemRow, "offers" | "wants" | "area">,
  pool: readonly VolunteerRow[],
  running: ReadonlyMap<string, number>,
): TandemProposal[] {
  const out: TandemProposal[] = [];
  for (const v of pool) {
    if (v.status !== "active") continue;
    const speaks = (codes: readonly string[], levels?: readonly LanguageLevel[]) =>
      codes.filter((c) =>
        v.languages.some((l) => l.code === c && l.oral && (!levels || levels.includes(l.level))),
      );
    const wanted = speaks(t.wants, TANDEM_LEVELS);
    if (wanted.length === 0) continue;
    const shared = speaks(t.offers);
    const sameArea = !!t.area && v.areas.includes(t.area);
    const n = running.get(v.id) ?? 0;
    const score =
      wanted.length * TANDEM_POINTS.wanted +
      shared.length * TANDEM_POINTS.shared +
      (sameArea ? TANDEM_POINTS.sameArea : 0) +
      n * TANDEM_POINTS.perRunning;
    out.push({ volunteerId: v.id, volunteerName: v.name, wanted, shared, sameArea, running: n, score });
  }
  return out.sort((a, b) => b.score - a.score || a.volunteerName.localeCompare(b.volunteerName, "de"));
}

/** Language tandems (issue 17, What must work 4; decision 068). */
export function createTandems(deps: VolunteerDeps) {
  const { db } = deps;
  const recordView = createReadAudit(deps);

  async function audit(
    principal: Principal,
    action: string,
    id: string,
    changes: ReturnType<typeof diff>,
    opts: Audited,
  ) {
    await deps.audit.record({
      actor: { kind: "user", principal },
      action,
      entityType: TANDEM_ENTITY,
      entityId: id,
      changes,
      requestId: opts.requestId ?? null,
    });
  }

  async function load(principal: Principal, id: string): Promise<TandemRow> {
    const row = await tandemRepo.byId(db, principal.tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function nameOf(tenantId: string, volunteerId: string | null) {
    return volunteerId ? ((await volunteerRepo.byId(db, tenantId, volunteerId))?.name ?? null) : null;
  }

  /** One check-in reminder mail, in the reader's language. */
  async function mailCheckIn(tenantId: string, to: string, language: string, weeks: number) {
    const all = catalogs();
    const lang = isLanguage(language) ? language : SOURCE_LANGUAGE;
    const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
    await deps.mail.send({
      tenantId,
      to,
      subject: t("volunteers.mail_check_in_subject", { weeks }),
      text: t("volunteers.mail_check_in_text", { weeks }),
    });
  }

  return {
    /** The waiting list first (oldest first), then running and ended tandems. */
    async listTandems(principal: Principal): Promise<TandemView[]> {
      authorize(principal, "volunteers.tandems.read");
      const [rows, pool] = await Promise.all([
        tandemRepo.list(db, principal.tenantId),
        volunteerRepo.list(db, principal.tenantId),
      ]);
      const names = new Map(pool.map((v) => [v.id, v.name]));
      return rows.map((r) => toTandemView(r, r.volunteerId ? (names.get(r.volunteerId) ?? null) : null));
    },

    /** One tandem with the newcomer's contact data: audited once per view (`read-audit.ts`). */
    async getTandem(principal: Principal, id: string, opts: Audited = {}): Promise<TandemView> {
      authorize(principal, "volunteers.tandems.read");
      const row = await load(principal, id);
      await recordView(principal, TANDEM_ENTITY, id, opts);
      return toTandemView(row, await nameOf(principal.tenantId, row.volunteerId));
    },

    /**
     * Puts a newcomer on the waiting list. From a case: case work decides need-to-know and a
     * consent for volunteer matching must be in force; only the case's reference is kept.
     */
    async registerTandem(
      principal: Principal,
      input: RegisterTandem,
      opts: Audited = {},
    ): Promise<TandemView> {
      authorize(principal, "volunteers.tandems.register");
      let caseReference: string | null = null;
      if (input.caseId && input.personId) {
        if (!deps.casework) throw AppError.validation([{ field: "caseId", code: "volunteers_no_casework" }]);
        const person = await deps.casework.newcomer(principal, input.caseId, input.personId, opts);
        if (!person)
          throw AppError.validation([{ field: "personId", code: "volunteers_person_not_in_case" }]);
        if (!person.consent)
          throw AppError.validation([{ field: "personId", code: "volunteers_consent_missing" }]);
        caseReference = person.reference;
      } else if (!can(principal, "volunteers.tandems.manage")) {
        throw AppError.forbidden();
      }
      const row = await tandemRepo.insert(db, {
        tenantId: principal.tenantId,
        caseId: input.caseId,
        personId: input.personId,
        caseReference,
        newcomerName: input.caseId ? null : input.newcomerName,
        newcomerEmail: input.caseId ? null : input.newcomerEmail,
        newcomerLanguage: input.newcomerLanguage,
        offers: [...new Set(input.offers)],
        wants: [...new Set(input.wants)],
        area: input.area,
      });
      await audit(
        principal,
        "create",
        row.id,
        diff(null, { fromCase: !!input.caseId, wants: row.wants.join(",") }),
        opts,
      );
      return toTandemView(row, null);
    },

    /** Active volunteers ranked for a waiting newcomer, with why (languages, area, running tandems). */
    async tandemProposals(principal: Principal, id: string): Promise<TandemProposal[]> {
      authorize(principal, "volunteers.tandems.manage");
      const row = await load(principal, id);
      const [pool, running] = await Promise.all([
        volunteerRepo.list(db, principal.tenantId, "active"),
        tandemRepo.list(db, principal.tenantId, ["active"]),
      ]);
      const counts = new Map<string, number>();
      for (const r of running)
        if (r.volunteerId) counts.set(r.volunteerId, (counts.get(r.volunteerId) ?? 0) + 1);
      return rankTandemPartners(row, pool, counts);
    },

    /** The first meeting took place: the tandem runs with this volunteer from `startedOn`. */
    async startTandem(principal: Principal, id: string, input: StartTandem, opts: Audited = {}) {
      authorize(principal, "volunteers.tandems.manage");
      const before = await load(principal, id);
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      if (before.state !== "waiting")
        throw AppError.validation([{ field: "volunteerId", code: "volunteers_tandem_not_waiting" }]);
      const volunteer = await volunteerRepo.byId(db, principal.tenantId, input.volunteerId);
      if (!volunteer || rankTandemPartners(before, [volunteer], new Map()).length === 0)
        throw AppError.validation([{ field: "volunteerId", code: "volunteers_tandem_unfit" }]);
      const after = await tandemRepo.updateIfVersion(
        db,
        principal.tenantId,
        id,
        input.version,
        { state: "active", volunteerId: volunteer.id, startedOn: input.startedOn, checkInsSent: 0 },
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await audit(
        principal,
        "tandem.start",
        id,
        diff({ state: before.state }, { state: "active", volunteerId: volunteer.id }),
        opts,
      );
      return toTandemView(after, volunteer.name);
    },

    /** Ends a running tandem with a reason. */
    async endTandem(principal: Principal, id: string, input: EndTandem, opts: Audited = {}) {
      authorize(principal, "volunteers.tandems.manage");
      const before = await load(principal, id);
      if (before.version !== input.version) throw AppError.versionConflict(before.version);
      if (before.state !== "active")
        throw AppError.validation([{ field: "reason", code: "volunteers_tandem_not_active" }]);
      if (before.startedOn && input.endedOn < before.startedOn)
        throw AppError.validation([{ field: "endedOn", code: "date_range" }]);
      const after = await tandemRepo.updateIfVersion(
        db,
        principal.tenantId,
        id,
        input.version,
        { state: "ended", endedOn: input.endedOn, endReason: input.reason },
        deps.clock.now(),
      );
      if (!after) throw AppError.versionConflict(before.version);
      await audit(
        principal,
        "tandem.end",
        id,
        diff({ state: "active" }, { state: "ended", reason: input.reason }),
        opts,
      );
      return toTandemView(after, await nameOf(principal.tenantId, after.volunteerId));
    },

    /** Hours in a tandem: the volunteer logs their own, the coordinator any; not before the start nor in the future. */
    async logHours(principal: Principal, tandemId: string, input: LogHours, opts: Audited = {}) {
      authorize(principal, "volunteers.hours");
      const t = await load(principal, tandemId);
      if (!t.volunteerId)
        throw AppError.validation([{ field: "date", code: "volunteers_tandem_not_active" }]);
      if (!can(principal, "volunteers.tandems.manage")) {
        const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
        if (!self || self.id !== t.volunteerId) throw AppError.forbidden();
      }
      const today = todayOf(deps.clock.now());
      if (input.date > today)
        throw AppError.validation([{ field: "date", code: "volunteers_date_in_future" }]);
      if ((t.startedOn && input.date < t.startedOn) || (t.endedOn && input.date > t.endedOn))
        throw AppError.validation([{ field: "date", code: "volunteers_outside_tandem" }]);
      const row = await hoursRepo.insert(db, {
        tenantId: principal.tenantId,
        volunteerId: t.volunteerId,
        tandemId,
        date: input.date,
        minutes: input.minutes,
      });
      await audit(
        principal,
        "tandem.hours",
        tandemId,
        diff(null, { date: row.date, minutes: row.minutes }),
        opts,
      );
      return { id: row.id, date: row.date, minutes: row.minutes };
    },

    /** Art. 17 for a newcomer: the tandem and its hours go; audited with the count. */
    async eraseTandem(principal: Principal, id: string, opts: Audited = {}) {
      authorize(principal, "volunteers.erase");
      await load(principal, id);
      await db.transaction(async (tx) => {
        await tandemRepo.delete(tx, principal.tenantId, id);
        await deps.audit.redactEntities(tx, principal.tenantId, [id]);
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "erase",
            entityType: TANDEM_ENTITY,
            entityId: id,
            changes: diff(null, { tandems: 1 }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
      });
      return { erased: 1 };
    },

    /**
     * The daily job's tandem part: check-in reminders after 4 and 12 weeks (each once, to the
     * volunteer and the newcomer if they left a mail address); returns how many tandems got one.
     */
    async checkIns(tenantId: string): Promise<number> {
      const today = todayOf(deps.clock.now());
      let sent = 0;
      for (const [i, weeks] of TANDEM_CHECK_IN_WEEKS.entries()) {
        for (const t of await tandemRepo.dueForCheckIn(db, tenantId, addDays(today, -7 * weeks), i + 1)) {
          // A tandem already past 12 weeks gets only the latest reminder, not both at once.
          const later = TANDEM_CHECK_IN_WEEKS.slice(i + 1).some(
            (w) => t.startedOn! <= addDays(today, -7 * w),
          );
          if (later) continue;
          if (!(await tandemRepo.markCheckIn(db, tenantId, t.id, i + 1))) continue;
          const v = t.volunteerId ? await volunteerRepo.byId(db, tenantId, t.volunteerId) : undefined;
          if (v?.email) await mailCheckIn(tenantId, v.email, v.uiLanguage, weeks);
          if (t.newcomerEmail) await mailCheckIn(tenantId, t.newcomerEmail, t.newcomerLanguage, weeks);
          sent++;
        }
      }
      return sent;
    },
  };
}

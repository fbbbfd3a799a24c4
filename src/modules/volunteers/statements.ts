import ExcelJS from "exceljs";
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator, type Translate } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { parseInput } from "../../server/validation.ts";
import { diff } from "../audit/service.ts";
import { centsToDecimal } from "../funding/model.ts";
import type { Audited, VolunteerDeps } from "./deps.ts";
import { settingsRepo } from "./expense-repo.ts";
import { volunteerRepo } from "./repo.ts";
import { POOL_TIME_ZONE } from "./requests.ts";
import type { StatementLine } from "./schema.ts";
import { type StatementView, statementRunInput } from "./statement-contracts.ts";
import { renderStatementPdf } from "./statement-pdf.ts";
import { type StatementMeta, statementRepo } from "./statement-repo.ts";

/** The job that issues a month's statements for the whole pool (decision 099). */
export const STATEMENTS_JOB = "volunteers.statements";
export const STATEMENT_ENTITY = "volunteer_statement";

function translator(language: string | null | undefined): { t: Translate; lang: string } {
  const all = catalogs();
  const lang = language && isLanguage(language) ? language : SOURCE_LANGUAGE;
  return { t: createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE)), lang };
}

const lastDay = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export function toStatementView(s: StatementMeta): StatementView {
  return {
    id: s.id,
    volunteerId: s.volunteerId,
    volunteerName: s.volunteerName,
    period: s.period,
    seq: s.seq,
    replacesId: s.replacesId,
    lines: s.lines,
    minutes: s.minutes,
    km: s.km,
    hourlyRateCents: s.hourlyRateCents,
    kmRateCents: s.kmRateCents,
    hoursCents: s.hoursCents,
    kmCents: s.kmCents,
    totalCents: s.totalCents,
    issuedAt: s.issuedAt.toISOString(),
  };
}

/** What a statement pays: hours at the hourly rate (rounded to the cent), kilometres at the km rate. */
export function statementSums(lines: StatementLine[], hourlyRateCents: number, kmRateCents: number) {
  const minutes = lines.reduce((s, l) => s + l.minutes, 0);
  const km = lines.reduce((s, l) => s + l.km, 0);
  const hoursCents = Math.round((minutes * hourlyRateCents) / 60);
  const kmCents = km * kmRateCents;
  return { minutes, km, hoursCents, kmCents, totalCents: hoursCents + kmCents };
}

/** Same assignments with the same minutes and kilometres at the same rates: nothing to correct. */
const sameContent = (a: StatementMeta, lines: StatementLine[], hourly: number, kmRate: number) =>
  a.hourlyRateCents === hourly &&
  a.kmRateCents === kmRate &&
  JSON.stringify(a.lines.map((l) => [l.requestId, l.minutes, l.km])) ===
    JSON.stringify(lines.map((l) => [l.requestId, l.minutes, l.km]));

/**
 * Monthly statements per volunteer (issue 17, What must work 5; decision 099): a job goes once
 * through the month's held assignments (ordered by volunteer, so linear in the pool), issues a
 * statement for each volunteer who has none yet, and a corrected version for each whose
 * assignments, minutes, kilometres or rates changed since. An issued statement is never changed.
 * The volunteer hears by mail in their language; they see only their own, the coordinator all.
 */
export function createStatements(deps: VolunteerDeps) {
  const { db } = deps;

  async function issue(tenantId: string, period: string) {
    const [rows, settings, latest, tenant] = await Promise.all([
      statementRepo.held(db, tenantId, `${period}-01`, lastDay(period)),
      settingsRepo.get(db, tenantId),
      statementRepo.latestOfPeriod(db, tenantId, period),
      deps.tenants.byId(tenantId),
    ]);
    const before = new Map(latest.flatMap((s) => (s.volunteerId ? [[s.volunteerId, s] as const] : [])));
    let issued = 0;
    let i = 0;
    while (i < rows.length) {
      const first = rows[i]!;
      const lines: StatementLine[] = [];
      for (; i < rows.length && rows[i]!.volunteerId === first.volunteerId; i++) {
        const r = rows[i]!;
        lines.push({
          requestId: r.requestId,
          date: r.date,
          institution: r.institution,
          language: r.requestLanguage,
          mode: r.mode,
          minutes: r.minutes,
          km: r.km,
        });
      }
      const prev = before.get(first.volunteerId);
      if (prev && sameContent(prev, lines, settings.hourlyRateCents, settings.kmRateCents)) continue;
      const sums = statementSums(lines, settings.hourlyRateCents, settings.kmRateCents);
      const issuedAt = deps.clock.now();
      const { t, lang } = translator(first.language);
      const seq = (prev?.seq ?? 0) + 1;
      const pdf = await renderStatementPdf(
        {
          tenantName: tenant?.name ?? "",
          volunteerName: first.volunteerName,
          period,
          seq,
          replaces: prev ? { seq: prev.seq, issuedAt: prev.issuedAt } : null,
          lines,
          ...sums,
          hourlyRateCents: settings.hourlyRateCents,
          kmRateCents: settings.kmRateCents,
          issuedAt,
          lang,
        },
        t,
      );
      await db.transaction(async (tx) => {
        const row = await statementRepo.insert(tx, {
          tenantId,
          volunteerId: first.volunteerId,
          volunteerName: first.volunteerName,
          period,
          seq,
          replacesId: prev?.id ?? null,
          lines,
          ...sums,
          hourlyRateCents: settings.hourlyRateCents,
          kmRateCents: settings.kmRateCents,
          language: lang,
          pdf,
          issuedAt,
        });
        if (!row) return;
        issued++;
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: prev ? "correct" : "create",
            entityType: STATEMENT_ENTITY,
            entityId: row.id,
            changes: diff(null, { period, seq, totalCents: sums.totalCents }),
          },
          tx,
        );
        if (first.volunteerEmail)
          await deps.mail.send(
            {
              tenantId,
              to: first.volunteerEmail,
              subject: t("volunteers.mail_statement_subject", { period }),
              text: t(prev ? "volunteers.mail_statement_corrected_text" : "volunteers.mail_statement_text", {
                name: first.volunteerName,
                period,
                url: `${deps.config.baseUrl}/staff/volunteers/me`,
              }),
            },
            { db: tx },
          );
      });
    }
    return { issued, volunteers: new Set(rows.map((r) => r.volunteerId)).size };
  }

  deps.jobs.register(STATEMENTS_JOB, async (payload, ctx) => {
    const period = typeof payload.period === "string" ? payload.period : "";
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return;
    const r = await issue(ctx.tenantId, period);
    deps.logger.info({ tenantId: ctx.tenantId, period, ...r }, "volunteer statements issued");
  });

  /** The volunteer's own statement, or any for the coordinator; the PDF download is an audited read. */
  async function readable(principal: Principal, id: string) {
    authorize(principal, "volunteers.claims.submit");
    const row = await statementRepo.byId(db, principal.tenantId, id);
    if (!row) throw AppError.notFound();
    if (!can(principal, "volunteers.statements")) {
      const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
      // Not theirs: as if it did not exist.
      if (!self || row.volunteerId !== self.id) throw AppError.notFound();
    }
    return row;
  }

  return {
    issueStatements: issue,

    /** Queues the month's run; a month that has not ended yet is refused (its hours are not all held). */
    async runStatements(principal: Principal, input: { period: string }, opts: Audited = {}) {
      authorize(principal, "volunteers.statements");
      const { period } = parseInput(statementRunInput, input);
      const thisMonth = deps.clock
        .now()
        .toLocaleDateString("sv-SE", { timeZone: POOL_TIME_ZONE })
        .slice(0, 7);
      if (period >= thisMonth)
        throw AppError.validation([{ field: "period", code: "volunteers_statement_month_open" }]);
      return db.transaction(async (tx) => {
        const job = await deps.jobs.enqueue(
          STATEMENTS_JOB,
          { period },
          { tenantId: principal.tenantId, maxAttempts: 3 },
          tx,
        );
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "run",
            entityType: STATEMENT_ENTITY,
            entityId: null,
            changes: diff(null, { period }),
            requestId: opts.requestId ?? null,
          },
          tx,
        );
        return { period, queued: !job.deduplicated };
      });
    },

    /** Every version of a month's statements (the coordinator). */
    async listStatements(principal: Principal, period: string): Promise<StatementView[]> {
      authorize(principal, "volunteers.statements");
      return (await statementRepo.ofPeriod(db, principal.tenantId, period)).map(toStatementView);
    },

    /** The signed-in volunteer's own statements, every version. */
    async myStatements(principal: Principal): Promise<StatementView[]> {
      authorize(principal, "volunteers.claims.submit");
      const self = await volunteerRepo.byUser(db, principal.tenantId, principal.userId);
      if (!self) return [];
      return (await statementRepo.ofVolunteer(db, principal.tenantId, self.id)).map(toStatementView);
    },

    async statementPdf(principal: Principal, id: string, opts: Audited = {}) {
      const row = await readable(principal, id);
      await deps.audit.recordRead(principal, STATEMENT_ENTITY, row.id, {
        requestId: opts.requestId ?? null,
        exposed: { pdf: [row.period] },
      });
      return { pdf: Buffer.from(row.pdf), period: row.period, seq: row.seq };
    },

    /**
     * The finance office's list of a month: the newest version per volunteer, one row each, with
     * hours, kilometres, rates and amounts (euros as numbers), a sum row. German: the office's document.
     */
    async statementsXlsx(principal: Principal, period: string): Promise<Uint8Array<ArrayBuffer>> {
      authorize(principal, "volunteers.statements");
      const rows = (await statementRepo.latestOfPeriod(db, principal.tenantId, period)).sort((a, b) =>
        a.volunteerName.localeCompare(b.volunteerName, "de"),
      );
      const wb = new ExcelJS.Workbook();
      wb.creator = "Lotse";
      const ws = wb.addWorksheet(`Abrechnung ${period}`);
      const euro = { numFmt: "#,##0.00" };
      ws.columns = [
        { header: "Ehrenamtliche*r", key: "name", width: 30 },
        { header: "Monat", key: "period", width: 10 },
        { header: "Version", key: "seq", width: 9 },
        { header: "Einsätze", key: "n", width: 9 },
        { header: "Stunden", key: "hours", width: 10, style: { numFmt: "0.0" } },
        { header: "Kilometer", key: "km", width: 10 },
        { header: "Satz je Stunde (EUR)", key: "hourly", width: 18, style: euro },
        { header: "Satz je km (EUR)", key: "kmRate", width: 16, style: euro },
        { header: "Stunden (EUR)", key: "hoursEur", width: 14, style: euro },
        { header: "Fahrtkosten (EUR)", key: "kmEur", width: 16, style: euro },
        { header: "Summe (EUR)", key: "total", width: 14, style: euro },
        { header: "Ausgestellt am", key: "issued", width: 14 },
      ];
      const eur = (c: number) => Number(centsToDecimal(c));
      for (const s of rows)
        ws.addRow({
          name: s.volunteerName,
          period: s.period,
          seq: s.seq,
          n: s.lines.length,
          hours: Math.round(s.minutes / 6) / 10,
          km: s.km,
          hourly: eur(s.hourlyRateCents),
          kmRate: eur(s.kmRateCents),
          hoursEur: eur(s.hoursCents),
          kmEur: eur(s.kmCents),
          total: eur(s.totalCents),
          issued: s.issuedAt.toISOString().slice(0, 10),
        });
      const sum = (f: (s: StatementMeta) => number) => rows.reduce((a, s) => a + f(s), 0);
      const last = ws.addRow({
        name: "Summe",
        hours: Math.round(sum((s) => s.minutes) / 6) / 10,
        km: sum((s) => s.km),
        hoursEur: eur(sum((s) => s.hoursCents)),
        kmEur: eur(sum((s) => s.kmCents)),
        total: eur(sum((s) => s.totalCents)),
      });
      last.font = { bold: true };
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: "frozen", ySplit: 1 }];
      await deps.audit.record({
        actor: { kind: "user", principal },
        action: "export",
        entityType: STATEMENT_ENTITY,
        entityId: null,
        changes: diff(null, { period, rows: rows.length }),
      });
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
  };
}

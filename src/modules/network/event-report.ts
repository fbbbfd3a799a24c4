import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { diff } from "../audit/service.ts";
import { type SafeCount, safeCount, suppressTable } from "../statistics/small-cells.ts";
import { renderEventReportPdf } from "./event-report-pdf.ts";
import type { EventAttendanceInput } from "./participation.contracts.ts";
import {
  ATTENDANCE_AGE_BANDS,
  ATTENDANCE_GENDERS,
  CONTRIBUTION_STATES,
  type EventAttendance,
  type EventReport,
} from "./participation.model.ts";
import { participationRepo as repo } from "./participation.repo.ts";
import { contributionView, eventSummary } from "./participation.ts";
import { auditActor, check, fail, type NetworkActor, type NetworkContext, tenantOf } from "./shared.ts";

export type { EventReport };

/** What a public page may show of the attendance: every count through the small-cell rule. */
export type PublicAttendance = {
  total: SafeCount;
  byGender: { key: string; count: SafeCount }[];
  byAge: { key: string; count: SafeCount }[];
};

/** A staff language's translator, German for anything else (easy German is public-only). */
export function readerTranslator(lang: string) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return { lang: l, t: createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE)) };
}

const sum = (r: Partial<Record<string, number>>) =>
  Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);

/** A breakdown as one row for the small-cell rule (its margin is the row total). */
function safeRow<K extends string>(keys: readonly K[], r: Partial<Record<K, number>>) {
  const present = keys.filter((k) => r[k] !== undefined);
  if (present.length === 0) return [];
  const t = suppressTable([present.map((k) => r[k]!)]);
  return present.map((key, j) => ({ key, count: t.cells[0]![j]! }));
}

export function publicAttendance(a: EventAttendance | null): PublicAttendance | null {
  if (!a) return null;
  return {
    total: safeCount(a.total),
    byGender: safeRow(ATTENDANCE_GENDERS, a.byGender),
    byAge: safeRow(ATTENDANCE_AGE_BANDS, a.byAge),
  };
}

/**
 * The report per participation event (issue 18 item 4, decision 085): attendance as counted,
 * and what came in and what became of it. Staff see the exact counts; the public page shows
 * the attendance only through the small-cell rule (`publicAttendance`).
 */
export function createEventReports(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function event(tenantId: string, id: string) {
    if (!isUuid(id)) throw AppError.notFound();
    const row = await repo.eventById(db, tenantId, id);
    if (!row) throw AppError.notFound();
    return row;
  }

  async function build(tenantId: string, id: string) {
    const row = await event(tenantId, id);
    const list = await repo.contributions(db, tenantId, id);
    const contributions = CONTRIBUTION_STATES.map((state) => ({
      state,
      staff: list.filter((c) => c.state === state && c.source === "staff").length,
      public: list.filter((c) => c.state === state && c.source === "public").length,
    }));
    const adopted = list.filter((c) => c.state === "adopted").length;
    const report: EventReport = {
      event: eventSummary(row, list.length),
      attendance: row.attendance ?? null,
      contributions,
      adoptedShare: list.length ? adopted / list.length : null,
      items: list.map(contributionView),
    };
    const savedAt = new Date(Math.max(row.updatedAt.getTime(), ...list.map((c) => c.updatedAt.getTime())));
    return { report, row, savedAt };
  }

  return {
    async eventReport(principal: Principal, id: string): Promise<EventReport> {
      authorize(principal, "network.read");
      return (await build(principal.tenantId, id)).report;
    },

    /**
     * The report as a tagged PDF in the reader's language (decision 101): rendered on request,
     * since it covers one event (its contributions, bounded by the form's rate limit and
     * moderation) — a few pages, not a batch for the job queue.
     */
    async eventReportPdf(principal: Principal, id: string, lang: string): Promise<Buffer> {
      authorize(principal, "network.read");
      const { report, row, savedAt } = await build(principal.tenantId, id);
      let where: string | null = row.onlineUrl;
      if (row.placeId) {
        const place = (await deps.directory.places(principal.tenantId)).find((p) => p.id === row.placeId);
        where = place?.name ?? where;
      }
      const { lang: l, t } = readerTranslator(lang);
      const tenantName = (await deps.tenants.byId(principal.tenantId))?.name ?? "";
      return renderEventReportPdf({ tenantName, report, where, savedAt }, t, l);
    },

    /** The counts taken at the event; a breakdown never exceeds the total. */
    async setEventAttendance(
      actor: NetworkActor,
      id: string,
      input: EventAttendanceInput,
      requestId?: string,
    ) {
      check(actor, "network.manage");
      const tenantId = tenantOf(actor);
      const before = await event(tenantId, id);
      const { version, total, ...rest } = input;
      const byGender: EventAttendance["byGender"] = {};
      for (const k of ATTENDANCE_GENDERS) if (rest[k] !== null) byGender[k] = rest[k];
      const byAge: EventAttendance["byAge"] = {};
      for (const k of ATTENDANCE_AGE_BANDS) {
        const n = rest[`age_${k}`];
        if (n !== null) byAge[k] = n;
      }
      const errors = [];
      if (sum(byGender) > total) errors.push({ field: "female", code: "network_attendance_sum" });
      if (sum(byAge) > total) errors.push({ field: "age_under_18", code: "network_attendance_sum" });
      if (errors.length) throw fail(...errors);
      const attendance: EventAttendance = { total, byGender, byAge };
      return db.transaction(async (tx) => {
        const after = await repo.updateEventIfVersion(
          tx,
          tenantId,
          id,
          version,
          { attendance },
          deps.clock.now(),
        );
        if (!after) throw AppError.versionConflict(before.version);
        await deps.audit.record(
          {
            actor: auditActor(actor),
            action: "update",
            entityType: "network_event",
            entityId: id,
            changes: diff({ attendance: before.attendance }, { attendance }),
            requestId: requestId ?? null,
          },
          tx,
        );
        return { version: after.version, attendance };
      });
    },
  };
}

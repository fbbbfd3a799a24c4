/**
 * "Please check your entries": the tenant's review interval (settings) and the daily reminder
 * run that mails partner staff (else the coordinators) about published entries nobody has
 * confirmed within it.
 */
import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { AppError } from "../../server/errors.ts";
import { authorize, can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { automaticMailFooter } from "../mail/service.ts";
import { DEFAULT_REVIEW_INTERVAL_DAYS, type DirectorySettingsUpdate } from "./contracts.ts";
import { remindersRepo } from "./reminders.repo.ts";
import { DAY_MS, type DirectoryContext } from "./shared.ts";

export const REMINDER_JOB = "directory.reminders";

function mailTranslator(lang: string | null | undefined) {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE));
}

/** The next 05:00 UTC strictly after `now` (early morning in Germany), for the daily job. */
function nextDailyRun(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 5, 0, 0));
  return d.getTime() > now.getTime() ? d : new Date(d.getTime() + DAY_MS);
}

type DueEntry = Awaited<ReturnType<typeof remindersRepo.dueForReminder>>[number];
type Recipient = { email: string; lang: string | null; entries: DueEntry[] };

export function createReminders(ctx: DirectoryContext) {
  const { db, deps, now } = ctx;

  /** Makes sure tomorrow's reminder run is queued (one job per tenant and day). */
  async function scheduleReminders(tenantId: string) {
    const runAt = nextDailyRun(now());
    await deps.jobs.enqueue(
      REMINDER_JOB,
      {},
      {
        tenantId,
        runAt,
        dedupeKey: `daily-${runAt.toISOString().slice(0, 10)}`,
        maxAttempts: 3,
      },
    );
  }

  // A tenant created while the server runs gets its reminder run queued with it (the ambient
  // transaction of the creation carries the job).
  deps.tenants.onCreated((tenant) => scheduleReminders(tenant.id));

  async function reviewIntervalDays(tenantId: string): Promise<number> {
    return (await remindersRepo.settings(db, tenantId))?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS;
  }

  /** Partner staff of the entry's organization, else the tenant-wide coordinators, per address. */
  async function recipientsOf(tenantId: string, due: DueEntry[]): Promise<Recipient[]> {
    const [partners, coordinators] = await Promise.all([
      deps.users.withRole(tenantId, "partner_staff"),
      deps.users.withRole(tenantId, "coordinator"),
    ]);
    const byEmail = new Map<string, Recipient>();
    const add = (u: { email: string; preferredLanguage: string | null }, e: DueEntry) => {
      const r = byEmail.get(u.email) ?? { email: u.email, lang: u.preferredLanguage, entries: [] };
      if (!r.entries.includes(e)) r.entries.push(e);
      byEmail.set(u.email, r);
    };
    const leads = coordinators.filter((c) => c.scopeType === "tenant");
    for (const e of due) {
      const own = partners.filter((p) => p.scopeType === "organization" && p.scopeId === e.organizationId);
      for (const u of own.length ? own : leads) add(u, e);
    }
    return [...byEmail.values()];
  }

  /**
   * Sends "please check your entries" mails for published entries not checked within the
   * tenant's interval. One reminder per entry per interval; returns how many entries were
   * reminded and how many mails went out.
   */
  async function sendReminders(tenantId: string): Promise<{ entries: number; mails: number }> {
    const days = await reviewIntervalDays(tenantId);
    const cutoff = new Date(now().getTime() - days * DAY_MS);
    const due = await remindersRepo.dueForReminder(db, tenantId, cutoff, cutoff, 1000);
    if (due.length === 0) return { entries: 0, mails: 0 };
    const tenant = await deps.tenants.byId(tenantId);
    const recipients = await recipientsOf(tenantId, due);
    const base = deps.config.baseUrl.replace(/\/+$/, "");
    await db.transaction(async () => {
      for (const r of recipients) {
        const t = mailTranslator(r.lang);
        const lines = r.entries.map((e) => `- ${e.name}: ${base}/staff/directory/${e.type}/${e.id}`);
        await deps.mail.send({
          tenantId,
          to: r.email,
          subject: t("directory.reminder_subject", { count: r.entries.length }),
          text: `${t("directory.reminder_body", { count: r.entries.length, days })}\n\n${lines.join("\n")}${automaticMailFooter(t, tenant?.name ?? "Lotse")}`,
        });
      }
      for (const e of due) await remindersRepo.markReminded(db, tenantId, e.type, e.id, now());
      await deps.audit.record({
        actor: { kind: "system", tenantId },
        action: "directory.reminders_sent",
        entityType: "directory",
        changes: { entries: { old: null, new: due.length }, mails: { old: null, new: recipients.length } },
      });
    });
    deps.logger.info({ tenantId, entries: due.length, mails: recipients.length }, "directory reminders sent");
    return { entries: due.length, mails: recipients.length };
  }

  deps.jobs.register(REMINDER_JOB, async (_payload, jobCtx) => {
    await sendReminders(jobCtx.tenantId);
    await scheduleReminders(jobCtx.tenantId);
  });

  return {
    scheduleReminders,
    reviewIntervalDays,
    sendReminders,

    async settings(principal: Principal) {
      authorize(principal, "directory.read");
      const row = await remindersRepo.settings(db, principal.tenantId);
      return {
        reviewIntervalDays: row?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
        version: row?.version ?? 0,
      };
    },

    async updateSettings(principal: Principal, input: DirectorySettingsUpdate, requestId?: string) {
      authorize(principal, "directory.publish");
      if (!can(principal, "directory.publish", {})) throw AppError.forbidden();
      return db.transaction(async () => {
        const before = await remindersRepo.settings(db, principal.tenantId);
        if ((before?.version ?? 0) !== input.version) throw AppError.versionConflict(before?.version ?? 0);
        const row = await remindersRepo.saveSettings(
          db,
          principal.tenantId,
          input.version,
          input.reviewIntervalDays,
          now(),
        );
        if (!row) throw AppError.versionConflict();
        await deps.audit.record({
          actor: { kind: "user", principal },
          action: "directory.settings",
          entityType: "directory_settings",
          changes: {
            reviewIntervalDays: {
              old: before?.reviewIntervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS,
              new: row.reviewIntervalDays,
            },
          },
          requestId: requestId ?? null,
        });
        await scheduleReminders(principal.tenantId);
        return { reviewIntervalDays: row.reviewIntervalDays, version: row.version };
      });
    },
  };
}
export type Reminders = ReturnType<typeof createReminders>;

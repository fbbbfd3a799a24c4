/**
 * The guide's daily job (decision 082, 05:30 UTC): each page owner whose pages are due for their
 * yearly check within two weeks gets one mail listing them, at most every 30 days per page
 * (`check_reminded_on`). Owners are organizations or offices; their public e-mail address is
 * used. The guide holds no personal data; the run deletes welcome package files older than
 * KEEP_RENDER_DAYS (decision 115).
 */
import { catalogs } from "../../i18n/catalogs.server.ts";
import { SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { GuideDeps } from "./deps.ts";
import { reminderDue } from "./model.ts";
import { rendersRepo } from "./package-renders.repo.ts";
import { KEEP_RENDER_DAYS } from "./package-renders.ts";
import { guideRepo } from "./repo.ts";

export const DAILY_JOB = "guide.daily";
const RUN_AT_UTC = { hour: 5, minute: 30 };

export function nextDailyRun(now: Date): Date {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC.hour, RUN_AT_UTC.minute),
  );
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function createDaily(deps: GuideDeps) {
  const { db } = deps;
  const today = () =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(deps.clock.now());

  /** Mails owners of pages due for their check; returns the number of mails queued. */
  async function ownerReminders(tenantId: string): Promise<number> {
    const d = today();
    const due = (await guideRepo.list(db, tenantId)).filter((p) =>
      reminderDue(p.lastCheckedOn, p.checkRemindedOn, d),
    );
    const byOwner = new Map<string, typeof due>();
    for (const p of due)
      byOwner.set(`${p.ownerKind}:${p.ownerId}`, [...(byOwner.get(`${p.ownerKind}:${p.ownerId}`) ?? []), p]);
    const all = catalogs();
    const t = createTranslator(SOURCE_LANGUAGE, all.get(SOURCE_LANGUAGE) ?? {});
    let sent = 0;
    for (const pages of byOwner.values()) {
      const first = pages[0]!;
      const owner = await deps.ownerContact(tenantId, { kind: first.ownerKind, id: first.ownerId });
      // No address: the tree still flags the pages as due for the coordinators.
      if (!owner?.email) continue;
      const list = pages
        .map(
          (p) =>
            `- ${p.title} (${p.lastCheckedOn ?? t("guide.reminder_never")}): ${deps.config.baseUrl}/staff/guide/${p.id}`,
        )
        .join("\n");
      await db.transaction(async (tx) => {
        await deps.mail.send(
          {
            tenantId,
            to: owner.email!,
            subject: t("guide.reminder_subject", { count: pages.length }),
            text: t("guide.reminder_text", { owner: owner.name, count: pages.length, list }),
          },
          { db: tx },
        );
        await guideRepo.markReminded(
          tx,
          tenantId,
          pages.map((p) => p.id),
          d,
        );
      });
      sent++;
    }
    return sent;
  }

  /** Welcome package files are fetched right after rendering; older ones go (decision 115). */
  function purgeRenders(tenantId: string) {
    return rendersRepo.purge(
      db,
      tenantId,
      new Date(deps.clock.now().getTime() - KEEP_RENDER_DAYS * 86_400_000),
    );
  }

  async function schedule(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextDailyRun(after);
    await deps.jobs.enqueue(
      DAILY_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 3, dedupeKey: `daily-${at.toISOString().slice(0, 10)}` },
      tx,
    );
  }
  deps.tenants.onCreated((tenant, tx) => schedule(tenant.id, deps.clock.now(), tx));
  deps.jobs.register(DAILY_JOB, async (_payload, ctx) => {
    try {
      const reminders = await ownerReminders(ctx.tenantId);
      const purged = await purgeRenders(ctx.tenantId);
      deps.logger.info({ tenantId: ctx.tenantId, reminders, purged }, "guide daily run");
    } finally {
      await schedule(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    ownerReminders,
    purgeRenders,
    async scheduleAll() {
      for (const tn of await deps.tenants.list()) await schedule(tn.id, deps.clock.now());
    },
  };
}

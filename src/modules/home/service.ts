import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import type { HomeItem, HomeItemSource } from "../../server/home.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import type { JobQueue } from "../jobs/queue.ts";
import { automaticMailFooter, type MailService } from "../mail/service.ts";
import type { TenantService } from "../tenants/service.ts";
import type { UserService } from "../users/service.ts";
import type { NotificationSettingInput } from "./contracts.ts";
import { DEFAULT_NOTIFY_MODE, type HomeSnapshot, type NotifyMode, newSince } from "./model.ts";
import { homeRepo } from "./repo.ts";

export const DIGEST_JOB = "home.digest";
export const IMMEDIATE_JOB = "home.immediate";
/** The daily digest at 05:30 UTC: before the working day in Germany. */
const DIGEST_AT_UTC = { hour: 5, minute: 30 };
/** "Immediately": the job looks for new items every quarter hour. */
const IMMEDIATE_EVERY_MS = 15 * 60_000;
/** Due dates are calendar days of the municipality. */
const TIME_ZONE = "Europe/Berlin";

/** One module's part of the home page: its heading and its items (never empty). */
export type HomeSection = { module: string; headingKey: string; items: HomeItem[] };
export type RegisteredHomeSource = { module: string; source: HomeItemSource };

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The next daily digest strictly after `now`. */
export function nextDigestAfter(now: Date): Date {
  const d = new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
      DIGEST_AT_UTC.hour,
      DIGEST_AT_UTC.minute,
    ),
  );
  if (d <= now) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** The next quarter-hour slot strictly after `now`. */
export function nextSlotAfter(now: Date): Date {
  return new Date((Math.floor(now.getTime() / IMMEDIATE_EVERY_MS) + 1) * IMMEDIATE_EVERY_MS);
}

export function snapshotOf(sections: readonly HomeSection[]): HomeSnapshot {
  const out: HomeSnapshot = {};
  for (const s of sections)
    for (const i of s.items) out[i.kind] = { count: i.count, keys: i.entries.map((e) => e.key) };
  return out;
}

export type HomeDeps = CoreDeps & {
  audit: AuditService;
  jobs: JobQueue;
  mail: MailService;
  tenants: TenantService;
  users: UserService;
  /** Every module's home source, in module order (filled by the composition root). */
  sources: readonly RegisteredHomeSource[];
};

/**
 * The staff home (decision 092): the items every module's `home` source gives a principal,
 * and the notifications by mail — a daily digest (default) or a mail soon after something new,
 * in the user's language, with counts and links only, sent when something is new since the
 * last mail.
 */
export function createHomeService(deps: HomeDeps) {
  const { db } = deps;

  async function sectionsFor(principal: Principal, today: string): Promise<HomeSection[]> {
    const out: HomeSection[] = [];
    for (const { module, source } of deps.sources) {
      const items = (await source.items(principal, today)).filter((i) => i.count > 0);
      if (items.length) out.push({ module, headingKey: source.headingKey, items });
    }
    return out;
  }

  function translatorFor(language: string | null) {
    const lang = isLanguage(language) ? language : SOURCE_LANGUAGE;
    const all = catalogs();
    return createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
  }

  function digestText(
    language: string | null,
    sections: readonly HomeSection[],
    fresh: ReturnType<typeof newSince>,
    tenantName: string,
  ) {
    const t = translatorFor(language);
    const base = deps.config.baseUrl.replace(/\/+$/, "");
    const items = new Map(sections.flatMap((s) => s.items.map((i) => [i.kind, i] as const)));
    const lines = fresh.flatMap((f) => {
      const i = items.get(f.kind);
      if (!i) return [];
      return [
        `- ${t(i.labelKey, { count: f.count })} (${t("home.digest_new", { count: f.fresh })})\n  ${base}${i.href}`,
      ];
    });
    const total = fresh.reduce((n, f) => n + f.fresh, 0);
    return {
      subject: t("home.digest_subject", { count: total }),
      text:
        `${t("home.digest_intro")}\n\n${lines.join("\n")}\n\n` +
        `${t("home.digest_home", { link: `${base}/staff` })}\n` +
        `${t("home.digest_settings", { link: `${base}/staff/account` })}` +
        automaticMailFooter(t, tenantName),
    };
  }

  /**
   * One notification run for a tenant: every active user whose setting is `mode` gets their
   * items computed as they would see them; a mail goes out when something is new since the
   * last one. A daily digest is claimed once per user and day in the mail's transaction.
   */
  async function notify(
    tenantId: string,
    mode: Exclude<NotifyMode, "none">,
  ): Promise<{ checked: number; mails: number }> {
    const now = deps.clock.now();
    const today = todayIn(TIME_ZONE, now);
    const settings = await homeRepo.ofTenant(db, tenantId);
    // Nobody chose "immediate" (the usual case): the quarter-hour run ends here.
    if (mode === "immediate" && !settings.some((s) => s.mode === "immediate"))
      return { checked: 0, mails: 0 };
    const [staff, tenant] = await Promise.all([
      deps.users.activeWithGrants(tenantId),
      deps.tenants.byId(tenantId),
    ]);
    const byUser = new Map(settings.map((s) => [s.userId, s]));
    let checked = 0;
    let mails = 0;
    for (const user of staff) {
      const setting = byUser.get(user.id);
      if ((setting?.mode ?? DEFAULT_NOTIFY_MODE) !== mode || user.grants.length === 0) continue;
      if (mode === "daily" && setting?.lastDigestOn === today) continue;
      // The items this user would see when signed in (the policy decides, as on the page).
      const principal: Principal = {
        userId: user.id,
        tenantId,
        sessionId: `notify:${mode}`,
        grants: user.grants,
        mfaSatisfied: true,
      };
      try {
        const sections = await sectionsFor(principal, today);
        const snapshot = snapshotOf(sections);
        const fresh = newSince(setting?.snapshot ?? {}, snapshot);
        checked++;
        const sent = await db.transaction(async (tx: DbOrTx) => {
          if (mode === "daily" && !(await homeRepo.claimDay(tx, tenantId, user.id, today, now))) return false;
          if (fresh.length > 0) {
            const mail = digestText(user.preferredLanguage, sections, fresh, tenant?.name ?? "Lotse");
            await deps.mail.send({ tenantId, to: user.email, ...mail }, { db: tx });
          }
          // What the user has now is the base of the next comparison, mail or not.
          await homeRepo.recordSnapshot(tx, tenantId, user.id, snapshot, fresh.length > 0 ? now : null, now);
          return fresh.length > 0;
        });
        if (sent) mails++;
      } catch (err) {
        // One user's failure must not hold up the others; the next run tries again.
        deps.logger.error(
          { tenantId, mode, err: err instanceof Error ? err.name : "unknown" },
          "home notify failed",
        );
      }
    }
    deps.logger.info({ tenantId, mode, checked, mails }, "home notifications");
    return { checked, mails };
  }

  async function scheduleDigest(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextDigestAfter(after);
    await deps.jobs.enqueue(
      DIGEST_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 3, dedupeKey: `daily-${at.toISOString().slice(0, 10)}` },
      tx,
    );
  }
  async function scheduleImmediate(tenantId: string, after: Date, tx: DbOrTx = db) {
    const at = nextSlotAfter(after);
    await deps.jobs.enqueue(
      IMMEDIATE_JOB,
      {},
      { tenantId, runAt: at, maxAttempts: 1, dedupeKey: `slot-${at.toISOString()}` },
      tx,
    );
  }
  deps.tenants.onCreated(async (tenant, tx) => {
    await scheduleDigest(tenant.id, deps.clock.now(), tx);
    await scheduleImmediate(tenant.id, deps.clock.now(), tx);
  });
  deps.jobs.register(DIGEST_JOB, async (_payload, ctx) => {
    try {
      await notify(ctx.tenantId, "daily");
    } finally {
      await scheduleDigest(ctx.tenantId, deps.clock.now());
    }
  });
  deps.jobs.register(IMMEDIATE_JOB, async (_payload, ctx) => {
    try {
      await notify(ctx.tenantId, "immediate");
    } finally {
      await scheduleImmediate(ctx.tenantId, deps.clock.now());
    }
  });

  return {
    /** What needs the principal today, per module (modules with nothing are left out). */
    async sections(principal: Principal): Promise<HomeSection[]> {
      authorize(principal, "staff.access");
      return sectionsFor(principal, todayIn(TIME_ZONE, deps.clock.now()));
    },
    async notificationSetting(principal: Principal): Promise<{ mode: NotifyMode }> {
      authorize(principal, "account.self");
      const row = await homeRepo.ofUser(db, principal.tenantId, principal.userId);
      return { mode: row?.mode ?? DEFAULT_NOTIFY_MODE };
    },
    async setNotificationSetting(principal: Principal, input: NotificationSettingInput, requestId?: string) {
      authorize(principal, "account.self");
      const before = await homeRepo.ofUser(db, principal.tenantId, principal.userId);
      await db.transaction(async (tx: DbOrTx) => {
        await homeRepo.setMode(tx, principal.tenantId, principal.userId, input.mode, deps.clock.now());
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "home.notifications",
            entityType: "user",
            entityId: principal.userId,
            changes: { mode: { old: before?.mode ?? DEFAULT_NOTIFY_MODE, new: input.mode } },
            ...(requestId ? { requestId } : {}),
          },
          tx,
        );
      });
    },
    notify,
    /** Makes sure every tenant has its next digest and its next quarter-hour run queued (server start). */
    async scheduleAll() {
      for (const t of await deps.tenants.list()) {
        await scheduleDigest(t.id, deps.clock.now());
        await scheduleImmediate(t.id, deps.clock.now());
      }
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;

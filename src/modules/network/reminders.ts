import { catalogs } from "../../i18n/catalogs.server.ts";
import { isLanguage, SOURCE_LANGUAGE } from "../../i18n/languages.ts";
import { createTranslator } from "../../i18n/translator.ts";
import { automaticMailFooter } from "../mail/service.ts";
import { REVIEW_REMIND_DAYS, type ReminderKind } from "./agreements.model.ts";
import { remindersRepo } from "./reminders.repo.ts";
import type { NetworkContext } from "./shared.ts";

/** At most this many items of each kind per run; the rest come the next day. */
const PER_RUN = 200;

type Item = { kind: ReminderKind; id: string; dueDate: string; line: string };

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The daily job's reminders (decision 085): reviews of running agreements within 30 days,
 * overdue open action items (the Beschlusskontrolle) and overdue open commitments. Each is
 * claimed once per due date in the transaction of the digest mail, which goes to every
 * coordinator in their language: a rerun or a retried job sends nothing twice, a new due date
 * (a renewal, a postponed item) is reminded again.
 */
export function createReminders(ctx: NetworkContext) {
  const { deps } = ctx;
  const { db } = deps;

  async function items(tenantId: string, today: string): Promise<Item[]> {
    const [reviews, actions, commitments] = await Promise.all([
      remindersRepo.reviewsDue(db, tenantId, today, addDays(today, REVIEW_REMIND_DAYS), PER_RUN),
      remindersRepo.overdueActions(db, tenantId, today, PER_RUN),
      remindersRepo.overdueCommitments(db, tenantId, today, PER_RUN),
    ]);
    return [
      ...reviews.map((r) => ({ kind: "review" as const, id: r.id, dueDate: r.dueDate!, line: r.title })),
      ...actions.map((a) => ({
        kind: "action_item" as const,
        id: a.id,
        dueDate: a.dueDate!,
        line: `${a.body}: ${a.title} (${a.owner})`,
      })),
      ...commitments.map((c) => ({
        kind: "commitment" as const,
        id: c.id,
        dueDate: c.dueDate!,
        line: `${c.agreement}: ${c.title} (${c.owner})`,
      })),
    ];
  }

  return {
    /** One run for a tenant; returns how many items were reminded and to how many coordinators. */
    async remind(tenantId: string): Promise<{ items: number; mails: number }> {
      const today = ctx.today();
      const all = await items(tenantId, today);
      if (all.length === 0) return { items: 0, mails: 0 };
      const recipients = new Map<string, string>();
      for (const u of await deps.coordinators(tenantId)) recipients.set(u.email, u.preferredLanguage ?? "de");
      const tenantName = (await deps.tenants.byId(tenantId))?.name ?? "";
      return db.transaction(async (tx) => {
        const fresh: Item[] = [];
        for (const i of all) {
          const claimed = await remindersRepo.claim(tx, {
            tenantId,
            kind: i.kind,
            entityId: i.id,
            dueDate: i.dueDate,
            sentAt: deps.clock.now(),
          });
          if (claimed) fresh.push(i);
        }
        if (fresh.length === 0) return { items: 0, mails: 0 };
        for (const [email, language] of recipients) {
          const lang = isLanguage(language) ? language : SOURCE_LANGUAGE;
          const all = catalogs();
          const t = createTranslator(lang, all.get(lang) ?? {}, all.get(SOURCE_LANGUAGE));
          const section = (kind: ReminderKind) => {
            const lines = fresh.filter((i) => i.kind === kind).map((i) => `- ${i.dueDate} ${i.line}`);
            return lines.length
              ? `${t(`network.reminder_${kind}`, { count: lines.length })}\n${lines.join("\n")}\n\n`
              : "";
          };
          await deps.mail.send(
            {
              tenantId,
              to: email,
              subject: t("network.reminder_subject", { count: fresh.length }),
              text:
                section("review") +
                section("action_item") +
                section("commitment") +
                t("network.reminder_link", { link: `${deps.config.baseUrl}/staff/network/follow-up` }) +
                automaticMailFooter(t, tenantName),
            },
            { db: tx },
          );
        }
        return { items: fresh.length, mails: recipients.size };
      });
    },
  };
}

import { catalogs } from "#app/i18n/catalogs.server.ts";
import { isLanguage, type Language, SOURCE_LANGUAGE } from "#app/i18n/languages.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import type { StrategyDeps } from "./deps.ts";
import type { Responsible } from "./people.ts";
import type { RoundRow } from "./rounds.repo.ts";

/** A node takes part in a year's round when its period overlaps the year. */
export const inYear = (year: number, from: string | null, to: string | null) =>
  (from === null || from <= `${year}-12-31`) && (to === null || to >= `${year}-01-01`);

const mailTranslator = (lang: string | null | undefined) => {
  const l: Language = isLanguage(lang) ? lang : SOURCE_LANGUAGE;
  const all = catalogs();
  return createTranslator(l, all.get(l) ?? {}, all.get(SOURCE_LANGUAGE));
};

/**
 * The report round's mails (decision 098): one per person, in their language, naming their
 * nodes and the page to write on. Sent in the caller's transaction (the outbox row commits or
 * rolls back with the change that caused it). Returns how many went out.
 */
export function createRoundMail(deps: Pick<StrategyDeps, "config" | "tenants" | "mail">) {
  return async function mailPeople(
    tx: DbOrTx,
    tenantId: string,
    kind: "asked" | "reminder" | "changes",
    round: Pick<RoundRow, "year" | "deadline">,
    byUser: Map<string, string[]>,
    people: Map<string, Responsible>,
  ): Promise<number> {
    const tenantName = (await deps.tenants.byId(tenantId))?.name ?? "";
    let sent = 0;
    for (const [userId, titles] of byUser) {
      const u = people.get(userId);
      if (!u) continue;
      const t = mailTranslator(u.preferredLanguage);
      const values = {
        tenant: tenantName,
        year: round.year,
        deadline: round.deadline,
        count: titles.length,
        list: titles.map((x) => `- ${x}`).join("\n"),
        link: `${deps.config.baseUrl}/staff/strategy/narratives`,
      };
      await deps.mail.send(
        {
          tenantId,
          to: u.email,
          subject: t(`strategy.round_mail_${kind}_subject`, values),
          text: t(`strategy.round_mail_${kind}_text`, values),
        },
        { db: tx },
      );
      sent++;
    }
    return sent;
  };
}

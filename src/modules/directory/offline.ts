import { and, asc, count, eq, gte, isNull, lte, or } from "drizzle-orm";
import type { PublicLanguage } from "#app/i18n/languages.ts";
import type { DbOrTx } from "../../server/db/client.ts";
import { DIRECTORY_TIME_ZONE } from "./locale-settings.ts";
import { offers } from "./schema.ts";
import { PAGE_SIZE } from "./search.ts";
import { isoDate, toLocal } from "./time-zone.ts";

/**
 * What the installable PWA saves for offline reading in one language: the directory's public
 * list pages and the detail page of every published offer that is valid today. The service
 * worker fetches these URLs (public/sw.js); pages that do not exist are skipped there.
 */
export const MAX_OFFLINE_OFFERS = 1000;
/** List pages beyond the first (`?page=N`) to save. */
export const MAX_OFFLINE_LIST_PAGES = 50;

export type OfflineManifest = { lang: PublicLanguage; generatedAt: string; urls: string[] };

export const offlineRepo = {
  /** Ids of published offers valid on `today` (YYYY-MM-DD), by title, and how many there are. */
  async publishedOffers(db: DbOrTx, tenantId: string, today: string, limit: number) {
    const where = and(
      eq(offers.tenantId, tenantId),
      eq(offers.status, "published"),
      or(isNull(offers.validFrom), lte(offers.validFrom, today)),
      or(isNull(offers.validTo), gte(offers.validTo, today)),
    );
    const [rows, total] = await Promise.all([
      db
        .select({ id: offers.id })
        .from(offers)
        .where(where)
        .orderBy(asc(offers.title), asc(offers.id))
        .limit(limit),
      db.select({ n: count() }).from(offers).where(where),
    ]);
    return { ids: rows.map((r) => r.id), total: Number(total[0]?.n ?? 0) };
  },
};

export async function offlineManifest(
  deps: { db: DbOrTx; clock: { now(): Date } },
  tenantId: string,
  lang: PublicLanguage,
): Promise<OfflineManifest> {
  const now = deps.clock.now();
  const l = toLocal(now, DIRECTORY_TIME_ZONE);
  const today = isoDate(l.year, l.month, l.day);
  const { ids, total } = await offlineRepo.publishedOffers(deps.db, tenantId, today, MAX_OFFLINE_OFFERS);
  const base = `/${lang}`;
  const pages = Math.min(MAX_OFFLINE_LIST_PAGES, Math.ceil(total / PAGE_SIZE));
  const urls = [
    base,
    `${base}/offline`,
    `${base}/offers`,
    ...Array.from({ length: Math.max(0, pages - 1) }, (_, i) => `${base}/offers?page=${i + 2}`),
    `${base}/events`,
    `${base}/offices`,
    ...ids.map((id) => `${base}/offers/${id}`),
  ];
  return { lang, generatedAt: now.toISOString(), urls };
}

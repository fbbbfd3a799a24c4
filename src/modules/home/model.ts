/**
 * The staff home's notifications (decision 092). Browser-safe: the account page imports it.
 *
 * - none: no mail; the home page still lists everything.
 * - daily: one digest a morning, only when something is new since the last one (the default:
 *   staff learn what is due without opting in, one mail a day at most, counts and links only).
 * - immediate: a mail soon after something new appears (the job looks every quarter hour).
 */
export const NOTIFY_MODES = ["none", "daily", "immediate"] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
export const DEFAULT_NOTIFY_MODE: NotifyMode = "daily";

/** What the last mail told a user, per item kind: the count and the keys of its top entries. */
export type HomeSnapshot = Record<string, { count: number; keys: string[] }>;

/** Per kind, how many of its entries (or how much of its count) are new against `before`. */
export function newSince(
  before: HomeSnapshot,
  now: HomeSnapshot,
): { kind: string; count: number; fresh: number }[] {
  const out: { kind: string; count: number; fresh: number }[] = [];
  for (const [kind, cur] of Object.entries(now)) {
    if (cur.count === 0) continue;
    const prev = before[kind];
    const freshKeys = cur.keys.filter((k) => !prev?.keys.includes(k)).length;
    const fresh = Math.min(cur.count, Math.max(freshKeys, cur.count - (prev?.count ?? 0)));
    if (fresh > 0) out.push({ kind, count: cur.count, fresh });
  }
  return out;
}

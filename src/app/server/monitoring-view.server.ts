import type { Principal } from "#app/server/policy/roles.ts";
import type { PageContext } from "../context.ts";

/**
 * What every monitoring view reads first: the releases, the data version asked for (if it
 * exists), the periods published at that version and the period to show (the latest when none
 * or an unknown one is asked for — `unknown` says so, and the view shows a notice).
 */
export async function viewSelection(ctx: PageContext, principal: Principal, url: URL) {
  const monitoring = ctx.services.monitoring;
  const releases = await monitoring.releases(principal, ctx.tenant.id);
  const rawVersion = url.searchParams.get("version") ?? "";
  const asked = /^\d{1,6}$/.test(rawVersion) ? Number(rawVersion) : null;
  const version = asked !== null && releases.some((r) => r.number === asked) ? asked : null;
  const at = version === null ? {} : { version };
  const periods = await monitoring.publishedPeriods(principal, ctx.tenant.id, at);
  const askedPeriod = url.searchParams.get("period") ?? "";
  const period = periods.includes(askedPeriod) ? askedPeriod : (periods.at(-1) ?? "");
  const unknown =
    (askedPeriod !== "" && !periods.includes(askedPeriod)) || (asked !== null && version === null);
  return { releases, version, at, periods, period, unknown };
}

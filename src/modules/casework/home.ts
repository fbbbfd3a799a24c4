import type { Database } from "../../server/db/client.ts";
import { HOME_TOP, type HomeEntry, type HomeItem, type HomeItemSource } from "../../server/home.ts";
import { can, scopeIdsFor } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type HomeRow, homeRepo } from "./home.repo.ts";

/** Tasks due within this many days count as "due"; consents expiring within this many days. */
export const HOME_DUE_DAYS = 7;
export const HOME_CONSENT_DAYS = 30;
/** Referrals answered within this many days. */
export const HOME_ANSWERED_DAYS = 14;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function item(
  kind: string,
  severity: HomeItem["severity"],
  href: string,
  found: { total: number; rows: HomeRow[] },
  entry: (r: HomeRow) => Omit<HomeEntry, "key">,
): HomeItem[] {
  if (found.total === 0) return [];
  return [
    {
      kind: `casework.${kind}`,
      labelKey: `home.casework_${kind}`,
      count: found.total,
      severity,
      href,
      entries: found.rows.map((r) => ({ key: `${kind}:${r.id}`, ...entry(r) })),
    },
  ];
}

/**
 * What case work puts on the staff home (decision 092): for case workers and supervisors the
 * overdue and due tasks, answered referrals and expiring consents of *their* cases (assigned,
 * or a task they are responsible for); for a receiving organization's staff the referrals
 * received; for the data-protection officer the break-glass accesses to review. Entries show
 * the case reference and a date only, never case content; the linked pages audit their reads.
 */
export function createCaseworkHome(deps: { db: Database; clock: { now(): Date } }): HomeItemSource {
  const { db } = deps;
  return {
    headingKey: "home.module_casework",
    async items(principal: Principal, today: string) {
      const t = principal.tenantId;
      const out: HomeItem[] = [];
      if (can(principal, "cases.read")) {
        const me = { userId: principal.userId, officeIds: scopeIdsFor(principal, "cases.read", "office") };
        const since = new Date(deps.clock.now().getTime() - HOME_ANSWERED_DAYS * 86_400_000);
        const [overdue, due, answered, consents] = await Promise.all([
          homeRepo.tasks(db, t, me, { from: null, to: today }, "newest", HOME_TOP),
          homeRepo.tasks(db, t, me, { from: today, to: addDays(today, HOME_DUE_DAYS) }, "soonest", HOME_TOP),
          homeRepo.answeredReferrals(db, t, principal.userId, since, HOME_TOP),
          homeRepo.expiringConsents(
            db,
            t,
            principal.userId,
            today,
            addDays(today, HOME_CONSENT_DAYS),
            HOME_TOP,
          ),
        ]);
        const onCase = (suffix: string) => (r: HomeRow) => ({
          title: r.reference ?? "",
          due: r.day,
          href: `/staff/cases/${r.caseId}${suffix}`,
        });
        out.push(
          ...item(
            "overdue_tasks",
            "overdue",
            `/staff/cases?overdue=1&worker=${principal.userId}`,
            overdue,
            onCase("#plan"),
          ),
          ...item("tasks_due", "due", "/staff/cases", due, onCase("#plan")),
          ...item("referrals_answered", "info", "/staff/cases", answered, onCase("/referrals")),
          ...item("consents_expiring", "due", "/staff/cases", consents, onCase("/consents")),
        );
      }
      if (can(principal, "referrals.receive")) {
        const orgs = scopeIdsFor(principal, "referrals.receive", "organization");
        const received = await homeRepo.receivedReferrals(db, t, orgs, HOME_TOP);
        out.push(
          ...item("referrals_received", "info", "/staff/referrals", received, (r) => ({
            title: { key: `case_overview.kind_${r.reference}` },
            due: r.day,
            href: `/staff/referrals/${r.id}`,
          })),
        );
      }
      if (can(principal, "privacy.break_glass_review")) {
        const pending = await homeRepo.pendingBreakGlass(db, t, HOME_TOP);
        out.push(
          ...item("break_glass_review", "due", "/staff/privacy/review", pending, (r) => ({
            title: r.reference ?? { key: "home.case_deleted" },
            due: r.day,
            href: "/staff/privacy/review",
          })),
        );
      }
      return out;
    },
  };
}

import type { Database } from "../../server/db/client.ts";
import { HOME_TOP, type HomeItem, type HomeItemSource, type HomeSeverity } from "../../server/home.ts";
import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { type NarrativeWithNode, roundsRepo } from "./rounds.repo.ts";

/** A deadline within this many days makes a narrative "due". */
export const HOME_NARRATIVE_DUE_DAYS = 7;

function severityOf(deadline: string | undefined, today: string): HomeSeverity {
  if (!deadline) return "info";
  if (deadline < today) return "overdue";
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + HOME_NARRATIVE_DUE_DAYS);
  return deadline <= soon.toISOString().slice(0, 10) ? "due" : "info";
}

/**
 * What the report round (decision 098) puts on the staff home (decision 092): for a person asked
 * for narratives, those still to write or to change in an open round; for whoever reviews them,
 * the submitted ones. Entries name the goal or measure only, never the narrative's text.
 */
export function createStrategyHome(deps: { db: Database }): HomeItemSource {
  const { db } = deps;
  const item = (
    kind: string,
    href: string,
    found: { total: number; rows: NarrativeWithNode[] },
    today: string,
    entryHref: (n: NarrativeWithNode) => string,
  ): HomeItem[] =>
    found.total === 0
      ? []
      : [
          {
            kind: `strategy.${kind}`,
            labelKey: `home.strategy_${kind}`,
            count: found.total,
            severity: severityOf(found.rows[0]?.deadline, today),
            href,
            entries: found.rows.map((n) => ({
              // A narrative sent back for changes is news again.
              key: `${kind}:${n.id}:${n.status}`,
              title: n.nodeTitle,
              due: n.deadline,
              href: entryHref(n),
            })),
          },
        ];
  return {
    headingKey: "home.module_strategy",
    async items(principal: Principal, today: string) {
      const t = principal.tenantId;
      const write = can(principal, "strategy.narrate");
      const review = can(principal, "strategy.approve") && can(principal, "strategy.edit");
      const [mine, submitted] = await Promise.all([
        write
          ? roundsRepo.waiting(db, t, ["requested", "draft", "changes_requested"], principal.userId, HOME_TOP)
          : null,
        review ? roundsRepo.waiting(db, t, ["submitted"], null, HOME_TOP) : null,
      ]);
      return [
        ...(mine
          ? item(
              "narratives_to_write",
              "/staff/strategy/narratives",
              mine,
              today,
              (n) => `/staff/strategy/narratives/${n.id}`,
            )
          : []),
        ...(submitted
          ? item(
              "narratives_to_review",
              "/staff/strategy/rounds",
              submitted,
              today,
              (n) => `/staff/strategy/rounds/${n.roundId}`,
            )
          : []),
      ];
    },
  };
}

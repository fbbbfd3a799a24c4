import { HOME_TOP, type HomeItem, type HomeItemSource } from "../../server/home.ts";
import { can } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { VolunteerDeps } from "./deps.ts";
import { volunteerRepo } from "./repo.ts";
import { ruleRepo } from "./rule-repo.ts";

/**
 * What the pool puts on the staff home (decision 092, 110): for a volunteer, the current rules
 * while they have not acknowledged them; for the coordinator, who has not.
 */
export function createVolunteerHome(deps: Pick<VolunteerDeps, "db">): HomeItemSource {
  const { db } = deps;
  return {
    headingKey: "home.module_volunteers",
    async items(principal: Principal, _today: string) {
      const ack = can(principal, "volunteers.rules.acknowledge");
      const manage = can(principal, "volunteers.rules.manage");
      if (!ack && !manage) return [];
      const t = principal.tenantId;
      const current = await ruleRepo.current(db, t);
      if (!current) return [];
      const items: HomeItem[] = [];
      const self = ack ? await volunteerRepo.byUser(db, t, principal.userId) : undefined;
      if (self?.status === "active" && !(await ruleRepo.acknowledgement(db, t, self.id, current.id))) {
        const href = "/staff/volunteers/me/rules";
        items.push({
          kind: "volunteers.rules_to_acknowledge",
          labelKey: "home.volunteers_rules_to_acknowledge",
          count: 1,
          severity: "due",
          href,
          entries: [{ key: `rules:${current.id}`, title: current.title, due: null, href }],
        });
      }
      if (manage) {
        const missing = await ruleRepo.missingTop(db, t, current.id, HOME_TOP);
        if (missing.total > 0)
          items.push({
            kind: "volunteers.rules_missing",
            labelKey: "home.volunteers_rules_missing",
            count: missing.total,
            severity: "info",
            href: "/staff/volunteers/rules",
            entries: missing.rows.map((m) => ({
              key: `rules-missing:${current.id}:${m.id}`,
              title: m.name,
              due: null,
              href: `/staff/volunteers/${m.id}`,
            })),
          });
      }
      return items;
    },
  };
}

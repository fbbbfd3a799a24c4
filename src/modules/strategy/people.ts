import { rolesFor } from "../../server/policy/policy.ts";
import type { StrategyDeps } from "./deps.ts";

export type Responsible = {
  id: string;
  displayName: string;
  email: string;
  preferredLanguage: string | null;
};

/**
 * Who may be named responsible for a node and asked for its narrative (decision 098): active
 * accounts holding a role that may write narratives (`strategy.narrate` in the policy table),
 * staff or partner staff, in any scope. Sorted by name.
 */
export async function responsibleCandidates(deps: Pick<StrategyDeps, "users">, tenantId: string) {
  const byId = new Map<string, Responsible>();
  for (const role of rolesFor("strategy.narrate"))
    for (const u of await deps.users.withRole(tenantId, role))
      byId.set(u.id, {
        id: u.id,
        displayName: u.displayName,
        email: u.email,
        preferredLanguage: u.preferredLanguage,
      });
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, "de"));
}

import type { VolunteerDeps } from "./deps.ts";
import { volunteerRepo } from "./repo.ts";

/**
 * Names of pool members for another module that already holds their ids (decision 103: the
 * conflicts module shows who mediated a session, also after the qualification ran out). Names
 * only; the caller's own policy decides who sees them. Decision 113 adds the account's own pool
 * member (the mediator's view) and a member's mail address and language (the assignment mail).
 */
export function createMediatorNames(deps: VolunteerDeps) {
  return {
    async volunteerNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const wanted = new Set(ids);
      const rows = await volunteerRepo.list(deps.db, tenantId);
      return new Map(rows.filter((v) => wanted.has(v.id)).map((v) => [v.id, v.name]));
    },
    /** The pool member linked to this account, if any (decision 113: the mediator's own view). */
    async mediatorSelf(tenantId: string, userId: string): Promise<{ id: string; name: string } | null> {
      const v = await volunteerRepo.byUser(deps.db, tenantId, userId);
      return v ? { id: v.id, name: v.name } : null;
    },
    /** Where to tell a pool member they were named as mediator (decision 113): address and language. */
    async mediatorContact(
      tenantId: string,
      id: string,
    ): Promise<{ name: string; email: string | null; language: string } | null> {
      const v = await volunteerRepo.byId(deps.db, tenantId, id);
      return v ? { name: v.name, email: v.email, language: v.uiLanguage } : null;
    },
  };
}

import type { Principal } from "../../server/policy/roles.ts";

/** What every audited operation may carry along. */
export type Audited = { requestId?: string | null | undefined };

export const userActor = (principal: Principal) => ({ kind: "user" as const, principal });

/** Changed field names only: the audit log never holds case content or personal data. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const names = Object.keys(after).filter(
    (k) => !before || JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
  return { fields: { old: null, new: names.sort() } };
}

import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { VolunteerDeps } from "./deps.ts";
import { claimRepo, settingsRepo } from "./expense-repo.ts";
import { toClaimView } from "./expenses.ts";
import { requestRepo, volunteerRepo } from "./repo.ts";
import { toRequestView } from "./requests.ts";
import { hoursRepo, tandemRepo } from "./tandem-repo.ts";

/** States in which a request's minutes count as the volunteer's hours (decision 068). */
const HELD = ["held", "claimed", "settled"];

/**
 * The signed-in volunteer's own year (issue 17, role `volunteer`; decision 076): their
 * assignments, their tandems, their claims and the flat rate against the tax-free allowance.
 * Null when no profile is linked to the account. Only their own rows are read.
 */
export function createMine(deps: VolunteerDeps) {
  const { db } = deps;
  return {
    async myYear(principal: Principal, year: number) {
      authorize(principal, "volunteers.claims.submit");
      const t = principal.tenantId;
      const self = await volunteerRepo.byUser(db, t, principal.userId);
      if (!self) return null;
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [{ allowanceCents }, claims, requests, held, hours, tandems] = await Promise.all([
        settingsRepo.get(db, t),
        claimRepo.ofYear(db, t, String(year), self.id),
        requestRepo.list(db, t, { volunteerId: self.id, limit: 200, offset: 0 }),
        requestRepo.assigned(db, t, from, to),
        hoursRepo.sums(db, t, from, to),
        tandemRepo.ofVolunteer(db, t, self.id),
      ]);
      const flat = (state: string) =>
        claims
          .filter((c) => c.kind === "flat_rate" && c.state === state)
          .reduce((s, c) => s + c.amountCents, 0);
      const approvedCents = flat("approved");
      const pendingCents = flat("submitted");
      return {
        volunteer: { id: self.id, name: self.name },
        year,
        allowanceCents,
        approvedCents,
        pendingCents,
        // What a new flat-rate claim may still ask for: the check `submitClaim` applies.
        remainingCents: allowanceCents - approvedCents - pendingCents,
        receiptsCents: claims
          .filter((c) => c.kind === "receipts" && c.state === "approved")
          .reduce((s, c) => s + c.amountCents, 0),
        assignmentMinutes: held
          .filter((r) => r.volunteerId === self.id && HELD.includes(r.state))
          .reduce((s, r) => s + (r.heldMinutes ?? r.durationMinutes), 0),
        tandemMinutes: hours.filter((h) => h.volunteerId === self.id).reduce((s, h) => s + h.minutes, 0),
        claims: claims.map(toClaimView),
        assignments: requests.map((r) => toRequestView(r, self.name)),
        // The volunteer meets the newcomer: languages and dates, no mail address or case reference.
        tandems: tandems.map((x) => ({
          id: x.id,
          newcomerName: x.newcomerName,
          offers: x.offers,
          wants: x.wants,
          state: x.state,
          startedOn: x.startedOn,
          endedOn: x.endedOn,
        })),
      };
    },
  };
}
export type MyYear = NonNullable<Awaited<ReturnType<ReturnType<typeof createMine>["myYear"]>>>;

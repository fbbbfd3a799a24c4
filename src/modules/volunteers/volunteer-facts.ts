import type { MatchVolunteer } from "./matching.ts";
import type { RequestState } from "./model.ts";
import type { VolunteerRow } from "./repo.ts";

export type AssignedRow = {
  id: string;
  volunteerId: string | null;
  organizationId: string | null;
  state: RequestState;
  date: string;
  startMinute: number;
  durationMinutes: number;
};

const COMMITTED: readonly RequestState[] = ["offered", "accepted", "confirmed"];

/** A volunteer's committed conversations (overlap), leaving out the request being decided. */
export function busyOf(rows: AssignedRow[], volunteerId: string, exceptRequestId?: string) {
  return rows
    .filter((r) => r.volunteerId === volunteerId && r.id !== exceptRequestId && COMMITTED.includes(r.state))
    .map((r) => ({ date: r.date, startMinute: r.startMinute, durationMinutes: r.durationMinutes }));
}

/**
 * The matching facts of every volunteer from their profile and the assignments around the
 * batch: committed ones block, served ones count for continuity, all of the month for load;
 * `rulesOpen` names who has not acknowledged the binding pool rules (decision 125).
 */
export function matchVolunteers(
  volunteers: VolunteerRow[],
  assigned: AssignedRow[],
  month: string,
  rulesOpen: ReadonlySet<string> = new Set(),
): MatchVolunteer[] {
  const byVolunteer = new Map<string, AssignedRow[]>();
  for (const r of assigned) {
    if (!r.volunteerId) continue;
    byVolunteer.set(r.volunteerId, [...(byVolunteer.get(r.volunteerId) ?? []), r]);
  }
  return volunteers.map((v) => {
    const mine = byVolunteer.get(v.id) ?? [];
    return {
      id: v.id,
      languages: v.languages,
      modes: v.modes,
      settings: v.settings,
      areas: v.areas,
      certificates: v.certificates,
      availability: v.availability,
      absences: v.absences,
      busy: busyOf(mine, v.id),
      servedOrganizations: [
        ...new Set(
          mine.flatMap((r) => (r.organizationId && !COMMITTED.includes(r.state) ? [r.organizationId] : [])),
        ),
      ],
      load: mine.filter((r) => r.date.startsWith(month)).length,
      rulesOpen: rulesOpen.has(v.id),
    };
  });
}

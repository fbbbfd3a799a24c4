import munkres from "munkres";
import {
  type Absence,
  type Certificate,
  type LanguageSkill,
  MEDIATION_LEVELS,
  type Mode,
  POLICE_CLEARANCE_SETTINGS,
  REQUIRED_CERTIFICATES,
  type Setting,
  type WeeklySlot,
} from "./model.ts";
import { isoWeekday } from "./states.ts";

/**
 * Matching open mediation requests to volunteers (issue 17, What must work 3; decision 049).
 *
 * Model: a volunteer takes at most one request per day of a batch (so proposals never overlap
 * each other) and none that overlaps an assignment they already have. The hard constraints
 * filter the pairs; every feasible pair gets a documented score; the assignment that serves the
 * most requests and, among those, has the highest total score is found with the Hungarian
 * algorithm (`munkres`). Because a volunteer's per-day capacity and the score do not depend on
 * other days, the batch splits into one independent assignment problem per day, exactly.
 */

export type MatchRequest = {
  id: string;
  language: string;
  mode: Mode;
  setting: Setting;
  date: string;
  startMinute: number;
  durationMinutes: number;
  area: string | null;
  organizationId: string | null;
  /** Mediators who declined or cancelled this request: not proposed again (decision 084). */
  passedOver?: readonly string[] | undefined;
};

export type MatchVolunteer = {
  id: string;
  languages: LanguageSkill[];
  modes: Mode[];
  settings: Setting[];
  areas: string[];
  certificates: Certificate[];
  availability: WeeklySlot[];
  absences: Absence[];
  /** Conversations already assigned: date and minutes. */
  busy: { date: string; startMinute: number; durationMinutes: number }[];
  /** Organizations the volunteer served before (continuity). */
  servedOrganizations: string[];
  /** Assignments in the current month (load spread). */
  load: number;
  /** The current pool rules are past their grace period and not acknowledged (decision 125). */
  rulesOpen?: boolean | undefined;
};

/** Why a pair scored what it did; each part with its points. */
export type ScorePart = {
  code: "language_level" | "same_area" | "remote" | "continuity" | "load";
  points: number;
};

/** Score weights (decision 049). The served count always comes first (see `solveDay`). */
export const WEIGHTS = {
  level: { native: 20, C2: 20, C1: 15, B2: 10, B1: 5, A2: 0, A1: 0 },
  sameArea: 20,
  remote: 20,
  continuity: 10,
  loadMax: 10,
} as const;
export const MAX_PAIR_SCORE = 20 + 20 + 10 + 10;

export type Unfit =
  | "language"
  | "mode"
  | "setting"
  | "certificate"
  | "availability"
  | "absence"
  | "overlap"
  | "passed_over"
  | "rules";

/** The first hard constraint a pair violates, or undefined when the volunteer can serve. */
export function unfit(r: MatchRequest, v: MatchVolunteer): Unfit | undefined {
  const skill = v.languages.find(
    (l) => l.code === r.language && l.oral && MEDIATION_LEVELS.includes(l.level),
  );
  if (!skill) return "language";
  if (r.passedOver?.includes(v.id)) return "passed_over";
  if (v.rulesOpen) return "rules";
  if (!v.modes.includes(r.mode)) return "mode";
  if (!v.settings.includes(r.setting)) return "setting";
  if (!certificatesValid(v.certificates, r.setting, r.date)) return "certificate";
  const end = r.startMinute + r.durationMinutes;
  const weekday = isoWeekday(r.date);
  if (!v.availability.some((s) => s.weekday === weekday && s.from <= r.startMinute && s.to >= end)) {
    return "availability";
  }
  if (v.absences.some((a) => a.from <= r.date && r.date <= a.to)) return "absence";
  if (
    v.busy.some(
      (b) => b.date === r.date && b.startMinute < end && r.startMinute < b.startMinute + b.durationMinutes,
    )
  ) {
    return "overlap";
  }
  return undefined;
}

export function certificatesValid(certs: Certificate[], setting: Setting, date: string): boolean {
  const valid = (kind: Certificate["kind"]) =>
    certs.some(
      (c) =>
        c.kind === kind &&
        c.issuedOn <= date &&
        (c.validUntil === null || c.validUntil >= date) &&
        (kind !== "police_clearance" || c.result === "clear"),
    );
  if (!REQUIRED_CERTIFICATES.every(valid)) return false;
  return !POLICE_CLEARANCE_SETTINGS.includes(setting) || valid("police_clearance");
}

/** The documented score of a feasible pair, with its parts. */
export function scorePair(r: MatchRequest, v: MatchVolunteer): { score: number; parts: ScorePart[] } {
  const skill = v.languages.find((l) => l.code === r.language && l.oral);
  const parts: ScorePart[] = [{ code: "language_level", points: skill ? WEIGHTS.level[skill.level] : 0 }];
  if (r.mode !== "on_site") parts.push({ code: "remote", points: WEIGHTS.remote });
  else if (r.area && v.areas.includes(r.area)) parts.push({ code: "same_area", points: WEIGHTS.sameArea });
  if (r.organizationId && v.servedOrganizations.includes(r.organizationId)) {
    parts.push({ code: "continuity", points: WEIGHTS.continuity });
  }
  parts.push({ code: "load", points: Math.max(0, WEIGHTS.loadMax - v.load) });
  return { score: parts.reduce((s, p) => s + p.points, 0), parts: parts.filter((p) => p.points > 0) };
}

export type Proposal = { requestId: string; volunteerId: string; score: number; parts: ScorePart[] };
/** Why a request stays unserved: nobody speaks the language, nobody fit is free, or all fit ones are taken. */
export type Unserved = {
  requestId: string;
  reason: "no_speaker" | "none_fit" | "all_taken";
  /** The constraint most speakers failed (none_fit). */
  blocker?: Unfit;
};
export type MatchResult = { proposals: Proposal[]; unserved: Unserved[]; score: number };

/** The optimal assignment of a batch (decision 049). */
export function matchOptimal(requests: MatchRequest[], volunteers: MatchVolunteer[]): MatchResult {
  return solveBatch(requests, volunteers, solveDay);
}

/** The greedy baseline the bench compares with: best pair first. */
export function matchGreedy(requests: MatchRequest[], volunteers: MatchVolunteer[]): MatchResult {
  return solveBatch(requests, volunteers, (scores) => {
    const pairs: [number, number, number][] = [];
    for (const [i, row] of scores.entries()) {
      for (const [j, s] of row.entries()) if (s !== null) pairs.push([s, i, j]);
    }
    pairs.sort((a, b) => b[0] - a[0]);
    const rows = new Set<number>();
    const cols = new Set<number>();
    const out: [number, number][] = [];
    for (const [, i, j] of pairs) {
      if (rows.has(i) || cols.has(j)) continue;
      rows.add(i);
      cols.add(j);
      out.push([i, j]);
    }
    return out;
  });
}

type DaySolver = (scores: (number | null)[][]) => [number, number][];

function solveBatch(requests: MatchRequest[], volunteers: MatchVolunteer[], solve: DaySolver): MatchResult {
  const proposals: Proposal[] = [];
  const unserved: Unserved[] = [];
  const byDay = new Map<string, MatchRequest[]>();
  for (const r of requests) byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
  for (const dayRequests of byDay.values()) {
    const fits = dayRequests.map((r) => volunteers.map((v) => unfit(r, v)));
    const scored = dayRequests.map((r, i) =>
      volunteers.map((v, j) => (fits[i]![j] === undefined ? scorePair(r, v) : null)),
    );
    const assigned = solve(scored.map((row) => row.map((s) => s?.score ?? null)));
    const done = new Set<number>();
    for (const [i, j] of assigned) {
      const s = scored[i]![j]!;
      proposals.push({ requestId: dayRequests[i]!.id, volunteerId: volunteers[j]!.id, ...s });
      done.add(i);
    }
    dayRequests.forEach((r, i) => {
      if (!done.has(i)) unserved.push({ requestId: r.id, ...whyUnserved(fits[i]!) });
    });
  }
  return { proposals, unserved, score: proposals.reduce((s, p) => s + p.score, 0) };
}

function whyUnserved(fits: (Unfit | undefined)[]): Omit<Unserved, "requestId"> {
  if (fits.some((f) => f === undefined)) return { reason: "all_taken" };
  const speakers = fits.filter((f) => f !== "language") as Unfit[];
  if (speakers.length === 0) return { reason: "no_speaker" };
  const counts = new Map<Unfit, number>();
  for (const f of speakers) counts.set(f, (counts.get(f) ?? 0) + 1);
  const blocker = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { reason: "none_fit", blocker };
}

/**
 * One day's assignment problem. Every served pair weighs a bonus larger than the largest
 * possible sum of scores, so the solver first serves as many requests as possible and then
 * maximises the score; infeasible pairs cost more than leaving a request unserved.
 */
export function solveDay(scores: (number | null)[][]): [number, number][] {
  const n = scores.length;
  const m = scores[0]?.length ?? 0;
  if (n === 0 || m === 0) return [];
  const bonus = (MAX_PAIR_SCORE + 1) * (n + 1);
  const forbidden = bonus * (n + 2);
  // munkres minimises cost; dummy columns (one per request) stand for "unserved" at cost 0 below.
  const cost = scores.map((row) => [
    ...row.map((s) => (s === null ? forbidden : forbidden - bonus - s)),
    ...Array.from({ length: n }, () => forbidden - 0),
  ]);
  return munkres(cost).filter(([i, j]) => j < m && scores[i]![j] !== null) as [number, number][];
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MatchRequest,
  type MatchVolunteer,
  matchGreedy,
  matchOptimal,
  scorePair,
  unfit,
} from "./matching.ts";
import { MODES, type Setting } from "./model.ts";

const cert = (
  kind: "training" | "confidentiality_pledge" | "police_clearance",
  validUntil: string | null,
) => ({
  kind,
  issuedOn: "2025-01-01",
  validUntil,
  result: "clear" as const,
});

const baseVolunteer = (id: string, over: Partial<MatchVolunteer> = {}): MatchVolunteer => ({
  id,
  languages: [{ code: "so", level: "native", oral: true, written: false }],
  modes: ["on_site", "phone", "video"],
  settings: ["kita", "school", "health", "authority"],
  areas: ["Unna"],
  certificates: [
    cert("training", null),
    cert("confidentiality_pledge", null),
    cert("police_clearance", "2030-01-01"),
  ],
  availability: [{ weekday: 2, from: 8 * 60, to: 16 * 60 }],
  absences: [],
  busy: [],
  servedOrganizations: [],
  load: 0,
  ...over,
});
const baseRequest = (id: string, over: Partial<MatchRequest> = {}): MatchRequest => ({
  id,
  language: "so",
  mode: "on_site",
  setting: "kita",
  // 2027-01-05 is a Tuesday.
  date: "2027-01-05",
  startMinute: 9 * 60,
  durationMinutes: 60,
  area: "Unna",
  organizationId: null,
  ...over,
});

describe("hard constraints", () => {
  it("names the first constraint a volunteer fails", () => {
    const r = baseRequest("r");
    expect(unfit(r, baseVolunteer("v"))).toBeUndefined();
    expect(unfit(baseRequest("r", { language: "ti" }), baseVolunteer("v"))).toBe("language");
    expect(unfit(r, baseVolunteer("v", { modes: ["phone"] }))).toBe("mode");
    expect(unfit(baseRequest("r", { setting: "family" }), baseVolunteer("v"))).toBe("setting");
    expect(
      unfit(
        r,
        baseVolunteer("v", { certificates: [cert("training", null), cert("confidentiality_pledge", null)] }),
      ),
    ).toBe("certificate");
    expect(
      unfit(
        r,
        baseVolunteer("v", {
          certificates: [
            cert("training", "2026-12-31"),
            cert("confidentiality_pledge", null),
            cert("police_clearance", null),
          ],
        }),
      ),
    ).toBe("certificate");
    expect(unfit(baseRequest("r", { date: "2027-01-06" }), baseVolunteer("v"))).toBe("availability");
    expect(unfit(r, baseVolunteer("v", { absences: [{ from: "2027-01-01", to: "2027-01-05" }] }))).toBe(
      "absence",
    );
    expect(
      unfit(
        r,
        baseVolunteer("v", { busy: [{ date: "2027-01-05", startMinute: 9 * 60 + 30, durationMinutes: 30 }] }),
      ),
    ).toBe("overlap");
    expect(
      unfit(r, baseVolunteer("v", { languages: [{ code: "so", level: "A2", oral: true, written: true }] })),
    ).toBe("language");
    // Binding pool rules not acknowledged (decision 125).
    expect(unfit(r, baseVolunteer("v", { rulesOpen: true }))).toBe("rules");
  });

  it("flags a language nobody speaks, and a speaker who is not free, in words the page can say", () => {
    const result = matchOptimal(
      [baseRequest("ti", { language: "ti" }), baseRequest("wed", { date: "2027-01-06" })],
      [baseVolunteer("v")],
    );
    expect(result.proposals).toEqual([]);
    expect(result.unserved).toEqual([
      { requestId: "ti", reason: "no_speaker" },
      { requestId: "wed", reason: "none_fit", blocker: "availability" },
    ]);
  });

  it("explains each proposal by its score parts", () => {
    const v = baseVolunteer("v", { servedOrganizations: ["kita-1"], load: 3 });
    const { score, parts } = scorePair(baseRequest("r", { organizationId: "kita-1" }), v);
    expect(parts).toEqual([
      { code: "language_level", points: 20 },
      { code: "same_area", points: 20 },
      { code: "continuity", points: 10 },
      { code: "load", points: 7 },
    ]);
    expect(score).toBe(57);
  });
});

// Small random instances: a few languages, settings, modes and slots so that constraints bite.
const LANGS = ["so", "ti", "ro"];
const SETTINGS: Setting[] = ["kita", "health", "authority"];
const volunteerArb = fc.record({
  langs: fc.subarray(LANGS, { minLength: 1 }),
  level: fc.constantFrom("native", "C1", "B1", "A2"),
  modes: fc.subarray([...MODES], { minLength: 1 }),
  settings: fc.subarray(SETTINGS, { minLength: 1 }),
  area: fc.constantFrom("Unna", "Kamen", "Schwerte"),
  police: fc.boolean(),
  day: fc.constantFrom(2, 3),
  load: fc.integer({ min: 0, max: 12 }),
  served: fc.boolean(),
});
const requestArb = fc.record({
  lang: fc.constantFrom(...LANGS),
  mode: fc.constantFrom(...MODES),
  setting: fc.constantFrom(...SETTINGS),
  area: fc.constantFrom("Unna", "Kamen", "Schwerte"),
  date: fc.constantFrom("2027-01-05", "2027-01-06"),
  hour: fc.integer({ min: 8, max: 14 }),
  org: fc.boolean(),
});
const instanceArb = fc.record({
  volunteers: fc.array(volunteerArb, { minLength: 1, maxLength: 4 }),
  requests: fc.array(requestArb, { minLength: 1, maxLength: 5 }),
});

type Instance = typeof instanceArb extends fc.Arbitrary<infer T> ? T : never;

function build(inst: Instance) {
  const volunteers = inst.volunteers.map((x, i) =>
    baseVolunteer(`v${i}`, {
      languages: x.langs.map((code) => ({ code, level: x.level as "native", oral: true, written: true })),
      modes: x.modes,
      settings: x.settings,
      areas: [x.area],
      certificates: x.police
        ? [cert("training", null), cert("confidentiality_pledge", null), cert("police_clearance", null)]
        : [cert("training", null), cert("confidentiality_pledge", null)],
      availability: [{ weekday: x.day, from: 8 * 60, to: 16 * 60 }],
      load: x.load,
      servedOrganizations: x.served ? ["org"] : [],
    }),
  );
  const requests = inst.requests.map((x, i) =>
    baseRequest(`r${i}`, {
      language: x.lang,
      mode: x.mode,
      setting: x.setting,
      area: x.area,
      date: x.date,
      startMinute: x.hour * 60,
      organizationId: x.org ? "org" : null,
    }),
  );
  return { volunteers, requests };
}

/** Every assignment with at most one request per volunteer and day: the best (count, score). */
function bruteForce(
  requests: MatchRequest[],
  volunteers: MatchVolunteer[],
): { served: number; score: number } {
  let best = { served: 0, score: 0 };
  const used = new Set<string>();
  const walk = (i: number, served: number, score: number) => {
    if (i === requests.length) {
      if (served > best.served || (served === best.served && score > best.score)) best = { served, score };
      return;
    }
    walk(i + 1, served, score);
    const r = requests[i]!;
    for (const v of volunteers) {
      const key = `${v.id}|${r.date}`;
      if (used.has(key) || unfit(r, v) !== undefined) continue;
      used.add(key);
      walk(i + 1, served + 1, score + scorePair(r, v).score);
      used.delete(key);
    }
  };
  walk(0, 0, 0);
  return best;
}

describe("matching", () => {
  it("is optimal: serves as many requests as brute force, then reaches its best score", () => {
    fc.assert(
      fc.property(instanceArb, (inst) => {
        const { volunteers, requests } = build(inst);
        const result = matchOptimal(requests, volunteers);
        const best = bruteForce(requests, volunteers);
        expect(result.proposals.length).toBe(best.served);
        expect(result.score).toBe(best.score);
        const greedy = matchGreedy(requests, volunteers);
        expect(greedy.proposals.length * 1000 + greedy.score).toBeLessThanOrEqual(
          best.served * 1000 + best.score,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("never violates a hard constraint and never books a volunteer twice on one day", () => {
    fc.assert(
      fc.property(instanceArb, (inst) => {
        const { volunteers, requests } = build(inst);
        const result = matchOptimal(requests, volunteers);
        const seen = new Set<string>();
        for (const p of result.proposals) {
          const r = requests.find((x) => x.id === p.requestId)!;
          const v = volunteers.find((x) => x.id === p.volunteerId)!;
          expect(unfit(r, v)).toBeUndefined();
          const key = `${v.id}|${r.date}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
        expect(result.proposals.length + result.unserved.length).toBe(requests.length);
      }),
      { numRuns: 300 },
    );
  });
});

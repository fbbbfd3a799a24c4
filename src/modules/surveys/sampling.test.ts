import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageBandOn, allocate, drawSample, type FrameMember, seededRandom } from "./sampling.ts";

const frame = (n: number): FrameMember[] =>
  Array.from({ length: n }, (_, i) => ({
    personId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    sex: i % 3 === 0 ? "female" : "male",
    ageBand: i % 4 === 0 ? "18-26" : "27-44",
    districtId: `d${i % 5}`,
  }));

describe("seeded sampling", () => {
  it("the same seed gives the same sample; another seed another", () => {
    const design = { size: 100, reserve: 20, stratifyBy: [] as const, seed: "luenen-2017" };
    const a = drawSample(frame(500), { ...design, stratifyBy: [] });
    const b = drawSample([...frame(500)].reverse(), { ...design, stratifyBy: [] });
    expect(a.members).toEqual(b.members);
    const c = drawSample(frame(500), { ...design, stratifyBy: [], seed: "other" });
    expect(c.members.map((m) => m.personId)).not.toEqual(a.members.map((m) => m.personId));
    expect(a.members.filter((m) => !m.reserve)).toHaveLength(100);
    expect(a.members.filter((m) => m.reserve)).toHaveLength(20);
    expect(new Set(a.members.map((m) => m.personId)).size).toBe(120);
  });

  it("stratified samples are allocated in proportion, summing to the requested size", () => {
    const r = drawSample(frame(600), { size: 100, reserve: 10, stratifyBy: ["sex"], seed: "s" });
    const women = r.strata.find((s) => s.key === "sex=female")!;
    const men = r.strata.find((s) => s.key === "sex=male")!;
    expect(women.population).toBe(200);
    expect(men.population).toBe(400);
    expect(women.sample).toBe(33);
    expect(men.sample).toBe(67);
    expect(r.members.filter((m) => m.stratum === "sex=female" && !m.reserve)).toHaveLength(33);
    const by3 = drawSample(frame(600), {
      size: 100,
      reserve: 0,
      stratifyBy: ["district", "sex", "age_band"],
      seed: "s",
    });
    expect(by3.strata.reduce((a, s) => a + s.sample, 0)).toBe(100);
  });

  it("allocation never exceeds a stratum and always uses the whole size when it can (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 400 }),
        (sizes, total) => {
          const out = allocate(sizes, total);
          const sum = out.reduce((a, b) => a + b, 0);
          expect(sum).toBe(
            Math.min(
              total,
              sizes.reduce((a, b) => a + b, 0),
            ),
          );
          out.forEach((n, i) => {
            expect(n).toBeGreaterThanOrEqual(0);
            expect(n).toBeLessThanOrEqual(sizes[i]!);
          });
        },
      ),
    );
  });

  it("the generator is uniform enough to draw fairly", () => {
    const random = seededRandom("x");
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(random() * 10)] += 1;
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });

  it("age bands by birthday", () => {
    expect(ageBandOn("2000-06-02", "2018-06-01")).toBe("0-17");
    expect(ageBandOn("2000-06-01", "2018-06-01")).toBe("18-26");
    expect(ageBandOn("1950-01-01", "2018-06-01")).toBe("65+");
    expect(ageBandOn(null, "2018-06-01")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { defaultDomainTerms, type GapCellInput, judgeGaps } from "./gaps.model.ts";

const cell = (need: number | null, minutes: number, id = "x"): GapCellInput => ({
  areaId: id,
  termId: "t",
  need: need === null ? { value: null, suppressed: "primary" } : { value: need, suppressed: null },
  offers: minutes > 0 ? 1 : 0,
  minutes,
});

describe("gap rule", () => {
  it("ranks cells without supply first by need, then by pressure against the city median", () => {
    // Pressures (need per hour): a 10/1 = 10, b 12/6 = 2, c 20/10 = 2, d 30/2 = 15; median (2, 2, 10, 15) = 6.
    const cells = [
      cell(10, 60, "a"),
      cell(12, 360, "b"),
      cell(20, 600, "c"),
      cell(30, 120, "d"),
      cell(15, 0, "e"),
      cell(40, 0, "f"),
    ];
    const r = judgeGaps(cells, { factor: 1.5, minNeed: 10 });
    expect(r.median).toBe(6);
    expect(r.order.map((i) => cells[i]!.areaId)).toEqual(["f", "e", "d", "a"]);
    expect(r.verdicts[3]).toEqual({ pressure: 15, ratio: 2.5, gap: true, noSupply: false });
    expect(r.verdicts[1]!.gap).toBe(false);
  });

  it("never makes a gap from a hidden or too small need, and a higher factor makes fewer gaps", () => {
    const cells = [
      cell(null, 0, "hidden"),
      cell(9, 0, "small"),
      cell(10, 0, "enough"),
      cell(5, 600),
      cell(6, 600),
      cell(50, 60),
    ];
    const loose = judgeGaps(cells, { factor: 2, minNeed: 10 });
    expect(loose.order.map((i) => cells[i]!.areaId)).toEqual(["enough", "x"]);
    expect(loose.verdicts[0]).toEqual({ pressure: null, ratio: null, gap: false, noSupply: true });
    // Pressures 0.5, 0.6 and 50 per hour: median 0.6, so the last cell is 83 times the median.
    const strict = judgeGaps(cells, { factor: 100, minNeed: 10 });
    expect(strict.order.map((i) => cells[i]!.areaId)).toEqual(["enough"]);
  });

  it("maps life domains to the tenant's terms by the templates' keys", () => {
    const map = defaultDomainTerms([
      { id: "1", key: "sprache" },
      { id: "2", key: "wohnen-wohnumfeld" },
      { id: "3", key: "religion" },
    ]);
    expect(map.find((d) => d.domain === "language")!.termIds).toEqual(["1"]);
    expect(map.find((d) => d.domain === "housing")!.termIds).toEqual(["2"]);
    expect(map.flatMap((d) => d.termIds)).not.toContain("3");
  });
});

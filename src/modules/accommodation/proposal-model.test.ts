import { describe, expect, it } from "vitest";
import { areaCentre, type ProposalCandidate, rankProposal } from "./proposal-model.ts";

const at = (id: string, lon: number, extra: Partial<ProposalCandidate> = {}): ProposalCandidate => ({
  id,
  name: id,
  areaId: `q-${id}`,
  lon,
  lat: 51.5,
  blocked: null,
  free: 10,
  rooms: null,
  ...extra,
});

describe("the ranked proposal", () => {
  it("leaves out what breaks a rule, with the reason, and ranks the rest by fit, distance and balance", () => {
    const near = { lon: 7.6, lat: 51.5 };
    const load = new Map([
      ["q-far", 0],
      ["q-near", 10],
    ]);
    const ranked = rankProposal(
      [
        at("far", 7.7, { rooms: [{ id: "r1", free: 5 }] }),
        at("near", 7.6, { rooms: [{ id: "r2", free: 5 }] }),
        at("full", 7.6, { free: 4 }),
        at("closed", 7.6, { blocked: "accommodation_not_open" }),
        at("rooms", 7.6, { rooms: [{ id: "r3", free: 3 }] }),
      ],
      5,
      near,
      load,
    );
    expect(ranked.map((r) => [r.id, r.blocked])).toEqual([
      ["near", null],
      ["far", null],
      ["full", "accommodation_over_capacity"],
      ["closed", "accommodation_not_open"],
      ["rooms", "accommodation_room_over_capacity"],
    ]);
    const [nearest, far] = ranked;
    // Offers drop out (no languages known), so weights are fit 0.35, distance 0.35, balance 0.15:
    // near: fit 1, distance 1, balance 0 → 0.7/0.85 = 0.824; far (≈6.9 km): fit 1, distance 0,
    // balance 1 → 0.5/0.85 = 0.588.
    expect(nearest!.score).toBe(0.824);
    expect(far!.score).toBe(0.588);
    expect(far!.criteria.find((c) => c.criterion === "distance")!.value).toBeGreaterThan(6900);
    expect(nearest!.roomIds).toEqual(["r2"]);
  });

  it("drops the distance without a quarter and counts the empty beds in the fit", () => {
    const [only] = rankProposal([at("a", 7.6, { rooms: [{ id: "r", free: 4 }] })], 2, null, new Map());
    expect(only!.criteria).toEqual([
      { criterion: "fit", value: 2, score: 0.5 },
      { criterion: "distance", value: null, score: null },
      { criterion: "offers", value: null, score: null },
      { criterion: "balance", value: 0, score: 1 },
    ]);
    // (0.35·0.5 + 0.15·1) / 0.5
    expect(only!.score).toBe(0.65);
  });

  it("ranks by offers in the household's language, relative to the best quarter", () => {
    const ranked = rankProposal(
      [at("few", 7.6, { offers: 1 }), at("many", 7.6, { offers: 4 }), at("none", 7.6, { offers: 0 })],
      10,
      null,
      new Map(),
    );
    expect(ranked.map((r) => r.id)).toEqual(["many", "few", "none"]);
    const offers = (id: string) =>
      ranked.find((r) => r.id === id)!.criteria.find((c) => c.criterion === "offers");
    expect(offers("many")).toEqual({ criterion: "offers", value: 4, score: 1 });
    expect(offers("few")).toEqual({ criterion: "offers", value: 1, score: 0.25 });
    // fit 1, offers 0.25, balance 1: (0.35 + 0.0375 + 0.15) / 0.65
    expect(ranked.find((r) => r.id === "few")!.score).toBe(0.827);
    // No quarter has an offer in the language: the criterion says nothing and drops out.
    const [a] = rankProposal([at("a", 7.6, { offers: 0 })], 10, null, new Map());
    expect(a!.criteria.find((c) => c.criterion === "offers")).toEqual({
      criterion: "offers",
      value: 0,
      score: null,
    });
  });

  it("finds the centre of a quarter's polygon", () => {
    const ring = [
      [7, 51],
      [8, 51],
      [8, 52],
      [7, 52],
      [7, 51],
    ];
    expect(areaCentre({ type: "Polygon", coordinates: [ring] })).toEqual({ lon: 7.5, lat: 51.5 });
    expect(areaCentre({ type: "MultiPolygon", coordinates: [[ring]] })).toEqual({ lon: 7.5, lat: 51.5 });
    expect(areaCentre({ type: "Point", coordinates: [7, 51] })).toBeNull();
  });
});

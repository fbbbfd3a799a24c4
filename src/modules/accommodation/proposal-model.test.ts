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
    // near: fit 1, distance 1, balance 0 → 0.8; far (≈6.9 km): fit 1, distance 0, balance 1 → 0.6.
    expect(nearest!.score).toBe(0.8);
    expect(far!.score).toBe(0.6);
    expect(far!.criteria.find((c) => c.criterion === "distance")!.value).toBeGreaterThan(6900);
    expect(nearest!.roomIds).toEqual(["r2"]);
  });

  it("drops the distance without a quarter and counts the empty beds in the fit", () => {
    const [only] = rankProposal([at("a", 7.6, { rooms: [{ id: "r", free: 4 }] })], 2, null, new Map());
    expect(only!.criteria).toEqual([
      { criterion: "fit", value: 2, score: 0.5 },
      { criterion: "distance", value: null, score: null },
      { criterion: "balance", value: 0, score: 1 },
    ]);
    // (0.4·0.5 + 0.2·1) / 0.6
    expect(only!.score).toBe(0.667);
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

/**
 * The ranked proposal for one household (issue 21 "What must work" 2, decision 073), pure.
 * Hard rules leave an accommodation out with the reason; the rest are ranked by a weighted score
 * of documented criteria, each shown with its value and its part of the score:
 *
 * - `fit` (weight 0.35): persons ÷ free beds of the rooms chosen for them (the fewest empty beds,
 *   `chooseRooms`), or ÷ free places where the accommodation has no rooms; 1 = no bed left empty.
 * - `distance` (0.35): from the accommodation to the centre of the quarter the household is tied
 *   to (the children's school or Kita, work; by default its current quarter); 1 at 0 m, 0 from
 *   5 km on, linear between. Without such a quarter the criterion drops out and the others count.
 * - `offers` (0.15, decision 089): the directory's published offers in the accommodation's
 *   quarter in a language the household speaks, ÷ the most any fitting accommodation's quarter
 *   has. Drops out when no person has a recorded language or no quarter has such an offer.
 * - `balance` (0.15): residents already living in the accommodation's quarter on the move-in day,
 *   1 − load ÷ the most loaded quarter's load; spreads households over the town.
 */

import { chooseRooms } from "./housing-model.ts";
import { distanceMeters } from "./milp.ts";

export const PROPOSAL_CRITERIA = ["fit", "distance", "offers", "balance"] as const;
export type ProposalCriterion = (typeof PROPOSAL_CRITERIA)[number];
export const PROPOSAL_WEIGHTS: Record<ProposalCriterion, number> = {
  fit: 0.35,
  distance: 0.35,
  offers: 0.15,
  balance: 0.15,
};
/** Beyond this distance the distance criterion scores 0. */
export const PROPOSAL_MAX_DISTANCE = 5000;

export type ProposalCandidate = {
  id: string;
  name: string;
  areaId: string;
  lon: number;
  lat: number;
  /** The rule that leaves it out for this household and stay, if any (checked by the service). */
  blocked: string | null;
  /** Free places on every day of the stay. */
  free: number;
  /** Rooms that pass the household's room rules, with their free beds over the stay; null: no rooms. */
  rooms: { id: string; free: number }[] | null;
  /** Offers in the household's languages in its quarter; null: the household's languages are unknown. */
  offers?: number | null;
};

export type ProposalScore = { criterion: ProposalCriterion; value: number | null; score: number | null };
export type ProposalRanked = {
  id: string;
  blocked: string | null;
  roomIds: string[];
  score: number | null;
  criteria: ProposalScore[];
};

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function rankProposal(
  candidates: readonly ProposalCandidate[],
  persons: number,
  near: { lon: number; lat: number } | null,
  quarterLoad: ReadonlyMap<string, number>,
): ProposalRanked[] {
  const maxLoad = Math.max(0, ...quarterLoad.values());
  const maxOffers = Math.max(0, ...candidates.map((c) => c.offers ?? 0));
  const ranked = candidates.map((c): ProposalRanked => {
    let blocked = c.blocked ?? (c.free < persons ? "accommodation_over_capacity" : null);
    const roomIds = !blocked && c.rooms ? chooseRooms(c.rooms, persons) : [];
    if (!blocked && roomIds === null) blocked = "accommodation_room_over_capacity";
    if (blocked) return { id: c.id, blocked, roomIds: [], score: null, criteria: [] };
    const beds = c.rooms
      ? c.rooms.filter((r) => roomIds!.includes(r.id)).reduce((n, r) => n + r.free, 0)
      : c.free;
    const d = near ? distanceMeters(c, near) : null;
    const load = quarterLoad.get(c.areaId) ?? 0;
    const criteria: ProposalScore[] = [
      { criterion: "fit", value: beds - persons, score: round(persons / beds) },
      {
        criterion: "distance",
        value: d === null ? null : Math.round(d),
        score: d === null ? null : round(Math.max(0, 1 - d / PROPOSAL_MAX_DISTANCE)),
      },
      {
        criterion: "offers",
        value: c.offers ?? null,
        score: c.offers == null || maxOffers === 0 ? null : round(c.offers / maxOffers),
      },
      { criterion: "balance", value: load, score: round(maxLoad > 0 ? 1 - load / maxLoad : 1) },
    ];
    const counted = criteria.filter((x) => x.score !== null);
    const weight = counted.reduce((n, x) => n + PROPOSAL_WEIGHTS[x.criterion], 0);
    const score = round(counted.reduce((n, x) => n + PROPOSAL_WEIGHTS[x.criterion] * x.score!, 0) / weight);
    return { id: c.id, blocked: null, roomIds: roomIds!, score, criteria };
  });
  // Fitting ones first by score (ties by name order given), the left-out ones after.
  return ranked
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.score ?? -1) - (a.r.score ?? -1) || a.i - b.i)
    .map(({ r }) => r);
}

/** The centre of a quarter's polygon (vertex mean of its first outer ring; enough for a distance in town). */
export function areaCentre(geometry: {
  type: string;
  coordinates: unknown;
}): { lon: number; lat: number } | null {
  const ring =
    geometry.type === "Polygon"
      ? (geometry.coordinates as number[][][])[0]
      : geometry.type === "MultiPolygon"
        ? (geometry.coordinates as number[][][][])[0]?.[0]
        : undefined;
  if (!ring?.length) return null;
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  return {
    lon: pts.reduce((n, p) => n + p[0]!, 0) / pts.length,
    lat: pts.reduce((n, p) => n + p[1]!, 0) / pts.length,
  };
}

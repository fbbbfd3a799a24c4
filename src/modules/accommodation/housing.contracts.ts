/**
 * Contracts for accommodations and placements (decision 019, 065): one zod schema per
 * operation, shared by the API, the pages and the service. Browser-safe.
 */
import { z } from "zod";
import { isoDate, optionalDate, optionalText, requiredText, version } from "#app/server/validation.ts";
import { ACCOMMODATION_KINDS, ROOM_USES } from "./housing-model.ts";

const coordinate = (min: number, max: number) =>
  z
    .number()
    .min(min, { error: "code:geometry_out_of_range" })
    .max(max, { error: "code:geometry_out_of_range" });

export const accommodationFields = z.object({
  name: requiredText(200),
  kind: z.enum(ACCOMMODATION_KINDS),
  address: requiredText(300),
  lon: coordinate(-180, 180),
  lat: coordinate(-90, 90),
  places: z.number().int().min(1).max(10_000),
  accessible: z.boolean().default(false),
  operator: optionalText(200),
  contact: optionalText(500),
  opensOn: isoDate(),
  closesOn: optionalDate(),
});
export const createAccommodationInput = accommodationFields;
export type CreateAccommodationInput = z.output<typeof createAccommodationInput>;
export const updateAccommodationInput = accommodationFields.extend({ version: version() });
export type UpdateAccommodationInput = z.output<typeof updateAccommodationInput>;

const occupancy = z.object({
  places: z.number().int(),
  occupied: z.number().int(),
  reserved: z.number().int(),
  free: z.number().int(),
});

export const accommodationView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ACCOMMODATION_KINDS),
  address: z.string(),
  lon: z.number(),
  lat: z.number(),
  areaId: z.uuid(),
  areaName: z.string(),
  places: z.number().int(),
  accessible: z.boolean(),
  operator: z.string().nullable(),
  contact: z.string().nullable(),
  opensOn: z.string(),
  closesOn: z.string().nullable(),
  version: z.number().int(),
  /** On the day asked for (today by default). */
  occupancy,
  /**
   * The directory place showing it publicly (decision 121): its status there, and `changed` when
   * an editor saved it since this module published it (then it is not taken down by the system).
   */
  publicPlace: z.object({ placeId: z.uuid(), status: z.string(), changed: z.boolean() }).nullable(),
});
export type AccommodationView = z.output<typeof accommodationView>;

/** Show the accommodation on the public site as a directory place, or take the place down. */
export const publicPlaceInput = z.object({
  show: z.boolean(),
  /** The name the public sees (blank: the accommodation's name). */
  name: optionalText(200),
  /** The accommodation's version as read. */
  version: version(),
});
export type PublicPlaceInput = z.output<typeof publicPlaceInput>;
export const PUBLIC_PLACE_OUTCOMES = ["published", "archived", "changed", "gone"] as const;
export type PublicPlaceOutcome = (typeof PUBLIC_PLACE_OUTCOMES)[number];

export const occupancyQuery = z.object({ on: isoDate().optional() });

/** Place the household of a case; its size is read from case work (the family stays together). */
export const placeHouseholdInput = z.object({
  caseId: z.uuid(),
  moveIn: isoDate(),
  moveOut: optionalDate(),
  room: optionalText(100),
  /** The rooms the household moves into, filled in this order up to their free beds (none: the accommodation as a whole). */
  roomIds: z.array(z.uuid()).max(20).default([]),
  /** A person of the household needs step-free access: the accommodation and its rooms must have it. */
  needsAccessible: z.boolean().default(false),
  /** The accommodation's version as read: a placement made meanwhile answers 409. */
  version: version(),
});
/** Rooms and the access need may be left out by callers (none named, no need). */
export type PlaceHouseholdInput = Omit<z.output<typeof placeHouseholdInput>, "roomIds" | "needsAccessible"> &
  Partial<Pick<z.output<typeof placeHouseholdInput>, "roomIds" | "needsAccessible">>;

export const endPlacementInput = z.object({ moveOut: isoDate(), version: version() });
export type EndPlacementInput = z.output<typeof endPlacementInput>;

export const placementView = z.object({
  id: z.uuid(),
  accommodationId: z.uuid(),
  accommodationName: z.string(),
  caseId: z.uuid(),
  caseReference: z.string(),
  householdId: z.uuid(),
  persons: z.number().int(),
  room: z.string().nullable(),
  /** The rooms used and the persons in each. */
  rooms: z.array(z.object({ roomId: z.uuid(), name: z.string(), persons: z.number().int() })),
  moveIn: z.string(),
  moveOut: z.string().nullable(),
  version: z.number().int(),
});
export type PlacementView = z.output<typeof placementView>;

/** An accommodation's residents as far as the reader may see them; the rest only counted. */
export const residentsView = z.object({
  placements: z.array(placementView),
  hiddenCount: z.number().int(),
});
export type ResidentsView = z.output<typeof residentsView>;

export const roomFields = z.object({
  name: requiredText(100),
  floor: z.number().int().min(-5).max(100).nullable().default(null),
  beds: z.number().int().min(1).max(48),
  accessible: z.boolean().default(false),
  use: z.enum(ROOM_USES).default("any"),
});
export const createRoomInput = roomFields;
export type CreateRoomInput = z.output<typeof createRoomInput>;

export const roomView = roomFields.extend({
  id: z.uuid(),
  accommodationId: z.uuid(),
  version: z.number().int(),
  /** Beds on the day asked for: occupied, reserved (later move-ins) and free. */
  occupancy,
});
export type RoomView = z.output<typeof roomView>;

const flag = z.union([z.boolean(), z.stringbool()]).default(false);

/** A proposal for a case's household: the stay, its access need and the quarter it is tied to. */
export const proposalQuery = z.object({
  moveIn: isoDate(),
  moveOut: optionalDate(),
  needsAccessible: flag,
  /** The quarter of the children's school or Kita, or of work; blank: the household's own quarter. */
  nearAreaId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
});
export type ProposalQuery = z.output<typeof proposalQuery>;

export const proposalView = z.object({
  persons: z.number().int(),
  nearAreaId: z.uuid().nullable(),
  nearAreaName: z.string().nullable(),
  items: z.array(
    z.object({
      accommodationId: z.uuid(),
      name: z.string(),
      areaName: z.string(),
      version: z.number().int(),
      /** The rule that leaves it out (an error code), or null when it fits. */
      blocked: z.string().nullable(),
      rooms: z.array(z.object({ id: z.uuid(), name: z.string() })),
      score: z.number().nullable(),
      criteria: z.array(
        z.object({
          criterion: z.enum(["fit", "distance", "offers", "balance"]),
          value: z.number().nullable(),
          score: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type ProposalView = z.output<typeof proposalView>;

/** Two accommodations, or two periods of one, side by side (decision 121); days inclusive. */
export const comparisonQuery = z
  .object({
    a: z.uuid(),
    aFrom: isoDate(),
    aTo: isoDate(),
    b: z.uuid(),
    bFrom: isoDate(),
    bTo: isoDate(),
  })
  .superRefine((q, ctx) => {
    for (const side of ["a", "b"] as const)
      if (q[`${side}To`] < q[`${side}From`])
        ctx.addIssue({
          code: "custom",
          path: [`${side}To`],
          message: "code:accommodation_period_end_before_start",
        });
  });
export type ComparisonQuery = z.output<typeof comparisonQuery>;

const safeCount = z.object({
  value: z.number().int().nullable(),
  suppressed: z.enum(["primary", "secondary"]).nullable(),
});
const safeTable = z.object({
  cells: z.array(z.array(safeCount)),
  rowTotals: z.array(safeCount),
  columnTotals: z.array(safeCount),
  total: safeCount,
});
export const COMPARISON_FIGURES = ["households", "persons", "move_in_persons", "move_out_persons"] as const;

export const comparisonView = z.object({
  sides: z.array(
    z.object({
      accommodationId: z.uuid(),
      name: z.string(),
      areaName: z.string(),
      from: z.string(),
      to: z.string(),
      places: z.number().int(),
      /** Average persons living there per day ÷ places, in percent; hidden with a hidden person count. */
      utilisation: z.number().nullable(),
    }),
  ),
  /** Per figure the two sides' counts, each through the small-cell rule. */
  figures: z.array(z.object({ figure: z.enum(COMPARISON_FIGURES), values: z.array(safeCount) })),
  /** The persons who lived there in the period, by age band (rows) × side, with margins suppressed. */
  ages: safeTable.extend({ bands: z.array(z.string()) }),
  /** The same persons by sex (rows) × side. */
  sexes: safeTable.extend({ sexes: z.array(z.string()) }),
  minCount: z.number().int(),
});
export type ComparisonView = z.output<typeof comparisonView>;

/**
 * The addresses module's public model (decision 095): the tenant's official address list
 * (Hauskoordinaten or an OpenStreetMap extract) and what resolving a typed address gives.
 * Browser-safe: no table definitions, no database.
 */

/** An upload of at most this size; a county's Hauskoordinaten (~150,000 rows) take ~15 MB. */
export const ADDRESS_IMPORT_MAX_BYTES = 40 * 2 ** 20;
/** Rows of one file at most (a large county has ~250,000 addresses). */
export const ADDRESS_IMPORT_MAX_ROWS = 400_000;

/** Replace: the file becomes the list. Merge: the file's addresses are added or updated, others stay. */
export const ADDRESS_IMPORT_STRATEGIES = ["replace", "merge"] as const;
export type AddressImportStrategy = (typeof ADDRESS_IMPORT_STRATEGIES)[number];

/** The file conventions the import reads (decision 095). */
export const ADDRESS_FORMATS = ["hk_de", "hk_adv", "osm"] as const;
export type AddressFormat = (typeof ADDRESS_FORMATS)[number];

export type AddressSummary = {
  addresses: number;
  streets: number;
  postcodes: number;
  updatedAt: string | null;
};

/** A point with what it was found from; `approximate` when it is not the typed house itself. */
export type ResolvedAddress = {
  lon: number;
  lat: number;
  /** address: the house; street: a point of the street (house number unknown or missing). */
  kind: "address" | "street";
  label: string;
  approximate: boolean;
  postcode: string | null;
};

/** Coordinates as typed, read in the order that lies in the tenant's region. */
export type ReadCoordinates = {
  lon: number;
  lat: number;
  /** True when the text was read latitude first ("51.53,7.69"). */
  latFirst: boolean;
};

/** One point per area where a postcode's addresses lie, with how many lie there. */
export type PostcodeSpread = { lon: number; lat: number; addresses: number }[];

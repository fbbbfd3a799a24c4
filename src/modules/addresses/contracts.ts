/**
 * The addresses module's contracts (decision 019): the import's options, the resolve query and
 * the views the API returns. Browser-safe.
 */
import { z } from "zod";
import { ADDRESS_IMPORT_STRATEGIES } from "./model.ts";

/**
 * The options of an address import run: replace or merge is always chosen explicitly (no
 * default), so a file never silently removes or keeps what is there.
 */
export const addressImportOptions = z.object({
  strategy: z.enum(ADDRESS_IMPORT_STRATEGIES, { error: "code:address_strategy_required" }),
});
export type AddressImportOptions = z.output<typeof addressImportOptions>;

/** GET /addresses/resolve */
export const resolveQuery = z.object({ q: z.string().trim().min(1).max(200) });

export const addressSummaryView = z.object({
  addresses: z.number().int(),
  streets: z.number().int(),
  postcodes: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
});

export const resolvedAddressView = z.object({
  found: z.boolean(),
  point: z
    .object({
      lon: z.number(),
      lat: z.number(),
      kind: z.enum(["address", "street", "coordinates"]),
      label: z.string().nullable(),
      approximate: z.boolean(),
      postcode: z.string().nullable(),
    })
    .nullable(),
});

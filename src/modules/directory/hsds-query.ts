/** Query parameters of the HSDS list endpoints and the limits the server applies to them. */
import { z } from "zod";
import { validationError } from "../../server/errors.problem.ts";

export const HSDS_DEFAULT_PER_PAGE = 50;
export const HSDS_MAX_PER_PAGE = 500;
/** Largest proximity radius accepted (metres). */
export const HSDS_MAX_PROXIMITY = 200_000;

const intParam = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, { error: "code:invalid" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional();
const uuidParam = () =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "code:invalid" })
    .transform((v) => v.toLowerCase())
    .optional();
const boolParam = () =>
  z
    .enum(["true", "false"], { error: "code:invalid" })
    .transform((v) => v === "true")
    .optional();

/** Query parameters of the HSDS list endpoints (names as in the HSDS OpenAPI document). */
export const hsdsQuery = z.object({
  page: intParam(1, 1_000_000),
  per_page: intParam(1, HSDS_MAX_PER_PAGE),
  search: z.string().max(200).optional(),
  taxonomy_term_id: uuidParam(),
  taxonomy_id: uuidParam(),
  organization_id: uuidParam(),
  parent_id: uuidParam(),
  top_only: boolParam(),
  full: boolParam(),
  modified_after: z
    .string()
    .trim()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: "code:invalid_date" })
    .optional(),
  /** HSDS: list services as `id` and `modified_date` only. */
  minimal: boolParam(),
  /** HSDS: `json` (pages, the default) or `ndjson` (every result, one per line, no pages). */
  format: z.enum(["json", "ndjson"], { error: "code:invalid" }).optional(),
  postcode: z.string().trim().max(10).optional(),
  /**
   * HSDS: metres from the centroid of `postcode`. Lotse also accepts "lat,lon,metres" for a
   * search around any point without a postcode.
   */
  proximity: z.string().trim().max(60).optional(),
});
export type HsdsQuery = z.output<typeof hsdsQuery>;

export function parseHsdsQuery(raw: Record<string, string | undefined>): HsdsQuery {
  const r = hsdsQuery.safeParse(raw);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}

import { z } from "zod";
import type { DbOrTx } from "../../server/db/client.ts";
import type { CoreDeps } from "../../server/deps.ts";
import { validationError } from "../../server/errors.problem.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AreaService } from "../areas/service.ts";
import type { AuditService } from "../audit/service.ts";
import { interchangeRepo as repo } from "./interchange-repo.ts";

/**
 * Postcode centroids the tenant maintains (Postleitzahl → a point). They stand in for a
 * geocoder: "near 59425", the office finder and HSDS `postcode` resolve through them.
 */
export const postcodeInput = z.object({
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { error: "code:postcode_format" }),
  name: z
    .string()
    .trim()
    .max(100, { error: "code:too_long" })
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
  lat: z
    .number({ error: "code:invalid_type" })
    .min(-90, { error: "code:geometry_out_of_range" })
    .max(90, { error: "code:geometry_out_of_range" }),
  lon: z
    .number({ error: "code:invalid_type" })
    .min(-180, { error: "code:geometry_out_of_range" })
    .max(180, { error: "code:geometry_out_of_range" }),
  approximate: z.boolean().default(false),
});
export type PostcodeInput = z.input<typeof postcodeInput>;

export function createPostcodeService(deps: CoreDeps & { audit: AuditService; areas: AreaService }) {
  const { db } = deps;
  return {
    list(tenantId: string, tx: DbOrTx = db) {
      return repo.postcodes(tx, tenantId);
    },

    /** Creates or updates one centroid; it must lie inside the tenant's areas. */
    async set(principal: Principal, input: PostcodeInput, requestId?: string | null) {
      authorize(principal, "directory.import");
      const parsed = postcodeInput.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error.issues);
      const row = parsed.data;
      if (!(await deps.areas.locate(principal.tenantId, row.lon, row.lat)))
        throw AppError.validation([
          { field: "lat", code: "place_outside_areas" },
          { field: "lon", code: "place_outside_areas" },
        ]);
      await db.transaction(async (tx) => {
        const before = await repo.postcode(tx, principal.tenantId, row.postcode);
        await repo.upsertPostcode(tx, { tenantId: principal.tenantId, ...row });
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: before ? "update" : "create",
            entityType: "postcode",
            entityId: row.postcode,
            changes: {
              name: { old: before?.name ?? null, new: row.name },
              lat: { old: before?.lat ?? null, new: row.lat },
              lon: { old: before?.lon ?? null, new: row.lon },
            },
            requestId: requestId ?? null,
          },
          tx,
        );
      });
      return row;
    },

    async remove(principal: Principal, postcode: string, requestId?: string | null) {
      authorize(principal, "directory.import");
      await db.transaction(async (tx) => {
        const removed = await repo.deletePostcode(tx, principal.tenantId, postcode);
        if (!removed) throw AppError.notFound();
        await deps.audit.record(
          {
            actor: { kind: "user", principal },
            action: "delete",
            entityType: "postcode",
            entityId: postcode,
            requestId: requestId ?? null,
          },
          tx,
        );
      });
    },
  };
}
export type PostcodeService = ReturnType<typeof createPostcodeService>;

/** Logos and offer pictures: uploads checked by their bytes (not their names), served publicly. */
import { isUuid } from "../../server/db/ids.ts";
import { AppError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import { imagesRepo } from "./images.repo.ts";
import { inspectImage } from "./images.ts";
import type { DirectoryContext } from "./shared.ts";

export function createEntryImages(ctx: DirectoryContext) {
  const { db, deps, now } = ctx;
  return {
    /** Stores an uploaded logo or offer picture after checking its bytes (not its name). */
    async uploadImage(
      principal: Principal,
      bytes: Uint8Array,
      opts: { alt?: string | null; requestId?: string | undefined } = {},
    ): Promise<{ id: string; mimeType: string; width: number; height: number; byteSize: number }> {
      authorize(principal, "directory.edit");
      const info = inspectImage(bytes);
      if (!info.ok) throw AppError.validation([{ field: "image", code: info.code }]);
      return db.transaction(async () => {
        const row = await imagesRepo.insertImage(db, {
          tenantId: principal.tenantId,
          mimeType: info.mimeType,
          bytes: Buffer.from(bytes),
          byteSize: bytes.byteLength,
          width: info.width,
          height: info.height,
          alt: opts.alt || null,
          createdAt: now(),
        });
        await deps.audit.record({
          actor: { kind: "user", principal },
          action: "directory.image_upload",
          entityType: "directory_image",
          entityId: row.id,
          changes: {
            byteSize: { old: null, new: row.byteSize },
            mimeType: { old: null, new: row.mimeType },
          },
          requestId: opts.requestId ?? null,
        });
        const { id, mimeType, width, height, byteSize } = row;
        return { id, mimeType, width, height, byteSize };
      });
    },

    /** An image for the public site (ids are unguessable; images are public content). */
    async image(tenantId: string, id: string) {
      if (!isUuid(id)) throw AppError.notFound();
      const row = await imagesRepo.image(db, tenantId, id);
      if (!row) throw AppError.notFound();
      return row;
    },
  };
}

import type { CoreDeps } from "../../server/deps.ts";
import { AppError, type FieldError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { AuditService } from "../audit/service.ts";
import { attachmentRepo as repo } from "./case-records.repo.ts";
import type { CaseRecords } from "./case-records.ts";
import type { CaseCrypto } from "./crypto.ts";
import type { CaseGuard } from "./guard.ts";
import { type AttachmentType, MAX_ATTACHMENT_BYTES } from "./model.ts";
import type { Audited } from "./support.ts";

/** An uploaded file: its name and bytes (the declared type is not trusted). */
export type AttachmentUpload = { fileName: string; mimeType?: string; content: Uint8Array };

/** The file's real type from its first bytes (never trust the declared type). */
export function sniff(bytes: Uint8Array): AttachmentType | null {
  const b = (i: number) => bytes[i];
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return "application/pdf";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  return null;
}

/** Name, size and type of an upload, each problem at the field "file". */
export function checkUpload(input: AttachmentUpload): { name: string; mimeType: AttachmentType } {
  const fields: FieldError[] = [];
  const name = input.fileName.trim();
  const size = input.content.byteLength;
  if (!name) fields.push({ field: "file", code: "required" });
  else if (name.length > 200) fields.push({ field: "file", code: "too_long", params: { max: 200 } });
  if (size === 0) fields.push({ field: "file", code: "required" });
  if (size > MAX_ATTACHMENT_BYTES) {
    fields.push({
      field: "file",
      code: "attachment_too_large",
      params: { maxMb: MAX_ATTACHMENT_BYTES / 2 ** 20 },
    });
  }
  const type = sniff(input.content);
  if (size > 0 && size <= MAX_ATTACHMENT_BYTES && !type)
    fields.push({ field: "file", code: "attachment_type" });
  if (fields.length || !type) throw AppError.validation(fields);
  return { name, mimeType: type };
}

/** Attachments: PDF, PNG or JPEG, at most 10 MiB, encrypted as a whole (name and content). */
export function createAttachmentService(
  deps: CoreDeps & { audit: AuditService; records: CaseRecords; crypto: CaseCrypto; guard: CaseGuard },
) {
  const { db, records, crypto } = deps;
  return {
    async add(principal: Principal, caseId: string, input: AttachmentUpload, opts: Audited = {}) {
      const file = checkUpload(input);
      return records.write(
        principal,
        caseId,
        { type: "case_attachment", action: "create" },
        async () => {
          const content = Buffer.from(crypto.encrypt(Buffer.from(input.content).toString("base64")), "utf8");
          const row = await repo.insert(db, {
            tenantId: principal.tenantId,
            caseId,
            fileNameEnc: crypto.encrypt(file.name),
            mimeType: file.mimeType,
            byteSize: input.content.byteLength,
            contentEnc: content,
            authorId: principal.userId,
            createdAt: deps.clock.now(),
          });
          return {
            id: row.id,
            result: { id: row.id, mimeType: row.mimeType, byteSize: row.byteSize },
            fields: ["file"],
          };
        },
        opts.requestId,
      );
    },

    /** The decrypted file (audited read). */
    async get(principal: Principal, caseId: string, attachmentId: string, opts: Audited = {}) {
      const { breakGlass } = await deps.guard.loadCase(principal, caseId, "read");
      const row = await records.ofCase(repo, principal.tenantId, caseId, attachmentId);
      await deps.audit.recordRead(principal, "case_attachment", row.id, {
        requestId: opts.requestId ?? null,
        reason: breakGlass ? "break_glass" : null,
      });
      return {
        fileName: crypto.decrypt(row.fileNameEnc),
        mimeType: row.mimeType,
        content: new Uint8Array(
          Buffer.from(crypto.decrypt(Buffer.from(row.contentEnc).toString("utf8")), "base64"),
        ),
      };
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;

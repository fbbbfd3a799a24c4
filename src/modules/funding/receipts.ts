import { AppError, type FieldError } from "../../server/errors.ts";
import { authorize } from "../../server/policy/policy.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { FundingDeps } from "./deps.ts";
import { grantByLink, grantOf } from "./grant-link.ts";
import { proofRepo, type ReceiptFileMeta } from "./proof-repo.ts";
import { fundingRepo } from "./repo.ts";

/** Largest receipt: 5 MiB (a scanned page or a phone photo). */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;
/** Receipts per grant: small projects have few; the list form takes more as lines. */
export const MAX_RECEIPT_FILES = 20;
export type ReceiptType = "application/pdf" | "image/png" | "image/jpeg";
export type ReceiptUpload = { fileName: string; content: Uint8Array };
export type ReceiptFileView = {
  id: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
  createdAt: string;
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const JPEG = [0xff, 0xd8, 0xff];
const starts = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The receipt's real type from its first bytes; the name and declared type are not trusted. */
export function sniffReceipt(bytes: Uint8Array): ReceiptType | null {
  if (starts(bytes, PDF)) return "application/pdf";
  if (starts(bytes, PNG)) return "image/png";
  if (starts(bytes, JPEG)) return "image/jpeg";
  return null;
}

/** Per-file errors (`files.N`): empty, too large, not a PDF or image. Nothing is stored if any fails. */
export function checkReceipts(files: ReceiptUpload[], already: number) {
  const errors: FieldError[] = [];
  if (files.length === 0) errors.push({ field: "files", code: "required" });
  if (already + files.length > MAX_RECEIPT_FILES)
    errors.push({ field: "files", code: "funding_receipts_too_many", params: { max: MAX_RECEIPT_FILES } });
  const ok = files.map((f, i) => {
    const field = `files.${i}`;
    const name = f.fileName.trim().slice(0, 200);
    if (f.content.byteLength === 0) errors.push({ field, code: "funding_receipt_empty", params: { name } });
    else if (f.content.byteLength > MAX_RECEIPT_BYTES)
      errors.push({
        field,
        code: "funding_receipt_too_large",
        params: { name, maxMb: MAX_RECEIPT_BYTES / 2 ** 20 },
      });
    else {
      const type = sniffReceipt(f.content);
      if (type) return { name: name || "beleg", type, content: f.content };
      errors.push({ field, code: "funding_receipt_type", params: { name } });
    }
    return null;
  });
  if (errors.length) throw AppError.validation(errors);
  return ok.filter((x) => x !== null);
}

const view = (r: ReceiptFileMeta): ReceiptFileView => ({
  id: r.id,
  fileName: r.fileName,
  mimeType: r.mimeType,
  byteSize: r.byteSize,
  createdAt: r.createdAt.toISOString(),
});
const OPEN = new Set([undefined, "submitted", "more_requested"]);

/**
 * Receipts uploaded with the proof of use through the status link (decision 078): stored in the
 * database like the decision letters, read by staff as an audited read, erased with the contact
 * data (retention, erasure) and deleted with the application.
 */
export function createReceiptFiles(deps: FundingDeps) {
  const { db } = deps;

  async function openGrant(tenantId: string, token: string) {
    const g = await grantByLink(deps, tenantId, token);
    const proof = await proofRepo.proof(db, tenantId, g.a.id);
    if (!OPEN.has(proof?.status))
      throw new AppError("conflict", { fields: [{ field: "files", code: "funding_proof_closed" }] });
    return g;
  }

  return {
    /** The applicant's uploaded receipts (names and sizes). */
    async listByLink(tenantId: string, token: string): Promise<ReceiptFileView[]> {
      const { a } = await grantByLink(deps, tenantId, token);
      return (await proofRepo.files(db, tenantId, a.id)).map(view);
    },

    /** Stores all files or none; errors per file, in the applicant's language on the page. */
    async upload(tenantId: string, token: string, files: ReceiptUpload[]): Promise<ReceiptFileView[]> {
      const { a } = await openGrant(tenantId, token);
      return db.transaction(async (tx) => {
        const already = (await proofRepo.files(tx, tenantId, a.id)).length;
        const ok = checkReceipts(files, already);
        const rows = await proofRepo.insertFiles(
          tx,
          ok.map((f) => ({
            tenantId,
            applicationId: a.id,
            fileName: f.name,
            mimeType: f.type,
            byteSize: f.content.byteLength,
            bytes: Buffer.from(f.content),
          })),
        );
        await deps.audit.record(
          {
            actor: { kind: "system", tenantId },
            action: "upload",
            entityType: "funding_receipt",
            entityId: a.id,
            changes: { files: { old: already, new: already + rows.length } },
          },
          tx,
        );
        return rows.map(view);
      });
    },

    /** The applicant removes a wrong upload while the proof is open. */
    async remove(tenantId: string, token: string, fileId: string): Promise<void> {
      const { a } = await openGrant(tenantId, token);
      if (!(await proofRepo.deleteFiles(db, tenantId, a.id, fileId))) throw AppError.notFound();
    },

    /** Staff's list (metadata only; reading a file is audited on download). */
    async list(principal: Principal, applicationId: string): Promise<ReceiptFileView[]> {
      authorize(principal, "funding.read");
      return (await proofRepo.files(db, principal.tenantId, applicationId)).map(view);
    },

    /** A receipt for staff: an audited read (receipts may name persons). */
    async download(principal: Principal, applicationId: string, fileId: string, requestId?: string) {
      authorize(principal, "funding.read");
      const { a } = await grantOf(
        deps,
        principal.tenantId,
        await fundingRepo.application(db, principal.tenantId, applicationId),
      );
      const f = await proofRepo.file(db, principal.tenantId, a.id, fileId);
      if (!f) throw AppError.notFound();
      await deps.audit.recordRead(principal, "funding_receipt", f.id, {
        requestId: requestId ?? null,
        exposed: { receipt: ["file"] },
      });
      return { fileName: f.fileName, mimeType: f.mimeType, content: new Uint8Array(f.bytes) };
    },
  };
}
export type ReceiptFiles = ReturnType<typeof createReceiptFiles>;

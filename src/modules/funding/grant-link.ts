import { sha256Hex } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import type { FundingDeps } from "./deps.ts";
import { type ApplicationRow, type CallRow, fundingRepo } from "./repo.ts";

const TOKEN = /^[A-Za-z0-9_-]{30,100}$/;
export const FUNDED = new Set(["granted", "partly_granted"]);

export type Grant = { a: ApplicationRow; call: CallRow };

/** A granted application of this tenant with its call, or 404. */
export async function grantOf(
  deps: FundingDeps,
  tenantId: string,
  a: ApplicationRow | undefined,
): Promise<Grant> {
  if (!a || a.tenantId !== tenantId || !FUNDED.has(a.status)) throw AppError.notFound();
  const call = await fundingRepo.call(deps.db, tenantId, a.callId);
  if (!call) throw AppError.notFound();
  return { a, call };
}

/** The grant behind an applicant's status link (SHA-256 looked up), or `invalid_token`. */
export async function grantByLink(deps: FundingDeps, tenantId: string, token: string): Promise<Grant> {
  const a = TOKEN.test(token) ? await fundingRepo.applicationByToken(deps.db, sha256Hex(token)) : undefined;
  if (!a || a.tenantId !== tenantId || !a.tokenExpiresAt || a.tokenExpiresAt <= deps.clock.now())
    throw new AppError("invalid_token");
  return grantOf(deps, tenantId, a);
}

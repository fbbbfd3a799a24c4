import { hash, verify } from "@node-rs/argon2";

export { passwordSchema } from "./contracts.ts";
export { PASSWORD_MAX, PASSWORD_MIN } from "./model.ts";

// argon2id (the library's default algorithm, 2) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Verifies without throwing: a malformed stored hash counts as a mismatch. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so the answer time does not tell whether the account exists.
    await verify(await dummyHash(), password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash("lotse-dummy-password-for-timing", OPTIONS);
  return dummy;
}

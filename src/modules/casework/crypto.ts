import type { Config } from "../../server/config.ts";
import { createSecretBox } from "../../server/crypto.ts";

/** The SecretBox purpose of every `*_enc` column of case work (notes, health data, reasons, referrals). */
export const CASEWORK_PURPOSE = "casework";

export type CaseCrypto = {
  /** AES-256-GCM with the current SECRET_KEY; the ciphertext names the key it was made with. */
  encrypt(text: string): string;
  /** Decrypts with SECRET_KEY or any key of SECRET_KEY_PREVIOUS; throws on tampering or an unknown key. */
  decrypt(value: string): string;
  /** null stays null (optional columns). */
  encryptOptional(text: string | null | undefined): string | null;
  decryptOptional(value: string | null | undefined): string | null;
  /** True when the value was made with an older key (key rotation re-encrypts it). */
  isStale(value: string): boolean;
  /** Id of the current key, as written into each ciphertext. */
  readonly keyId: string;
};

/**
 * Encryption at rest for case work (decision 014). Keys come from configuration only:
 * SECRET_KEY encrypts, SECRET_KEY_PREVIOUS (comma-separated) still decrypts until
 * `npm run lotse -- rotate-keys` has re-encrypted every `*_enc` column.
 */
export function createCaseCrypto(
  config: Pick<Config, "secretKey"> & { secretKeyPrevious?: string[] },
): CaseCrypto {
  const box = createSecretBox(config.secretKey, config.secretKeyPrevious ?? []);
  const encrypt = (text: string) => box.encrypt(CASEWORK_PURPOSE, text);
  const decrypt = (value: string) => box.decrypt(CASEWORK_PURPOSE, value);
  return {
    keyId: box.keyId,
    encrypt,
    decrypt,
    encryptOptional: (text) => (text === null || text === undefined || text === "" ? null : encrypt(text)),
    decryptOptional: (value) => (value === null || value === undefined ? null : decrypt(value)),
    isStale: (value) => value.split(".")[1] !== box.keyId,
  };
}

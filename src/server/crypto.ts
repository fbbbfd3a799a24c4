import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/**
 * Secrets at rest and signed values, all keyed from config.secretKey.
 *
 * Every purpose ("totp", "oidc-cookie", …) gets its own key, derived with HKDF-SHA-256, so a
 * value encrypted for one purpose can never be decrypted or accepted for another.
 *
 * Ciphertexts carry the id of the master key they were made with:
 *   v1.<kid>.<iv>.<ciphertext>.<tag>        (base64url parts; AES-256-GCM)
 * so the key can be rotated: set the new SECRET_KEY and pass the old one as a previous key;
 * old values still decrypt and are re-encrypted with the new key when they are written next.
 */
export type SecretBox = {
  encrypt(purpose: string, plaintext: string): string;
  /** Throws when the value was tampered with, was made for another purpose or with an unknown key. */
  decrypt(purpose: string, value: string): string;
  /** HMAC-signed, not encrypted: `<payload b64url>.<sig>`. */
  sign(purpose: string, payload: string): string;
  /** The payload, or null when the signature does not match. */
  unsign(purpose: string, value: string): string | null;
  /** Id of the current master key. */
  readonly keyId: string;
};

const VERSION = "v1";

export function keyIdOf(masterKey: string): string {
  return createHash("sha256").update(`lotse-key-id:${masterKey}`).digest("base64url").slice(0, 8);
}

function derive(masterKey: string, purpose: string, kind: "enc" | "mac"): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, "lotse", `lotse:${kind}:${purpose}`, 32));
}

export function createSecretBox(masterKey: string, previousKeys: readonly string[] = []): SecretBox {
  const keys = new Map<string, string>();
  const keyId = keyIdOf(masterKey);
  keys.set(keyId, masterKey);
  for (const k of previousKeys) keys.set(keyIdOf(k), k);
  const cache = new Map<string, Buffer>();
  const keyFor = (master: string, kid: string, purpose: string, kind: "enc" | "mac") => {
    const ck = `${kid}\u0000${kind}\u0000${purpose}`;
    let key = cache.get(ck);
    if (!key) {
      key = derive(master, purpose, kind);
      cache.set(ck, key);
    }
    return key;
  };

  return {
    keyId,
    encrypt(purpose, plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keyFor(masterKey, keyId, purpose, "enc"), iv);
      cipher.setAAD(Buffer.from(purpose));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        iv.toString("base64url"),
        ct.toString("base64url"),
        tag.toString("base64url"),
      ].join(".");
    },
    decrypt(purpose, value) {
      const [version, kid, iv, ct, tag] = value.split(".");
      if (version !== VERSION || !kid || iv === undefined || ct === undefined || tag === undefined) {
        throw new Error("unrecognised ciphertext");
      }
      const master = keys.get(kid);
      if (!master) throw new Error("ciphertext made with an unknown key");
      const decipher = createDecipheriv(
        "aes-256-gcm",
        keyFor(master, kid, purpose, "enc"),
        Buffer.from(iv, "base64url"),
      );
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
    sign(purpose, payload) {
      const body = Buffer.from(payload, "utf8").toString("base64url");
      const sig = createHmac("sha256", keyFor(masterKey, keyId, purpose, "mac"))
        .update(body)
        .digest("base64url");
      return `${body}.${sig}`;
    },
    unsign(purpose, value) {
      const dot = value.lastIndexOf(".");
      if (dot <= 0) return null;
      const body = value.slice(0, dot);
      const sig = Buffer.from(value.slice(dot + 1), "base64url");
      for (const [kid, master] of keys) {
        const expected = createHmac("sha256", keyFor(master, kid, purpose, "mac"))
          .update(body)
          .digest();
        if (expected.length === sig.length && timingSafeEqual(expected, sig)) {
          return Buffer.from(body, "base64url").toString("utf8");
        }
      }
      return null;
    },
  };
}

/** A random token for cookies and links (32 bytes, base64url). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What we store for a token: its SHA-256 (hex). The token itself is never stored. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

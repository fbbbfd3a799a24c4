import { describe, expect, it } from "vitest";
import { safeNextPath } from "#app/modules/auth/cookies.ts";
import { createSecretBox, keyIdOf } from "./crypto.ts";

const OLD = "old-secret-key-old-secret-key-0123456789";
const NEW = "new-secret-key-new-secret-key-0123456789";

describe("secret box", () => {
  it("round-trips, names its key, and refuses another purpose or a tampered value", () => {
    const box = createSecretBox(NEW);
    const c = box.encrypt("totp", "JBSWY3DPEHPK3PXP");
    expect(c.startsWith(`v1.${keyIdOf(NEW)}.`)).toBe(true);
    expect(c).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.decrypt("totp", c)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => box.decrypt("other", c)).toThrow();
    const parts = c.split(".");
    parts[3] = `A${parts[3]!.slice(1)}` === parts[3] ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(() => box.decrypt("totp", parts.join("."))).toThrow();
  });

  it("decrypts values of a previous key after rotation, and not without it", () => {
    const old = createSecretBox(OLD).encrypt("totp", "secret");
    expect(createSecretBox(NEW, [OLD]).decrypt("totp", old)).toBe("secret");
    expect(() => createSecretBox(NEW).decrypt("totp", old)).toThrow();
  });

  it("signs and verifies; a changed payload or purpose is refused", () => {
    const box = createSecretBox(NEW);
    const s = box.sign("oidc-flow", '{"s":"x"}');
    expect(box.unsign("oidc-flow", s)).toBe('{"s":"x"}');
    expect(box.unsign("other", s)).toBeNull();
    const forged = `${Buffer.from('{"s":"y"}').toString("base64url")}.${s.split(".")[1]}`;
    expect(box.unsign("oidc-flow", forged)).toBeNull();
    expect(createSecretBox(NEW, [OLD]).unsign("p", createSecretBox(OLD).sign("p", "v"))).toBe("v");
  });
});

describe("next path after sign-in", () => {
  it("allows only paths on this site", () => {
    expect(safeNextPath("/staff/users?q=a")).toBe("/staff/users?q=a");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/x\n",
      "/.//evil.example",
      "/%2e//evil",
      "/%2E%2E//evil",
      "/staff/../..//evil",
      "/staff/..//evil",
      "/./\\evil",
      "/\\/evil",
      "/staff\\..\\..\\\\evil",
      "/\t/evil",
    ]) {
      expect(safeNextPath(bad)).toBe("/staff");
    }
    expect(safeNextPath(null, "/de")).toBe("/de");
    // Normalised paths that stay on this site are kept.
    expect(safeNextPath("/staff/./cases/../users")).toBe("/staff/users");
  });
});

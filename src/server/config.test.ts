import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const noSecretFile = () => "generated-secret-generated-secret-0000";

describe("config", () => {
  it("has safe defaults: embedded database, port 3000, outbox mail", () => {
    const c = loadConfig({}, noSecretFile);
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.baseUrl).toBe("http://localhost:3000");
    expect(c.secretKeyGenerated).toBe(true);
    expect(c.host).toBe("127.0.0.1");
  });
  it("reads the environment", () => {
    const c = loadConfig(
      {
        PORT: "8080",
        DATABASE_URL: "postgres://x@y/z",
        BASE_URL: "https://lotse.unna.de/",
        SECRET_KEY: "k".repeat(40),
      },
      noSecretFile,
    );
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBe("postgres://x@y/z");
    expect(c.baseUrl).toBe("https://lotse.unna.de");
    expect(c.secretKeyGenerated).toBe(false);
  });
  it("refuses unsafe or broken settings with a readable message", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, noSecretFile)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" }, noSecretFile)).toThrow(/PORT/);
    expect(() => loadConfig({ SECRET_KEY: "short" }, noSecretFile)).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ OIDC_ISSUER: "https://id.example" }, noSecretFile)).toThrow(/OIDC/);
  });
});

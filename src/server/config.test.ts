import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, READ_REPLICA_IGNORED } from "./config.ts";

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
  it("takes a read replica only beside a PostgreSQL primary, and says when it ignores one", () => {
    const both = loadConfig(
      { DATABASE_URL: "postgres://x@p/z", DATABASE_URL_READ: "postgres://x@r/z" },
      noSecretFile,
    );
    expect(both.databaseUrlRead).toBe("postgres://x@r/z");
    expect(both.notices).toEqual([]);
    const embedded = loadConfig({ DATABASE_URL_READ: "postgres://x@r/z" }, noSecretFile);
    expect(embedded.databaseUrlRead).toBeUndefined();
    expect(embedded.notices).toEqual([READ_REPLICA_IGNORED]);
    expect(READ_REPLICA_IGNORED).toMatch(/DATABASE_URL_READ is ignored/);
  });
  it("refuses unsafe or broken settings with a readable message", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, noSecretFile)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" }, noSecretFile)).toThrow(/PORT/);
    expect(() => loadConfig({ SECRET_KEY: "short" }, noSecretFile)).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ OIDC_ISSUER: "https://id.example" }, noSecretFile)).toThrow(/OIDC/);
  });
});

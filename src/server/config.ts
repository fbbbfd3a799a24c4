import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * All configuration comes from the environment. Defaults are safe for a local
 * installation: embedded database under ./data, mails into the local outbox.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  BASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  /** A read replica of DATABASE_URL for the public search and read APIs (decision 083). */
  DATABASE_URL_READ: z.string().optional(),
  SECRET_KEY: z.string().min(32).optional(),
  /** Comma-separated previous keys: values they encrypted still decrypt (key rotation). */
  SECRET_KEY_PREVIOUS: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Lotse <no-reply@localhost>"),
  BASEMAP_STYLE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO: z.enum(["auto", "on", "off"]).default("auto"),
  DEFAULT_TENANT: z.string().default("unna"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default("Single Sign-On"),
  /** Reverse proxies in front of Lotse that append to X-Forwarded-For (0: use the socket's peer). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The read replica; undefined without DATABASE_URL (the embedded database has none). */
  databaseUrlRead: string | undefined;
  /** Start-up messages about settings that are ignored (logged as warnings). */
  notices: string[];
  secretKey: string;
  /** True when SECRET_KEY was not set and a key was generated and stored in DATA_DIR. */
  secretKeyGenerated: boolean;
  /** Keys from SECRET_KEY_PREVIOUS: still accepted for decryption until `rotate-keys` has re-encrypted. */
  secretKeyPrevious: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  basemapStyleUrl: string | undefined;
  logLevel: string;
  demo: "auto" | "on" | "off";
  defaultTenant: string;
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; label: string } | undefined;
  session: { idleMinutes: number; absoluteHours: number };
  trustProxy: number;
};

export class ConfigError extends Error {}

export const READ_REPLICA_IGNORED =
  "DATABASE_URL_READ is ignored: the embedded database (PGlite, no DATABASE_URL) has no read " +
  "replicas; every query runs on it. Set DATABASE_URL to a PostgreSQL primary to use a replica.";

export function loadConfig(env: NodeJS.ProcessEnv = process.env, readSecret = defaultSecretReader): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  let secretKey = e.SECRET_KEY;
  let secretKeyGenerated = false;
  if (!secretKey) {
    if (e.NODE_ENV === "production") {
      throw new ConfigError("SECRET_KEY must be set (at least 32 characters) when NODE_ENV=production.");
    }
    secretKey = readSecret(dataDir);
    secretKeyGenerated = true;
  }
  if ((e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) || (!e.OIDC_ISSUER && e.OIDC_CLIENT_ID)) {
    throw new ConfigError("OIDC_ISSUER and OIDC_CLIENT_ID must be set together.");
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseUrlRead: e.DATABASE_URL ? e.DATABASE_URL_READ || undefined : undefined,
    notices: e.DATABASE_URL_READ && !e.DATABASE_URL ? [READ_REPLICA_IGNORED] : [],
    secretKey,
    secretKeyGenerated,
    secretKeyPrevious: (e.SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== "" && k !== secretKey),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    basemapStyleUrl: e.BASEMAP_STYLE_URL || undefined,
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO,
    defaultTenant: e.DEFAULT_TENANT,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            label: e.OIDC_LABEL,
          }
        : undefined,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    trustProxy: e.TRUST_PROXY,
  };
}

/** Generates a per-installation key once and keeps it beside the data, so sessions survive restarts. */
function defaultSecretReader(dataDir: string): string {
  const file = path.join(dataDir, "secret.key");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}

import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLotseApp as createApp } from "#app/composition/app.ts";
import { createServices, type Services } from "#app/composition/services.ts";
import { manualClock } from "#app/server/clock.ts";
import { loadConfig } from "#app/server/config.ts";
import type { DatabaseHandle } from "#app/server/db/client.ts";
import { createLogger } from "#app/server/logger.ts";
import { createUserWithRole } from "../../../tests/setup/auth.ts";
import { openTestDatabase, TEST_BASE_URL } from "../../../tests/setup/test-db.ts";

/**
 * A small but real OpenID provider (discovery, JWKS, authorize, token; RS256 ID tokens signed
 * with jose), listening on a local port: the external system Lotse talks to.
 */
async function startProvider(clientId: string, clientSecret: string) {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const state = { email: "", emailVerified: true };
  const app = new Hono();
  let issuer = "";
  app.get("/.well-known/openid-configuration", (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
    }),
  );
  app.get("/jwks", (c) => c.json({ keys: [jwk] }));
  app.get("/authorize", (c) => {
    const q = c.req.query();
    if (q.client_id !== clientId || q.response_type !== "code" || q.code_challenge_method !== "S256") {
      return c.text("bad request", 400);
    }
    const code = randomBytes(16).toString("hex");
    codes.set(code, { challenge: q.code_challenge!, nonce: q.nonce!, redirectUri: q.redirect_uri! });
    const back = new URL(q.redirect_uri!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.state!);
    return c.redirect(back.href, 302);
  });
  app.post("/token", async (c) => {
    const auth = c.req.header("authorization") ?? "";
    const expected = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
    if (auth !== expected) return c.json({ error: "invalid_client" }, 401);
    const form = await c.req.parseBody();
    const entry = codes.get(String(form.code));
    codes.delete(String(form.code));
    const verifier = String(form.code_verifier ?? "");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!entry || entry.challenge !== challenge || entry.redirectUri !== form.redirect_uri) {
      return c.json({ error: "invalid_grant" }, 400);
    }
    const idToken = await new SignJWT({
      email: state.email,
      email_verified: state.emailVerified,
      nonce: entry.nonce,
    })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(`sub-${state.email}`)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    return c.json({
      access_token: randomBytes(16).toString("hex"),
      token_type: "Bearer",
      expires_in: 300,
      id_token: idToken,
    });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let provider: Awaited<ReturnType<typeof startProvider>>;
let handle: DatabaseHandle;
let services: Services;
let app: ReturnType<typeof createApp>;
let tenantId: string;

beforeAll(async () => {
  provider = await startProvider("lotse", "s3cret");
  handle = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    BASE_URL: TEST_BASE_URL,
    SECRET_KEY: "test-secret-key-test-secret-key-0123456789",
    DATA_DIR: "/nonexistent",
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: "lotse",
    OIDC_CLIENT_SECRET: "s3cret",
    OIDC_LABEL: "Stadt-Login",
  });
  services = createServices({
    db: handle.db,
    dbKind: handle.kind,
    config,
    logger: createLogger("silent"),
    // ID tokens carry real time; the session clock may be manual, it only has to be near now.
    clock: manualClock(new Date()),
  });
  app = createApp({ services });
  tenantId = (await services.tenants.create({ slug: "unna", name: "Kreisstadt Unna", kind: "municipality" }))
    .id;
  const t = (await services.tenants.byId(tenantId))!;
  await services.tenants.updateSettings(
    {
      userId: "00000000-0000-7000-8000-000000000001",
      tenantId,
      sessionId: "s",
      grants: [{ role: "admin", scopeType: "tenant", scopeId: null }],
      mfaSatisfied: true,
    },
    tenantId,
    { version: t.version, name: t.name, defaultLanguage: "de", mfaRequiredRoles: [] },
  );
});
afterAll(async () => {
  await handle?.close();
  await provider?.close();
});

function cookieFrom(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((h) => h.startsWith(`${name}=`) && !h.startsWith(`${name}=;`))
    ?.split(";")[0];
}

/** Browser steps: start at Lotse, follow the provider's redirect, come back with code and state. */
async function runToCallback(next = "/staff/users") {
  const start = await app.request(
    `${TEST_BASE_URL}/auth/oidc/start?next=${encodeURIComponent(next)}&lang=de`,
  );
  expect(start.status).toBe(302);
  const flowCookie = cookieFrom(start, "lotse_oidc")!;
  expect(flowCookie).toBeTruthy();
  const authorizeUrl = new URL(start.headers.get("location")!);
  expect(authorizeUrl.origin).toBe(provider.issuer);
  expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
  const atProvider = await fetch(authorizeUrl, { redirect: "manual" });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get("location")!);
  expect(callback.href.startsWith(`${TEST_BASE_URL}/auth/oidc/callback?`)).toBe(true);
  return { callback, flowCookie };
}

describe("OIDC sign-in", () => {
  it("signs in an existing active user by verified e-mail and returns to the page asked for", async () => {
    const { user } = await createUserWithRole(services, tenantId, "admin", { email: "amt@unna.example" });
    provider.state.email = "Amt@Unna.example";
    provider.state.emailVerified = true;
    const { callback, flowCookie } = await runToCallback("/staff/users");
    const res = await app.request(callback.href, { headers: { cookie: flowCookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/users");
    const session = cookieFrom(res, "lotse_session")!;
    expect(session).toBeTruthy();
    const me = await app.request(`${TEST_BASE_URL}/api/v1/auth/me`, { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it("returns to a page on this site only, even when the asked-for path normalises to another host", async () => {
    await createUserWithRole(services, tenantId, "coordinator", { email: "redirect@unna.example" });
    provider.state.email = "redirect@unna.example";
    provider.state.emailVerified = true;
    for (const evil of ["/.//evil.example", "/%2e//evil", "/staff/../..//evil"]) {
      const { callback, flowCookie } = await runToCallback(evil);
      const res = await app.request(callback.href, { headers: { cookie: flowCookie } });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/staff");
    }
  });

  it("refuses a callback whose state does not match the flow (no session)", async () => {
    await createUserWithRole(services, tenantId, "coordinator", { email: "state@unna.example" });
    provider.state.email = "state@unna.example";
    const { callback, flowCookie } = await runToCallback();
    callback.searchParams.set("state", "forged-state-value");
    const res = await app.request(callback.href, { headers: { cookie: flowCookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/de/login?error=oidc_failed");
    expect(cookieFrom(res, "lotse_session")).toBeUndefined();

    // Without the flow cookie (another browser) the callback is refused as well.
    const second = await runToCallback();
    const noCookie = await app.request(second.callback.href);
    expect(noCookie.headers.get("location")).toBe("/de/login?error=oidc_failed");
    expect(cookieFrom(noCookie, "lotse_session")).toBeUndefined();
  });

  it("creates nobody: an unknown or unverified e-mail gets no session", async () => {
    provider.state.email = "unbekannt@unna.example";
    const a = await runToCallback();
    const res = await app.request(a.callback.href, { headers: { cookie: a.flowCookie } });
    expect(res.headers.get("location")).toBe("/de/login?error=oidc_no_account");
    expect(cookieFrom(res, "lotse_session")).toBeUndefined();

    await createUserWithRole(services, tenantId, "analyst", { email: "unverified@unna.example" });
    provider.state.email = "unverified@unna.example";
    provider.state.emailVerified = false;
    const b = await runToCallback();
    const res2 = await app.request(b.callback.href, { headers: { cookie: b.flowCookie } });
    expect(res2.headers.get("location")).toBe("/de/login?error=oidc_no_account");
    expect(await services.users.credentials.byEmail(tenantId, "unbekannt@unna.example")).toBeUndefined();
  });
});

import * as client from "openid-client";
import type { Language } from "../../i18n/languages.ts";
import { isLanguage } from "../../i18n/languages.ts";
import type { Config } from "../../server/config.ts";
import type { SecretBox } from "../../server/crypto.ts";
import { AppError } from "../../server/errors.ts";
import { OIDC_COOKIE, safeNextPath, serializeCookie } from "./cookies.ts";

export type OidcClaims = {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  amr?: string[] | undefined;
};

const COOKIE_PURPOSE = "oidc-flow";
const FLOW_SECONDS = 10 * 60;
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
const COOKIE_PATH = "/auth/oidc";

type Flow = { v: string; s: string; n: string; next: string; lang: Language; exp: number };

/**
 * OpenID Connect (authorization code + PKCE, state and nonce) against the provider in
 * config.oidc, e.g. a municipal Keycloak. The flow's secrets travel in a short-lived,
 * HMAC-signed, HttpOnly cookie scoped to /auth/oidc.
 */
export function createOidcClient(config: Config, box: SecretBox) {
  const oidc = config.oidc!;
  const secure = config.baseUrl.startsWith("https:");
  const redirectUri = `${config.baseUrl}${OIDC_CALLBACK_PATH}`;
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    if (!discovered) {
      const issuer = new URL(oidc.issuer);
      // Plain http only for a provider on this machine (development, tests).
      const local = ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
      discovered = client
        .discovery(
          issuer,
          oidc.clientId,
          oidc.clientSecret ? { client_secret: oidc.clientSecret } : undefined,
          oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
          issuer.protocol === "http:" && local ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((e: unknown) => {
          discovered = undefined;
          throw e;
        });
    }
    return discovered;
  }

  return {
    async start(next: string, lang: Language, now: Date): Promise<{ url: string; cookie: string }> {
      let cfg: client.Configuration;
      try {
        cfg = await configuration();
      } catch (e) {
        throw new AppError("unavailable", { cause: e });
      }
      const verifier = client.randomPKCECodeVerifier();
      const flow: Flow = {
        v: verifier,
        s: client.randomState(),
        n: client.randomNonce(),
        next: safeNextPath(next),
        lang,
        exp: Math.floor(now.getTime() / 1000) + FLOW_SECONDS,
      };
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: flow.s,
        nonce: flow.n,
      });
      const cookie = serializeCookie(OIDC_COOKIE, box.sign(COOKIE_PURPOSE, JSON.stringify(flow)), {
        secure,
        path: COOKIE_PATH,
        maxAgeSeconds: FLOW_SECONDS,
      });
      return { url: url.href, cookie };
    },

    /** Checks state, PKCE and nonce and returns the ID token's claims; any mismatch is invalid_token. */
    async finish(
      currentUrl: URL,
      cookieValue: string | undefined,
      now: Date,
    ): Promise<{ claims: OidcClaims; next: string; lang: Language }> {
      const raw = cookieValue ? box.unsign(COOKIE_PURPOSE, cookieValue) : null;
      let flow: Flow;
      try {
        flow = JSON.parse(raw ?? "null") as Flow;
      } catch {
        throw new AppError("invalid_token");
      }
      if (!flow || typeof flow.s !== "string" || flow.exp < now.getTime() / 1000) {
        throw new AppError("invalid_token");
      }
      const lang = isLanguage(flow.lang) ? flow.lang : "de";
      let cfg: client.Configuration;
      try {
        cfg = await configuration();
      } catch (e) {
        throw new AppError("unavailable", { cause: e });
      }
      // The provider redirected to our public callback URL; check it as such (proxies may rewrite the host).
      const callback = new URL(redirectUri);
      callback.search = currentUrl.search;
      try {
        const tokens = await client.authorizationCodeGrant(cfg, callback, {
          pkceCodeVerifier: flow.v,
          expectedState: flow.s,
          expectedNonce: flow.n,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new AppError("invalid_token");
        return {
          claims: {
            sub: claims.sub,
            email: claims.email,
            email_verified: claims.email_verified,
            amr: Array.isArray(claims.amr)
              ? claims.amr.filter((m): m is string => typeof m === "string")
              : undefined,
          },
          next: safeNextPath(flow.next),
          lang,
        };
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError("invalid_token", { cause: e });
      }
    },
  };
}

import type { Context, MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";
import type { AppEnv } from "./env.ts";

/**
 * Security headers with a Content-Security-Policy. Inline scripts (React Router's hydration data
 * and module loader) carry a fresh nonce per request (`c.var.secureHeadersNonce`, handed to the
 * page renderer); every other script is a file of our own origin. Inline style attributes stay
 * allowed (React and MapLibre set them); they cannot run code.
 */
export function securityHeaders(config: Pick<Config, "basemapStyleUrl">): MiddlewareHandler<AppEnv> {
  const basemap = config.basemapStyleUrl ? [new URL(config.basemapStyleUrl).origin] : [];
  return secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginResourcePolicy: "same-origin",
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:", ...basemap],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'", ...basemap],
      // MapLibre's worker is a file of ours; blob: for its fallback.
      workerSrc: ["'self'", "blob:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}

/** Pages whose address itself is a credential or that handle sign-in. */
const PRIVATE_PUBLIC_PAGES =
  /^\/[a-z]{2}(?:-simple)?\/(referral|survey|login|reset-password|forgot-password)(\/|$|\.data$)/;

/**
 * `Cache-Control: no-store` on everything that can carry personal data: the staff app (pages and
 * `.data`), the API, one-time link pages, and any response to a signed-in request. Public
 * content that declares itself `public` keeps its caching, except under /staff.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    const staff = path === "/staff" || path.startsWith("/staff/") || path === "/staff.data";
    const personal =
      staff ||
      path.startsWith("/api/") ||
      path.startsWith("/auth/") ||
      PRIVATE_PUBLIC_PAGES.test(path) ||
      Boolean(c.var.principal);
    if (!personal) return;
    const declared = c.res.headers.get("cache-control") ?? "";
    if (!staff && /\bpublic\b/.test(declared)) return;
    c.res.headers.set("cache-control", "no-store");
  };
}

/**
 * The client's address: the socket's peer, or, behind TRUST_PROXY reverse proxies, the
 * X-Forwarded-For entry the outermost trusted proxy appended. Undefined when unknown.
 */
export function clientAddress(c: Context<AppEnv>, trustedProxies: number): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  if (trustedProxies > 0) {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const forwarded = hops[hops.length - trustedProxies];
    if (forwarded) return forwarded;
  }
  return peer;
}

import { isLanguage, type Language } from "../../i18n/languages.ts";

export const SESSION_COOKIE = "lotse_session";
export const OIDC_COOKIE = "lotse_oidc";
export const LANG_COOKIE = "lang";

/** The value of one cookie from a Cookie header, or undefined. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

type CookieOpts = { secure: boolean; maxAgeSeconds?: number; path?: string; httpOnly?: boolean };

export function serializeCookie(name: string, value: string, o: CookieOpts): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path ?? "/"}`, "SameSite=Lax"];
  if (o.httpOnly !== false) parts.push("HttpOnly");
  if (o.secure) parts.push("Secure");
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`);
  return parts.join("; ");
}

/** Secure only when Lotse is served over https (BASE_URL), so local http development keeps working. */
export function isSecureBase(baseUrl: string): boolean {
  return baseUrl.startsWith("https:");
}

/** The UI language for pages without a language in the path (the staff app). */
export function languageCookie(lang: Language, secure: boolean): string {
  return serializeCookie(LANG_COOKIE, lang, { secure, maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}

export function languageOrUndefined(value: string | null | undefined): Language | undefined {
  return isLanguage(value) ? value : undefined;
}

/** Only paths on this site: "/staff/x" yes; "//evil", "/\\evil", "https://…" no. */
export function safeNextPath(next: string | null | undefined, fallback = "/staff"): string {
  if (!isLocalPath(next)) return fallback;
  try {
    const u = new URL(next, "http://x.invalid");
    if (u.origin !== "http://x.invalid") return fallback;
    const normalised = u.pathname + u.search + u.hash;
    // Dot segments collapse ("/.//evil" → "//evil"): the result must pass the same test again.
    return isLocalPath(normalised) ? normalised : fallback;
  } catch {
    return fallback;
  }
}

function isLocalPath(path: string | null | undefined): path is string {
  if (!path || path.length > 2000) return false;
  if (!path.startsWith("/") || path.startsWith("//")) return false;
  for (const ch of path)
    if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === "\\") return false;
  return true;
}

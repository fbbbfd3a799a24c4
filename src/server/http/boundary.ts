import type { MiddlewareHandler } from "hono";
import { AppError, isAppError } from "../errors.ts";
import { inputBoundaryErrors } from "../validation.ts";
import type { AppEnv } from "./env.ts";

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

const mediaTypeOf = (c: { req: { header(name: string): string | undefined } }) =>
  (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * The request boundary (decision 020): what a client sends is refused here with a 4xx before
 * any handler sees it, so nothing it contains can become a 500 further in.
 * - Query parameters of every request, and JSON and form bodies sent to the API, keep the text
 *   rule (no control characters, no `__proto__` keys, bounded nesting): 400 naming each field.
 * - A page (form action) accepts only form bodies (415 otherwise), and a form body must parse
 *   (400 otherwise). Form fields themselves are checked by `parseInput`, so a page shows the
 *   message beside the field instead of an error page.
 */
export function requestBoundary(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    refuse(inputBoundaryErrors(toRecord(url.searchParams)));

    if (BODYLESS_METHODS.has(c.req.method)) return next();
    const type = mediaTypeOf(c);
    if (url.pathname.startsWith("/api/")) {
      if (type === "application/json" || type.endsWith("+json")) {
        let body: unknown;
        try {
          // Read as text (Hono caches it), so a handler reading text gets the bytes as sent.
          body = JSON.parse(await c.req.text());
        } catch (e) {
          if (isAppError(e)) throw e;
          // Not JSON: the route answers that in its own words (e.g. an import's "not GeoJSON").
          return next();
        }
        refuse(inputBoundaryErrors(body));
      } else if (FORM_TYPES.includes(type)) {
        refuse(inputBoundaryErrors(await formFields(c.req.raw.clone())));
      }
      return next();
    }
    // Pages: form actions take form bodies only (an empty POST, e.g. sign-out, has none).
    if (!type) {
      if (c.req.raw.body !== null && (await c.req.raw.clone().arrayBuffer()).byteLength > 0)
        throw new AppError("unsupported_media_type");
      return next();
    }
    if (!FORM_TYPES.includes(type)) throw new AppError("unsupported_media_type");
    await formFields(c.req.raw.clone());
    return next();
  };
}

function refuse(fields: ReturnType<typeof inputBoundaryErrors>) {
  if (fields.length) throw new AppError("bad_request", { fields });
}

/** Name → value (or values, when repeated); without a prototype, so `__proto__` is just a name. */
function toRecord(entries: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of entries) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The text fields of a form body (files are content, not text); a malformed body is a 400. */
async function formFields(req: Request): Promise<Record<string, string | string[]>> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError("bad_request");
  }
  const text: [string, string][] = [];
  for (const [k, v] of form) if (typeof v === "string") text.push([k, v]);
  return toRecord(text);
}

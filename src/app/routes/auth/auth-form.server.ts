import { data } from "react-router";
import type { Translate } from "#app/i18n/translator.ts";
import { toProblem } from "#app/server/errors.problem.ts";
import { isAppError } from "#app/server/errors.ts";
import type { FormErrors } from "../../server/guard.server.ts";

/**
 * Public sign-in forms answer every refusal on the form itself (wrong password, locked,
 * expired link), including 401 and 429, which the staff formAction() would turn into error pages.
 */
export async function publicFormAction<T, E extends Record<string, string> = Record<never, string>>(
  t: Translate,
  fn: () => Promise<T>,
  extra?: E,
) {
  try {
    return { ok: true as const, value: await fn() };
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    const p = toProblem(e, t);
    const fields: Record<string, string> = {};
    for (const f of p.errors ?? []) fields[f.field] ??= f.message;
    const errors: FormErrors = { title: p.title, fields, code: e.code };
    return data({ ok: false as const, errors, ...(extra as E) }, { status: e.status });
  }
}

export function str(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

/** Appends Set-Cookie values to a redirect's headers. */
export function cookieHeaders(cookies: string[]): Headers {
  const h = new Headers();
  for (const c of cookies) h.append("set-cookie", c);
  return h;
}

import { data } from "react-router";
import type { Translate } from "#app/i18n/translator.ts";
import { toProblem } from "#app/server/errors.problem.ts";
import { isAppError } from "#app/server/errors.ts";
import { type Action, authorize } from "#app/server/policy/policy.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import type { PageContext } from "../context.ts";

/**
 * The signed-in principal of a staff page. The HTTP layer has already enforced the permissions
 * the page declares in server/policy/staff-routes.ts (decision 041), for loaders and actions
 * alike, so a page never repeats them; it checks only further ones (see `requirePage`).
 */
export function requirePrincipal(ctx: PageContext): Principal {
  if (!ctx.principal) throw data(null, { status: 401 });
  return ctx.principal;
}

/**
 * A further check against the one policy module, beyond the page's declared permission (an
 * action that changes what the page shows, e.g. `cases.write` on a page that needs `cases.read`);
 * turns a refusal into the right HTTP status.
 */
export function requirePage(ctx: PageContext, action: Action): Principal {
  try {
    return authorize(ctx.principal, action);
  } catch (e) {
    if (isAppError(e)) throw data(null, { status: e.status });
    throw e;
  }
}

export type FormErrors = { title: string; fields: Record<string, string>; code: string };

/**
 * Runs an action's domain call. Bad input comes back as per-field messages in the reader's
 * language (status 4xx) so the form can show them beside the fields; other errors propagate.
 */
export async function formAction<T>(
  t: Translate,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | ReturnType<typeof data<{ ok: false; errors: FormErrors }>>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    if (e.status === 401 || e.status === 403 || e.status === 404) throw data(null, { status: e.status });
    const p = toProblem(e, t);
    const fields: Record<string, string> = {};
    for (const f of p.errors ?? []) fields[f.field] ??= f.message;
    return data(
      { ok: false as const, errors: { title: p.title, fields, code: e.code } },
      { status: e.status },
    );
  }
}

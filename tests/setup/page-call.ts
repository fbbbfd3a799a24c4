// A page's loader or action as React Router calls it, for integration tests of pages: a signed-in
// principal, German, and form fields posted like a browser without JavaScript.
import { RouterContextProvider, type data as routerData } from "react-router";
import { pageContext } from "#app/app/context.ts";
import { catalogs } from "#app/i18n/catalogs.server.ts";
import { createTranslator } from "#app/i18n/translator.ts";
import type { Principal } from "#app/server/policy/roles.ts";
import type { DemoContext } from "./test-db.ts";
import { TEST_BASE_URL } from "./test-services.ts";

/** The status and body of `fn` (a loader or action) called on `path` for `who`, posting `fields` if given. */
export async function callPage<A extends (args: never) => unknown>(
  ctx: DemoContext,
  fn: A,
  who: Principal,
  path: string,
  params: Record<string, string>,
  fields?: [string, string][],
) {
  const context = new RouterContextProvider();
  context.set(pageContext, {
    requestId: "req-page-call",
    log: ctx.services.core.logger,
    services: ctx.services,
    tenant: (await ctx.services.tenants.byId(ctx.tenantId))!,
    principal: who,
    lang: "de",
    t: createTranslator("de", catalogs().get("de") ?? {}),
  });
  const url = new URL(`${TEST_BASE_URL}${path}`);
  const request = fields
    ? new Request(url, { method: "POST", body: new URLSearchParams(fields) })
    : new Request(url);
  const result = (await fn({ context, request, url, pattern: url.pathname, params } as never)) as Awaited<
    ReturnType<A>
  >;
  const wrapped = result as unknown as ReturnType<typeof routerData>;
  if (wrapped && typeof wrapped === "object" && "init" in wrapped && "data" in wrapped)
    return { status: wrapped.init?.status ?? 200, body: wrapped.data as Record<string, unknown> };
  return { status: 200, body: result as Record<string, unknown> };
}
